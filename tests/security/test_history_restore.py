"""Security issue 21, items 1 and 8: restoring from History.

A restore changes only the object whose history page it is on, with the parts it owns (a
routine's steps, a zone's shapes), also from a revision that an earlier release's pack loader
recorded for the whole pack; a version of another object or model is refused; the user needs
the right to change (to recover: to add) that model; and a restore never changes whether a
routine is published.
"""

import io
from collections import Counter

import pytest
import reversion
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from reversion.models import Revision, Version

from footcare.content.journal import current_position
from routines.models import (
    Benefit,
    Contraindication,
    PressureLevel,
    Routine,
    SafetyScreen,
    Step,
    Technique,
)
from tests.admin_forms import revision_form_data
from tests.factories import (
    RoutineFactory,
    StepFactory,
    TechniqueFactory,
    ZoneFactory,
    published_routine,
)
from zones.models import Zone

pytestmark = pytest.mark.django_db

PACK_COMMENT = "Loaded from the content pack"


def log_in(client, username, permissions):
    user = User.objects.create_user(username, password="a-long-passphrase", is_staff=True)
    user.user_permissions.add(*permissions)
    client.force_login(user)
    return client


@pytest.fixture
def zones_editor(client):
    """Staff who may view, add, change and delete zones and their shapes, and nothing else."""
    zones = Permission.objects.filter(
        content_type__app_label="zones", content_type__model__in=["zone", "zoneshape"]
    )
    return log_in(client, "zelda", zones)


@pytest.fixture
def editor_who_may_not_publish(client):
    """Staff with every content right of the Editors group but ``publish_routine``."""
    editors = Group.objects.get(name="Editors").permissions
    return log_in(client, "noor", editors.exclude(codename="publish_routine"))


@pytest.fixture
def viewer(client):
    """Staff who may look at everything and change nothing."""
    return log_in(client, "vic", Permission.objects.filter(codename__startswith="view_"))


@pytest.fixture
def pack():
    """Content as an earlier release's ``load_content`` left it, then edited by editors.

    That loader recorded the whole load as one revision (485 versions for the shipped pack).
    The zone "liver" and a technique share an id, as zone 1 and the safety screen (always 1)
    do in a real database; the ids are far above what the tests' sequences reach.
    """
    liver = ZoneFactory(pk=900001, slug="liver", name_en="Liver")
    spleen = ZoneFactory(slug="spleen", name_en="Spleen")
    technique = TechniqueFactory(pk=liver.pk, slug="kneading", name_en="Kneading")
    calm = RoutineFactory(slug="calm", title_en="Calm")
    StepFactory(routine=calm, title_en="Stroke")
    StepFactory(routine=calm, title_en="Hold")
    busy = RoutineFactory(slug="busy", title_en="Busy")
    StepFactory(routine=busy, title_en="Knead")
    screen = SafetyScreen.objects.get()
    with reversion.create_revision():
        reversion.set_comment(PACK_COMMENT)
        for item in (liver, spleen, technique, calm, busy, screen):
            reversion.add_to_revision(item)

    for row, field in [
        (liver, "name_en"),
        (technique, "name_en"),
        (screen, "title_en"),
        (calm, "title_en"),
        (calm.steps.get(title_en="Hold"), "title_en"),
        (busy, "title_en"),
        (busy.steps.get(), "title_en"),
    ]:
        setattr(row, field, f"{getattr(row, field)} (edited)")
        row.save()
    StepFactory(routine=calm, title_en="Added since")
    assert texts() == EDITED
    return Revision.objects.get(comment=PACK_COMMENT)


EDITED = {
    "zone": "Liver (edited)",
    "technique": "Kneading (edited)",
    "screen": "Before you start (edited)",
    "calm": "Calm (edited)",
    "calm steps": ["Stroke", "Hold (edited)", "Added since"],
    "busy": "Busy (edited)",
    "busy steps": ["Knead (edited)"],
}


