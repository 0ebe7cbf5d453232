"""The fields every catalogue model shares, declared once.

A catalogue item (a zone, a benefit, a routine …) has an id that never changes, a unique slug
for its address, and the time it last changed. The parts of a resource (a foot outline, the
safety screen) are stamped, without a slug of their own. An item that editors order by hand
has a position.

Each model names ``JournaledModel`` among its bases itself, last: the type checker's Django
plugin types a model's manager only through one level of abstract bases. Each keeps its own
``Meta`` (names, ordering, constraints): those say what the model is.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from footcare.content.identity import Identified


class Stamped(models.Model):
    """A model that says when it last changed (the API's ``updated_at``)."""

    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True


class CatalogueItem(Identified, Stamped):
    """A public item found at its slug, with an id that outlives renames."""

    slug = models.SlugField(_("slug"), unique=True)

    class Meta:
        abstract = True


class Positioned(models.Model):
    """An item editors put in order by hand; lists show the lowest position first."""

    position = models.PositiveIntegerField(_("position"), default=0, db_index=True)

    class Meta:
        abstract = True
