"""Security headers that depend on the path: the admin's own CSP, and the headers of files.

Public pages have no inline styles and no scripts at all, so their policy (CONTENT_SECURITY_POLICY)
allows nothing but the site's own stylesheets, images and fonts. The admin's editor and widgets
set inline styles, so pages under /admin/ get ADMIN_CONTENT_SECURITY_POLICY instead. Static and
media files get a policy of their own: opened directly, a file that is not a raster image (an SVG,
a stylesheet, a script) runs in a sandbox with nothing allowed.
"""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings

RASTER_IMAGES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/x-icon")
FILE_POLICY = "default-src 'none'; img-src 'self'; style-src 'self'; frame-ancestors 'none'; sandbox"
RASTER_POLICY = "default-src 'none'; frame-ancestors 'none'"


def is_file_path(path):
    return any(path.startswith("/" + prefix.lstrip("/")) for prefix in (settings.STATIC_URL, settings.MEDIA_URL))


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy for pages under /admin/."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path.startswith("/admin/"):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts


class FileHeadersMiddleware:
    """Cross-Origin-Resource-Policy on every response, and the files' own CSP.

    It sits before whitenoise in MIDDLEWARE, so static files served by the app get these headers too
    (behind nginx, the proxy's configuration sends the same for the files it serves itself).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if is_file_path(request.path):
            raster = response.get("Content-Type", "").split(";")[0].strip() in RASTER_IMAGES
            response["Content-Security-Policy"] = RASTER_POLICY if raster else FILE_POLICY
        return response
