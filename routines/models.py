"""Audiences, tools, techniques, contraindications, benefits, routines and their steps, the safety
screen and pressure scale.
"""

import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from footcare.content.catalogue import CatalogueItem, Positioned, Stamped
from footcare.content.db import slugs_of
from footcare.content.identity import Identified
from footcare.content.journal import JournaledModel, JournaledQuerySet
from footcare.content.translations import translated_columns
from footcare.models import Picture
from routines import safety
from routines.versions import screen_version, version
from zones.models import Area, Foot, Pressure, Source, Zone

# Sent once a routine's publishing has committed (with ``routine=``): the API stores its
# answers at once (``routines.api.warm``), and the model knows nothing of HTTP.
published = Signal()


class EvidenceLevel(models.TextChoices):
    TRADITIONAL_BELIEF = "traditional_belief", _("Traditional belief")
    SOME_EVIDENCE = "some_evidence", _("Some evidence")
    GOOD_EVIDENCE = "good_evidence", _("Good evidence")


class Severity(models.TextChoices):
    DO_NOT_MASSAGE = "do_not_massage", _("Do not massage")
    ASK_A_DOCTOR_FIRST = "ask_a_doctor_first", _("Ask a doctor first")
    TAKE_CARE = "take_care", _("Take care")


class Difficulty(models.TextChoices):
    EASY = "easy", _("Easy")
    MODERATE = "moderate", _("Moderate")
    ADVANCED = "advanced", _("Advanced")


class Performer(models.TextChoices):
    SELF = "self", _("Yourself (self-massage)")
    PARTNER = "partner", _("A partner")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Tag(CatalogueItem, Positioned):
    """An item a routine is tagged with and a list filters by, known by a short name: an
    audience or a tool."""

    name = models.CharField(_("name"), max_length=80)

    class Meta:
        abstract = True
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name


class Audience(Tag, JournaledModel):
    """A group of people a benefit or routine is meant for (flat feet, athletes …)."""

    class Meta(Tag.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")


class Tool(Tag, JournaledModel):
    """Something a routine needs besides hands: a towel, oil, a ball, a basin of warm water."""

    description = models.TextField(_("description"), blank=True)

    class Meta(Tag.Meta):
        verbose_name = _("tool")
        verbose_name_plural = _("tools")


class Benefit(CatalogueItem, Positioned, JournaledModel):
    """A benefit of foot massage, with how strong the evidence for it is."""

    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("text"))
    audiences: "models.ManyToManyField[Audience, Any]" = models.ManyToManyField(
        Audience, related_name="benefits", blank=True, verbose_name=_("audiences")
    )
    evidence_level = models.CharField(
        _("evidence level"), max_length=20, choices=EvidenceLevel.choices
    )
    evidence_note = models.TextField(
        _("evidence note"),
        blank=True,
        help_text=_("What the evidence does and does not show, in plain words."),
    )
    sources: "models.ManyToManyField[Source, Any]" = models.ManyToManyField(
        Source, related_name="benefits", blank=True, verbose_name=_("sources")
    )
    zones: "models.ManyToManyField[Zone, Any]" = models.ManyToManyField(
        Zone, related_name="benefits", blank=True, verbose_name=_("zones")
    )

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")

    def __str__(self) -> str:
        return self.title


class Technique(CatalogueItem, Positioned, JournaledModel):
    """A massage movement (stroking, thumb walking, kneading …) and how to do it."""

    name = models.CharField(_("name"), max_length=80)
    how_to = models.TextField(_("how to do it"))
    picture = models.ForeignKey(
        Picture,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("picture"),
        help_text=_("A drawing or photo that shows the movement (PNG, JPEG, WebP or SVG)."),
    )
    image_alt = models.CharField(
        _("picture description"),
        max_length=200,
        help_text=_("What the picture shows, in one sentence, for people who cannot see it."),
    )

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("technique")
        verbose_name_plural = _("techniques")

    def __str__(self) -> str:
        return self.name


