from rest_framework.routers import SimpleRouter

from .views import ResidencyViewSet

router = SimpleRouter()
router.register("residencies", ResidencyViewSet, basename="residency")

urlpatterns = router.urls