def texts() -> dict:
    def steps(slug):
        return list(Step.objects.filter(routine__slug=slug).values_list("title_en", flat=True))

    return {
        "zone": Zone.objects.get(slug="liver").name_en,
        "technique": Technique.objects.get(slug="kneading").name_en,
        "screen": SafetyScreen.objects.get().title_en,
        "calm": Routine.objects.get(slug="calm").title_en,
        "calm steps": steps("calm"),
        "busy": Routine.objects.get(slug="busy").title_en,
        "busy steps": steps("busy"),
    }


def version_in(revision: Revision, row) -> Version:
    return revision.version_set.get(
        content_type=ContentType.objects.get_for_model(row), object_id=str(row.pk)
    )


def revision_url(row, version: Version) -> str:
    opts = row._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_revision", args=[row.pk, version.pk])


def superuser_client() -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("root", password="a-long-passphrase"))
    return client


def change_form(client, row) -> dict:
    opts = row._meta
    page = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk]))
    assert page.status_code == 200
    return revision_form_data(page)


def restore(client, row, version: Version):
    """Open the version's restore page and submit it as it stands, as an editor would."""
    url = revision_url(row, version)
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, revision_form_data(page))


def test_restoring_a_zone_from_a_whole_pack_revision_restores_that_zone_only(
    zones_editor, pack, api
):
    zone = Zone.objects.get(slug="liver")
    response = restore(zones_editor, zone, version_in(pack, zone))
    assert response.status_code == 302
    assert texts() == EDITED | {"zone": "Liver"}
    assert api.get(reverse("v1:zone-detail", args=["liver"])).json()["name"] == "Liver"


def test_restoring_a_routine_restores_its_steps_and_nothing_else(boss, pack, api):
    calm = Routine.objects.get(slug="calm")
    response = restore(boss, calm, version_in(pack, calm))
    assert response.status_code == 302
    # Steps added since the version are deleted, as django-reversion's restore does.
    assert texts() == EDITED | {"calm": "Calm", "calm steps": ["Stroke", "Hold"]}


def test_looking_at_a_version_changes_nothing(viewer, pack):
    zone = Zone.objects.get(slug="liver")
    position, revisions = current_position(), Revision.objects.count()
    page = viewer.get(revision_url(zone, version_in(pack, zone)))
    assert page.status_code == 200
    assert (texts(), current_position(), Revision.objects.count()) == (EDITED, position, revisions)


def test_a_version_of_another_model_on_a_zone_page_is_refused(zones_editor, pack):
    zone = Zone.objects.get(slug="liver")
    technique = Technique.objects.get(slug="kneading")
    assert zone.pk == technique.pk
    response = zones_editor.post(
        revision_url(zone, version_in(pack, technique)), change_form(zones_editor, zone)
    )
    assert response.status_code == 404
    assert texts() == EDITED


def test_a_version_of_another_routine_is_refused(boss, pack):
    calm, busy = Routine.objects.get(slug="calm"), Routine.objects.get(slug="busy")
    response = boss.post(revision_url(calm, version_in(pack, busy)), change_form(boss, calm))
    assert response.status_code == 404
    assert texts() == EDITED


def test_recover_takes_only_a_deleted_item_of_its_own_model(zones_editor, pack):
    zone = Zone.objects.get(slug="liver")
    technique = Technique.objects.get(slug="kneading")
    url = reverse("admin:zones_zone_recover", args=[version_in(pack, technique).pk])
    response = zones_editor.post(url, change_form(zones_editor, zone))
    assert response.status_code == 404
    assert texts() == EDITED
    # A zone that still exists is restored from its history page, not recovered.
    url = reverse("admin:zones_zone_recover", args=[version_in(pack, zone).pk])
    assert zones_editor.post(url, change_form(zones_editor, zone)).status_code == 404


def test_recovering_a_deleted_zone_brings_back_that_zone_only(zones_editor, pack):
    spleen = Zone.objects.get(slug="spleen")
    shapes = list(spleen.shapes.values_list("view", "polygons"))
    version = version_in(pack, spleen)
    spleen.delete()
    url = reverse("admin:zones_zone_recover", args=[version.pk])
    page = zones_editor.get(url)
    assert page.status_code == 200
    assert zones_editor.post(url, revision_form_data(page)).status_code == 302
    recovered = Zone.objects.get(slug="spleen")
    assert list(recovered.shapes.values_list("view", "polygons")) == shapes
    assert texts() == EDITED


