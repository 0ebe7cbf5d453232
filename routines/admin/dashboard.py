"""The routines' part of the editors' dashboard (see footcare.admin.dashboard): how many
techniques, benefits, contraindications and routines there are, the drafts that wait, and the
routines that could not be published as they are.

The safety check is ``Routine.publish_problems`` for every routine at once: the same rules
(``routines.safety``) over the same facts (``Step.facts``), loaded for all routines in a fixed
number of queries rather than a few per routine.
"""

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from footcare.admin.dashboard import LIST_LIMIT, Entry, Listing, Tally, Viewer, tally_of
from routines import safety
from routines.drafts import screen_draft
from routines.models import (
    Approval,
    Benefit,
    Contraindication,
    Routine,
    SafetyScreen,
    Status,
    Step,
    Technique,
)
from routines.versions import ROUTINE_LINKS, version


def tallies(viewer: Viewer) -> list[Tally]:
    counted = [
        tally_of(viewer, model)
        for model in (Technique, Benefit, Contraindication)
        if viewer.can_view(model)
    ]
    return [*counted, routine_tally(viewer)] if viewer.can_view(Routine) else counted


def routine_tally(viewer: Viewer) -> Tally:
    """All routines, split into published and drafts (one query)."""
    counts = Routine.objects.aggregate(
        total=Count("pk"),
        published=Count("pk", filter=Q(status=Status.PUBLISHED)),
        drafts=Count("pk", filter=Q(status=Status.DRAFT)),
    )
    return Tally(
        label=capfirst(str(Routine._meta.verbose_name_plural)),
        number=counts["total"],
        url=viewer.changelist_url(Routine),
        parts=[
            Tally(
                label=ngettext("published", "published", counts["published"]),
                number=counts["published"],
                url=viewer.changelist_url(Routine, status__exact=Status.PUBLISHED),
            ),
            Tally(
                label=ngettext("draft", "drafts", counts["drafts"]),
                number=counts["drafts"],
                url=viewer.changelist_url(Routine, status__exact=Status.DRAFT),
            ),
        ],
    )


def listings(viewer: Viewer) -> list[Listing]:
    if not viewer.can_view(Routine):
        return []
    return [drafts_waiting(viewer), *waiting_for_review(viewer), safety_problems(viewer)]


def _changes_something(item: Routine | SafetyScreen) -> bool:
    """A draft of changes to what readers have, not a new routine."""
    return isinstance(item, SafetyScreen) or item.draft_of_id is not None


def waiting_for_review(viewer: Viewer) -> list[Listing]:
    """While review is required: the drafts (new routines and drafts of changes) whose
    version no reviewer approved, the last edited first. Eight queries, however many drafts:
    every draft with its steps, zones and links, then the approvals of them all; two more
    for the safety screen's draft."""
    if not settings.REVIEW_REQUIRED:
        return []
    drafts = list(
        Routine.objects.filter(status=Status.DRAFT)
        .select_related("draft_of")
        .prefetch_related("steps__zones", *ROUTINE_LINKS)
        .order_by("-updated_at", "pk")
    )
    subjects = {routine.reviewed_as_id for routine in drafts}
    approved = set(
        Approval.objects.filter(routine_id__in=subjects).values_list("routine_id", "version")
    )
    waiting: list[Routine | SafetyScreen] = [
        routine for routine in drafts if (routine.reviewed_as_id, version(routine)) not in approved
    ]
    # The safety screen's draft of changes, first: every routine relies on it.
    screen = screen_draft()
    if screen is not None and Approval.of_screen(screen) is None:
        waiting.insert(0, screen)
    return [
        Listing(
            key="review",
            heading=_("Waiting for a reviewer"),
            empty=_("Nothing waits for a reviewer."),
            entries=[
                Entry(
                    label=str(routine),
                    url=viewer.change_url(routine),
                    updated=routine.updated_at,
                    tag=_("changes") if _changes_something(routine) else "",
                )
                for routine in waiting[:LIST_LIMIT]
            ],
            more=_("All drafts") if len(waiting) > LIST_LIMIT else "",
            more_url=viewer.changelist_url(Routine, status__exact=Status.DRAFT),
        )
    ]


