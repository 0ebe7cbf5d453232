"""Every app hook is named in footcare.hooks.AppHooks, and the core finds them there."""

import pytest
from django.apps import apps

from footcare.hooks import HOOKS, AppHooks, contributions, provided, providers


def test_every_hook_is_named_once():
    assert len(HOOKS) == len(set(HOOKS))
    assert {"index_links", "sync_resources", "content_rules", "dashboard_tallies"} <= set(HOOKS)


@pytest.mark.parametrize("config", apps.get_app_configs(), ids=lambda config: config.label)
def test_no_app_config_has_a_method_the_core_would_not_call(config):
    # A misspelt hook (``dashboard_tally``) would silently never be called.
    own = {
        name
        for cls in type(config).__mro__
        if cls.__module__.split(".")[0] in {"footcare", "zones", "routines"}
        for name, value in vars(cls).items()
        if not name.startswith("_") and (callable(value) or isinstance(value, property))
    }
    assert own - {"ready"} <= set(HOOKS)


def test_the_apps_provide_their_hooks_in_app_order():
    assert [config.label for config in providers(AppHooks.index_links)] == ["zones", "routines"]
    assert provided(apps.get_app_config("zones"))[:3] == [
        "api_urlconfs",
        "index_links",
        "sync_resources",
    ]
    assert contributions(AppHooks.api_urlconfs) == ["zones.api.urls", "routines.api.urls"]


def test_a_name_that_is_no_hook_is_refused():
    with pytest.raises(ValueError, match="not a hook"):
        providers(apps.get_app_configs)
