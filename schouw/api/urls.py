from rest_framework.routers import SimpleRouter

from .views import SchouwRoundViewSet

router = SimpleRouter()
router.register("schouw/rounds", SchouwRoundViewSet, basename="schouw-round")

urlpatterns = router.urls
