from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from reisgids.core.actions import Action
from reisgids.core.views import ServiceActionView, ServiceCallMixin

from . import charts, forms, selectors, services
from .models import AgendaItem, Edition


def _edition_or_404(actor, pk) -> Edition:
    try:
        return selectors.edition_detail(actor=actor, pk=pk)
    except ObjectDoesNotExist as exc:
        raise Http404(_("Deze editie bestaat niet of is niet zichtbaar.")) from exc


class EditionListView(TemplateView):
    template_name = "kompas/edition_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            editions=selectors.edition_list(actor=user),
            run=selectors.draft_run_latest(actor=user),
            **kwargs,
        )


class DraftStartView(LoginRequiredMixin, ServiceCallMixin, View):
    def post(self, request):
        try:
            services.draft_run_start(actor=request.user)
        except self.refusals as exc:
            self.refuse(exc)
        else:
            messages.success(
                request, _("Het kompas wordt opgesteld. De voortgang staat hieronder.")
            )
        return redirect("kompas:edition-list")


class DraftRunStatusView(LoginRequiredMixin, View):
    """The progress block; htmx polls it every 2 seconds while the run is busy."""

    def get(self, request, pk):
        try:
            run = selectors.draft_run_get(actor=request.user, pk=pk)
        except ObjectDoesNotExist as exc:
            raise Http404 from exc
        return HttpResponse(
            render_to_string("kompas/_draft_run.html", {"run": run}, request=request)
        )


class EditionDetailView(TemplateView):
    template_name = "kompas/edition_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        edition = _edition_or_404(user, self.kwargs["pk"])
        gremia = selectors.gremium_list()
        if (
            edition.status in (Edition.Status.CONCEPT, Edition.Status.CONSULTATIE)
            and user.is_authenticated
        ):
            may_edit_all = user.has_perm("kompas.edit_proposals", edition)
            for p in edition.proposals.all():
                if (
                    may_edit_all
                    or p.created_by_id == user.pk
                    or any(u.pk == user.pk for u in p.co_authors.all())
                ):
                    p.edit_form = forms.ProposalForm(
                        initial={f: getattr(p, f) for f in services.PROPOSAL_FIELDS},
                        auto_id=f"p{p.pk}-%s",
                    )
                    p.co_author_form = forms.CoAuthorForm(auto_id=f"p{p.pk}-%s")
        return super().get_context_data(
            edition=edition,
            inventory=selectors.inventory(edition=edition),
            proposal_form=forms.ProposalForm(),
            agenda_form=forms.AgendaItemForm(gremia=gremia),
            decision_form=forms.DecisionForm(),
            monitoring_form=forms.MonitoringForm(initial={"date": timezone.localdate()}),
            feedback_form=forms.FeedbackForm(),
            priority_form=forms.PriorityForm(),
            outcomes=AgendaItem.Outcome,
            edition_actions=EditionActionView.actions,
            today=timezone.localdate(),
            **kwargs,
        )


class EditionActionView(LoginRequiredMixin, ServiceActionView):
    """Every POST on an edition page: one service per action; refusals come back as a message.

    An action that picks a proposal or an agenda item of the edition reads it from the POST
    (``proposal``, ``agenda_item``); a number that is not one of them is said in words.
    """

    object_argument = "edition"
    missing = (ObjectDoesNotExist, ValueError)
    actions = {
        "consultation": Action(
            service=services.edition_consultation_open,
            message=gettext_lazy(
                "De consultatie is geopend. Alle leden kunnen nu reageren en steunen."
            ),
        ),
        "agenda": Action(
            service=services.edition_agenda_set, message=gettext_lazy("De editie is geagendeerd.")
        ),
        "adopt": Action(
            service=services.edition_adopt,
            message=gettext_lazy(
                "Het kompas is vastgesteld. De prioriteiten staan bij de thema's voor deals."
            ),
        ),
        "feedback": Action(
            service=services.edition_feedback_publish,
            form=forms.FeedbackForm,
            message=gettext_lazy("De terugkoppeling is gepubliceerd."),
        ),
        "monitoring-start": Action(
            service=services.edition_monitoring_start,
            message=gettext_lazy("De monitoring is gestart."),
        ),
        "close": Action(
            service=services.edition_close, message=gettext_lazy("De editie is gesloten.")
        ),
        "propose": Action(
            service=services.proposal_create,
            form=forms.ProposalForm,
            message=gettext_lazy("Het voorstel is toegevoegd."),
        ),
        "comment": Action(
            service=services.comment_create,
            arguments=lambda view, cleaned: {
                "proposal": view.posted_proposal(),
                "body": view.request.POST.get("body", ""),
            },
            message=gettext_lazy("Uw reactie is geplaatst."),
        ),
        "endorse": Action(
            service=services.proposal_endorse,
            arguments=lambda view, cleaned: {"proposal": view.posted_proposal()},
            message=gettext_lazy("U steunt dit voorstel."),
        ),
        "agenda-item": Action(
            service=services.agenda_item_create,
            form=forms.AgendaItemForm,
            arguments=lambda view, cleaned: {"proposal": view.posted_proposal(), **cleaned},
            message=gettext_lazy("Het voorstel staat op de agenda."),
        ),
        "decision": Action(
            service=services.decision_record,
            form=forms.DecisionForm,
            arguments=lambda view, cleaned: {"agenda_item": view.posted_agenda_item(), **cleaned},
            message=gettext_lazy("Het besluit is vastgelegd."),
        ),
        "monitoring": Action(
            service=services.monitoring_entry_add,
            form=forms.MonitoringForm,
            arguments=lambda view, cleaned: {"agenda_item": view.posted_agenda_item(), **cleaned},
            message=gettext_lazy("De waarneming is toegevoegd."),
        ),
        "proposal-edit": Action(
            service=services.proposal_update,
            form=forms.ProposalForm,
            arguments=lambda view, cleaned: {"proposal": view.posted_proposal(), **cleaned},
            message=gettext_lazy("Het voorstel is bijgewerkt."),
        ),
        "co-author": Action(
            service=services.proposal_co_author_add,
            form=forms.CoAuthorForm,
            arguments=lambda view, cleaned: {
                "proposal": view.posted_proposal(),
                "user": cleaned["user"],
            },
            message=lambda proposal, cleaned: (
                _("%(name)s is mede-auteur van dit voorstel.") % {"name": cleaned["user"]}
            ),
        ),
        "priority": Action(
            service=services.priority_set,
            form=forms.PriorityForm,
            message=gettext_lazy("De prioriteit is opgeslagen."),
        ),
    }

    def get_object(self) -> Edition:
        return _edition_or_404(self.request.user, self.kwargs["pk"])

    def invalid_form_text(self, form) -> str:
        # Each field's errors after its label, so the message says which field to fix.
        return " ".join(
            f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}"
            for f, e in form.errors.items()
        )

    def get_form_kwargs(self, action):
        return {"gremia": selectors.gremium_list()} if action.form is forms.AgendaItemForm else {}

    def posted_proposal(self):
        pk = int(self.request.POST.get("proposal", ""))
        for proposal in self.object.proposals.all():
            if proposal.pk == pk:
                return proposal
        raise ObjectDoesNotExist

    def posted_agenda_item(self):
        pk = int(self.request.POST.get("agenda_item", ""))
        return selectors.agenda_item_get(actor=self.request.user, pk=pk)