class ContraindicationQuerySet(JournaledQuerySet):
    def for_steps(self, steps: Iterable["Step"]) -> "ContraindicationQuerySet":
        """Every contraindication of a routine with these steps: the general ones, and those
        of the zones and techniques its steps use. Computed, so none can be forgotten."""
        zones = {zone.pk for step in steps for zone in step.zones.all()}
        techniques = {step.technique_id for step in steps}
        return self.filter(
            models.Q(applies_to_every_routine=True)
            | models.Q(zones__in=zones)
            | models.Q(techniques__in=techniques)
        ).distinct()


class Contraindication(CatalogueItem, Positioned, JournaledModel):
    """A condition under which the feet should not be massaged, or only with care.

    General ones (deep-vein thrombosis, a fracture, a gout flare …) apply to every routine;
    the others to the routines whose steps press their zones or use their techniques.
    """

    name = models.CharField(_("name"), max_length=120)
    severity = models.CharField(_("severity"), max_length=20, choices=Severity.choices)
    description = models.TextField(_("description"))
    applies_to_every_routine = models.BooleanField(
        default=False,
        verbose_name=_("applies to every routine"),
        help_text=_(
            "A condition of the whole person (a thrombosis, a fracture): every routine lists "
            "it. Leave unticked for one that concerns only certain zones or techniques."
        ),
    )
    zones: "models.ManyToManyField[Zone, Any]" = models.ManyToManyField(
        Zone,
        related_name="contraindications",
        blank=True,
        verbose_name=_("zones"),
        help_text=_("Zones to avoid or to treat gently under this condition."),
    )
    techniques: "models.ManyToManyField[Technique, Any]" = models.ManyToManyField(
        Technique,
        related_name="contraindications",
        blank=True,
        verbose_name=_("techniques"),
        help_text=_("Techniques to avoid under this condition; routines using them list it."),
    )
    sources: "models.ManyToManyField[Source, Any]" = models.ManyToManyField(
        Source, related_name="contraindications", blank=True, verbose_name=_("sources")
    )

    objects = ContraindicationQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("contraindication")
        verbose_name_plural = _("contraindications")

    def __str__(self) -> str:
        return self.name


class RoutineQuerySet(JournaledQuerySet):
    def published(self) -> "RoutineQuerySet":
        return self.filter(status=Status.PUBLISHED)

    def listing(self, item: Contraindication) -> "RoutineQuerySet":
        """The routines whose contraindications include ``item``: every routine for a general
        one, else those that list it or whose steps use its zones or techniques (the list
        the API shows, ``RoutineDetailSerializer.every_contraindication``)."""
        if item.applies_to_every_routine:
            return self.all()
        return self.filter(
            models.Q(contraindications=item)
            | models.Q(steps__zones__contraindications=item)
            | models.Q(steps__technique__contraindications=item)
        ).distinct()

    def with_slugs(self) -> "RoutineQuerySet":
        """Annotate ``audience_slugs``, ``benefit_slugs`` and ``tool_slugs`` (JSON arrays)."""
        return self.annotate(
            audience_slugs=slugs_of(Audience.objects.all(), "routines"),
            benefit_slugs=slugs_of(Benefit.objects.all(), "routines"),
            tool_slugs=slugs_of(Tool.objects.all(), "routines"),
        )

    def with_totals(self) -> "RoutineQuerySet":
        """Annotate ``total_duration_seconds`` and ``step_count``.

        Subqueries rather than joins: list filters join benefits, zones and body parts, and a
        join would count each step once per matching row.
        """
        steps = Step.objects.filter(routine=OuterRef("pk")).order_by().values("routine")
        return self.annotate(
            total_duration_seconds=Coalesce(
                Subquery(steps.annotate(total=Sum("duration_seconds")).values("total")), 0
            ),
            step_count=Coalesce(Subquery(steps.annotate(count=Count("pk")).values("count")), 0),
        )


