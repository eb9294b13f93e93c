from django.urls import path

from . import views

app_name = "atlas"

urlpatterns = [
    path("organisaties/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("organisaties/<slug:slug>/", views.OrganisationDetailView.as_view(), name="organisation-detail"),
    path(
        "organisaties/<slug:slug>/lid-worden/",
        views.MembershipRequestView.as_view(),
        name="membership-request",
    ),
    path("lidmaatschappen/", views.MembershipListView.as_view(), name="membership-list"),
    path("lidmaatschappen/<int:pk>/besluit/", views.MembershipDecideView.as_view(), name="membership-decide"),
    path("lidmaatschappen/<int:pk>/beeindigen/", views.MembershipEndView.as_view(), name="membership-end"),
]
