from rest_framework.routers import SimpleRouter

from .views import EditionViewSet

router = SimpleRouter()
router.register("kompas/editions", EditionViewSet, basename="kompas-edition")

urlpatterns = router.urls
