from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.messages.views import SuccessMessageMixin
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView
from django.views.generic.edit import CreateView, DeleteView, UpdateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from pilots import selectors, services
from pilots.filters import ActivityFilter
from pilots.forms import ActivityForm, PhotoCaptionForm, PhotoUploadForm
from pilots.models import Activity, Photo, PilotProject
from portal.attachments import serve_private_file
from portal.filters import query_parameter
from portal.views.mixins import FoundObjectMixin


class ActivityListView(PermissionRequiredMixin, FilterView):
    permission_required = "pilots.view_pilot_list"
    filterset_class = ActivityFilter
    template_name = "pilots/activity_list.html"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return selectors.activities_for_user(self.request.user)


class ActivityObjectMixin(FoundObjectMixin):
    def found_queryset(self):
        return Activity.objects.select_related("pilot", "organizer", "created_by")

    def get_activity(self):
        return self.get_found_object()


class ActivityDetailView(ActivityObjectMixin, DetailView):
    permission_required = "pilots.view_activity"
    template_name = "pilots/activity_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["photos"] = self.object.photos.all()
        context["upload_form"] = PhotoUploadForm()
        return context


class ActivityCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "pilots.add_activity"
    model = Activity
    form_class = ActivityForm
    template_name = "pilots/activity_form.html"

    def get_initial(self):
        initial = super().get_initial()
        pilot = query_parameter(
            self.request, "pilot", forms.ModelChoiceField(PilotProject.objects.all())
        )
        if pilot is not None:
            initial.update(pilot=pilot, organizer=pilot.lead_organization)
        return initial

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("The activity has been recorded. You can add its photos now."),
        )
        return response


class ActivityUpdateView(SuccessMessageMixin, ActivityObjectMixin, UpdateView):
    permission_required = "pilots.change_activity"
    form_class = ActivityForm
    template_name = "pilots/activity_form.html"
    success_message = gettext_lazy("The changes have been saved.")


class ActivityDeleteView(ActivityObjectMixin, DeleteView):
    permission_required = "pilots.delete_activity"
    template_name = "pilots/activity_confirm_delete.html"
    success_url = reverse_lazy("pilots:activity-list")

    def form_valid(self, form):
        services.delete_activity(activity=self.object)
        messages.success(self.request, _("The activity has been deleted."))
        return redirect(self.success_url)


class PhotoUploadView(ActivityObjectMixin, FormView):
    """Upload several photos at once; a bad file refuses the whole upload and says which."""

    permission_required = "pilots.change_activity"
    form_class = PhotoUploadForm
    template_name = "pilots/activity_detail.html"

    def get_context_data(self, **kwargs):
        activity = self.get_activity()
        kwargs.update(object=activity, activity=activity, photos=activity.photos.all())
        kwargs["upload_form"] = kwargs.pop("form", None) or PhotoUploadForm()
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        files = form.cleaned_data["photos"]
        services.add_photos(
            activity=self.get_activity(),
            files=files,
            captions=[form.cleaned_data["caption"]] * len(files),
            actor=self.request.user,
        )
        messages.success(self.request, _("%(count)d photo(s) uploaded.") % {"count": len(files)})
        return redirect(reverse("pilots:activity-detail", args=[self.get_activity().pk]))


class PhotoMixin(FoundObjectMixin):
    """Photos are seen and changed by those who may see or change their activity."""

    def found_queryset(self):
        return Photo.objects.select_related("activity", "activity__pilot")

    def get_photo(self):
        return self.get_found_object()

    def permission_object_for(self, photo):
        return photo.activity


class PhotoFileView(PhotoMixin, DetailView):
    """The photo or its thumbnail, to those who may see the activity."""

    permission_required = "pilots.view_activity"
    size = "image"

    def get(self, request, *args, **kwargs):
        photo = self.get_photo()
        file = photo.thumbnail if self.size == "thumbnail" else photo.image
        return serve_private_file(file, download_name=photo.original_name, as_attachment=False)


class PhotoUpdateView(PhotoMixin, FormView):
    permission_required = "pilots.change_activity"
    form_class = PhotoCaptionForm
    template_name = "pilots/photo_form.html"

    def get_initial(self):
        return {"caption": self.get_photo().caption}

    def get_context_data(self, **kwargs):
        return super().get_context_data(photo=self.get_photo(), **kwargs)

    def form_valid(self, form):
        photo = self.get_photo()
        photo.caption = form.cleaned_data["caption"]
        photo.save(update_fields=["caption"])
        messages.success(self.request, _("The caption has been saved."))
        return redirect(photo.activity)


class PhotoDeleteView(PhotoMixin, DeleteView):
    permission_required = "pilots.change_activity"
    template_name = "pilots/photo_confirm_delete.html"
    context_object_name = "photo"

    def form_valid(self, form):
        activity = self.object.activity
        services.delete_photo(photo=self.object)
        messages.success(self.request, _("The photo has been deleted."))
        return redirect(activity)
