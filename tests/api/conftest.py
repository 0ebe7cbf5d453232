import pytest


@pytest.fixture
def catalogue(shipped_pack, db):
    """The shipped content pack, loaded once for the module (``shipped_pack``); what a test
    changes is rolled back after it."""
