from django.urls import path

from pilots.views import activities, pilots, public, reviews, standards

app_name = "pilots"

urlpatterns = [
    path("pilots/", pilots.PilotListView.as_view(), name="pilot-list"),
    path("pilots/new/", pilots.PilotCreateView.as_view(), name="pilot-create"),
    path("pilots/<int:pk>/", pilots.PilotDetailView.as_view(), name="pilot-detail"),
    path("pilots/<int:pk>/edit/", pilots.PilotUpdateView.as_view(), name="pilot-edit"),
    path("pilots/<int:pk>/delete/", pilots.PilotDeleteView.as_view(), name="pilot-delete"),
    path("pilots/<int:pk>/history/", pilots.PilotHistoryView.as_view(), name="pilot-history"),
    path("pilots/<int:pk>/move/<str:target>/", pilots.PilotMoveView.as_view(), name="pilot-move"),
    path(
        "pilots/<int:pk>/standards/add/",
        pilots.PilotStandardAddView.as_view(),
        name="pilot-standard-add",
    ),
    path(
        "pilots/<int:pk>/standards/<int:entry>/remove/",
        pilots.PilotStandardRemoveView.as_view(),
        name="pilot-standard-remove",
    ),
    path(
        "pilots/<int:pk>/documents/add/",
        pilots.DocumentUploadView.as_view(),
        name="document-upload",
    ),
    path(
        "pilots/<int:pk>/documents/<int:document>/",
        pilots.DocumentDownloadView.as_view(),
        name="document-download",
    ),
    path(
        "pilots/<int:pk>/documents/<int:document>/delete/",
        pilots.DocumentDeleteView.as_view(),
        name="document-delete",
    ),
    path("standards/", standards.StandardListView.as_view(), name="standard-list"),
    path("standards/new/", standards.StandardCreateView.as_view(), name="standard-create"),
    path("standards/<int:pk>/", standards.StandardDetailView.as_view(), name="standard-detail"),
    path("standards/<int:pk>/edit/", standards.StandardUpdateView.as_view(), name="standard-edit"),
    path(
        "standards/<int:pk>/delete/",
        standards.StandardDeleteView.as_view(),
        name="standard-delete",
    ),
    path("standards/<int:pk>/pdf/", standards.StandardPdfView.as_view(), name="standard-pdf"),
    path("activities/", activities.ActivityListView.as_view(), name="activity-list"),
    path("activities/new/", activities.ActivityCreateView.as_view(), name="activity-create"),
    path("activities/<int:pk>/", activities.ActivityDetailView.as_view(), name="activity-detail"),
    path(
        "activities/<int:pk>/edit/",
        activities.ActivityUpdateView.as_view(),
        name="activity-edit",
    ),
    path(
        "activities/<int:pk>/delete/",
        activities.ActivityDeleteView.as_view(),
        name="activity-delete",
    ),
    path(
        "activities/<int:pk>/photos/",
        activities.PhotoUploadView.as_view(),
        name="photo-upload",
    ),
    path("photos/<int:pk>/", activities.PhotoFileView.as_view(), name="photo-file"),
    path(
        "photos/<int:pk>/thumbnail/",
        activities.PhotoFileView.as_view(size="thumbnail"),
        name="photo-thumbnail",
    ),
    path("photos/<int:pk>/edit/", activities.PhotoUpdateView.as_view(), name="photo-edit"),
    path("photos/<int:pk>/delete/", activities.PhotoDeleteView.as_view(), name="photo-delete"),
    path("reviews/", reviews.ReviewListView.as_view(), name="review-list"),
    path(
        "pilots/<int:pk>/reviews/new/",
        reviews.ReviewScheduleView.as_view(),
        name="review-schedule",
    ),
    path("reviews/<int:pk>/", reviews.ReviewDetailView.as_view(), name="review-detail"),
    path(
        "reviews/<int:pk>/conclude/",
        reviews.ConcludeReviewView.as_view(),
        name="review-conclude",
    ),
    # Panel pages moved to the scoring app (/panels/<panel>/...); old addresses lead there.
    path(
        "reviews/<int:pk>/panel/add/",
        reviews.ReviewPanelRedirectView.as_view(target="scoring:panel-member-add"),
    ),
    path(
        "reviews/<int:pk>/panel/<int:member>/remove/",
        reviews.ReviewPanelRedirectView.as_view(target="scoring:panel-member-remove"),
    ),
    path(
        "reviews/<int:pk>/declare/",
        reviews.ReviewPanelRedirectView.as_view(target="scoring:panel-declare"),
    ),
    path(
        "reviews/<int:pk>/matrix.xlsx",
        reviews.ReviewPanelRedirectView.as_view(target="scoring:panel-matrix-xlsx"),
    ),
    path("public/pilots/", public.PublicPilotListView.as_view(), name="public-pilot-list"),
    path(
        "public/pilots/<int:pk>/",
        public.PublicPilotDetailView.as_view(),
        name="public-pilot-detail",
    ),
]
