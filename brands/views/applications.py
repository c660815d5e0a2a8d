"""Award applications, the enterprise's side and the page everyone shares: the list, the
application's page, the form in sections, the materials, submitting and withdrawing. The
bureau's actions are in ``brands.views.decisions``."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView
from django.views.generic.edit import UpdateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from brands import rules as brand_rules
from brands import selectors, services
from brands.enums import ApplicationStatus, ProgramWindow
from brands.filters import AwardApplicationFilter
from brands.forms.applications import (
    APPLICATION_SECTIONS,
    ApplicationFiguresForm,
    MaterialUploadForm,
    WithdrawForm,
    section_fields,
)
from brands.models import (
    ApplicationMaterial,
    ApplicationVersion,
    AwardApplication,
    AwardProgram,
    RequiredMaterial,
)
from brands.services.applications import figure_years
from portal.attachments import serve_private_file
from portal.rules import is_reviewer
from portal.views.mixins import DomainErrorMixin, FoundObjectMixin
from scoring.views.panels import panel_context


class ApplicationListView(PermissionRequiredMixin, FilterView):
    """Staff: every application, filtered. An enterprise member: their organization's."""

    permission_required = "brands.view_applications"
    filterset_class = AwardApplicationFilter
    paginate_by = settings.PAGE_SIZE

    def is_staff(self) -> bool:
        return self.request.user.has_perm("brands.view_application_list")

    def get_template_names(self):
        if self.is_staff():
            return ["brands/awardapplication_list.html"]
        return ["brands/awardapplication_list_enterprise.html"]

    def get_queryset(self):
        return selectors.applications_for_user(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(for_reviewer=is_reviewer(self.request.user), **kwargs)

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        if not self.is_staff():
            # The enterprise's own few applications need no filters: every one is listed.
            filterset.form.data = {}
        return filterset


class ApplicationStartView(DomainErrorMixin, FoundObjectMixin, FormView):
    """An enterprise member starts their organization's application to an open programme."""

    permission_required = "brands.add_awardapplication"
    template_name = "brands/awardapplication_start.html"
    form_class = forms.Form  # no fields: the button is the consent

    def found_queryset(self):
        return AwardProgram.objects.prefetch_related("materials")

    def get_permission_object(self):
        return None

    def get_context_data(self, **kwargs):
        program = self.get_found_object()
        user = self.request.user
        existing = (
            AwardApplication.objects.filter(
                program=program, organization_id=user.membership.organization_id
            )
            .exclude(status=ApplicationStatus.WITHDRAWN)
            .first()
        )
        return super().get_context_data(
            program=program,
            existing=existing,
            is_open=program.window == ProgramWindow.OPEN,
            **kwargs,
        )

    def act(self, form):
        application = services.start_application(
            program=self.get_found_object(),
            organization=self.request.user.membership.organization,
            actor=self.request.user,
        )
        messages.success(
            self.request,
            _("Your application has been started. Fill in each section and upload the materials."),
        )
        return redirect("brands:application-section", application.pk, "basic")


class ApplicationMixin(FoundObjectMixin):
    def found_queryset(self):
        return AwardApplication.objects.select_related(
            "program",
            "program__scoring_template",
            "program__confers_title",
            "organization",
            "panel",
            "panel__template",
        )

    def get_application(self) -> AwardApplication:
        return self.get_found_object()

    def get_context_data(self, **kwargs):
        return super().get_context_data(application=self.get_application(), **kwargs)


def application_context(application: AwardApplication, user) -> dict:
    """What the application's page shows to ``user``: the bureau everything; the enterprise its
    form, files, comments and states (never the reviewers or their scores); a reviewer on the
    panel the form and files once they have declared no conflict."""
    manages = user.has_perm("brands.manage_awardapplication", application)
    reads = user.has_perm("brands.read_materials_awardapplication", application)
    context = {
        "manages": manages,
        "reads_materials": reads,
        "is_applicant": brand_rules.is_applicant_member(user, application),
        "can_edit": user.has_perm("brands.change_awardapplication", application),
        "can_withdraw": user.has_perm("brands.withdraw_awardapplication", application),
        "sections": APPLICATION_SECTIONS,
        "figure_rows": selectors.figure_rows(
            application.figures, figure_years(application.program)
        ),
    }
    files = selectors.application_files(application) if reads else []
    if reads:
        context["materials"] = selectors.current_materials(application, files)
    if manages or context["is_applicant"]:
        context["timeline"] = selectors.application_timeline(application)
        context["checks"] = selectors.application_checks(application)
    if manages:
        context.update(
            objections=application.objections.all(),
            replaced_count=sum(1 for file in files if file.replaced is not None),
            decision_refusal=services.decision_refusal(application)
            if application.status in (ApplicationStatus.ACCEPTED, ApplicationStatus.UNDER_REVIEW)
            else "",
            finalisation_refusal=services.finalisation_refusal(application),
        )
    if application.panel_id is not None and not context["is_applicant"]:
        application.panel._subject = application
        context.update(panel_context(application.panel, user, matrix=False))
    if context["can_edit"]:
        context["problems"] = services.submission_problems(application)
    return context


class ApplicationDetailView(ApplicationMixin, DetailView):
    permission_required = "brands.view_awardapplication"
    template_name = "brands/awardapplication_detail.html"
    context_object_name = "application"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(application_context(self.object, self.request.user))
        return context


class ApplicationSectionView(DomainErrorMixin, ApplicationMixin, UpdateView):
    """One section of the form; saved as it is, complete or not, until the application is
    submitted."""

    permission_required = "brands.change_awardapplication"
    template_name = "brands/awardapplication_section.html"
    context_object_name = "application"

    def get_section(self):
        section = APPLICATION_SECTIONS.get(self.kwargs["section"])
        if section is None:
            raise Http404("No such section.")
        return section

    def get_form_class(self):
        return self.get_section()[1]

    def get_context_data(self, **kwargs):
        title = self.get_section()[0]
        slugs = list(APPLICATION_SECTIONS)
        index = slugs.index(self.kwargs["section"])
        return super().get_context_data(
            section=self.kwargs["section"],
            section_title=title,
            sections=APPLICATION_SECTIONS,
            next_section=slugs[index + 1] if index + 1 < len(slugs) else None,
            figures_form=isinstance(kwargs.get("form"), ApplicationFiguresForm),
            **kwargs,
        )

    def act(self, form):
        application = form.save(commit=False)
        services.save_application_form(
            application=application, actor=self.request.user, fields=section_fields(form)
        )
        messages.success(
            self.request, _("“%(section)s” has been saved.") % {"section": self.get_section()[0]}
        )
        following = self.request.POST.get("next")
        if following in APPLICATION_SECTIONS:
            return redirect("brands:application-section", application.pk, following)
        return redirect(application)


class MaterialUploadView(DomainErrorMixin, ApplicationMixin, FormView):
    """Upload the file of a required material (replacing the one there, which is kept), or of
    another material (``required`` 0) with a title."""

    permission_required = "brands.change_awardapplication"
    form_class = MaterialUploadForm
    template_name = "brands/applicationmaterial_form.html"

    def get_required(self) -> RequiredMaterial | None:
        if self.kwargs["required"] == 0:
            return None
        return get_object_or_404(
            RequiredMaterial,
            pk=self.kwargs["required"],
            program_id=self.get_application().program_id,
        )

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"required": self.get_required()}

    def get_context_data(self, **kwargs):
        required = self.get_required()
        current = (
            self.get_application().materials.filter(required=required, replaced=None).first()
            if required
            else None
        )
        return super().get_context_data(required=required, current=current, **kwargs)

    def act(self, form):
        material = services.upload_material(
            application=self.get_application(),
            required=self.get_required(),
            uploaded_file=form.cleaned_data["file"],
            kind=form.cleaned_data["file"].document_kind,
            title=form.cleaned_data.get("title", ""),
            actor=self.request.user,
        )
        messages.success(
            self.request, _("“%(name)s” has been uploaded.") % {"name": material.original_name}
        )
        return redirect(self.get_application())