@pytest.mark.parametrize(
    ("who", "model", "slug"),
    [("viewer", Zone, "liver"), ("viewer", Routine, "calm"), ("zones_editor", Routine, "calm")],
)
def test_a_restore_needs_the_right_to_change_that_model(request, pack, who, model, slug):
    row = model.objects.get(slug=slug)
    form = change_form(superuser_client(), row)
    response = request.getfixturevalue(who).post(revision_url(row, version_in(pack, row)), form)
    assert response.status_code == 403
    assert texts() == EDITED


def test_a_recover_needs_the_right_to_add(client, pack):
    may_change = Permission.objects.filter(codename__in=["view_zone", "change_zone"])
    log_in(client, "chad", may_change)
    zone = Zone.objects.get(slug="spleen")
    version = version_in(pack, zone)
    zone.delete()
    response = client.post(reverse("admin:zones_zone_recover", args=[version.pk]), {})
    assert response.status_code == 403
    assert not Zone.objects.filter(slug="spleen").exists()


def versions_of(row):
    return Version.objects.get_for_object(row)


def test_an_editor_who_may_not_publish_cannot_republish_through_history(
    editor_who_may_not_publish, api
):
    routine = published_routine("ready", steps=2)
    title, published_at = routine.title_en, routine.published_at
    published = versions_of(routine).first()
    routine.title_en = "Ready, withdrawn"
    routine.save()
    routine.withdraw()

    response = restore(editor_who_may_not_publish, routine, published)
    assert response.status_code == 302
    routine.refresh_from_db()
    # The text is restored; the routine stays a draft.
    assert (routine.title_en, routine.status, routine.published_at) == (
        title,
        "draft",
        published_at,
    )
    assert api.get(reverse("v1:routine-detail", args=["ready"])).status_code == 404


def test_an_editor_who_may_not_publish_cannot_withdraw_through_history(
    editor_who_may_not_publish, api
):
    routine = RoutineFactory(slug="ready", title_en="Ready")
    StepFactory(routine=routine)
    draft = versions_of(routine).first()
    routine.title_en = "Ready, published"
    routine.save()
    routine.publish()
    published_at = routine.published_at

    response = restore(editor_who_may_not_publish, routine, draft)
    assert response.status_code == 302
    routine.refresh_from_db()
    assert (routine.title_en, routine.status, routine.published_at) == (
        "Ready",
        "published",
        published_at,
    )
    assert api.get(reverse("v1:routine-detail", args=["ready"])).json()["title"] == "Ready"


def test_a_version_a_published_routine_could_not_keep_is_refused(editor_who_may_not_publish):
    routine = RoutineFactory(slug="ready", title_en="Ready")
    empty = versions_of(routine).first()  # before it had steps
    StepFactory(routine=routine)
    routine.publish()

    response = restore(editor_who_may_not_publish, routine, empty)
    assert response.status_code == 200  # the form again, saying why
    assert "A routine needs at least one step" in response.content.decode()
    routine.refresh_from_db()
    assert (routine.status, routine.steps.count()) == ("published", 1)


def test_a_restore_form_cannot_withdraw_by_removing_the_steps(editor_who_may_not_publish):
    routine = published_routine("ready", steps=1)
    url = revision_url(routine, versions_of(routine).first())
    form = revision_form_data(editor_who_may_not_publish.get(url))
    response = editor_who_may_not_publish.post(url, form | {"steps-0-DELETE": "on"})
    assert response.status_code == 302
    page = editor_who_may_not_publish.get(response["Location"]).content.decode()
    assert "Nothing was saved" in page and "you may not withdraw routines" in page
    routine.refresh_from_db()
    assert (routine.status, routine.steps.count()) == ("published", 1)


