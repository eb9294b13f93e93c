from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from reisgids.core.navigation import LOGGED_IN, NavLink


class AtlasConfig(AppConfig):
    name = "atlas"
    verbose_name = _("Atlas")
    subnavigation_label = _("Atlas")
    subnavigation = (
        NavLink("atlas:organisation-list", _("Organisaties")),
        NavLink("atlas:contactpoint-list", _("Aanspreekpunten")),
        NavLink("atlas:instrument-list", _("Instrumenten")),
        NavLink("atlas:network-list", _("Netwerken")),
        NavLink("atlas:search", _("Zoeken in de atlas")),
        NavLink("atlas:radar", _("Mijn radar"), LOGGED_IN),
        NavLink("atlas:news-list", _("Nieuws")),
        NavLink("atlas:event-list", _("Agenda en trainingen")),
        NavLink("atlas:listing-list", _("Vraag en aanbod")),
        NavLink("atlas:story-list", _("Verhalen")),
        NavLink("atlas:lesson-list", _("Lessen en successen")),
        NavLink("atlas:follow-list", _("Volgen"), LOGGED_IN),
        NavLink("atlas:notification-list", _("Meldingen"), LOGGED_IN),
    )

    def ready(self):
        # Register this app's django-rules permissions.
        from django.core.signals import got_request_exception, request_finished, request_started
        from django.db.models.signals import post_delete, post_save

        from atlas import permissions  # noqa: F401
        from atlas import query as request_cache
        from atlas.models import Membership, Organisation

        request_started.connect(request_cache.start, dispatch_uid="atlas_request_cache_start")
        request_finished.connect(request_cache.finish, dispatch_uid="atlas_request_cache_finish")
        got_request_exception.connect(
            request_cache.finish, dispatch_uid="atlas_request_cache_exception"
        )
        for model in (Membership, Organisation):
            post_save.connect(
                request_cache.forget,
                sender=model,
                dispatch_uid=f"atlas_request_cache_save_{model.__name__}",
            )
            post_delete.connect(
                request_cache.forget,
                sender=model,
                dispatch_uid=f"atlas_request_cache_delete_{model.__name__}",
            )
