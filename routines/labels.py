"""What the routines' enum values mean, for a lay reader (footcare.content.labels).

Labels are the choices' own (the words editors see in the admin), and the cue kinds' here, as
the player names them by key only; the explanations are beside the models rather than in
them, so that models.py keeps to the data (see ``zones/labels.py``).
"""

from django.utils.translation import gettext_lazy as _

from footcare.content.labels import Kind, Label, LabelSet, from_choices, kind_label_sets
from routines.models import Difficulty, EvidenceLevel, Performer, Severity
from routines.player import CueKind

CUES = {
    CueKind.SWITCH_FOOT: (
        _("Switch feet"),
        _("The next step is on the other foot: said before the step begins."),
    ),
    CueKind.START: (_("Start of a step"), _("What to do in this step, said as it begins.")),
    CueKind.REPEAT: (_("Repeat"), _("The start of the next repetition, counted aloud.")),
    CueKind.BREATHE: (
        _("Breathe"),
        _("Halfway through a long step, a reminder to breathe slowly."),
    ),
    CueKind.END: (
        _("End of the session"),
        _("The session is over: rest for a minute before you stand up."),
    ),
}

LABEL_SETS = [
    from_choices(
        "EvidenceLevelEnum",
        EvidenceLevel,
        {
            EvidenceLevel.TRADITIONAL_BELIEF: _(
                "Reflexology tradition holds this, but studies have not shown it. Enjoy the "
                "massage, but do not count on it for this."
            ),
            EvidenceLevel.SOME_EVIDENCE: _(
                "A few small or early studies suggest it, but the evidence is weak or mixed."
            ),
            EvidenceLevel.GOOD_EVIDENCE: _(
                "Several good studies support it, such as foot massage helping people relax. "
                "It is still no substitute for treatment."
            ),
        },
    ),
    from_choices(
        "SeverityEnum",
        Severity,
        {
            Severity.DO_NOT_MASSAGE: _(
                "Do not massage the feet, or the zones named, while this applies: it could "
                "cause harm."
            ),
            Severity.ASK_A_DOCTOR_FIRST: _(
                "Massage may be safe, but only a doctor who knows your condition can say: ask "
                "before you start."
            ),
            Severity.TAKE_CARE: _(
                "Massage is usually fine, but go gently, avoid the spots named and stop if it "
                "hurts or feels wrong."
            ),
        },
    ),
    from_choices(
        "DifficultyEnum",
        Difficulty,
        {
            Difficulty.EASY: _("Simple strokes anyone can follow the first time."),
            Difficulty.MODERATE: _("A few techniques that take some practice to do well."),
            Difficulty.ADVANCED: _("Precise techniques and firmer pressure, for practised hands."),
        },
    ),
    from_choices(
        "PerformerEnum",
        Performer,
        {
            Performer.SELF: _("You massage your own feet, sitting comfortably."),
            Performer.PARTNER: _("Someone else massages your feet while you sit or lie back."),
        },
    ),
    LabelSet(
        "CueKindEnum",
        tuple(Label(kind, *CUES[kind]) for kind in CueKind.ALL),
    ),
    *kind_label_sets(
        [
            Kind(
                "safety",
                "safety",
                _("Safety screen"),
                _("Safety screen"),
                _("The questions to answer and the cautions to read before any routine."),
            ),
            Kind(
                "benefit",
                "benefits",
                _("Benefit"),
                _("Benefits"),
                _("What foot massage may do for you, with how strong the evidence is."),
            ),
            Kind(
                "technique",
                "techniques",
                _("Technique"),
                _("Techniques"),
                _("Ways of moving the hands, such as thumb walking or stroking."),
            ),
            Kind(
                "contraindication",
                "contraindications",
                _("Contraindication"),
                _("Contraindications"),
                _(
                    "Conditions in which massage, or part of it, is unsafe or needs a "
                    "doctor's word."
                ),
            ),
            Kind(
                "routine",
                "routines",
                _("Routine"),
                _("Routines"),
                _("Guided massage sessions: timed steps in order."),
            ),
            Kind(
                "audience",
                "audiences",
                _("Audience"),
                _("Audiences"),
                _("Groups of people a routine or benefit is meant for."),
                lean_only=True,
            ),
            Kind(
                "tool",
                "tools",
                _("Tool"),
                _("Tools"),
                _("Things a routine uses, such as a towel, oil or a ball."),
                lean_only=True,
            ),
        ]
    ),
]
