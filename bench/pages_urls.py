"""The site's URLs plus a trivial view: the yardstick that bench/pages.py and bench/load.py divide by."""

from django.http import HttpResponse
from django.urls import path

from iomcz.urls import urlpatterns as site_urlpatterns


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial, name="bench-trivial"), *site_urlpatterns]
