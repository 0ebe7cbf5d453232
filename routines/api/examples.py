"""Example answers shown in the API docs and the OpenAPI document."""

import hashlib
from pathlib import Path

from zones.api.examples import SOURCE, UPDATED_AT, example_id

ROUTINE_ID = example_id("routines.routine", "quick-five-minutes")
ROUTINE_MAP = "/api/v1/routines/quick-five-minutes/map.en.3f9c2a7d41b0e865.svg"
# The address the shipped drawing of thumb walking gets: pictures are named by their digest.
DRAWING = Path(__file__).parent.parent / "data" / "images" / "techniques" / "thumb-walking.svg"
DRAWING_URL = f"/pictures/{hashlib.sha256(DRAWING.read_bytes()).hexdigest()}.svg"

AUDIENCE = {
    "id": example_id("routines.audience", "stress"),
    "slug": "stress",
    "name": "Stressed or tired",
    "updated_at": UPDATED_AT,
}
TOOL = {
    "id": example_id("routines.tool", "towel"),
    "slug": "towel",
    "name": "Towel",
    "description": "A soft towel to rest the foot on and to wrap the other foot so that it "
    "stays warm.",
    "updated_at": UPDATED_AT,
}
ROUTINE_ITEM = {
    "id": ROUTINE_ID,
    "slug": "quick-five-minutes",
    "title": "Five-minute foot break",
    "summary": "A short massage of both feet for a break in the day: exactly 5 minutes.",
    "difficulty": "easy",
    "performer": "self",
    "total_duration_seconds": 300,
    "step_count": 8,
    "audiences": ["everyone"],
    "tools": [],
    "benefits": ["calm"],
    "published_at": "2026-11-23T20:00:00Z",
    "updated_at": UPDATED_AT,
    "image": {
        "url": ROUTINE_MAP,
        "width": 1000,
        "height": 1000,
        "content_type": "image/svg+xml",
        "alt": "The foot map with the zones that “Five-minute foot break” works highlighted.",
        "thumbnail": {"url": ROUTINE_MAP, "width": 1000, "height": 1000},
    },
    "review": {
        "reviewed_at": "2026-11-23T18:30:00Z",
        "reviewer": {"name": "Anna Petrova", "role": "podiatrist"},
    },
}
ROUTINE_DETAIL = {
    **ROUTINE_ITEM,
    "audiences": [
        {
            "id": example_id("routines.audience", "everyone"),
            "slug": "everyone",
            "name": "Everyone",
            "updated_at": UPDATED_AT,
        }
    ],
    "benefits": [
        {
            "id": example_id("routines.benefit", "calm"),
            "slug": "calm",
            "title": "Calm after a hard day",
            "evidence_level": "some_evidence",
        }
    ],
    "tools": [],
    "introduction": "Shoes off, one foot across the other knee.",
    "not_for": "Anyone with a blood clot, a fracture or an open wound on the foot.",
    "safety_notes": "",
    "contraindications": [
        {
            "id": example_id("routines.contraindication", "open-wounds"),
            "slug": "open-wounds",
            "name": "Open wounds, burns or broken skin",
            "severity": "do_not_massage",
        }
    ],
    "steps": [
        {
            "id": example_id("routines.step", f"{ROUTINE_ID}/1"),
            "number": 1,
            "title": "Strokes",
            "instruction": "Stroke the foot from toes to ankle a few times.",
            "technique": {
                "id": example_id("routines.technique", "stroking"),
                "slug": "stroking",
                "name": "Stroking (effleurage)",
            },
            "foot": "right",
            "zones": [],
            "area": {
                "id": example_id("zones.area", "whole-foot"),
                "slug": "whole-foot",
                "name": "Whole foot",
                "max_pressure": {"value": 3, "label": "moderate"},
                "updated_at": UPDATED_AT,
            },
            "pressure": {"value": 2, "label": "light"},
            "duration_seconds": 32,
            "repetitions": 4,
            "tip": "",
            "narration": "Slow strokes from the toes up to the ankle. Keep them light.",
            "position": 1,
            "side": "right",
            "cues": [
                {
                    "at_seconds": 0,
                    "kind": "start",
                    "text": "Slow strokes from the toes up to the ankle. Keep them light.",
                },
                {"at_seconds": 8, "kind": "repeat", "text": "Again: 2 of 4."},
                {"at_seconds": 16, "kind": "repeat", "text": "Again: 3 of 4."},
                {"at_seconds": 24, "kind": "repeat", "text": "Again: 4 of 4."},
            ],
        }
    ],
    # Shortened, like the steps: the whole timeline lists all eight steps back to back.
    "timeline": {
        "total_seconds": 300,
        "steps": [{"position": 1, "starts_at_seconds": 0, "ends_at_seconds": 32}],
    },
}
BENEFIT = {
    "id": example_id("routines.benefit", "calm"),
    "slug": "calm",
    "title": "Calm after a hard day",
    "summary": "A slow foot massage relaxes and eases nervous tension.",
    "body": "Slow, rhythmic touch on the feet helps many people unwind.",
    "evidence_level": "some_evidence",
    "evidence_note": "Trials found less anxiety after foot reflexology.",
    "audiences": [AUDIENCE],
    "sources": [SOURCE],
    "zones": [
        {
            "id": example_id("zones.zone", "solar-plexus"),
            "slug": "solar-plexus",
            "name": "Solar plexus",
            "foot": "both",
            "region": "arch",
        }
    ],
    "routines": [
        {
            "id": ROUTINE_ID,
            "slug": "quick-five-minutes",
            "title": "Five-minute foot break",
            "difficulty": "easy",
        }
    ],
    "updated_at": UPDATED_AT,
}
TECHNIQUE = {
    "id": example_id("routines.technique", "thumb-walking"),
    "slug": "thumb-walking",
    "name": "Thumb walking",
    "how_to": "Bend the top joint of the thumb and straighten it to creep forward in small steps.",
    "image": {
        "url": DRAWING_URL,
        "width": 480,
        "height": 320,
        "content_type": "image/svg+xml",
        "alt": "A bent thumb creeps over the sole in small steps from the heel towards the toes.",
        "thumbnail": {"url": DRAWING_URL, "width": 480, "height": 320},
    },
    "updated_at": UPDATED_AT,
}
CONTRAINDICATION = {
    "id": example_id("routines.contraindication", "thrombosis"),
    "slug": "thrombosis",
    "name": "Deep vein thrombosis or a blood clot",
    "severity": "do_not_massage",
    "description": "Do not massage the feet or legs of anyone with a known or suspected clot.",
    "applies_to_every_routine": True,
    "zones": [],
    "techniques": [],
    "sources": [SOURCE],
    "updated_at": UPDATED_AT,
}
SAFETY = {
    "slug": "safety",
    "title": "Before you start",
    "disclaimer": "Foot massage can help you relax. Reflexology cannot find or treat illness.",
    "screen": "Do not massage the feet if any of these applies to you.",
    "conditions": [CONTRAINDICATION],
    "preparation": "Wash your hands, sit comfortably and check the feet for cuts.",
    "aftercare": "Drink a glass of water and rest for a few minutes.",
    "when_to_stop": "Stop at once if anything hurts, tingles or goes numb.",
    "pressure_scale": [
        {"level": 1, "key": "feather", "feels_like": "Barely touching, like stroking a cat."}
    ],
    "updated_at": UPDATED_AT,
    "review": ROUTINE_ITEM["review"],
}
