"""The foot map's routes under ``/api/v1/``, and its links on the API's front door."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from footcare.api.index_links import IndexLink
from zones.api.views import (
    AreaViewSet,
    BodyPartViewSet,
    FootMapSVGView,
    FootMapView,
    SourceViewSet,
    ZoneViewSet,
)

router = SimpleRouter()
router.register("zones", ZoneViewSet, basename="zone")
router.register("body-parts", BodyPartViewSet, basename="body-part")
router.register("areas", AreaViewSet, basename="area")
router.register("sources", SourceViewSet, basename="source")

urlpatterns = [
    *router.urls,
    path("foot-map/", FootMapView.as_view(), name="foot-map"),
    path("foot-map.svg", FootMapSVGView.as_view(), name="foot-map-svg"),
]

# In the order a client would explore them; a link must lead somewhere that answers, so the
# foot map's names a foot and a view.
INDEX_LINKS = [
    IndexLink("zones", "v1:zone-list", "Reflex zones of both feet, with pressure limits."),
    IndexLink("body_parts", "v1:body-part-list", "Body parts and the zones charts link them to."),
    IndexLink("areas", "v1:area-list", "Whole areas of the foot a step can work as one."),
    IndexLink(
        "foot_map",
        "v1:foot-map",
        "One foot seen from one side, ready to draw (JSON or SVG).",
        query="?foot=left&view=plantar",
    ),
    IndexLink("sources", "v1:source-list", "The references the content cites."),
]
