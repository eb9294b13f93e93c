from django.urls import path

from . import views

app_name = "atlas"

urlpatterns = [
    path("organisaties/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("organisaties/export.csv", views.OrganisationCsvView.as_view(), name="organisation-csv"),
    path(
        "organisaties/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path(
        "organisaties/<slug:slug>/bewerken/",
        views.OrganisationUpdateView.as_view(),
        name="organisation-update",
    ),
    path(
        "organisaties/<slug:slug>/voorstel/",
        views.OrganisationProposeView.as_view(),
        name="organisation-propose",
    ),
    path(
        "organisaties/<slug:slug>/verificatie/",
        views.OrganisationVerifyView.as_view(),
        {"action": "verify"},
        name="organisation-verify",
    ),
    path(
        "organisaties/<slug:slug>/samenvoegen/",
        views.OrganisationMergeView.as_view(),
        {"action": "merge"},
        name="organisation-merge",
    ),
    path(
        "organisaties/<slug:slug>/lid-worden/",
        views.MembershipRequestView.as_view(),
        {"action": "request"},
        name="membership-request",
    ),
    path(
        "voorstellen/<int:pk>/besluit/",
        views.ChangeProposalDecideView.as_view(),
        name="proposal-decide",
    ),
    path("aanspreekpunten/", views.ContactPointListView.as_view(), name="contactpoint-list"),
    path(
        "aanspreekpunten/export.csv", views.ContactPointCsvView.as_view(), name="contactpoint-csv"
    ),
    path("instrumenten/", views.InstrumentListView.as_view(), name="instrument-list"),
    path("instrumenten/export.csv", views.InstrumentCsvView.as_view(), name="instrument-csv"),
    path(
        "instrumenten/<slug:slug>/", views.InstrumentDetailView.as_view(), name="instrument-detail"
    ),
    path("netwerken/", views.NetworkListView.as_view(), name="network-list"),
    path("netwerken/<slug:slug>/", views.NetworkDetailView.as_view(), name="network-detail"),
    path("zoeken/", views.AtlasSearchView.as_view(), name="search"),
    path("mijn-radar/", views.SavedSearchListView.as_view(), name="radar"),
    path("mijn-radar/bewaren/", views.SavedSearchCreateView.as_view(), name="radar-create"),
    path(
        "mijn-radar/<int:pk>/verwijderen/",
        views.SavedSearchDeleteView.as_view(),
        {"action": "delete"},
        name="radar-delete",
    ),
    path("lidmaatschappen/", views.MembershipListView.as_view(), name="membership-list"),
    path(
        "lidmaatschappen/<int:pk>/besluit/",
        views.MembershipDecideView.as_view(),
        name="membership-decide",
    ),
    path(
        "lidmaatschappen/<int:pk>/beeindigen/",
        views.MembershipEndView.as_view(),
        {"action": "end"},
        name="membership-end",
    ),
    # Nieuws
    path("nieuws/", views.NewsListView.as_view(), name="news-list"),
    path("nieuws/rss/", views.NewsRssFeed(), name="news-rss"),
    path("nieuws/atom/", views.NewsAtomFeed(), name="news-atom"),
    path("nieuws/nieuw/", views.NewsCreateView.as_view(), name="news-create"),
    path("nieuws/<slug:slug>/", views.NewsDetailView.as_view(), name="news-detail"),
    path("nieuws/<slug:slug>/besluit/", views.NewsDecideView.as_view(), name="news-decide"),
    # Agenda
    path("agenda/", views.EventListView.as_view(), name="event-list"),
    path("agenda/agenda.ics", views.AgendaIcsView.as_view(), name="agenda-ics"),
    path("agenda/nieuw/", views.EventCreateView.as_view(), name="event-create"),
    path("agenda/<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    path("agenda/<slug:slug>/event.ics", views.EventIcsView.as_view(), name="event-ics"),
    path("agenda/<slug:slug>/aanmelden/", views.EventSignUpView.as_view(), name="event-sign-up"),
    path(
        "agenda/<slug:slug>/afgelasten/",
        views.EventCancelView.as_view(),
        {"action": "cancel"},
        name="event-cancel",
    ),
    # Vraag en aanbod
    path("vraag-en-aanbod/", views.ListingListView.as_view(), name="listing-list"),
    path("vraag-en-aanbod/nieuw/", views.ListingCreateView.as_view(), name="listing-create"),
    path("vraag-en-aanbod/<int:pk>/", views.ListingDetailView.as_view(), name="listing-detail"),
    path(
        "vraag-en-aanbod/<int:pk>/reageren/",
        views.ListingRespondView.as_view(),
        name="listing-respond",
    ),
    path(
        "vraag-en-aanbod/<int:pk>/afsluiten/",
        views.ListingCloseView.as_view(),
        name="listing-close",
    ),
    # Verhalen
    path("verhalen/", views.StoryListView.as_view(), name="story-list"),
    path("verhalen/nieuw/", views.StoryCreateView.as_view(), name="story-create"),
    path("verhalen/moderatie/", views.ModerationView.as_view(), name="moderation"),
    path("verhalen/<slug:slug>/", views.StoryDetailView.as_view(), name="story-detail"),
    path("verhalen/<slug:slug>/reageren/", views.StoryCommentView.as_view(), name="story-comment"),
    path(
        "verhalen/<slug:slug>/melden/",
        views.ContentReportView.as_view(),
        {"action": "report"},
        name="story-report",
    ),
    # Kennisbank
    path("lessen/", views.LessonListView.as_view(), name="lesson-list"),
    path("lessen/voorstellen/", views.LessonProposeView.as_view(), name="lesson-propose"),
    path("lessen/<slug:slug>/", views.LessonDetailView.as_view(), name="lesson-detail"),
    path("lessen/<slug:slug>/bewerken/", views.LessonEditView.as_view(), name="lesson-edit"),
    path("lessen/<slug:slug>/besluit/", views.LessonDecideView.as_view(), name="lesson-decide"),
    # Volgen en meldingen
    path("volgen/", views.FollowListView.as_view(), name="follow-list"),
    path("volgen/<str:kind>/<slug:slug>/", views.FollowToggleView.as_view(), name="follow-toggle"),
    path("meldingen/", views.NotificationListView.as_view(), name="notification-list"),
]