class Routine(CatalogueItem, JournaledModel):
    """A guided foot massage: ordered, timed steps, published when it is safe and ready.

    Its total duration is derived from the steps, never typed in.
    """

    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("summary"), max_length=300)
    introduction = models.TextField(_("introduction"), blank=True)
    picture = models.ForeignKey(
        Picture,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("picture"),
        help_text=_(
            "Optional. Without one, the app shows the foot map with the zones this routine "
            "works highlighted."
        ),
    )
    image_alt = models.CharField(
        _("picture description"),
        max_length=200,
        blank=True,
        help_text=_("What your picture shows, in one sentence (only with a picture)."),
    )
    benefits: "models.ManyToManyField[Benefit, Any]" = models.ManyToManyField(
        Benefit, related_name="routines", blank=True, verbose_name=_("benefits")
    )
    audiences: "models.ManyToManyField[Audience, Any]" = models.ManyToManyField(
        Audience, related_name="routines", blank=True, verbose_name=_("audiences")
    )
    performer = models.CharField(
        max_length=7,
        choices=Performer.choices,
        default=Performer.SELF,
        verbose_name=_("who massages"),
        help_text=_("Whether the person massages their own feet or a partner gives it."),
    )
    tools: "models.ManyToManyField[Tool, Any]" = models.ManyToManyField(
        Tool,
        related_name="routines",
        blank=True,
        verbose_name=_("tools"),
        help_text=_("What it needs besides hands; none for hands only."),
    )
    not_for = models.TextField(
        blank=True,
        verbose_name=_("who should not use it"),
        help_text=_("In plain words, who should choose another routine or ask a doctor first."),
    )
    difficulty = models.CharField(
        _("difficulty"), max_length=10, choices=Difficulty.choices, default=Difficulty.EASY
    )
    contraindications: "models.ManyToManyField[Contraindication, Any]" = models.ManyToManyField(
        Contraindication,
        related_name="routines",
        blank=True,
        verbose_name=_("contraindications"),
    )
    safety_notes = models.TextField(_("safety notes"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Set on a draft of changes to a published routine (routines.drafts): readers keep the
    # published routine until the draft is published over it.
    draft_of = models.OneToOneField(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="draft",
        verbose_name=_("draft of"),
        help_text=_("The published routine these changes are for."),
    )
    # The reviewer's sign-off of the version readers have, set as it is published.
    approval = models.ForeignKey(
        "Approval",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("approval"),
    )
    # What the schedule worker (routines.schedules) does on its own, and for whom.
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Published (a draft of changes: over its routine) at this time."),
    )
    withdraw_at = models.DateTimeField(
        _("withdraw at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Withdrawn from the apps at this time."),
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("scheduled by"),
    )

    # The stubs see JournaledModel's manager as a class variable; this one only narrows it.
    objects = RoutineQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["title"]
        verbose_name = _("routine")
        verbose_name_plural = _("routines")
        permissions = [
            ("publish_routine", "Can publish and withdraw routines"),
            ("review_routine", "Can approve routines for readers"),
        ]
        constraints = [
            # Whatever path a change takes (a script, a restore from history), readers never
            # get a draft of changes: it reaches them only as the published routine.
            models.CheckConstraint(
                condition=models.Q(draft_of__isnull=True) | models.Q(status=Status.DRAFT),
                name="a_draft_of_changes_is_never_published",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding and self.is_published and settings.REVIEW_REQUIRED:
            # No approval can name a routine before it exists (routines.content.guards
            # judges the status changes of the ones that do).
            raise ValidationError(
                gettext("A new routine starts as a draft: a reviewer approves it first.")
            )
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def reviewed_as_id(self) -> int:
        """The routine an approval of this one is for (a saved one): for a draft of changes,
        the published routine it will become; else this one."""
        return self.draft_of_id if self.draft_of_id is not None else self.pk

    def total_duration(self) -> int:
        """Seconds the whole routine takes: the sum of its steps' durations."""
        annotated = getattr(self, "total_duration_seconds", None)
        if annotated is not None:
            return int(annotated)
        return sum(step.duration_seconds for step in self.steps.all())

    def publish_problems(self) -> list[str]:
        steps = list(
            self.steps.select_related("area")
            .prefetch_related("zones__overlaps")
            .order_by("position")
        )
        facts = [step.facts() for step in steps]
        # Without steps the rule has nothing to say, so the query is skipped.
        any_applies = bool(steps) and Contraindication.objects.for_steps(steps).exists()
        return (
            safety.publish_problems(facts)
            + safety.contraindication_problems(facts, any_applies=any_applies)
            + SafetyScreen.publish_problems()
        )

    def publish(self) -> None:
        """Publish now, or raise ValidationError saying what stands in the way."""
        if self.draft_of_id:
            raise ValidationError(
                gettext("This is a draft of changes: publish it over its routine from its page.")
            )
        problems = self.publish_problems()
        if problems:
            raise ValidationError(problems)
        if not self.is_published:
            self.approval = Approval.required_for(self)
            self.status = Status.PUBLISHED
            self.published_at = timezone.now()
            self.save(update_fields=["status", "published_at", "approval", "updated_at"])
            transaction.on_commit(lambda: published.send(sender=Routine, routine=self))

    def forget_stale_approval(self) -> None:
        """Drop the approval the routine was published with once its content is no longer the
        version approved (a correction the pack loader brought, an edit with the editorial
        workflow off): readers are not told a reviewer checked what she never saw."""
        if self.approval_id is None:
            return
        if not Approval.objects.filter(pk=self.approval_id, version=version(self)).exists():
            self.approval = None
            self.save(update_fields=["approval", "updated_at"])

    def withdraw(self) -> None:
        """Take the routine out of the API; it stays editable as a draft."""
        if self.is_published:
            self.status = Status.DRAFT
            self.save(update_fields=["status", "updated_at"])

    def renumber_steps(self) -> None:
        renumber_steps(self.pk)

    def duplicate(self) -> "Routine":
        """A draft copy with its steps, for an editor to start a variation from."""
        with transaction.atomic():
            slug = f"{self.slug}-copy"
            number = 1
            while Routine.objects.filter(slug=slug).exists():
                number += 1
                slug = f"{self.slug}-copy-{number}"
            copy = Routine.objects.get(pk=self.pk)
            copy.pk = None
            copy.uuid = uuid.uuid4()  # a new item, with an id of its own
            copy.slug = slug
            copy.status = Status.DRAFT
            copy.published_at = None
            copy.draft_of = None  # a routine of its own, even copied from a draft of changes
            for field in translated_columns("title"):
                value = getattr(self, field)
                if value:
                    setattr(copy, field, f"{value} (copy)")
            copy.save()
            copy.benefits.set(self.benefits.all())
            copy.audiences.set(self.audiences.all())
            copy.tools.set(self.tools.all())
            copy.contraindications.set(self.contraindications.all())
            for step in list(self.steps.all()):
                zones = list(step.zones.all())
                step.pk = None
                step.uuid = uuid.uuid4()
                step.routine = copy
                step.original = None
                step.save()
                step.zones.set(zones)
            return copy


def renumber_steps(routine_id: int) -> None:
    """Make a routine's step positions run 1, 2, 3 … in their current order, closing gaps."""
    with transaction.atomic():
        steps = Step.objects.filter(routine_id=routine_id).order_by("position", "pk")
        for number, step_id in enumerate(steps.values_list("pk", flat=True), start=1):
            Step.objects.filter(pk=step_id).exclude(position=number).update(position=number)


class Step(Identified, Positioned, JournaledModel):
    """One timed step of a routine: which foot, which zones, which technique, how hard.

    ``duration_seconds`` is the time of the whole step, all repetitions included: it is what
    the player's timer counts down, and the routine's total is the sum of these.
    """

    # What a step says, in the order editors (the step table) and readers (the API) meet it.
    SHOWN = (
        "title",
        "instruction",
        "technique",
        "foot",
        "zones",
        "area",
        "pressure",
        "duration_seconds",
        "repetitions",
        "tip",
        "narration",
        "position",
    )

    routine = models.ForeignKey(
        Routine, on_delete=models.CASCADE, related_name="steps", verbose_name=_("routine")
    )
    title = models.CharField(_("title"), max_length=120)
    instruction = models.TextField(_("instruction"))
    technique = models.ForeignKey(
        Technique, on_delete=models.PROTECT, related_name="steps", verbose_name=_("technique")
    )
    foot = models.CharField(_("foot"), max_length=5, choices=Foot.choices)
    zones: "models.ManyToManyField[Zone, Any]" = models.ManyToManyField(
        Zone, related_name="steps", blank=True, verbose_name=_("zones")
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        related_name="steps",
        null=True,
        blank=True,
        verbose_name=_("area"),
        help_text=_(
            "The whole area the step works (the whole sole, the ankle). A step names an area, "
            "zones, or both; its pressure may not exceed any of their limits."
        ),
    )
    pressure = models.PositiveSmallIntegerField(
        _("pressure"),
        choices=Pressure.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    duration_seconds = models.PositiveIntegerField(
        _("duration in seconds"),
        validators=[MinValueValidator(5), MaxValueValidator(1800)],
        help_text=_("The whole step, all repetitions included."),
    )
    repetitions = models.PositiveSmallIntegerField(
        _("repetitions"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    tip = models.TextField(_("tip"), blank=True)
    narration = models.TextField(
        _("narration"),
        blank=True,
        help_text=_("Optional text for text-to-speech; the instruction is used if empty."),
    )
    # In a draft of changes, the published step this one edits: publishing the draft updates
    # that step, so apps keep its id (routines.drafts).
    original = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("original step"),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def spoken(self) -> str:
        """What a player says as the step starts: the narration, else the instruction."""
        return self.narration or self.instruction

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.position and self.routine_id:
            last = Step.objects.filter(routine_id=self.routine_id).aggregate(
                last=models.Max("position")
            )["last"]
            self.position = (last or 0) + 1
        super().save(*args, **kwargs)

    def facts(
        self, zones: Iterable[Zone] | None = None, *, edited: Zone | None = None
    ) -> safety.StepFacts:
        """This step as the safety rules see it, with ``zones`` or its saved zones.

        The zones that its zones traditionally overlap count too: pressing one presses the
        other. ``edited`` is an unsaved zone to see in place of its saved row.
        """
        chosen = list(zones) if zones is not None else list(self.zones.all())
        if edited is not None:
            chosen = [edited if zone.pk == edited.pk else zone for zone in chosen]
        named = {zone.pk for zone in chosen}
        overlapped = {
            other.pk: (edited if edited is not None and other.pk == edited.pk else other)
            for zone in chosen
            if zone.pk
            for other in zone.overlaps.all()
            if other.pk not in named
        }
        area = self.area if self.area_id else None
        return safety.StepFacts(
            label=gettext("Step %(position)s (%(title)s)")
            % {"position": self.position, "title": self.title},
            foot=self.foot,
            pressure=self.pressure,
            zones=[safety.ZoneLimit(zone.name, zone.foot, zone.max_pressure) for zone in chosen],
            area=safety.ZoneLimit(area.name, Foot.BOTH, area.max_pressure) if area else None,
            overlapped=[
                safety.ZoneLimit(
                    gettext("%(zone)s (drawn over its zones)") % {"zone": zone.name},
                    zone.foot,
                    zone.max_pressure,
                )
                for zone in overlapped.values()
                if zone.on_foot(self.foot) or self.foot == Foot.BOTH
            ],
        )

    def check_safety(self, zones: Iterable[Zone] | None = None) -> None:
        """Raise ValidationError, on the fields to change, if the step breaks a safety rule."""
        if self.pressure is None or not self.foot or (zones is None and not self.pk):
            return
        facts = self.facts(zones)
        errors = {
            field: problems
            for field, problems in (
                ("pressure", safety.pressure_problems(facts.pressure, facts.limits)),
                ("foot", safety.foot_problems(facts.foot, facts.zones)),
                ("area", safety.location_problems(facts)),
            )
            if problems
        }
        if errors:
            raise ValidationError(errors)

    def clean(self) -> None:
        if self.duration_seconds and self.repetitions and self.duration_seconds % self.repetitions:
            below = self.duration_seconds - self.duration_seconds % self.repetitions
            raise ValidationError(
                {
                    "duration_seconds": _(
                        "Each repetition must take whole seconds, so that the app can count "
                        "them: with %(repetitions)d repetitions, choose %(below)d or %(above)d "
                        "seconds."
                    )
                    % {
                        "repetitions": self.repetitions,
                        "below": below,
                        "above": below + self.repetitions,
                    }
                }
            )
        self.check_safety()


class Approval(JournaledModel):
    """A reviewer's sign-off of one exact version of a routine (``routines.versions``).

    Kept for good, with who approved it as readers are told (name and role, as they were
    then): a routine is published only with an approval of the version it publishes while
    ``REVIEW_REQUIRED`` is on, and any change after it needs a new one. For a draft of
    changes, ``routine`` is the published routine the draft changes.
    """

    routine = models.ForeignKey(
        Routine,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="approvals",
        verbose_name=_("routine"),
        help_text=_("Empty for an approval of the safety screen."),
    )
    version = models.CharField(
        _("version"), max_length=64, help_text=_("SHA-256 of the approved content.")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    reviewer_name = models.CharField(_("reviewer's name"), max_length=150)
    reviewer_role = models.CharField(
        _("reviewer's role"),
        max_length=120,
        help_text=_("As readers are told, e.g. podiatrist, physiotherapist, nurse."),
    )
    approved_at = models.DateTimeField(_("approved at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-approved_at", "-pk"]
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        indexes = [models.Index(fields=["routine", "version"])]

    def __str__(self) -> str:
        return f"{self.reviewer_name} ({self.reviewer_role}), {self.approved_at:%Y-%m-%d}"

    @classmethod
    def of(cls, routine: Routine) -> "Approval | None":
        """The latest approval of ``routine``'s content as it is now (for a draft of changes,
        approved for the routine it changes)."""
        return cls.objects.filter(
            routine_id=routine.reviewed_as_id, version=version(routine)
        ).first()

    @classmethod
    def of_screen(cls, screen: "SafetyScreen") -> "Approval | None":
        """The latest approval of the safety screen's texts as they are now."""
        return cls.objects.filter(routine=None, version=screen_version(screen)).first()

    @classmethod
    def required_for(cls, item: "Routine | SafetyScreen") -> "Approval | None":
        """The approval that lets ``item`` (a routine, or the safety screen's draft) be
        published as it is now; raises ValidationError without one while review is required."""
        approval = cls.of_screen(item) if isinstance(item, SafetyScreen) else cls.of(item)
        if approval is None and settings.REVIEW_REQUIRED:
            raise ValidationError(
                gettext(
                    "A reviewer has not approved this version of “%(title)s” yet; any change "
                    "after an approval needs a new one."
                )
                % {"title": item}
            )
        return approval


class SafetyScreen(Stamped, JournaledModel):
    """What the app shows before the first session, and what every routine relies on.

    One row. The disclaimer says what reflexology is not; the screen introduces the questions
    (the contraindications that apply to every routine); preparation, aftercare and when to
    stop are read before and after any routine. No routine can be published while any of these
    texts is missing in any language.
    """

    TEXTS = ("title", "disclaimer", "screen", "preparation", "aftercare", "when_to_stop")
    LIVE, DRAFT = 1, 2  # the rows: what readers get, and the draft of changes to it

    title = models.CharField(_("title"), max_length=120)
    disclaimer = models.TextField(
        _("disclaimer"), help_text=_("What massage and reflexology can and cannot do.")
    )
    screen = models.TextField(
        verbose_name=_("safety screen"),
        help_text=_(
            "Shown before the first session, above the list of conditions under which not to "
            "massage (the contraindications that apply to every routine)."
        ),
    )
    preparation = models.TextField(
        _("preparation"), help_text=_("How to prepare before any routine.")
    )
    aftercare = models.TextField(_("aftercare"), help_text=_("What to do after a routine."))
    when_to_stop = models.TextField(
        _("when to stop"), help_text=_("Signs to stop at once, and when to see a doctor.")
    )
    # The draft of changes (routines.drafts): readers never see it; publishing writes it over
    # the screen readers have.
    is_draft = models.BooleanField(_("draft of changes"), default=False, editable=False)
    # The reviewer's sign-off of the texts readers have, set as a draft is published.
    approval = models.ForeignKey(
        "Approval",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("approval"),
    )

    class Meta:
        verbose_name = _("safety screen")
        verbose_name_plural = _("safety screen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pk=1, is_draft=False) | models.Q(pk=2, is_draft=True),
                name="one_safety_screen_and_one_draft",
            )
        ]

    def __str__(self) -> str:
        title = self.title or str(_("Safety screen"))
        return (
            gettext("Draft of changes to “%(title)s”") % {"title": title}
            if self.is_draft
            else title
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        # One screen readers get and at most one draft of it; saving another replaces it.
        self.pk = self.DRAFT if self.is_draft else self.LIVE
        # Texts changed since the reviewer approved them (a pack correction, a script):
        # readers are not told she checked what she never saw.
        if self.approval_id is not None and not self._approval_current():
            self.approval = None
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "approval"}
        super().save(*args, **kwargs)

    def _approval_current(self) -> bool:
        return Approval.objects.filter(
            pk=self.approval_id or 0, routine=None, version=screen_version(self)
        ).exists()

    def missing_texts(self) -> list[str]:
        """The translated columns that are empty, e.g. ``disclaimer_ru``."""
        return [
            column
            for field in self.TEXTS
            for column in translated_columns(field)
            if not (getattr(self, column, "") or "").strip()
        ]

    @classmethod
    def publish_problems(cls) -> list[str]:
        """Why no routine can be published for want of safety texts; empty when none."""
        screen = cls.objects.filter(pk=1).first()
        if screen is None:
            return [
                gettext(
                    "Write the safety screen (disclaimer, screen, preparation, aftercare) first."
                )
            ]
        missing = screen.missing_texts()
        if missing:
            return [
                gettext(
                    "The safety screen is missing text in some languages: %(missing)s. "
                    "Fill it in before publishing."
                )
                % {"missing": ", ".join(missing)}
            ]
        return []


class PressureLevel(Stamped, JournaledModel):
    """What each step of the 1–5 pressure scale feels like, in words a beginner can use."""

    level = models.PositiveSmallIntegerField(_("level"), choices=Pressure.choices, unique=True)
    feels_like = models.TextField(
        _("feels like"), help_text=_("What this pressure feels like, and where to use it.")
    )

    class Meta:
        ordering = ["level"]
        verbose_name = _("pressure level")
        verbose_name_plural = _("pressure levels")

    def __str__(self) -> str:
        return str(Pressure(self.level).label)

    @property
    def key(self) -> str:
        return Pressure(self.level).key


class PreviewLink(models.Model):
    """A time-limited link with which a device fetches a routine readers do not have yet (a
    draft, or a draft of changes) in the published API's shape (``routines.preview_links``).

    Not content: readers never see it, so it is not journaled. The link carries its own
    expiry, signed; this row is what revoking it (or publishing or discarding the draft it
    shows, which deletes the row with the draft) takes away.
    """

    key = models.UUIDField(_("key"), default=uuid.uuid4, unique=True, editable=False)
    routine = models.ForeignKey(
        Routine,
        on_delete=models.CASCADE,
        related_name="preview_links",
        verbose_name=_("routine"),
        help_text=_("The routine, or draft of changes, the link shows."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self) -> str:
        return gettext("Preview of “%(title)s”") % {"title": self.routine}

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
