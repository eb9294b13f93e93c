from django.urls import path
from rest_framework.routers import SimpleRouter

from .network import EventViewSet, LessonViewSet, ListingViewSet, NewsViewSet, StoryViewSet
from .views import (
    AreaViewSet,
    AtlasGeoJSONView,
    ContactPointViewSet,
    InstrumentViewSet,
    MembershipViewSet,
    NetworkViewSet,
    OrganisationViewSet,
    ThemeViewSet,
)

router = SimpleRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("contact-points", ContactPointViewSet, basename="contact-point")
router.register("instruments", InstrumentViewSet, basename="instrument")
router.register("networks", NetworkViewSet, basename="network")
router.register("areas", AreaViewSet, basename="area")
router.register("themes", ThemeViewSet, basename="theme")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("news", NewsViewSet, basename="news")
router.register("events", EventViewSet, basename="event")
router.register("listings", ListingViewSet, basename="listing")
router.register("stories", StoryViewSet, basename="story")
router.register("lessons", LessonViewSet, basename="lesson")

urlpatterns = [
    path("atlas.geojson", AtlasGeoJSONView.as_view(), name="atlas-geojson"),
    *router.urls,
]
