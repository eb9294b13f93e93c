from rest_framework.routers import SimpleRouter

from .views import DealThemeViewSet, DealViewSet, IntakeViewSet, KnelpuntViewSet

router = SimpleRouter()
router.register("deals", DealViewSet, basename="deal")
router.register("deal-themes", DealThemeViewSet, basename="deal-theme")
router.register("knelpunten", KnelpuntViewSet, basename="knelpunt")
router.register("intakes", IntakeViewSet, basename="intake")

urlpatterns = router.urls
