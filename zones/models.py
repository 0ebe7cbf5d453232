"""The foot map: sources, foot outlines, landmark lines, areas, body parts and reflex zones."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from footcare.content.catalogue import CatalogueItem, Positioned, Stamped
from footcare.content.journal import JournaledModel
from zones.geometry import polygons_problems, polyline_problems


class BodySystem(models.TextChoices):
    NERVOUS = "nervous", _("Nervous")
    ENDOCRINE = "endocrine", _("Endocrine")
    SENSORY = "sensory", _("Sensory")
    RESPIRATORY = "respiratory", _("Respiratory")
    CARDIOVASCULAR = "cardiovascular", _("Cardiovascular")
    DIGESTIVE = "digestive", _("Digestive")
    URINARY = "urinary", _("Urinary")
    REPRODUCTIVE = "reproductive", _("Reproductive")
    MUSCULOSKELETAL = "musculoskeletal", _("Musculoskeletal")
    LYMPHATIC = "lymphatic", _("Lymphatic")


class Foot(models.TextChoices):
    LEFT = "left", _("Left foot")
    RIGHT = "right", _("Right foot")
    BOTH = "both", _("Both feet")


class FootSide(models.TextChoices):
    """One foot, where "both" makes no sense (the foot map draws one foot at a time)."""

    LEFT = "left", _("Left foot")
    RIGHT = "right", _("Right foot")


class View(models.TextChoices):
    PLANTAR = "plantar", _("Sole (plantar)")
    DORSAL = "dorsal", _("Top (dorsal)")
    MEDIAL = "medial", _("Inner edge (medial)")
    LATERAL = "lateral", _("Outer edge (lateral)")


class Region(models.TextChoices):
    TOES = "toes", _("Toes")
    BALL = "ball", _("Ball of the foot")
    ARCH = "arch", _("Arch")
    HEEL = "heel", _("Heel")
    ANKLE = "ankle", _("Ankle")
    INNER_EDGE = "inner_edge", _("Inner edge")
    OUTER_EDGE = "outer_edge", _("Outer edge")
    TOP = "top", _("Top of the foot")


class Sensitivity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Skin(models.TextChoices):
    TENDER = "tender", _("Tender")
    NORMAL = "normal", _("Normal")
    COARSE = "coarse", _("Coarse")


class Pressure(models.IntegerChoices):
    """How hard to press, 1 to 5; steps of routines use the same scale."""

    FEATHER = 1, _("1 · feather")
    LIGHT = 2, _("2 · light")
    MODERATE = 3, _("3 · moderate")
    FIRM = 4, _("4 · firm")
    DEEP = 5, _("5 · deep")

    @property
    def key(self) -> str:
        """The stable lower-case name the API uses, e.g. ``light``."""
        return self.name.lower()


PRESSURE_LABELS = [pressure.key for pressure in Pressure]


def pressure(value: int) -> dict[str, Any]:
    """A pressure as the API and the foot map show it: ``{"value": 2, "label": "light"}``."""
    return {"value": value, "label": Pressure(value).key}


class Tradition(models.TextChoices):
    COMMON = "common", _("Common to most charts")
    WESTERN = "western", _("Western (Ingham) chart")
    CHINESE = "chinese", _("Chinese-style chart")


class Source(CatalogueItem, JournaledModel):
    """A published reference that content cites (book, article, chart or web page).

    A reader must be able to follow it: it has a locator (a URL, a DOI or an ISBN), its exact
    title, who wrote or published it and when, and says what in our content it supports.
    """

    # How it is cited, in the order the pack and the API give it.
    CITATION_FIELDS = ["citation", "title", "author", "publisher", "year", "url", "doi", "isbn"]

    citation = models.CharField(
        _("citation"), max_length=300, help_text=_("Author, title, publisher, year.")
    )
    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_("The exact title, as the source prints it."),
    )
    author = models.CharField(_("author"), max_length=200, blank=True, help_text=_("Who wrote it."))
    publisher = models.CharField(
        _("publisher"),
        max_length=200,
        blank=True,
        help_text=_("The journal, publisher or website."),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    url = models.URLField(_("URL"), blank=True, help_text=_("Where to read it, if it is online."))
    doi = models.CharField(
        max_length=100,
        blank=True,
        verbose_name=_("DOI"),
        validators=[RegexValidator(r"^10\.\d{4,9}/\S+$", _("A DOI starts with 10. and a slash."))],
    )
    isbn = models.CharField(
        max_length=17,
        blank=True,
        verbose_name=_("ISBN"),
        validators=[
            RegexValidator(r"^(97[89])?[\d-]{9,13}[\dX]$", _("Give the ISBN's 10 or 13 digits."))
        ],
    )
    supports = models.TextField(
        _("supports"),
        blank=True,
        help_text=_("What in our content this source supports, in one sentence."),
    )

    class Meta:
        ordering = ["citation"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.citation

    @property
    def link(self) -> str:
        """Where a reader can follow the source: its URL, else its DOI as a link; may be empty
        for a book known only by its ISBN."""
        if self.url:
            return self.url
        return f"https://doi.org/{self.doi}" if self.doi else ""


class BodyPart(CatalogueItem, JournaledModel):
    """A part of the body that reflexology charts link to one or more zones of the feet."""

    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    system = models.CharField(_("system"), max_length=20, choices=BodySystem.choices)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("body part")
        verbose_name_plural = _("body parts")

    def __str__(self) -> str:
        return self.name


longitudinal_zones_validator = RegexValidator(
    r"^1?2?3?4?5?$", _("List longitudinal zones as digits 1 to 5 in order, e.g. 123.")
)


class Zone(CatalogueItem, JournaledModel):
    """A reflex zone of the feet: where it is, what it is linked to, and how hard to press.

    ``foot`` says which feet carry it: by the mirror rule the right foot maps the right half
    of the body, so the liver is on the right foot only and the spleen on the left only,
    while midline and paired organs are on both. Its shapes (``ZoneShape``) are drawn on
    the canonical right-foot outline of each view.
    """

    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"))
    body_parts = models.ManyToManyField(
        BodyPart, related_name="zones", verbose_name=_("body parts")
    )
    foot = models.CharField(_("foot"), max_length=5, choices=Foot.choices, default=Foot.BOTH)
    region = models.CharField(_("region"), max_length=12, choices=Region.choices)
    longitudinal_zones = models.CharField(
        _("longitudinal zones"),
        max_length=5,
        blank=True,
        validators=[longitudinal_zones_validator],
        help_text=_("Zones 1 (big-toe side) to 5 (little-toe side) it lies in, e.g. 23."),
    )
    sensitivity = models.CharField(_("sensitivity"), max_length=6, choices=Sensitivity.choices)
    skin = models.CharField(_("skin"), max_length=6, choices=Skin.choices, default=Skin.NORMAL)
    recommended_pressure = models.PositiveSmallIntegerField(
        _("recommended pressure"), choices=Pressure.choices
    )
    max_pressure = models.PositiveSmallIntegerField(
        _("maximum pressure"),
        choices=Pressure.choices,
        help_text=_("No step of a routine may press harder than this on this zone."),
    )
    technique_hints = models.TextField(_("technique hints"), blank=True)
    caution = models.TextField(_("caution"), blank=True)
    skin_signs = models.TextField(
        blank=True,
        verbose_name=_("traditional skin signs"),
        help_text=_(
            "What tradition reads into the skin here. Shown to users as a traditional "
            "belief, never as a diagnosis."
        ),
    )
    tradition = models.CharField(
        _("tradition"), max_length=8, choices=Tradition.choices, default=Tradition.COMMON
    )
    tradition_note = models.TextField(
        _("tradition note"),
        blank=True,
        help_text=_("Where charts disagree about this zone, and how."),
    )
    sources: "models.ManyToManyField[Source, Any]" = models.ManyToManyField(
        Source, related_name="zones", verbose_name=_("sources")
    )
    overlaps: "models.ManyToManyField[Zone, Any]" = models.ManyToManyField(
        "self",
        symmetrical=True,
        blank=True,
        verbose_name=_("traditional overlaps"),
        help_text=_(
            "Zones that charts traditionally draw on top of this one (the gallbladder inside "
            "the liver). A step pressing this zone presses those too, so it keeps to their "
            "limits as well."
        ),
    )
    position = models.PositiveIntegerField(
        _("position"),
        default=0,
        db_index=True,
        help_text=_("Order in lists: toes first, heel last."),
    )

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recommended_pressure__lte=models.F("max_pressure")),
                name="zone_recommended_pressure_within_max",
                violation_error_message=_(
                    "The recommended pressure cannot be harder than the maximum pressure."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(recommended_pressure__gte=1, recommended_pressure__lte=5)
                & models.Q(max_pressure__gte=1, max_pressure__lte=5),
                name="zone_pressures_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def longitudinal_zone_numbers(self) -> list[int]:
        return [int(digit) for digit in self.longitudinal_zones]

    def on_foot(self, foot: str) -> bool:
        """Whether this zone exists on ``foot`` (``left`` or ``right``)."""
        return self.foot in (foot, Foot.BOTH)

    def clean(self) -> None:
        if (
            self.recommended_pressure is not None
            and self.max_pressure is not None
            and self.recommended_pressure > self.max_pressure
        ):
            raise ValidationError(
                {
                    "recommended_pressure": _(
                        "The recommended pressure (%(recommended)s) cannot be harder than the "
                        "maximum pressure (%(maximum)s)."
                    )
                    % {"recommended": self.recommended_pressure, "maximum": self.max_pressure}
                }
            )
        super().clean()  # the safety guards: published routines that this change would break


class Area(CatalogueItem, Positioned, JournaledModel):
    """A whole area of the foot that a step can work as one (the whole sole, the ankle).

    Strokes, wringing and circles work an area rather than single reflex zones; the area's
    own pressure limit is what such a step is checked against, as a zone's is for a step
    that names zones.
    """

    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    max_pressure = models.PositiveSmallIntegerField(
        _("maximum pressure"),
        choices=Pressure.choices,
        help_text=_("No step working this area may press harder than this."),
    )

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_pressure__gte=1, max_pressure__lte=5),
                name="area_max_pressure_on_scale",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Shape(JournaledModel):
    """Where something lies on one view of the foot: one or more polygons, right-foot
    coordinates. A zone's and an area's shapes are drawn alike and checked alike."""

    view = models.CharField(_("view"), max_length=8, choices=View.choices)
    polygons = models.JSONField(
        _("polygons"),
        help_text=_(
            "A list of polygons, each a list of [x, y] corners from 0 to 1 (origin top left), "
            "on the right foot; the left foot is drawn as its mirror image."
        ),
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        problems = polygons_problems(self.polygons)
        if problems:
            raise ValidationError({"polygons": problems})


class ZoneShape(Shape):
    """Where a zone lies on one view of the foot."""

    zone = models.ForeignKey(
        Zone, on_delete=models.CASCADE, related_name="shapes", verbose_name=_("zone")
    )

    class Meta:
        ordering = ["zone", "view"]
        verbose_name = _("zone shape")
        verbose_name_plural = _("zone shapes")
        constraints = [
            models.UniqueConstraint(fields=["zone", "view"], name="one_shape_per_zone_and_view")
        ]

    def __str__(self) -> str:
        return f"{self.zone} · {self.get_view_display()}"


class AreaShape(Shape):
    """Where an area lies on one view of the foot, so that a step that names only an area (the
    whole sole, the ankle) can be shown on the map: the app highlights the area under the
    zones."""

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="shapes", verbose_name=_("area")
    )

    class Meta:
        ordering = ["area", "view"]
        verbose_name = _("area shape")
        verbose_name_plural = _("area shapes")
        constraints = [
            models.UniqueConstraint(fields=["area", "view"], name="one_shape_per_area_and_view")
        ]

    def __str__(self) -> str:
        return f"{self.area} · {self.get_view_display()}"


class FootOutline(Stamped, JournaledModel):
    """The outline of the right foot seen from one view; zones are drawn on top of it."""

    view = models.CharField(_("view"), max_length=8, choices=View.choices, unique=True)
    points = models.JSONField(
        _("points"), help_text=_("The outline as a list of [x, y] corners from 0 to 1.")
    )
    aspect_ratio = models.FloatField(
        _("aspect ratio"),
        help_text=_("Width divided by height of the drawing, e.g. 0.42 for a sole."),
    )

    class Meta:
        ordering = ["view"]
        verbose_name = _("foot outline")
        verbose_name_plural = _("foot outlines")

    def __str__(self) -> str:
        return str(self.get_view_display())

    def clean(self) -> None:
        problems = polygons_problems([self.points])
        if problems:
            raise ValidationError({"points": problems})
        if self.aspect_ratio is not None and not 0.1 <= self.aspect_ratio <= 10:
            raise ValidationError({"aspect_ratio": _("Give a ratio between 0.1 and 10.")})


class Landmark(Stamped, JournaledModel):
    """A reference line on one view (diaphragm line, waistline, heel line)."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    view = models.CharField(_("view"), max_length=8, choices=View.choices)
    points = models.JSONField(
        _("points"), help_text=_("The line as a list of [x, y] points from 0 to 1.")
    )

    class Meta:
        ordering = ["view", "slug"]
        verbose_name = _("landmark")
        verbose_name_plural = _("landmarks")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        problems = polyline_problems(self.points, minimum=2, label=gettext("Line"))
        if problems:
            raise ValidationError({"points": problems})
