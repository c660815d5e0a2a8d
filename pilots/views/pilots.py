from django.conf import settings
from django.contrib import messages
from django.contrib.messages.views import SuccessMessageMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView, UpdateView, View
from django.views.generic.edit import CreateView, DeleteView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from pilots import selectors, services
from pilots.enums import MOVE_LABELS, PILOT_TRANSITIONS, PilotStatus
from pilots.filters import PilotFilter
from pilots.forms import DocumentUploadForm, PilotForm, PilotMoveForm, PilotStandardForm
from pilots.models import PilotDocument, PilotProject, PilotStandard
from portal.attachments import serve_private_file
from portal.collation import Pinyin
from portal.rules import is_bureau_staff
from portal.selectors import history_with_changes
from portal.views.mixins import DomainErrorMixin, FoundObjectMixin, ProtectedDeleteMixin
from scoring.enums import PanelStatus


class PilotListView(PermissionRequiredMixin, View):
    """The pilots page: the register for staff; for an enterprise member, their organization's
    pilots and the published ones. Reviewers have no list: they reach the pilots they review
    from their reviews."""

    permission_required = "pilots.view_pilot_list"

    def get(self, request, *args, **kwargs):
        view = RegisterListView if is_bureau_staff(request.user) else OrganizationPilotListView
        return view.as_view()(request, *args, **kwargs)


class RegisterListView(PermissionRequiredMixin, FilterView):
    """Staff: the whole register, with its filters."""

    permission_required = "pilots.view_pilot_list"
    filterset_class = PilotFilter
    template_name = "pilots/pilotproject_list.html"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return selectors.pilots_for_user(self.request.user)


class OrganizationPilotListView(PermissionRequiredMixin, ListView):
    """An enterprise member: every pilot their organization leads or takes part in (a few),
    then the published pilots of other organizations, page by page, linked to their public
    pages."""

    permission_required = "pilots.view_pilot_list"
    template_name = "pilots/pilotproject_list_enterprise.html"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return selectors.published_pilots_of_others(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            organization=self.request.user.membership.organization,
            own_pilots=selectors.pilots_of_own_organization(self.request.user),
            **kwargs,
        )


class PilotObjectMixin(FoundObjectMixin):
    def found_queryset(self):
        return PilotProject.objects.select_related("lead_organization", "region")

    def get_pilot(self):
        return self.get_found_object()


# The pilot page shows this many of the latest activities and photos; the rest on request
# ("show all"): a zone with 300 activities does not make a page of 180 KiB.
SECTION_PREVIEW = 12


def preview(queryset, limit: int, everything: bool) -> tuple[list, bool]:
    """The first ``limit`` rows (all of them when ``everything``), and whether there are more."""
    if everything:
        return list(queryset), False
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit


class PilotDetailView(PilotObjectMixin, DetailView):
    permission_required = "pilots.view_pilotproject"
    template_name = "pilots/pilotproject_detail.html"
    context_object_name = "pilot"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pilot = self.object
        groups, missing = selectors.pilot_standard_system(pilot)
        can_move = self.request.user.has_perm("pilots.move_pilotproject", pilot)
        can_add_review = self.request.user.has_perm("pilots.add_acceptancereview")
        reviews = list(selectors.pilot_reviews(pilot))
        # While a review is open, the pilot's result comes only from its conclusion (there is
        # one at most: the latest that has not concluded).
        open_review = (
            next((r for r in reviews if r.panel.status != PanelStatus.CONCLUDED), None)
            if can_move or can_add_review
            else None
        )
        review_open = open_review is not None
        shown = set(self.request.GET.getlist("show"))
        activities, more_activities = preview(
            selectors.pilot_activities(pilot), SECTION_PREVIEW, "activities" in shown
        )
        photos, more_photos = preview(
            selectors.pilot_photos(pilot).order_by("-activity__date", "-pk"),
            SECTION_PREVIEW,
            "photos" in shown,
        )
        context.update(
            participants=pilot.participants.order_by(Pinyin("name")),
            system_groups=groups,
            missing_parts=missing,
            activities=activities,
            more_activities=more_activities,
            totals=selectors.activity_totals(pilot),
            photos=photos,
            more_photos=more_photos,
            documents=selectors.pilot_documents(pilot),
            timeline=selectors.pilot_timeline(pilot),
            reviews=reviews,
            open_review=open_review,
            can_schedule_review=can_add_review
            and pilot.status == PilotStatus.ACCEPTANCE_REQUESTED
            and not review_open,
            moves=[
                (status, MOVE_LABELS[status])
                for status in PilotStatus
                if can_move
                and status in PILOT_TRANSITIONS[pilot.status]
                and not (review_open and status in services.RESULTS_OF_REVIEW)
            ],
        )
        return context


class PilotCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "pilots.add_pilotproject"
    model = PilotProject
    form_class = PilotForm
    template_name = "pilots/pilotproject_form.html"

    def form_valid(self, form):
        self.object = services.create_pilot(
            pilot=form.save(commit=False),
            participants=form.cleaned_data["participants"],
            actor=self.request.user,
            declared_on=form.cleaned_data["declared_on"],
        )
        messages.success(self.request, _("%(name)s has been added.") % {"name": self.object})
        return redirect(self.object)


class PilotUpdateView(SuccessMessageMixin, PilotObjectMixin, UpdateView):
    permission_required = "pilots.change_pilotproject"
    form_class = PilotForm
    template_name = "pilots/pilotproject_form.html"
    context_object_name = "pilot"
    success_message = gettext_lazy("The changes have been saved.")


class PilotMoveView(DomainErrorMixin, PilotObjectMixin, FormView):
    """Confirm one move of the workflow (its own URL per target state), with date and comment."""

    permission_required = "pilots.move_pilotproject"
    form_class = PilotMoveForm
    template_name = "pilots/pilotproject_move.html"

    def dispatch(self, request, *args, **kwargs):
        if kwargs["target"] not in PilotStatus.values:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "not_before": selectors.last_move_date(self.get_pilot())
        }

    def get_context_data(self, **kwargs):
        target = PilotStatus(self.kwargs["target"])
        pilot = self.get_pilot()
        review = selectors.open_review(pilot) if target in services.RESULTS_OF_REVIEW else None
        kwargs.update(
            pilot=pilot,
            target=target,
            action=MOVE_LABELS.get(target, target.label),
            allowed=target in PILOT_TRANSITIONS[pilot.status] and review is None,
            open_review=review,
            awaits_review=services.result_awaits_review_message(review) if review else "",
        )
        return super().get_context_data(**kwargs)

    def domain_error_url(self):
        return self.get_pilot().get_absolute_url()

    def act(self, form):
        pilot = self.get_pilot()
        services.set_pilot_state(
            pilot=pilot,
            target=self.kwargs["target"],
            actor=self.request.user,
            comment=form.cleaned_data["comment"],
            occurred_on=form.cleaned_data["occurred_on"],
        )
        messages.success(
            self.request,
            _("%(name)s is now “%(status)s”.")
            % {"name": pilot.name, "status": PilotStatus(self.kwargs["target"]).label},
        )
        return redirect(pilot)


class PilotHistoryView(PilotObjectMixin, DetailView):
    permission_required = "pilots.view_history_pilotproject"
    template_name = "pilots/pilotproject_history.html"
    context_object_name = "pilot"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["records"] = history_with_changes(self.object)
        return context


