import pytest
from django.core.management import call_command


@pytest.fixture
def catalogue():
    """The shipped content pack, loaded."""
    call_command("load_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