def drafts_waiting(viewer: Viewer) -> Listing:
    """The draft routines, the last edited first (one query)."""
    # One more than shown: whether there are more is known without counting them.
    drafts = list(
        Routine.objects.filter(status=Status.DRAFT).order_by("-updated_at", "pk")[: LIST_LIMIT + 1]
    )
    return Listing(
        key="drafts",
        heading=_("Drafts waiting"),
        empty=_("No drafts waiting."),
        entries=[
            Entry(label=str(routine), url=viewer.change_url(routine), updated=routine.updated_at)
            for routine in drafts[:LIST_LIMIT]
        ],
        more=_("All drafts") if len(drafts) > LIST_LIMIT else "",
        more_url=viewer.changelist_url(Routine, status__exact=Status.DRAFT),
    )


def safety_problems(viewer: Viewer) -> Listing:
    """The routines that could not be published as they are, and why: published ones first
    (readers see them now), then drafts, the last edited first. The safety screen comes
    before them when it stops every routine. At most six queries, however many routines."""
    general = Contraindication.objects.filter(applies_to_every_routine=True).exists()
    routines = sorted(
        checked_routines(),
        key=lambda routine: (not routine.is_published, -routine.updated_at.timestamp()),
    )
    troubled = [
        Entry(
            label=str(routine),
            url=viewer.change_url(routine),
            updated=routine.updated_at,
            notes=found,
            tag=routine.get_status_display(),
        )
        for routine in routines
        if (found := routine_problems(routine, general_contraindication=general))
    ]
    hidden = len(troubled) - LIST_LIMIT
    return Listing(
        key="safety",
        heading=_("Safety problems"),
        empty=_("Every routine could be published as it is."),
        entries=[*safety_screen_entries(viewer), *troubled[:LIST_LIMIT]],
        more=_more_with_problems(hidden) if hidden > 0 else "",
        more_url=viewer.changelist_url(Routine),
    )


def _more_with_problems(count: int) -> str:
    return ngettext(
        "%(count)d more routine with problems", "%(count)d more routines with problems", count
    ) % {"count": count}


def safety_screen_entries(viewer: Viewer) -> list[Entry]:
    """The safety screen, when what it lacks stops every routine from being published."""
    problems = SafetyScreen.publish_problems()
    if not problems or not viewer.can_view(SafetyScreen):
        return []
    return [
        Entry(
            label=_("Safety screen"),
            # Its list leads to the one screen, or offers to write it when there is none.
            url=viewer.changelist_url(SafetyScreen),
            notes=[*problems, _("No routine can be published until then.")],
        )
    ]


def checked_routines() -> QuerySet[Routine]:
    """Every routine with what its safety check reads: its steps with their area, zones and the
    zones those overlap (as ``publish_problems`` loads them for one routine), and whether a
    contraindication of its zones or techniques applies (``for_steps`` for one routine)."""
    steps = (
        Step.objects.select_related("area")
        .prefetch_related("zones__overlaps")
        .order_by("position", "pk")
    )
    linked = Contraindication.objects.all()
    return (
        Routine.objects.all()
        .prefetch_related(Prefetch("steps", queryset=steps))
        .annotate(
            contraindication_of_zone=Exists(linked.filter(zones__steps__routine=OuterRef("pk"))),
            contraindication_of_technique=Exists(
                linked.filter(techniques__steps__routine=OuterRef("pk"))
            ),
        )
    )


def routine_problems(routine: Routine, *, general_contraindication: bool) -> list[str]:
    """``routine.publish_problems()`` without the safety screen's, from ``checked_routines``'
    prefetched facts; ``general_contraindication``: whether one applies to every routine."""
    facts = [step.facts() for step in routine.steps.all()]
    any_applies = (
        general_contraindication
        or routine.contraindication_of_zone  # type: ignore[attr-defined]
        or routine.contraindication_of_technique  # type: ignore[attr-defined]
    )
    return safety.publish_problems(facts) + safety.contraindication_problems(
        facts, any_applies=any_applies
    )