def test_a_restore_keeps_publication_also_for_who_may_publish(boss):
    routine = published_routine("ready", steps=1)
    published = versions_of(routine).first()
    routine.withdraw()
    assert restore(boss, routine, published).status_code == 302
    routine.refresh_from_db()
    assert routine.status == "draft"


def test_a_recovered_routine_comes_back_a_draft(editor_who_may_not_publish, api):
    routine = published_routine("ready", steps=2)
    routine.delete()
    url = reverse(
        "admin:routines_routine_recover", args=[Version.objects.get_deleted(Routine).get().pk]
    )
    page = editor_who_may_not_publish.get(url)
    assert page.status_code == 200
    assert editor_who_may_not_publish.post(url, revision_form_data(page)).status_code == 302
    routine = Routine.objects.get(slug="ready")
    assert (routine.status, routine.published_at, routine.steps.count()) == ("draft", None, 2)
    assert api.get(reverse("v1:routine-detail", args=["ready"])).status_code == 404


@pytest.mark.bare_safety  # every item comes from the pack
def test_the_pack_loader_records_a_revision_per_item():
    call_command("load_content", stdout=io.StringIO())
    loaded = Revision.objects.filter(comment=PACK_COMMENT).prefetch_related("version_set")
    parts = {"step": "routine_id", "zoneshape": "zone_id"}
    for revision in loaded:
        by_kind = Counter(version.content_type.model for version in revision.version_set.all())
        owners = [v for v in revision.version_set.all() if v.content_type.model not in parts]
        assert len(owners) == 1, by_kind
        owner = owners[0]
        for version in revision.version_set.all():
            if version.content_type.model in parts:
                owner_id = version.field_dict[parts[version.content_type.model]]
                assert str(owner_id) == owner.object_id
    items = [Zone, Routine, Technique, Contraindication, Benefit, PressureLevel, SafetyScreen]
    assert loaded.count() == sum(model.objects.count() for model in items)


def test_comparing_two_versions_needs_the_right_to_see_that_model(client, zones_editor, pack):
    calm = Routine.objects.get(slug="calm")
    first = version_in(pack, calm)
    calm.title_en = "Calm, once more"
    with reversion.create_revision():
        calm.save()
    second = Version.objects.get_for_object(calm).first()
    url = reverse("admin:routines_routine_compare", args=[calm.pk])
    query = {"version_id1": first.pk, "version_id2": second.pk}
    assert client.get(url, query).status_code == 403  # zones only: no routines
    assert superuser_client().get(url, query).status_code == 200


def test_a_version_naming_an_item_deleted_since_is_refused_in_words(boss, pack):
    calm = Routine.objects.get(slug="calm")
    hold = calm.steps.get(title_en="Hold (edited)")
    gone, other = TechniqueFactory(slug="to-go"), hold.technique
    hold.technique = gone
    hold.save()  # a version whose step "Hold" uses ``gone``
    version = Version.objects.get_for_object(calm).first()
    hold.technique = other
    hold.save()
    gone.delete()
    position = current_position()
    boss.raise_request_exception = False
    response = boss.post(revision_url(calm, version), change_form(boss, calm))
    assert response.status_code == 302  # back to the list, with the reason
    assert "deleted since" in boss.get(response["Location"]).content.decode()
    assert current_position() == position
    assert calm.steps.get(title_en="Hold (edited)").technique == other


def test_a_version_linking_a_zone_deleted_since_is_refused_in_words(boss, pack):
    calm = Routine.objects.get(slug="calm")
    stroke = calm.steps.get(title_en="Stroke")
    gone: Zone = ZoneFactory(slug="gone-zone", foot=stroke.foot)
    stroke.zones.add(gone)  # a version whose step "Stroke" presses ``gone``
    version = Version.objects.get_for_object(calm).first()
    stroke.zones.remove(gone)
    gone.delete()
    position = current_position()
    response = boss.post(revision_url(calm, version), change_form(boss, calm))
    assert response.status_code == 302
    assert "deleted since" in boss.get(response["Location"]).content.decode()
    assert current_position() == position
