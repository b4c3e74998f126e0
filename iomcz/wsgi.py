import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iomcz.settings.prod")
application = get_wsgi_application()

# A server without compiled translations would serve English on every Czech and Ukrainian page.
from core.checks import refuse_uncompiled_catalogues  # noqa: E402

refuse_uncompiled_catalogues()
