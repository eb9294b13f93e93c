"""The atlas's page bases: the core ones, behind a login."""

from django.contrib.auth.mixins import LoginRequiredMixin

from reisgids.core import views as core_views


class ServiceFormView(LoginRequiredMixin, core_views.ServiceFormView):
    """A form whose valid data go to one service; refusals come back on the form."""


class ActionView(LoginRequiredMixin, core_views.ServiceActionView):
    """A POST on one atlas object, from the ``actions`` table.

    Where the URL does not name the action, the posted ``action_field`` does; any other value
    means ``default_action``, as the atlas forms have always posted it.
    """

    action_field = ""
    default_action = ""

    def post(self, request, *args, **kwargs):
        if self.action_field:
            chosen = request.POST.get(self.action_field, "")
            kwargs["action"] = chosen if chosen in self.actions else self.default_action
        return super().post(request, *args, **kwargs)
