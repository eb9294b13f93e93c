"""The floor: the cheapest page this stack can serve, to compare real pages with."""

from django.views.generic import TemplateView

from atlas.models import Theme


class FloorView(TemplateView):
    """One indexed query and a minimal template, through the same middleware and settings."""

    template_name = "bench/floor.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["theme"] = Theme.objects.filter(pk__gte=1).order_by("pk").first()
        return context