class MaterialMixin(FoundObjectMixin):
    def found_queryset(self):
        return ApplicationMaterial.objects.select_related(
            "application", "application__organization", "required"
        )

    def get_material(self) -> ApplicationMaterial:
        return self.get_found_object()


class MaterialRemoveView(DomainErrorMixin, MaterialMixin, FormView):
    """Take a file out of the application (it is kept for the versions that list it)."""

    permission_required = "brands.change_awardapplication"
    form_class = forms.Form
    template_name = "brands/applicationmaterial_remove.html"

    def permission_object_for(self, found):
        return found.application

    def get_context_data(self, **kwargs):
        material = self.get_material()
        return super().get_context_data(
            material=material, application=material.application, **kwargs
        )

    def act(self, form):
        material = self.get_material()
        if material.replaced is not None:
            messages.info(self.request, _("This file was taken out already."))
            return redirect(material.application)
        services.remove_material(material=material, actor=self.request.user)
        messages.success(
            self.request,
            _("“%(name)s” has been taken out of the application.")
            % {"name": material.original_name},
        )
        return redirect(material.application)


class MaterialFileView(MaterialMixin, DetailView):
    """A material's file, for those who may read the application's materials."""

    permission_required = "brands.read_materials_awardapplication"

    def permission_object_for(self, found):
        return found.application

    def get(self, request, *args, **kwargs):
        material = self.get_material()
        # A file replaced after the application was submitted is the bureau's record only.
        if material.replaced is not None and not request.user.has_perm(
            "brands.manage_awardapplication", material.application
        ):
            raise PermissionDenied
        return serve_private_file(
            material.file,
            download_name=material.original_name,
            as_attachment=material.kind != "image",
        )