class PilotDeleteView(ProtectedDeleteMixin, PilotObjectMixin, DeleteView):
    """Staff delete a pilot with its parts. The page lists what would go with it and, when the
    pilot cannot be deleted, what holds it back, and offers the workflow's way out (revoke)."""

    permission_required = "pilots.change_pilotproject"
    delete_permission = "pilots.delete_pilotproject"
    template_name = "pilots/pilotproject_confirm_delete.html"
    context_object_name = "pilot"
    success_url = reverse_lazy("pilots:pilot-list")
    protected_message = gettext_lazy(
        "%(name)s cannot be deleted: what holds it back is listed below."
    )

    def deletion_context(self, can_delete: bool) -> dict:
        pilot = self.object
        deletion = selectors.pilot_deletion(pilot)
        return {
            "references": [] if can_delete else deletion.references,
            "decisions": [] if can_delete else deletion.decisions,
            "parts": deletion.parts,
            "can_revoke": PilotStatus.REVOKED in PILOT_TRANSITIONS[pilot.status]
            and self.request.user.has_perm("pilots.move_pilotproject", pilot),
            "revoke_label": MOVE_LABELS[PilotStatus.REVOKED],
        }

    def perform_delete(self) -> None:
        services.delete_pilot(pilot=self.object, actor=self.request.user)


# --- the standard system --------------------------------------------------------------------


class PilotStandardAddView(PilotObjectMixin, CreateView):
    permission_required = "pilots.change_pilotproject"
    form_class = PilotStandardForm
    template_name = "pilots/pilotstandard_form.html"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"pilot": self.get_pilot()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(pilot=self.get_pilot(), **kwargs)

    def form_valid(self, form):
        form.save()
        messages.success(
            self.request,
            _("%(standard)s has been added to the standard system.")
            % {"standard": form.instance.standard.designation},
        )
        return redirect(reverse("pilots:pilot-detail", args=[self.get_pilot().pk]) + "#system")


class PilotStandardRemoveView(PilotObjectMixin, DeleteView):
    permission_required = "pilots.change_pilotproject"
    template_name = "pilots/pilotstandard_confirm_delete.html"
    context_object_name = "entry"

    def get_object(self, queryset=None):
        return get_object_or_404(
            PilotStandard.objects.select_related("standard", "pilot"),
            pk=self.kwargs["entry"],
            pilot=self.get_pilot(),
        )

    def form_valid(self, form):
        self.object.delete()
        messages.success(
            self.request,
            _("%(standard)s has been removed from the standard system.")
            % {"standard": self.object.standard.designation},
        )
        return redirect(reverse("pilots:pilot-detail", args=[self.get_pilot().pk]) + "#system")


# --- documents ------------------------------------------------------------------------------


class DocumentUploadView(PilotObjectMixin, FormView):
    permission_required = "pilots.change_pilotproject"
    form_class = DocumentUploadForm
    template_name = "pilots/pilotdocument_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(pilot=self.get_pilot(), **kwargs)

    def form_valid(self, form):
        document = services.attach_document(
            pilot=self.get_pilot(),
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            uploaded=form.cleaned_data["file"],
            actor=self.request.user,
        )
        messages.success(self.request, _("%(title)s has been attached.") % {"title": document})
        return redirect(reverse("pilots:pilot-detail", args=[self.get_pilot().pk]) + "#documents")


class DocumentMixin(PilotObjectMixin):
    def get_document(self):
        return get_object_or_404(PilotDocument, pk=self.kwargs["document"], pilot=self.get_pilot())


class DocumentDownloadView(DocumentMixin, DetailView):
    """Documents are private: served only to those who may see the pilot."""

    permission_required = "pilots.view_pilotproject"

    def get(self, request, *args, **kwargs):
        document = self.get_document()
        return serve_private_file(
            document.file, download_name=document.original_name, as_attachment=True
        )


class DocumentDeleteView(DocumentMixin, DeleteView):
    permission_required = "pilots.change_pilotproject"
    template_name = "pilots/pilotdocument_confirm_delete.html"
    context_object_name = "document"

    def get_object(self, queryset=None):
        return self.get_document()

    def form_valid(self, form):
        services.delete_document(document=self.object)
        messages.success(self.request, _("%(title)s has been deleted.") % {"title": self.object})
        return redirect(reverse("pilots:pilot-detail", args=[self.get_pilot().pk]) + "#documents")
