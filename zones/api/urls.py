from django.urls import path
from rest_framework.routers import SimpleRouter

from zones.api.views import BodyPartViewSet, FootMapSVGView, FootMapView, ZoneViewSet

router = SimpleRouter()
router.register("zones", ZoneViewSet, basename="zone")
router.register("body-parts", BodyPartViewSet, basename="body-part")

urlpatterns = [
    *router.urls,
    path("foot-map/", FootMapView.as_view(), name="foot-map"),
    path("foot-map.svg", FootMapSVGView.as_view(), name="foot-map-svg"),
]