class ApplicationSubmitView(DomainErrorMixin, ApplicationMixin, FormView):
    """The last look before submitting: what is missing, or the button."""

    permission_required = "brands.change_awardapplication"
    form_class = forms.Form
    template_name = "brands/awardapplication_submit.html"

    def get_context_data(self, **kwargs):
        application = self.get_application()
        return super().get_context_data(
            problems=services.submission_problems(application),
            resubmission=application.status == ApplicationStatus.RETURNED,
            **kwargs,
        )

    def act(self, form):
        application = services.submit_application(
            application=self.get_application(), actor=self.request.user
        )
        messages.success(
            self.request,
            _("Application %(reference)s has been submitted; the bureau will check it.")
            % {"reference": application.reference},
        )
        return redirect(application)


class ApplicationWithdrawView(DomainErrorMixin, ApplicationMixin, FormView):
    permission_required = "brands.withdraw_awardapplication"
    form_class = WithdrawForm
    template_name = "brands/awardapplication_withdraw.html"

    def act(self, form):
        application = services.withdraw_application(
            application=self.get_application(),
            actor=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            self.request,
            _("Application %(reference)s has been withdrawn.")
            % {"reference": application.reference},
        )
        return redirect(application)


class ApplicationVersionView(ApplicationMixin, TemplateView):
    """Staff: the form as it was submitted one time, with the files it listed."""

    permission_required = "brands.manage_awardapplication"
    template_name = "brands/applicationversion_detail.html"

    def get_context_data(self, **kwargs):
        application = self.get_application()
        version = get_object_or_404(
            ApplicationVersion.objects.select_related("submitted_by"),
            application=application,
            number=self.kwargs["number"],
        )
        data = version.data
        return super().get_context_data(
            version=version,
            data=data,
            figure_rows=selectors.figure_rows(
                data.get("figures"), sorted(data.get("figures") or {})
            ),
            materials=version.materials.select_related("required").order_by(
                "required__position", "pk"
            ),
            **kwargs,
        )


class ApplicationRecordView(ApplicationMixin, TemplateView):
    """Staff: the application's record beside its page — the panel's matrix of scores and its
    events, every submitted version, the replaced files, the visits with their photos."""

    permission_required = "brands.manage_awardapplication"
    template_name = "brands/awardapplication_record.html"

    def get_context_data(self, **kwargs):
        application = self.get_application()
        context = super().get_context_data(
            versions=application.versions.select_related("submitted_by").order_by("-number"),
            replaced=[
                file
                for file in selectors.application_files(application)
                if file.replaced is not None
            ],
            visits=selectors.application_visits(application),
            **kwargs,
        )
        if application.panel_id is not None:
            application.panel._subject = application
            context.update(panel_context(application.panel, self.request.user))
        return context
