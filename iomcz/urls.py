"""Root URLs: every public page under its language prefix, with translated path segments."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from sitewide import views
from sitewide.sitemap import sitemap_index, sitemap_part

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    re_path(r"^sitemap-(?P<section>[a-z]+)-(?P<number>[1-9][0-9]*)\.xml$", sitemap_part, name="sitemap-part"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path(_("news/"), include("news.urls")),
    path(_("history/"), include("history.urls")),
    path(_("programmes/"), include("programmes.urls")),
    prefix_default_language=True,
)

# A database that is down or hanging gives a translated 503; any other error the 500 page.
handler500 = "core.errors.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
