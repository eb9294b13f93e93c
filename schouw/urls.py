from django.urls import path

from . import views

app_name = "schouw"

urlpatterns = [
    path("", views.RoundListView.as_view(), name="round-list"),
    path("deal-<int:deal_pk>/", views.DealRoundsView.as_view(), name="deal-rounds"),
    path("deal-<int:deal_pk>/nieuw/", views.RoundCreateView.as_view(), name="round-create"),
    path("gast/", views.GuestRoundView.as_view(), name="guest-round"),
    path("gast/stoppen/", views.GuestLeaveView.as_view(), name="guest-leave"),
    path("gast/<str:token>/", views.GuestEnterView.as_view(), name="guest-enter"),
    path("<int:pk>/", views.RoundDetailView.as_view(), name="round-detail"),
    path(
        "<int:pk>/stap/<slug:step>/", views.RoundTransitionView.as_view(), name="round-transition"
    ),
    path("<int:pk>/wijzigen/", views.RoundUpdateView.as_view(), name="round-update"),
    path("<int:pk>/deelnemers/", views.MemberAddView.as_view(), name="member-add"),
    path("<int:pk>/gasten/", views.GuestInviteView.as_view(), name="guest-invite"),
    path(
        "<int:pk>/gasten/<int:ppk>/nieuwe-link/", views.GuestRenewView.as_view(), name="guest-renew"
    ),
    path(
        "<int:pk>/gasten/<int:ppk>/intrekken/", views.GuestRevokeView.as_view(), name="guest-revoke"
    ),
    path(
        "<int:pk>/waarnemingen/", views.ObservationCreateView.as_view(), name="observation-create"
    ),
    path(
        "<int:pk>/waarnemingen/<int:opk>/foto/",
        views.ObservationPhotoView.as_view(),
        name="observation-photo",
    ),
    path("<int:pk>/criteria/", views.CriterionProposeView.as_view(), name="criterion-propose"),
    path(
        "<int:pk>/criteria/<int:cpk>/vaststellen/",
        views.CriterionAgreeView.as_view(),
        name="criterion-agree",
    ),
    path(
        "<int:pk>/criteria/<int:cpk>/intrekken/",
        views.CriterionWithdrawView.as_view(),
        name="criterion-withdraw",
    ),
    path("<int:pk>/toezeggingen/", views.CommitmentCheckView.as_view(), name="commitment-check"),
    path(
        "<int:pk>/waarderingen/<int:cpk>/",
        views.AppraisalRecordView.as_view(),
        name="appraisal-record",
    ),
    path(
        "<int:pk>/waarderingen/indienen/",
        views.AppraisalsSubmitView.as_view(),
        name="appraisals-submit",
    ),
    path(
        "<int:pk>/waarderingen/tonen/",
        views.AppraisalsRevealView.as_view(),
        name="appraisals-reveal",
    ),
    path("<int:pk>/bespreking/", views.DiscussionRecordView.as_view(), name="discussion-record"),
    path("<int:pk>/adviezen/", views.AdviceRecordView.as_view(), name="advice-record"),
    path("<int:pk>/afspraken/", views.AgreementsApplyView.as_view(), name="agreements-apply"),
    path("<int:pk>/vervolg/", views.FollowUpStartView.as_view(), name="follow-up-start"),
    path("<int:pk>/lessen/", views.LessonCreateView.as_view(), name="lesson-create"),
    path("<int:pk>/rapport/schrijven/", views.ReportWriteView.as_view(), name="report-write"),
    path("<int:pk>/rapport/", views.RoundReportView.as_view(), name="round-report"),
    path("<int:pk>/rapport.pdf", views.RoundReportPdfView.as_view(), name="round-report-pdf"),
    path(
        "<int:pk>/rapport/publiceren/",
        views.PublicationAgreeView.as_view(),
        name="publication-agree",
    ),
    path("<int:pk>/openbaar/", views.PublicReportView.as_view(), name="public-report"),
]
