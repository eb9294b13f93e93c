from django.urls import path

from . import views

app_name = "residence"

urlpatterns = [
    path("", views.ResidencyListView.as_view(), name="residency-list"),
    path("oproepen/", views.OpeningCreateView.as_view(), name="opening-create"),
    path("oproepen/<int:pk>/sluiten/", views.OpeningCloseView.as_view(), name="opening-close"),
    path("nieuw/deal-<int:deal_pk>/", views.ResidencyCreateView.as_view(), name="residency-create"),
    path("<int:pk>/", views.ResidencyDetailView.as_view(), name="residency-detail"),
    path("<int:pk>/bevestigen/", views.ResidencyConfirmView.as_view(), name="residency-confirm"),
    path("<int:pk>/afronden/", views.ResidencyEndView.as_view(), name="residency-end"),
    path("<int:pk>/logboek/", views.LogEntryCreateView.as_view(), name="log-create"),
    path("<int:pk>/overleggen/", views.MeetingCreateView.as_view(), name="meeting-create"),
    path(
        "<int:pk>/overleggen/<int:mpk>/verslag/",
        views.MeetingRecordView.as_view(),
        name="meeting-record",
    ),
    path(
        "<int:pk>/overleggen/<int:mpk>/acties/",
        views.ActionCreateView.as_view(),
        name="action-create",
    ),
    path("<int:pk>/acties/<int:apk>/klaar/", views.ActionDoneView.as_view(), name="action-done"),
    path("<int:pk>/signalen/", views.SignalRaiseView.as_view(), name="signal-raise"),
    path(
        "<int:pk>/signalen/<int:spk>/reageren/",
        views.SignalRespondView.as_view(),
        name="signal-respond",
    ),
    path(
        "<int:pk>/signalen/<int:spk>/afsluiten/",
        views.SignalCloseView.as_view(),
        name="signal-close",
    ),
    path(
        "<int:pk>/signalen/<int:spk>/register/",
        views.SignalRegisterView.as_view(),
        name="signal-register",
    ),
    path("<int:pk>/handrem/", views.HandbrakePullView.as_view(), name="handbrake-pull"),
    path(
        "<int:pk>/handrem/<int:hpk>/akkoord/",
        views.HandbrakeAgreeView.as_view(),
        name="handbrake-agree",
    ),
    path(
        "<int:pk>/handrem/<int:hpk>/overleg/",
        views.HandbrakeMeetingView.as_view(),
        name="handbrake-meeting",
    ),
    path(
        "<int:pk>/handrem/<int:hpk>/loslaten/",
        views.HandbrakeReleaseView.as_view(),
        name="handbrake-release",
    ),
    path(
        "<int:pk>/nevenactiviteiten/",
        views.SideActivityCreateView.as_view(),
        name="activity-create",
    ),
    path("<int:pk>/reflecties/", views.ReflectionWriteView.as_view(), name="reflection-write"),
    path(
        "<int:pk>/reflecties/<int:rpk>/les/",
        views.ReflectionProposeView.as_view(),
        name="reflection-propose",
    ),
]
