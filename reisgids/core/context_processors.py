from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def navigation(request):
    """The main navigation over the quadrants; only what exists is shown."""
    items = [
        {"label": _("Start"), "url": reverse("core:home"), "key": "home"},
        {"label": _("Atlas"), "url": reverse("atlas:organisation-list"), "key": "atlas"},
        {"label": _("Deals"), "url": reverse("deals:deal-list"), "key": "deals"},
    ]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        items.append(
            {
                "label": _("Partner in residence"),
                "url": reverse("residence:residency-list"),
                "key": "residence",
            }
        )
        items.append({"label": _("Schouw"), "url": reverse("schouw:round-list"), "key": "schouw"})
    items.append({"label": _("Kompas"), "url": reverse("kompas:edition-list"), "key": "kompas"})
    current = getattr(request, "resolver_match", None)
    namespace = current.namespace if current else ""
    for item in items:
        item["current"] = (
            item["key"] == "home" and namespace == "core" and current.url_name == "home"
        ) or (item["key"] == namespace)
    return {"main_navigation": items}
