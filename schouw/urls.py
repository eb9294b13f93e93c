from django.urls import path

from . import views

app_name = "schouw"

round_action = views.RoundActionView.as_view()


def _action(route: str, name: str):
    """A POST on a round; its URL name is its slug in ``RoundActionView.actions``."""
    return path(route, round_action, {"action": name}, name=name)


urlpatterns = [
    path("", views.RoundListView.as_view(), name="round-list"),
    path("deal-<int:deal_pk>/", views.DealRoundsView.as_view(), name="deal-rounds"),
    path("deal-<int:deal_pk>/nieuw/", views.RoundCreateView.as_view(), name="round-create"),
    path("gast/", views.GuestRoundView.as_view(), name="guest-round"),
    path("gast/stoppen/", views.GuestLeaveView.as_view(), name="guest-leave"),
    path("gast/<str:token>/", views.GuestEnterView.as_view(), name="guest-enter"),
    path("<int:pk>/", views.RoundDetailView.as_view(), name="round-detail"),
    path("<int:pk>/stap/<slug:step>/", round_action, name="round-transition"),
    _action("<int:pk>/wijzigen/", "round-update"),
    _action("<int:pk>/deelnemers/", "member-add"),
    _action("<int:pk>/gasten/", "guest-invite"),
    _action("<int:pk>/gasten/<int:ppk>/nieuwe-link/", "guest-renew"),
    _action("<int:pk>/gasten/<int:ppk>/intrekken/", "guest-revoke"),
    _action("<int:pk>/waarnemingen/", "observation-create"),
    path(
        "<int:pk>/waarnemingen/<int:opk>/foto/",
        views.ObservationPhotoView.as_view(),
        name="observation-photo",
    ),
    _action("<int:pk>/criteria/", "criterion-propose"),
    _action("<int:pk>/criteria/<int:cpk>/vaststellen/", "criterion-agree"),
    _action("<int:pk>/criteria/<int:cpk>/intrekken/", "criterion-withdraw"),
    _action("<int:pk>/toezeggingen/", "commitment-check"),
    _action("<int:pk>/waarderingen/<int:cpk>/", "appraisal-record"),
    _action("<int:pk>/waarderingen/indienen/", "appraisals-submit"),
    _action("<int:pk>/waarderingen/tonen/", "appraisals-reveal"),
    _action("<int:pk>/bespreking/", "discussion-record"),
    _action("<int:pk>/adviezen/", "advice-record"),
    _action("<int:pk>/afspraken/", "agreements-apply"),
    _action("<int:pk>/vervolg/", "follow-up-start"),
    _action("<int:pk>/lessen/", "lesson-create"),
    _action("<int:pk>/rapport/schrijven/", "report-write"),
    path("<int:pk>/rapport/", views.RoundReportView.as_view(), name="round-report"),
    path("<int:pk>/rapport.pdf", views.RoundReportPdfView.as_view(), name="round-report-pdf"),
    _action("<int:pk>/rapport/publiceren/", "publication-agree"),
    path("<int:pk>/openbaar/", views.PublicReportView.as_view(), name="public-report"),
]
