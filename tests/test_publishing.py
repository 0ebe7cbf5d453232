"""publish_static: every public answer as files, switched at once, nothing gone left behind."""

import gzip
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import brotli
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from footcare.content.journal import version
from footcare.edge.tree import (
    LIVE,
    MANIFEST,
    PAUSED,
    TREES,
    link_name,
    public_paths,
    write_tree,
)
from routines.models import Routine, SafetyScreen, Step, Technique
from tests.factories import (
    BodyPartFactory,
    FootOutlineFactory,
    RoutineFactory,
    StepFactory,
    TechniqueFactory,
    ZoneFactory,
    published_routine,
)
from tests.servers import ROOT, child_environment
from zones.models import BodyPart, FootOutline, Zone

pytestmark = pytest.mark.django_db

ORIGIN = "http://localhost"


@pytest.fixture
def catalogue():
    """Two published routines on 51 zones: the zone list has a second page."""
    zones = [ZoneFactory(recommended_pressure=1, max_pressure=3) for _ in range(51)]
    routines = []
    for slug in ("calm", "brisk"):
        routine = RoutineFactory(slug=slug)
        StepFactory(routine=routine, pressure=1, zones=zones[:2])
        routine.publish()
        routines.append(routine)
    return routines


@pytest.fixture
def small_catalogue():
    """Three zones on an outline, two routines that press on them."""
    FootOutlineFactory()
    lungs = BodyPartFactory(slug="lungs", name_en="Lungs", name_ru="Лёгкие")
    zones = [
        ZoneFactory(slug=f"z{n}", recommended_pressure=1, max_pressure=3, body_parts=[lungs])
        for n in range(3)
    ]
    technique = TechniqueFactory(slug="stroking")
    for slug, pressed in (("calm", zones[:1]), ("brisk", zones[1:])):
        routine = RoutineFactory(slug=slug)
        StepFactory(routine=routine, pressure=1, zones=pressed, technique=technique)
        routine.publish()


EDITS = {
    "a zone renamed": lambda: Zone.objects.filter(slug="z1").update(name_en="Renamed"),
    "a zone saved": lambda: Zone.objects.get(slug="z0").save(),
    "a body part renamed": lambda: BodyPart.objects.filter(slug="lungs").update(
        name_ru="Лёгкие и бронхи"
    ),
    "a step edited": lambda: Step.objects.filter(routine__slug="calm").update(duration_seconds=77),
    "a technique renamed": lambda: Technique.objects.filter(slug="stroking").update(
        name_en="Long strokes"
    ),
    "a routine withdrawn": lambda: Routine.objects.get(slug="brisk").withdraw(),
    "a new routine": lambda: published_routine("new", zones=[Zone.objects.get(slug="z2")]),
    "the outline redrawn": lambda: FootOutline.objects.filter(view="plantar").update(
        aspect_ratio=0.45
    ),
    "the safety screen": lambda: SafetyScreen.objects.update(title_en="Read this first"),
}


@pytest.mark.parametrize("edit", EDITS)
def test_after_an_edit_only_what_shows_it_is_rendered_and_the_tree_is_as_if_all_were(
    tmp_path, small_catalogue, edit
):
    write_tree(tmp_path / "step-by-step", origin=ORIGIN)
    EDITS[edit]()
    step = write_tree(tmp_path / "step-by-step", origin=ORIGIN)
    everything = write_tree(tmp_path / "all-at-once", origin=ORIGIN)

    assert step.rendered < everything.rendered
    step_by_step = json.loads((tmp_path / "step-by-step" / LIVE / MANIFEST).read_text())
    all_at_once = json.loads((tmp_path / "all-at-once" / LIVE / MANIFEST).read_text())
    differing = [
        f"{language} {path}"
        for language in ("en", "ru")
        for path in set(step_by_step["answers"][language]) | set(all_at_once["answers"][language])
        if step_by_step["answers"][language].get(path) != all_at_once["answers"][language].get(path)
    ]
    assert differing == []


def live_link(directory: Path, language: str, path: str) -> Path:
    return directory / LIVE / language / link_name(path)


