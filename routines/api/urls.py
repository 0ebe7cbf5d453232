from django.urls import path
from rest_framework.routers import SimpleRouter

from routines.api.views import (
    AudienceViewSet,
    BenefitViewSet,
    ContraindicationViewSet,
    RoutineMapView,
    RoutineViewSet,
    SafetyView,
    TechniqueViewSet,
)

router = SimpleRouter()
router.register("audiences", AudienceViewSet, basename="audience")
router.register("benefits", BenefitViewSet, basename="benefit")
router.register("techniques", TechniqueViewSet, basename="technique")
router.register("contraindications", ContraindicationViewSet, basename="contraindication")
router.register("routines", RoutineViewSet, basename="routine")

urlpatterns = [
    *router.urls,
    path("routines/<slug:slug>/map.svg", RoutineMapView.as_view(), name="routine-map"),
    path("safety/", SafetyView.as_view(), name="safety"),
]
