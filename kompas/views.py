from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from reisgids.core.errors import ApplicationError, error_text

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


class DraftStartView(LoginRequiredMixin, View):
    def post(self, request):
        try:
            services.draft_run_start(actor=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
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
            today=timezone.localdate(),
            **kwargs,
        )


class EditionActionView(LoginRequiredMixin, View):
    """Every POST on an edition page: one service per action; refusals come back as a message."""

    def post(self, request, pk, action):
        edition = _edition_or_404(request.user, pk)
        handler = getattr(self, f"do_{action.replace('-', '_')}", None)
        if handler is None:
            raise Http404
        try:
            message = handler(request, edition, request.POST)
        except (ApplicationError, ValidationError) as exc:
            messages.error(request, error_text(exc))
        except (ObjectDoesNotExist, ValueError):
            messages.error(request, _("Dit onderdeel bestaat niet (meer)."))
        else:
            messages.success(request, message)
        return redirect(edition.get_absolute_url())

    def _form(self, form_class, data, **kwargs):
        form = form_class(data, **kwargs)
        if not form.is_valid():
            raise ApplicationError(
                " ".join(
                    f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}"
                    for f, e in form.errors.items()
                )
            )
        return form.cleaned_data

    def _proposal(self, request, edition, data):
        pk = int(data.get("proposal", ""))
        for proposal in edition.proposals.all():
            if proposal.pk == pk:
                return proposal
        raise ObjectDoesNotExist

    def _agenda_item(self, request, data):
        return selectors.agenda_item_get(actor=request.user, pk=int(data.get("agenda_item", "")))

    def do_consultation(self, request, edition, data):
        services.edition_consultation_open(actor=request.user, edition=edition)
        return _("De consultatie is geopend. Alle leden kunnen nu reageren en steunen.")

    def do_agenda(self, request, edition, data):
        services.edition_agenda_set(actor=request.user, edition=edition)
        return _("De editie is geagendeerd.")

    def do_adopt(self, request, edition, data):
        services.edition_adopt(actor=request.user, edition=edition)
        return _("Het kompas is vastgesteld. De prioriteiten staan bij de thema's voor deals.")

    def do_feedback(self, request, edition, data):
        d = self._form(forms.FeedbackForm, data)
        services.edition_feedback_publish(actor=request.user, edition=edition, **d)
        return _("De terugkoppeling is gepubliceerd.")

    def do_monitoring_start(self, request, edition, data):
        services.edition_monitoring_start(actor=request.user, edition=edition)
        return _("De monitoring is gestart.")

    def do_close(self, request, edition, data):
        services.edition_close(actor=request.user, edition=edition)
        return _("De editie is gesloten.")

    def do_propose(self, request, edition, data):
        d = self._form(forms.ProposalForm, data)
        services.proposal_create(actor=request.user, edition=edition, **d)
        return _("Het voorstel is toegevoegd.")

    def do_comment(self, request, edition, data):
        proposal = self._proposal(request, edition, data)
        services.comment_create(actor=request.user, proposal=proposal, body=data.get("body", ""))
        return _("Uw reactie is geplaatst.")

    def do_endorse(self, request, edition, data):
        services.proposal_endorse(
            actor=request.user, proposal=self._proposal(request, edition, data)
        )
        return _("U steunt dit voorstel.")

    def do_agenda_item(self, request, edition, data):
        d = self._form(forms.AgendaItemForm, data, gremia=selectors.gremium_list())
        services.agenda_item_create(
            actor=request.user, proposal=self._proposal(request, edition, data), **d
        )
        return _("Het voorstel staat op de agenda.")

    def do_decision(self, request, edition, data):
        d = self._form(forms.DecisionForm, data)
        services.decision_record(
            actor=request.user, agenda_item=self._agenda_item(request, data), **d
        )
        return _("Het besluit is vastgelegd.")

    def do_monitoring(self, request, edition, data):
        d = self._form(forms.MonitoringForm, data)
        services.monitoring_entry_add(
            actor=request.user, agenda_item=self._agenda_item(request, data), **d
        )
        return _("De waarneming is toegevoegd.")

    def do_proposal_edit(self, request, edition, data):
        proposal = self._proposal(request, edition, data)
        d = self._form(forms.ProposalForm, data)
        services.proposal_update(actor=request.user, proposal=proposal, **d)
        return _("Het voorstel is bijgewerkt.")

    def do_co_author(self, request, edition, data):
        proposal = self._proposal(request, edition, data)
        d = self._form(forms.CoAuthorForm, data)
        user = selectors.user_by_email(email=d["email"])
        services.proposal_co_author_add(actor=request.user, proposal=proposal, user=user)
        return _("%(name)s is mede-auteur van dit voorstel.") % {"name": user}

    def do_priority(self, request, edition, data):
        d = self._form(forms.PriorityForm, data)
        services.priority_set(actor=request.user, edition=edition, **d)
        return _("De prioriteit is opgeslagen.")


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


class GremiumListView(LoginRequiredMixin, TemplateView):
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
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Het gremium is opgeslagen."))
        return redirect(reverse("kompas:gremium-list"))