def test_every_public_answer_is_in_the_tree_as_the_application_answers_it(tmp_path, catalogue):
    done = write_tree(tmp_path, origin=ORIGIN)
    manifest = json.loads((tmp_path / LIVE / MANIFEST).read_text())
    assert manifest["position"] == version().position

    client = Client(HTTP_HOST="localhost")
    second_page = f"{reverse('v1:zone-list')}?limit=50&offset=50"
    paths = [*public_paths(), second_page]
    drawings = [path for path in paths if path.startswith("/api/v1/routines/calm/map.")]
    assert [path.split(".")[1] for path in drawings] == ["en", "ru"]  # one per language
    published = 0
    for language in ("en", "ru"):
        for path in sorted(set(paths) | set(manifest["answers"][language])):
            answer = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
            link = live_link(tmp_path, language, path)
            if answer.status_code != 200 or "Translation-Fallback" in answer:
                # A routine's drawing needs foot outlines, which this catalogue has not; a
                # text in English for want of Russian needs the application's header.
                assert not link.exists(), f"{path} is left to the application"
                continue
            body = answer.content
            assert (link / "body").read_bytes() == body, path
            assert gzip.decompress((link / "body.gz").read_bytes()) == body
            assert brotli.decompress((link / "body.br").read_bytes()) == body
            # The headers nginx sends are the directories the object sits in.
            real = (link / "body").resolve().parts
            assert real[-5:-1] == (
                answer["Cache-Control"],
                answer["Vary"],
                answer["Last-Modified"],
                answer["ETag"].strip('"'),
            )
            assert manifest["answers"][language][path]["ETag"] == answer["ETag"]
            published += 1
    assert published == done.answers
    assert published > 2 * 100  # 51 zones and their body parts, routines, syncs, …
    # Lists' further pages are found by following their links.
    assert second_page in manifest["answers"]["en"]


@pytest.mark.parametrize("origin", ["https://localhost", "http://localhost:8123"])
def test_list_pages_link_to_the_origin_they_are_published_for(tmp_path, catalogue, origin):
    write_tree(tmp_path, origin=origin)
    zones = reverse("v1:zone-list")
    first = json.loads((live_link(tmp_path, "en", zones) / "body").read_bytes())
    assert first["next"] == f"{origin}{zones}?limit=50&offset=50"
    assert live_link(tmp_path, "en", f"{zones}?limit=50&offset=50").exists()


def test_with_a_public_origin_the_command_publishes_for_it(tmp_path, settings):
    settings.PUBLIC_ORIGIN = "https://api.example.org"
    with pytest.raises(CommandError, match="DJANGO_PUBLIC_ORIGIN"):
        call_command("publish_static", str(tmp_path), origin=ORIGIN)


def test_a_second_publish_reuses_what_did_not_change(tmp_path, catalogue):
    first = write_tree(tmp_path, origin=ORIGIN)
    detail = reverse("v1:routine-detail", args=["brisk"])
    before = (live_link(tmp_path, "en", detail) / "body.br").resolve().stat().st_ino

    Routine.objects.filter(slug="calm").update(title_en="Calm at last")
    second = write_tree(tmp_path, origin=ORIGIN)

    assert second.tree != first.tree
    assert 0 < second.compressed < first.compressed
    # The other routine's answer did not change: same files, linked rather than compressed.
    assert (live_link(tmp_path, "en", detail) / "body.br").resolve().stat().st_ino == before
    calm = live_link(tmp_path, "en", reverse("v1:routine-detail", args=["calm"]))
    assert b"Calm at last" in (calm / "body").read_bytes()


def test_what_is_gone_is_gone_from_the_tree(tmp_path, catalogue):
    FootOutlineFactory(view="plantar")  # so that the routines' drawings are in the tree
    write_tree(tmp_path, origin=ORIGIN)
    detail = reverse("v1:routine-detail", args=["brisk"])
    assert live_link(tmp_path, "ru", detail).exists()
    drawings = [path for path in public_paths() if path.startswith("/api/v1/routines/brisk/map.")]
    assert len(drawings) == 2
    assert all(live_link(tmp_path, "en", path).exists() for path in drawings)

    catalogue[1].withdraw()
    write_tree(tmp_path, origin=ORIGIN)

    for language in ("en", "ru"):
        assert not live_link(tmp_path, language, detail).exists()
        assert not any(live_link(tmp_path, language, path).exists() for path in drawings)
        listed = json.loads(
            (live_link(tmp_path, language, reverse("v1:routine-list")) / "body").read_bytes()
        )
        assert [item["slug"] for item in listed["results"]] == ["calm"]


