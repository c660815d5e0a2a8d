"""The portal's URLs, and after them ``bench-admin/`` (``bench.admin``)."""

from django.urls import path

from bench.admin import site
from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [*portal_urlpatterns, path("bench-admin/", site.urls)]
