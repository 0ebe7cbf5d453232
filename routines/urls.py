from rest_framework.routers import SimpleRouter

from routines.views import BenefitViewSet, ContraindicationViewSet, RoutineViewSet, TechniqueViewSet

router = SimpleRouter()
router.register("benefits", BenefitViewSet, basename="benefit")
router.register("techniques", TechniqueViewSet, basename="technique")
router.register("contraindications", ContraindicationViewSet, basename="contraindication")
router.register("routines", RoutineViewSet, basename="routine")

urlpatterns = router.urls
