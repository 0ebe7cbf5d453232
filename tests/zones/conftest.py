import pytest

from tests.factories import (
    BodyPartFactory,
    FootOutlineFactory,
    LandmarkFactory,
    SourceFactory,
    ZoneFactory,
)

TRIANGLE = [[0.6, 0.4], [0.9, 0.4], [0.9, 0.5]]
SQUARE = [[0.4, 0.1], [0.5, 0.1], [0.5, 0.2], [0.4, 0.2]]
WEB = [[0.3, 0.2], [0.35, 0.2], [0.32, 0.25]]


@pytest.fixture
def small_map(db):
    """Three zones: liver (right foot only), sinuses (both, two views), toe webs (tender)."""
    return make_small_map()


def make_small_map():
    """``small_map``'s rows, for a module that makes them once (``made_once_per_module``)."""
    kunz = SourceFactory(slug="kunz", citation="Kunz, Complete Reflexology for Life, 2007")
    liver = BodyPartFactory(slug="liver", name_en="Liver", name_ru="Печень", system="digestive")
    sinuses = BodyPartFactory(
        slug="sinuses", name_en="Sinuses", name_ru="Пазухи", system="respiratory"
    )
    lymph = BodyPartFactory(
        slug="upper-lymph", name_en="Upper lymph", name_ru="Лимфоузлы", system="lymphatic"
    )
    FootOutlineFactory(view="plantar", aspect_ratio=0.4)
    FootOutlineFactory(view="dorsal", aspect_ratio=0.4)
    LandmarkFactory()
    return {
        "sinuses": ZoneFactory(
            slug="sinuses",
            name_en="Sinuses",
            name_ru="Пазухи носа",
            description_en="Pads of the small toes.",
            description_ru="Подушечки малых пальцев.",
            foot="both",
            region="toes",
            longitudinal_zones="2345",
            sensitivity="medium",
            recommended_pressure=2,
            max_pressure=3,
            technique_hints_en="Thumb-walk each pad.",
            technique_hints_ru="Проработайте каждую подушечку.",
            skin_signs_en="Traditional belief: peeling here means congestion.",
            skin_signs_ru="Традиционное поверье: шелушение здесь означает заложенность.",
            position=1,
            body_parts=[sinuses],
            sources=[kunz],
            shapes={"plantar": [SQUARE], "dorsal": [SQUARE]},
        ),
        "liver": ZoneFactory(
            slug="liver",
            name_en="Liver",
            name_ru="Печень",
            foot="right",
            region="arch",
            longitudinal_zones="45",
            sensitivity="medium",
            recommended_pressure=3,
            max_pressure=4,
            position=2,
            body_parts=[liver],
            sources=[kunz],
            shapes={"plantar": [TRIANGLE]},
        ),
        "webs": ZoneFactory(
            slug="toe-webs",
            name_en="Between the toes",
            name_ru="Между пальцами",
            foot="both",
            region="toes",
            longitudinal_zones="12345",
            sensitivity="high",
            skin="tender",
            recommended_pressure=1,
            max_pressure=2,
            position=3,
            body_parts=[lymph],
            sources=[kunz],
            shapes={"dorsal": [WEB]},
        ),
    }
