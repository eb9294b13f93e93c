from django.urls import path

from . import views

app_name = "kompas"

urlpatterns = [
    path("", views.EditionListView.as_view(), name="edition-list"),
    path("opstellen/", views.DraftStartView.as_view(), name="draft-start"),
    path("opstellen/<int:pk>/", views.DraftRunStatusView.as_view(), name="draft-run"),
    path("bestuur/", views.DashboardView.as_view(), name="dashboard"),
    path("bestuur/kompas.pdf", views.ReportPdfView.as_view(), name="report-pdf"),
    path("gremia/", views.GremiumListView.as_view(), name="gremium-list"),
    path("<int:pk>/", views.EditionDetailView.as_view(), name="edition-detail"),
    path("<int:pk>/terugkoppeling/", views.FeedbackView.as_view(), name="feedback"),
    path("<int:pk>/<slug:action>/", views.EditionActionView.as_view(), name="edition-action"),
]
