"""The atlas's page bases: the core ones, behind a login."""

from django.contrib.auth.mixins import LoginRequiredMixin

from reisgids.core import views as core_views


class ServiceFormView(LoginRequiredMixin, core_views.ServiceFormView):
    """A form whose valid data go to one service; refusals come back on the form."""
