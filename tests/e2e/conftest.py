"""A real browser for the admin: Debian's Chromium driven by Playwright, never a downloaded one."""

import os
import shutil
from collections.abc import Iterator

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser_page() -> Iterator:
    if not shutil.which("chromium"):
        if os.environ.get("FOOTCARE_REQUIRE_BROWSER"):
            pytest.fail("FOOTCARE_REQUIRE_BROWSER is set but Chromium is not installed")
        pytest.skip("SKIPPED browser test: no Chromium here (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 2400})
        page.set_default_timeout(15_000)
        yield page
        browser.close()
