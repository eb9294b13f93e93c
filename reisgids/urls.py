from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from reisgids.core.throttling import rate_limit
from reisgids.core.views import HealthView

from .api import APIRootView
from .views import DashboardView

api_v1 = [
    path("", APIRootView.as_view(), name="root"),
    path("", include("reisgids.core.api.urls")),
    path("", include("atlas.api.urls")),
    path("", include("deals.api.urls")),
    path("", include("deals.residence.api.urls")),
    path("", include("schouw.api.urls")),
    path("", include("kompas.api.urls")),
]

# Below /api/ a path that matches no route answers in JSON, like every other refusal of the API.
handler404 = "reisgids.api.not_found"

urlpatterns = [
    path("", include("reisgids.core.urls")),
    path("mijn/", DashboardView.as_view(), name="dashboard"),
    path("atlas/", include("atlas.urls")),
    path("deals/", include("deals.urls")),
    path("partner-in-residence/", include("deals.residence.urls")),
    path("schouw/", include("schouw.urls")),
    path("kompas/", include("kompas.urls")),
    path(
        "account/inloggen/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path(
        "account/password_reset/",
        rate_limit("password-reset")(auth_views.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path("account/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("healthz", HealthView.as_view(), name="healthz"),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("beheer/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