def test_old_trees_are_removed(tmp_path, catalogue):
    for _ in range(4):
        write_tree(tmp_path, origin=ORIGIN)
    trees = sorted(tree.name for tree in (tmp_path / TREES).iterdir())
    assert len(trees) == 2  # the live one and the one before it, for requests still on it
    assert os.readlink(tmp_path / LIVE) == f"{TREES}/{trees[-1]}"


def test_a_reader_sees_one_whole_tree_or_the_next_never_half(tmp_path, catalogue):
    write_tree(tmp_path, origin=ORIGIN)
    seen: set[str] = set()
    problems: list[str] = []
    publishing = True

    def read_continuously() -> None:
        while publishing:
            tree = (tmp_path / LIVE).resolve()  # what nginx does once per request
            try:
                manifest = json.loads((tree / MANIFEST).read_text())
                missing = [
                    path
                    for language, paths in manifest["answers"].items()
                    for path in paths
                    if not (tree / language / link_name(path) / "body").is_file()
                ]
            except OSError as error:
                problems.append(f"{tree.name}: {error}")
                continue
            if missing:
                problems.append(f"{tree.name}: {len(missing)} answers missing")
            seen.add(tree.name)

    reader = threading.Thread(target=read_continuously)
    reader.start()
    try:
        for title in ("one", "two", "three"):
            Routine.objects.filter(slug="calm").update(title_en=title)
            write_tree(tmp_path, origin=ORIGIN)
    finally:
        publishing = False
        reader.join()
    assert problems == []
    assert len(seen) >= 3  # the reader did read while the trees were switched


def test_the_command_says_what_it_needs(tmp_path):
    with pytest.raises(CommandError, match="--origin"):
        call_command("publish_static", str(tmp_path), origin="")
    with pytest.raises(CommandError, match="DJANGO_ALLOWED_HOSTS"):
        call_command("publish_static", str(tmp_path), origin="https://elsewhere.example")
    for interval in ("0", "-1", "nan"):
        with pytest.raises(CommandError, match="--interval"):
            call_command(
                "publish_static", str(tmp_path), "--watch", "--interval", interval, origin=ORIGIN
            )


@pytest.mark.server
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_watcher_publishes_each_change(tmp_path):
    routine = RoutineFactory(slug="calm")
    StepFactory(routine=routine, pressure=1, zones=[ZoneFactory(recommended_pressure=1)])
    routine.publish()
    watcher = subprocess.Popen(
        [sys.executable, "manage.py", "publish_static", str(tmp_path), "--watch",
         "--interval", "0.1", "--origin", ORIGIN],
        cwd=ROOT, env=child_environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    detail = reverse("v1:routine-detail", args=["calm"])

    def published_position(wanted: int) -> int | None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and watcher.poll() is None:
            try:
                position = json.loads((tmp_path / LIVE / MANIFEST).read_text())["position"]
            except (OSError, ValueError):
                position = None
            if position == wanted:
                return position
            time.sleep(0.1)
        return None

    try:
        assert published_position(version().position) is not None
        routine.title_en = "Calm, edited"
        routine.save()
        assert published_position(version().position) is not None
        assert b"Calm, edited" in (live_link(tmp_path, "en", detail) / "body").read_bytes()
    finally:
        watcher.terminate()  # as a service manager stops it
        output = watcher.communicate(timeout=10)[0].decode()
    assert "Published content version" in output, output
    # Nobody keeps the tree current now: nginx must not serve it.
    assert watcher.returncode == 0, output
    assert "withdrawn" in output
    assert not live_link(tmp_path, "en", detail).exists()
    assert (tmp_path / PAUSED / MANIFEST).exists()  # kept, to publish from
