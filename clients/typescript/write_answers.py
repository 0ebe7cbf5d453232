"""Write real answers of the service as typed TypeScript constants, for `tsc --strict`.

Loads the shipped content into a throwaway SQLite database, asks the service for every list,
every item, the foot maps, safety, the index, the full syncs, the labels, a `?fields=` list of
each collection and a 400 problem, in English and Russian, and writes each answer as

    export const zones_en: Answer<"/api/v1/zones/"> = { ...the JSON... };

Object literals are checked against their declared type field by field: a missing required
field, a value outside an enum, a wrong type or a field the contract does not declare fails
the compilation. Usage: write_answers.py OUTPUT.ts
"""

import io
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
LISTS = [
    ("/api/v1/zones/", "/api/v1/zones/{slug}/"),
    ("/api/v1/body-parts/", "/api/v1/body-parts/{slug}/"),
    ("/api/v1/benefits/", "/api/v1/benefits/{slug}/"),
    ("/api/v1/techniques/", "/api/v1/techniques/{slug}/"),
    ("/api/v1/contraindications/", "/api/v1/contraindications/{slug}/"),
    ("/api/v1/audiences/", "/api/v1/audiences/{slug}/"),
    ("/api/v1/tools/", "/api/v1/tools/{slug}/"),
    ("/api/v1/areas/", "/api/v1/areas/{slug}/"),
    ("/api/v1/sources/", "/api/v1/sources/{slug}/"),
    ("/api/v1/routines/", "/api/v1/routines/{slug}/"),
]
PARTIAL = "application/vnd.footcare.partial+json"


def answers(client: Any) -> list[tuple[str, str, str, str, object]]:
    """(name, contract path, status, media type, body) for every answer to check."""

    def get(url: str, language: str, status: int = 200) -> object:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language, HTTP_HOST="127.0.0.1")
        if response.status_code != status:
            raise SystemExit(f"GET {url}: {response.status_code}, expected {status}")
        return response.json()

    found = []
    for language in ("en", "ru"):
        for listing, detail in LISTS:
            page = get(f"{listing}?limit=500", language)
            found.append((listing, listing, "200", "application/json", page))
            for item in page["results"]:  # type: ignore[index]
                url = detail.replace("{slug}", item["slug"])
                found.append((url, detail, "200", "application/json", get(url, language)))
            fields = ",".join(list(page["results"][0])[:2])  # type: ignore[index]
            url = f"{listing}?fields={fields}"
            found.append((url, listing, "200", PARTIAL, get(url, language)))
        for foot in ("left", "right"):
            for view in ("plantar", "dorsal", "medial", "lateral"):
                url = f"/api/v1/foot-map/?foot={foot}&view={view}"
                found.append(
                    (url, "/api/v1/foot-map/", "200", "application/json", get(url, language))
                )
        for path in (
            "/api/v1/",
            "/api/v1/safety/",
            "/api/v1/sync/",
            "/api/v1/sync/lean/",
            "/api/v1/labels/",
        ):
            found.append((path, path, "200", "application/json", get(path, language)))
        url = "/api/v1/zones/?limit=0"
        problem = get(url, language, status=400)
        found.append((url, "/api/v1/zones/", "400", "application/problem+json", problem))
    return [(f"answer{i}", *entry[1:]) for i, entry in enumerate(found)]


def main(output: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/answers.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "footcare.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client

        call_command("migrate", "--noinput", verbosity=0)
        call_command("load_content", stdout=io.StringIO())
        lines = ['import type { Answer } from "../answer";', ""]
        found = answers(Client())
        for name, path, status, media, body in found:
            lines.append(f"// GET {path} ({status}, {media})")
            lines.append(
                f'export const {name}: Answer<"{path}", {status}, "{media}"> = '
                f"{json.dumps(body, ensure_ascii=False, indent=1)};"
            )
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(found)} answers written to {output}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
