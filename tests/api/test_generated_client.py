"""A typed client generated from the committed schema reads the live service.

openapi-python-client (a well-known generator) builds the client from openapi/v1.yaml; the
client then calls every list and detail endpoint and the sync endpoint of a server started
for the test, and must get typed objects back, not raw dictionaries.
"""

import importlib
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from routines.models import Routine
from zones.models import Pressure

SCHEMA = Path(__file__).resolve().parents[2] / "openapi" / "v1.yaml"
GENERATOR = Path(sys.executable).with_name("openapi-python-client")

pytestmark = [
    pytest.mark.server,  # openapi-python-client in a subprocess, a live server
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module")
def client_package(tmp_path_factory):
    target = tmp_path_factory.mktemp("client") / "footcare_client"
    subprocess.run(
        [str(GENERATOR), "generate", "--path", str(SCHEMA), "--output-path", str(target),
         "--meta", "none"],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    sys.path.insert(0, str(target.parent))
    yield "footcare_client"
    sys.path.remove(str(target.parent))


def module(package: str, name: str):
    return importlib.import_module(f"{package}.{name}")


# (tag module, operation prefix, list model, detail model) as the generator names them.
LISTS = [
    ("foot_map", "zones", "PaginatedZoneListList", "ZoneDetail"),
    ("foot_map", "body_parts", "PaginatedBodyPartList", "BodyPart"),
    ("benefits", "benefits", "PaginatedBenefitList", "Benefit"),
    ("techniques", "techniques", "PaginatedTechniqueList", "Technique"),
    ("safety", "contraindications", "PaginatedContraindicationList", "Contraindication"),
    ("routines", "routines", "PaginatedRoutineListList", "RoutineDetail"),
]


def test_generated_client_reads_every_endpoint(client_package, live_server):
    call_command("load_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client_module = module(client_package, "client")
    models = module(client_package, "models")
    # Closed at the end, so no keep-alive connection outlives the test server.
    with client_module.Client(base_url=live_server.url, raise_on_unexpected_status=True) as client:
        read_everything(client_package, client, models)


def read_everything(client_package, client, models):

    for tag, operation, list_model, detail_model in LISTS:
        list_name, detail_name = f"{tag}.{operation}_list", f"{tag}.{operation}_retrieve"
        page = module(client_package, f"api.{list_name}").sync(client=client, limit=500)
        assert isinstance(page, getattr(models, list_model)), list_name
        assert page.count == len(page.results) > 0
        first = page.results[0]
        detail = module(client_package, f"api.{detail_name}").sync(client=client, slug=first.slug)
        assert isinstance(detail, getattr(models, detail_model)), detail_name
        assert detail.slug == first.slug

    routine = module(client_package, "api.routines.routines_retrieve").sync(
        client=client, slug="quick-five-minutes", lang=models.RoutinesRetrieveLang.RU
    )
    assert routine.title == "Пятиминутка для стоп"
    saved = Routine.objects.get(slug="quick-five-minutes").steps.order_by("position")
    assert [step.number for step in routine.steps] == list(range(1, saved.count() + 1))
    assert isinstance(routine.steps[0].pressure, models.Pressure)
    first_pressure = Pressure(saved[0].pressure).key.upper()
    assert routine.steps[0].pressure.label == getattr(models.PressureLabelEnum, first_pressure)

    foot_map = module(client_package, "api.foot_map.foot_map_retrieve").sync(
        client=client, foot=models.FootSideEnum.LEFT, view=models.ViewEnum.PLANTAR
    )
    assert isinstance(foot_map, models.FootMap) and foot_map.zones

    full = module(client_package, "api.sync.sync_retrieve").sync(client=client)
    assert isinstance(full, models.Sync) and full.full is True
    assert all(isinstance(zone, models.ZoneDetail) for zone in full.upserts.zones)
    delta = module(client_package, "api.sync.sync_retrieve").sync(
        client=client, token=full.next_token
    )
    assert delta.full is False and delta.deletions == []

    lean = module(client_package, "api.sync.sync_lean_retrieve").sync(client=client)
    assert isinstance(lean, models.LeanSync) and lean.full is True
    assert all(isinstance(zone, models.LeanZone) for zone in lean.upserts.zones)
    assert {str(part) for zone in lean.upserts.zones for part in zone.body_parts} <= {
        str(part.id) for part in lean.upserts.body_parts
    }

    problem = module(client_package, "api.foot_map.zones_list").sync_detailed(
        client=client, limit=0
    )
    assert problem.status_code == 400
