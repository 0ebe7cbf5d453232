"""The routines' routes under ``/api/v1/``, and their links on the API's front door."""

from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from footcare.api.index_links import IndexLink
from routines.api.views import (
    AudienceViewSet,
    BenefitViewSet,
    ContraindicationViewSet,
    CurrentRoutineMapView,
    PreviewView,
    RoutineMapView,
    RoutineViewSet,
    SafetyView,
    TechniqueViewSet,
    ToolViewSet,
)

router = SimpleRouter()
router.register("audiences", AudienceViewSet, basename="audience")
router.register("tools", ToolViewSet, basename="tool")
router.register("benefits", BenefitViewSet, basename="benefit")
router.register("techniques", TechniqueViewSet, basename="technique")
router.register("contraindications", ContraindicationViewSet, basename="contraindication")
router.register("routines", RoutineViewSet, basename="routine")

urlpatterns = [
    *router.urls,
    re_path(
        r"^routines/(?P<slug>[-a-zA-Z0-9_]+)/map\.(?P<language>[a-z]{2})\.(?P<fingerprint>[0-9a-f]{16})\.svg$",
        RoutineMapView.as_view(),
        name="routine-map",
    ),
    # The address before it named a language and content: a redirect to the current one.
    path(
        "routines/<slug:slug>/map.svg", CurrentRoutineMapView.as_view(), name="routine-map-current"
    ),
    path("safety/", SafetyView.as_view(), name="safety"),
    # A token is signed text: letters, digits, "-", "_" and ":".
    re_path(r"^previews/(?P<token>[-A-Za-z0-9_:]{1,512})/$", PreviewView.as_view(), name="preview"),
]

# In the order a client would explore them.
INDEX_LINKS = [
    IndexLink("techniques", "v1:technique-list", "Massage techniques and how to do each."),
    IndexLink(
        "benefits", "v1:benefit-list", "Benefits of foot massage, with their evidence level."
    ),
    IndexLink(
        "contraindications", "v1:contraindication-list", "When not to massage, or only gently."
    ),
    IndexLink("audiences", "v1:audience-list", "Who routines and benefits are meant for."),
    IndexLink("tools", "v1:tool-list", "What routines need besides hands."),
    IndexLink("routines", "v1:routine-list", "Guided routines of ordered, timed steps."),
    IndexLink("safety", "v1:safety", "What to show before the first session."),
]
