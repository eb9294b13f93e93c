from django.urls import path

from . import views

app_name = "deals"

urlpatterns = [
    path("", views.DealListView.as_view(), name="deal-list"),
    path("starten/", views.DealCreateView.as_view(), name="deal-create"),
    path("themas/", views.DealThemeListView.as_view(), name="theme-list"),
    path("opzet/", views.DealTemplateView.as_view(), name="template"),
    path("kick-off/", views.KickOffView.as_view(), name="kickoff"),
    path("werkplaats/", views.WorkspaceView.as_view(), name="workspace"),
    path("knelpunten/", views.KnelpuntListView.as_view(), name="knelpunt-list"),
    path(
        "knelpunten/<int:pk>/<slug:action>/", views.KnelpuntMoveView.as_view(), name="knelpunt-move"
    ),
    path("intake/", views.IntakeListView.as_view(), name="intake-list"),
    path("intake/<int:pk>/", views.IntakeDetailView.as_view(), name="intake-detail"),
    path("<int:pk>/", views.DealDetailView.as_view(), name="deal-detail"),
    path("<int:pk>/wijzigen/", views.DealEditView.as_view(), name="deal-edit"),
    path("<int:pk>/versies/", views.VersionDiffView.as_view(), name="version-diff"),
    path("<int:pk>/check-in/", views.CheckInView.as_view(), name="checkin"),
    path("<int:pk>/<slug:action>/", views.DealActionView.as_view(), name="deal-action"),
]
