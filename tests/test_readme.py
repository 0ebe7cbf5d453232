"""The README stands on its own: every file, folder, link, `make` target and local address it
names exists, and the banner it shows is the one `make run` prints. The contributor docs it
links to (docs/) are held to the same paths, links and targets."""

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.urls import Resolver404, resolve

from footcare.local.where_to_go import addresses

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCED = re.compile(r"^```[^\n]*\n(.*?)^```", re.DOTALL | re.MULTILINE)
INLINE = re.compile(r"`([^`\n]+)`")
# Made by the Makefile (`.venv`) or by `make bench` and `make soak`; git-ignored outputs.
GENERATED = (".venv", "bench/results/")
FILE_TYPES = {"py", "yaml", "yml", "toml", "md", "json", "ts", "txt", "html", "sh", "svg", "cfg"}


def inline_code(text: str = README) -> list[str]:
    return INLINE.findall(FENCED.sub("", text))


def looks_like_a_repository_path(text: str) -> bool:
    """`footcare/api/`, `footcare/content/glossary.yaml`, `.ci/run`; not `application/problem+json`,
    `600/minute` or an address (`/api/v1/`)."""
    if not re.fullmatch(r"\.?[\w-][\w.-]*(?:/[\w.-]+)*/?", text):
        return False
    first, _slash, _rest = text.partition("/")
    extension = text.rsplit(".", 1)[-1] if "." in text.rsplit("/", 1)[-1] else ""
    return extension in FILE_TYPES or (ROOT / first).exists() or text.endswith("/")


def make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([\w-]+):", makefile, re.MULTILINE))


def named(document: Path) -> str:
    return str(document.relative_to(ROOT))


def test_the_readme_links_the_design_notes():
    assert "](docs/design.md)" in README


def test_the_finder_finds_paths():
    paths = {text for text in inline_code() if looks_like_a_repository_path(text)}
    assert {"footcare/api/rendering.py", ".ci/run", "footcare/content/glossary.yaml"} <= paths
    assert not looks_like_a_repository_path("application/problem+json")


@pytest.mark.parametrize("document", DOCUMENTS, ids=named)
def test_every_path_in_backticks_exists(document):
    text = document.read_text(encoding="utf-8")
    paths = sorted({code for code in inline_code(text) if looks_like_a_repository_path(code)})
    missing = [
        path for path in paths if not path.startswith(GENERATED) and not (ROOT / path).exists()
    ]
    assert missing == []


@pytest.mark.parametrize("document", DOCUMENTS, ids=named)
def test_every_relative_link_exists(document):
    links = re.findall(r"\]\(([^)\s]+)\)", document.read_text(encoding="utf-8"))
    relative = [link.split("#")[0] for link in links if not urlparse(link).scheme]
    assert [link for link in relative if not (document.parent / link).exists()] == []


@pytest.mark.parametrize("document", DOCUMENTS, ids=named)
def test_every_make_target_it_names_exists(document):
    text = document.read_text(encoding="utf-8")
    code = inline_code(text) + FENCED.findall(text)
    targets = {name for part in code for name in re.findall(r"\bmake ([a-z][\w-]*)", part)}
    assert {"run", "test"} <= targets
    assert targets - make_targets() == set()


@pytest.mark.parametrize(
    "path",
    sorted(
        {urlparse(url).path for url in re.findall(r"http://127\.0\.0\.1:8000(/[^\s)`|,]*)", README)}
        | {
            re.sub(r"\{\w+\}|<\w+>", "x", address.split("?")[0])
            for address in re.findall(r"`GET (/[^`\s]*)`", README)
        }
    ),
)
def test_every_local_address_it_names_is_served(path):
    try:
        resolve(path)
    except Resolver404:
        pytest.fail(f"the README sends readers to {path}, which nothing serves")


def test_the_first_run_banner_is_the_one_make_run_prints():
    shown = addresses("http://127.0.0.1:8000", "user 'admin', password 'admin'")
    assert f"```text\n{shown}\n```" in README
