"""What the foot map's enum values mean, for a lay reader (footcare.content.labels).

Labels are the choices' own (the words editors see in the admin); the explanations are here,
beside the models rather than in them, so that models.py keeps to the data and this module is
the one place a translator or a reviewer reads every explanation of the foot map.
"""

from django.utils.translation import gettext_lazy as _

from footcare.content.labels import Kind, Label, LabelSet, from_choices, kind_label_sets
from zones.models import (
    BodySystem,
    Foot,
    FootSide,
    Pressure,
    Region,
    Sensitivity,
    Skin,
    Tradition,
    View,
)

LEFT = _("The left foot. By the reflexology charts' mirror rule it maps the left half of the body.")
RIGHT = _(
    "The right foot. By the reflexology charts' mirror rule it maps the right half of the body."
)

PRESSURE = {
    Pressure.FEATHER: _("Barely touching the skin, as when stroking a cat. For tender spots."),
    Pressure.LIGHT: _("A gentle press that does not dent the skin much. Comfortable everywhere."),
    Pressure.MODERATE: _("A steady press you clearly feel, but never painful."),
    Pressure.FIRM: _("A strong press with the thumb, for thick skin such as the heel pad."),
    Pressure.DEEP: _(
        "The strongest press, for the thickest parts only. Ease off at once if it hurts."
    ),
}

# Skin signs on a zone: every label of this enum says what kind of claim they are.
TRADITIONAL_BELIEF = _(
    "Reflexology tradition holds this, but studies have not shown it. It is not a diagnosis: "
    "see a doctor about any symptom."
)

LABEL_SETS = [
    from_choices(
        "BodySystemEnum",
        BodySystem,
        {
            BodySystem.NERVOUS: _("The brain, spinal cord and nerves."),
            BodySystem.ENDOCRINE: _(
                "Glands that make hormones, such as the thyroid and the adrenals."
            ),
            BodySystem.SENSORY: _("The eyes, ears and sinuses."),
            BodySystem.RESPIRATORY: _("The lungs and airways."),
            BodySystem.CARDIOVASCULAR: _("The heart and blood vessels."),
            BodySystem.DIGESTIVE: _("The stomach, intestines, liver and other digestive organs."),
            BodySystem.URINARY: _("The kidneys, ureters and bladder."),
            BodySystem.REPRODUCTIVE: _("The organs of reproduction, such as the uterus or testes."),
            BodySystem.MUSCULOSKELETAL: _("Bones, joints and muscles, such as the spine or hip."),
            BodySystem.LYMPHATIC: _(
                "The lymph nodes and vessels that drain fluid and help fight infection."
            ),
        },
    ),
    from_choices(
        "FootEnum",
        Foot,
        {
            Foot.LEFT: LEFT,
            Foot.RIGHT: RIGHT,
            Foot.BOTH: _("Both feet: do it on one foot, then the same on the other."),
        },
    ),
    from_choices("FootSideEnum", FootSide, {FootSide.LEFT: LEFT, FootSide.RIGHT: RIGHT}),
    from_choices(
        "ViewEnum",
        View,
        {
            View.PLANTAR: _("The foot seen from below: the sole you stand on."),
            View.DORSAL: _("The foot seen from above: the top, where the laces go."),
            View.MEDIAL: _("The foot seen from the inside: the edge along the big toe and arch."),
            View.LATERAL: _("The foot seen from the outside: the edge along the little toe."),
        },
    ),
    from_choices(
        "RegionEnum",
        Region,
        {
            Region.TOES: _("The toes, including the skin between them."),
            Region.BALL: _("The padded part of the sole just behind the toes."),
            Region.ARCH: _("The raised middle of the sole, between the ball and the heel."),
            Region.HEEL: _("The back of the sole, under the heel bone."),
            Region.ANKLE: _("The ankle bones and the area around them."),
            Region.INNER_EDGE: _("The side of the foot along the big toe and the arch."),
            Region.OUTER_EDGE: _("The side of the foot along the little toe."),
            Region.TOP: _("The upper side of the foot, from the toes to the ankle."),
        },
    ),
    from_choices(
        "SensitivityEnum",
        Sensitivity,
        {
            Sensitivity.LOW: _("Most people find firm pressure here comfortable."),
            Sensitivity.MEDIUM: _("Start gently: some people find this spot tender."),
            Sensitivity.HIGH: _("A tender spot: keep the pressure light and stop if it hurts."),
        },
    ),
    from_choices(
        "SkinEnum",
        Skin,
        {
            Skin.TENDER: _("Thin, delicate skin, as between the toes: use light pressure."),
            Skin.NORMAL: _("Ordinary skin that takes moderate pressure."),
            Skin.COARSE: _("Thick, tough skin, as on the heel pad: it takes firmer pressure."),
        },
    ),
    LabelSet(
        "PressureLabelEnum",
        tuple(Label(level.key, level.label, PRESSURE[level]) for level in Pressure),
    ),
    from_choices(
        "TraditionEnum",
        Tradition,
        {
            Tradition.COMMON: _("Most reflexology charts place this zone the same way."),
            Tradition.WESTERN: _(
                "Placed as on the Western chart of Eunice Ingham; other charts may differ."
            ),
            Tradition.CHINESE: _(
                "Placed as on Chinese-style charts; Western charts may place it elsewhere."
            ),
        },
    ),
    LabelSet(
        "EvidenceEnum", (Label("traditional_belief", _("Traditional belief"), TRADITIONAL_BELIEF),)
    ),
    *kind_label_sets(
        [
            Kind(
                "zone",
                "zones",
                _("Zone"),
                _("Zones"),
                _("Areas of the feet that reflexology charts link to parts of the body."),
            ),
            Kind(
                "body_part",
                "body_parts",
                _("Body part"),
                _("Body parts"),
                _("Organs and parts of the body that the charts link to zones of the feet."),
            ),
            Kind(
                "foot_map",
                "foot_maps",
                _("Foot map"),
                _("Foot maps"),
                _("The outline of the foot seen from one side, with its landmark lines."),
            ),
            Kind(
                "area",
                "areas",
                _("Area"),
                _("Areas"),
                _("Large parts of the foot a step may work on, such as the whole sole."),
                lean_only=True,
            ),
            Kind(
                "source",
                "sources",
                _("Source"),
                _("Sources"),
                _("Books, charts and studies the content is based on."),
                lean_only=True,
            ),
        ]
    ),
]
