"""Scale the loaded content pack to N published routines (copies of the shipped ones)."""

import sys

import django

django.setup()

from routines.models import Routine  # noqa: E402


def scale_to(count: int) -> None:
    originals = list(Routine.objects.published().order_by("slug"))
    index = 0
    while Routine.objects.published().count() < count:
        copy = originals[index % len(originals)].duplicate()
        copy.publish()
        index += 1


if __name__ == "__main__":
    scale_to(int(sys.argv[1]))
    print(Routine.objects.published().count(), "published routines")
