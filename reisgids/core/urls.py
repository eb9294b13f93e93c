from django.urls import path

from . import audit_views, views

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("account/registreren/", views.RegisterView.as_view(), name="register"),
    path("account/mijn-gegevens/", views.MyDataView.as_view(), name="my-data"),
    path(
        "account/mijn-gegevens/download/", views.MyDataExportView.as_view(), name="my-data-export"
    ),
    path("toegankelijkheid/", views.AccessibilityView.as_view(), name="accessibility"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("manifest.webmanifest", views.WebManifestView.as_view(), name="web-manifest"),
    path("audittrail/", audit_views.AuditEventListView.as_view(), name="audit-list"),
]
