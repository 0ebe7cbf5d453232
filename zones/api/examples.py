"""Example answers shown in the API docs and the OpenAPI document."""

from footcare.content.identity import pack_id


def example_id(label: str, key: str) -> str:
    """The id the shipped pack gives this item: examples show the real ids."""
    return str(pack_id(label, key))


UPDATED_AT = "2026-11-23T20:00:00Z"
SOURCE = {
    "id": example_id("zones.source", "ernst-2009"),
    "citation": "Ernst E. Is reflexology an effective intervention? Med J Aust 191(5), 2009.",
    "title": "Is reflexology an effective intervention? A systematic review of randomised "
    "controlled trials",
    "author": "Edzard Ernst",
    "publisher": "Medical Journal of Australia",
    "year": 2009,
    "url": "https://pubmed.ncbi.nlm.nih.gov/19740047/",
    "doi": "",
    "isbn": "",
    "link": "https://pubmed.ncbi.nlm.nih.gov/19740047/",
    "supports": "No convincing evidence that reflexology treats any condition.",
}
PRESSURE_MODERATE = {"value": 3, "label": "moderate"}
PRESSURE_FIRM = {"value": 4, "label": "firm"}

ZONE_ITEM = {
    "id": example_id("zones.zone", "liver"),
    "slug": "liver",
    "name": "Liver",
    "foot": "right",
    "region": "arch",
    "views": ["plantar"],
    "longitudinal_zones": [3, 4, 5],
    "sensitivity": "medium",
    "skin": "normal",
    "recommended_pressure": PRESSURE_MODERATE,
    "max_pressure": PRESSURE_FIRM,
    "body_parts": ["liver"],
    "updated_at": UPDATED_AT,
}
ZONE_DETAIL = {
    **ZONE_ITEM,
    "body_parts": [
        {
            "id": example_id("zones.bodypart", "liver"),
            "slug": "liver",
            "name": "Liver",
            "system": "digestive",
        }
    ],
    "description": "A broad area on the right sole only, under the ball on the outer side.",
    "technique_hints": "Thumb-walk diagonally across the area in overlapping rows.",
    "caution": "",
    "traditional_skin_signs": None,
    "tradition": "common",
    "tradition_note": "",
    "sources": [SOURCE],
    "shapes": [{"view": "plantar", "polygons": [[[0.58, 0.38], [0.92, 0.38], [0.9, 0.47]]]}],
    "overlaps": [
        {
            "id": example_id("zones.zone", "gallbladder"),
            "slug": "gallbladder",
            "name": "Gallbladder",
            "foot": "right",
            "region": "arch",
        }
    ],
}
BODY_PART = {
    "id": example_id("zones.bodypart", "sinuses"),
    "slug": "sinuses",
    "name": "Sinuses",
    "system": "respiratory",
    "description": "",
    "zones": [
        {
            "id": example_id("zones.zone", "sinuses"),
            "slug": "sinuses",
            "name": "Sinuses",
            "foot": "both",
            "region": "toes",
            "views": ["plantar"],
            "sensitivity": "medium",
            "max_pressure": {"value": 3, "label": "moderate"},
        }
    ],
    "updated_at": UPDATED_AT,
}
FOOT_MAP = {
    "foot": "left",
    "view": "plantar",
    "aspect_ratio": 0.42,
    "outline": [[0.89, 0.05], [0.82, 0.02], [0.72, 0.02], [0.95, 0.36], [0.55, 0.99]],
    "landmarks": [
        {"slug": "waistline", "name": "Waistline", "points": [[0.84, 0.55], [0.14, 0.56]]}
    ],
    "zones": [
        {
            "id": example_id("zones.zone", "spleen"),
            "slug": "spleen",
            "name": "Spleen",
            "sensitivity": "medium",
            "recommended_pressure": PRESSURE_MODERATE,
            "max_pressure": PRESSURE_FIRM,
            "polygons": [[[0.2, 0.39], [0.08, 0.39], [0.1, 0.48], [0.2, 0.48]]],
            "highlighted": True,
        }
    ],
    "areas": [
        {
            "id": example_id("zones.area", "whole-sole"),
            "slug": "whole-sole",
            "name": "Whole sole",
            "max_pressure": {"value": 3, "label": "moderate"},
            "polygons": [[[0.7, 0.05], [0.3, 0.05], [0.25, 0.6], [0.4, 0.97], [0.65, 0.95]]],
            "highlighted": False,
        }
    ],
}
SOURCE_ITEM = {
    "id": SOURCE["id"],
    "slug": "ernst-2009",
    **{name: value for name, value in SOURCE.items() if name != "id"},
    "updated_at": UPDATED_AT,
}
AREA = {
    "id": example_id("zones.area", "whole-sole"),
    "slug": "whole-sole",
    "name": "Whole sole",
    "max_pressure": {"value": 3, "label": "moderate"},
    "updated_at": UPDATED_AT,
}
AREA_DETAIL = {
    **AREA,
    "description": "Broad rubbing and stretching over the whole sole. To press into points, "
    "name the zones instead.",
    # Shortened: the shipped polygon follows the sole's outline in about 40 points.
    "shapes": [
        {
            "view": "plantar",
            "polygons": [[[0.3, 0.05], [0.7, 0.05], [0.75, 0.6], [0.6, 0.97], [0.35, 0.95]]],
        }
    ],
}
