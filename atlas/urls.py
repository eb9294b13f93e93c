from django.urls import path

from . import views

app_name = "atlas"

urlpatterns = [
    path("organisaties/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("organisaties/export.csv", views.OrganisationCsvView.as_view(), name="organisation-csv"),
    path("organisaties/<slug:slug>/", views.OrganisationDetailView.as_view(), name="organisation-detail"),
    path("organisaties/<slug:slug>/bewerken/", views.OrganisationUpdateView.as_view(), name="organisation-update"),
    path("organisaties/<slug:slug>/voorstel/", views.OrganisationProposeView.as_view(), name="organisation-propose"),
    path("organisaties/<slug:slug>/verificatie/", views.OrganisationVerifyView.as_view(), name="organisation-verify"),
    path("organisaties/<slug:slug>/samenvoegen/", views.OrganisationMergeView.as_view(), name="organisation-merge"),
    path(
        "organisaties/<slug:slug>/lid-worden/",
        views.MembershipRequestView.as_view(),
        name="membership-request",
    ),
    path("voorstellen/<int:pk>/besluit/", views.ChangeProposalDecideView.as_view(), name="proposal-decide"),
    path("aanspreekpunten/", views.ContactPointListView.as_view(), name="contactpoint-list"),
    path("aanspreekpunten/export.csv", views.ContactPointCsvView.as_view(), name="contactpoint-csv"),
    path("instrumenten/", views.InstrumentListView.as_view(), name="instrument-list"),
    path("instrumenten/export.csv", views.InstrumentCsvView.as_view(), name="instrument-csv"),
    path("instrumenten/<slug:slug>/", views.InstrumentDetailView.as_view(), name="instrument-detail"),
    path("netwerken/", views.NetworkListView.as_view(), name="network-list"),
    path("netwerken/<slug:slug>/", views.NetworkDetailView.as_view(), name="network-detail"),
    path("zoeken/", views.AtlasSearchView.as_view(), name="search"),
    path("mijn-radar/", views.SavedSearchListView.as_view(), name="radar"),
    path("mijn-radar/bewaren/", views.SavedSearchCreateView.as_view(), name="radar-create"),
    path("mijn-radar/<int:pk>/verwijderen/", views.SavedSearchDeleteView.as_view(), name="radar-delete"),
    path("lidmaatschappen/", views.MembershipListView.as_view(), name="membership-list"),
    path("lidmaatschappen/<int:pk>/besluit/", views.MembershipDecideView.as_view(), name="membership-decide"),
    path("lidmaatschappen/<int:pk>/beeindigen/", views.MembershipEndView.as_view(), name="membership-end"),
]
