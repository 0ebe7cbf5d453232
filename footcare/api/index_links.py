"""A link of the API's front door (``/api/v1/``): apps give theirs (``AppHooks.index_links``)."""

from typing import NamedTuple

from django.urls import reverse


class IndexLink(NamedTuple):
    """A collection or document of this version, as the index lists it."""

    name: str  # for a program, e.g. "zones"
    route: str  # its route name, e.g. "v1:zone-list"
    title: str  # for a person
    query: str = ""  # what a link needs to lead somewhere that answers (a foot and a view)

    def as_json(self) -> dict[str, str]:
        return {"name": self.name, "href": reverse(self.route) + self.query, "title": self.title}
