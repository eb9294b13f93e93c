from django.urls import path

from . import views

app_name = "residence"

# Every form on the residency page posts to ResidencyActionView; the extra kwarg names the action.
action = views.ResidencyActionView.as_view()

urlpatterns = [
    path("", views.ResidencyListView.as_view(), name="residency-list"),
    path("oproepen/", views.OpeningCreateView.as_view(), name="opening-create"),
    path(
        "oproepen/<int:pk>/sluiten/",
        views.OpeningActionView.as_view(),
        {"action": "close"},
        name="opening-close",
    ),
    path("nieuw/deal-<int:deal_pk>/", views.ResidencyCreateView.as_view(), name="residency-create"),
    path("<int:pk>/", views.ResidencyDetailView.as_view(), name="residency-detail"),
    path("<int:pk>/bevestigen/", action, {"action": "confirm"}, name="residency-confirm"),
    path("<int:pk>/afronden/", action, {"action": "end"}, name="residency-end"),
    path("<int:pk>/logboek/", action, {"action": "log"}, name="log-create"),
    path("<int:pk>/overleggen/", action, {"action": "meeting-plan"}, name="meeting-create"),
    path(
        "<int:pk>/overleggen/<int:mpk>/verslag/",
        action,
        {"action": "meeting-record"},
        name="meeting-record",
    ),
    path(
        "<int:pk>/overleggen/<int:mpk>/acties/",
        action,
        {"action": "action-create"},
        name="action-create",
    ),
    path("<int:pk>/acties/<int:apk>/klaar/", action, {"action": "action-done"}, name="action-done"),
    path("<int:pk>/signalen/", action, {"action": "signal-raise"}, name="signal-raise"),
    path(
        "<int:pk>/signalen/<int:spk>/reageren/",
        action,
        {"action": "signal-respond"},
        name="signal-respond",
    ),
    path(
        "<int:pk>/signalen/<int:spk>/afsluiten/",
        action,
        {"action": "signal-close"},
        name="signal-close",
    ),
    path(
        "<int:pk>/signalen/<int:spk>/register/",
        action,
        {"action": "signal-register"},
        name="signal-register",
    ),
    path("<int:pk>/handrem/", action, {"action": "handbrake-pull"}, name="handbrake-pull"),
    path(
        "<int:pk>/handrem/<int:hpk>/akkoord/",
        action,
        {"action": "handbrake-agree"},
        name="handbrake-agree",
    ),
    path(
        "<int:pk>/handrem/<int:hpk>/overleg/",
        action,
        {"action": "handbrake-meeting"},
        name="handbrake-meeting",
    ),
    path(
        "<int:pk>/handrem/<int:hpk>/loslaten/",
        action,
        {"action": "handbrake-release"},
        name="handbrake-release",
    ),
    path(
        "<int:pk>/nevenactiviteiten/", action, {"action": "activity-create"}, name="activity-create"
    ),
    path("<int:pk>/reflecties/", action, {"action": "reflection-write"}, name="reflection-write"),
    path(
        "<int:pk>/reflecties/<int:rpk>/les/",
        action,
        {"action": "reflection-propose"},
        name="reflection-propose",
    ),
]