class FeedbackView(TemplateView):
    """The public terugkoppeling of an adopted edition: every proposal and outcome, good and bad."""

    template_name = "kompas/feedback.html"

    def get_context_data(self, **kwargs):
        try:
            edition = selectors.edition_public(pk=self.kwargs["pk"])
        except ObjectDoesNotExist as exc:
            raise Http404(_("Deze editie is (nog) niet vastgesteld.")) from exc
        return super().get_context_data(edition=edition, snapshot=edition.snapshot, **kwargs)


def _dashboard_context(actor) -> dict:
    data = selectors.dashboard(actor=actor)
    knelpunt_rows = [(f"{c} · {s}", n) for (c, s), n in data["knelpunten"]]
    decision_rows = [(f"{m} · {o}", n) for (m, o), n in data["decisions_over_time"]]
    chart_specs = [
        ("deals_per_theme", _("Deals per thema"), data["deals_per_theme"]),
        ("deals_per_area", _("Deals per gebied"), data["deals_per_area"]),
        ("schouw_coverage", _("Schouwdekking van lopende deals"), data["schouw_coverage"]),
        ("lessons_per_kind", _("Lessen per soort"), data["lessons_per_kind"]),
        ("knelpunten", _("Knelpunten per soort en status"), knelpunt_rows),
        ("decisions", _("Besluiten in de tijd"), decision_rows),
    ]
    data["charts"] = []
    for key, title, rows in chart_specs:
        svg = charts.bar_chart_svg(rows, title=title)
        # Shown as an image: an SVG drawn inline would need inline styles, which our CSP forbids.
        data["charts"].append(
            {
                "key": key,
                "title": title,
                "rows": rows,
                "svg": svg,
                "uri": charts.data_uri(svg) if svg else "",
            }
        )
    return data


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "kompas/dashboard.html"

    def get_context_data(self, **kwargs):
        if not self.request.user.has_perm("kompas.view_dashboard"):
            raise PermissionDenied
        return super().get_context_data(**_dashboard_context(self.request.user), **kwargs)


class ReportPdfView(LoginRequiredMixin, View):
    """The kompas report for the board meeting, as PDF (WeasyPrint)."""

    def get(self, request):
        if not request.user.has_perm("kompas.view_dashboard"):
            raise PermissionDenied
        from weasyprint import HTML

        context = _dashboard_context(request.user)
        html = render_to_string(
            "kompas/report_pdf.html", {**context, "now": timezone.now()}, request=request
        )
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="kompas.pdf"'
        return response


class GremiumListView(LoginRequiredMixin, ServiceCallMixin, TemplateView):
    template_name = "kompas/gremium_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            gremia=selectors.gremium_list(include_inactive=True), form=forms.GremiumForm(), **kwargs
        )

    def post(self, request):
        form = forms.GremiumForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Vul naam, soort en volgorde in."))
        else:
            try:
                services.gremium_save(actor=request.user, **form.cleaned_data)
            except self.refusals as exc:
                self.refuse(exc)
            else:
                messages.success(request, _("Het gremium is opgeslagen."))
        return redirect(reverse("kompas:gremium-list"))
