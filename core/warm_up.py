"""What an app server process would otherwise do on its first requests, done once before it serves.

gunicorn loads the site in its master process (`preload_app`) and forks the workers from it,
again each time one is replaced (`max_requests`): whatever the master has loaded, a new worker
has from its first request. Without this, each new worker compiled the URL patterns of each
language, read the translation catalogues and the static files' manifest, fingerprinted the code
for the page cache's keys and compiled the templates while readers waited: under load, worker
replacements showed as requests of 300 ms among requests of 25 ms.

Nothing here opens a database connection: a connection must never be shared by forked processes.
"""

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import get_template
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.utils import translation

from .page_cache import code_fingerprint

WARM_UP = "warm-up"  # a URL name nothing has


def compile_patterns(resolver):
    """Compile every URL pattern under `resolver` in the active language, and its reverse lookups."""
    resolver.reverse_dict  # noqa: B018  (built per language on first use)
    for pattern in resolver.url_patterns:
        pattern.pattern.regex  # noqa: B018  (a translated pattern is compiled per language)
        if isinstance(pattern, URLResolver):
            compile_patterns(pattern)


def reverse_in_namespaces(resolver, prefix=""):
    """Build the lookups that reverse() makes for each namespace ("admin:", "news:") and keeps apart
    from the patterns' own, in the active language: a name that does not exist is enough."""
    for namespace, (_prefix, inner) in resolver.namespace_dict.items():
        try:
            reverse(f"{prefix}{namespace}:{WARM_UP}")
        except NoReverseMatch:
            pass
        reverse_in_namespaces(inner, f"{prefix}{namespace}:")


def warm_up():
    """Load every language's URL patterns and catalogue, the site's templates, the static files'
    manifest and the code's fingerprint. Returns the names of the templates loaded."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            compile_patterns(get_resolver())
            reverse_in_namespaces(get_resolver())
    loaded = []
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(folder.rglob("*.html")):
            name = path.relative_to(folder).as_posix()
            get_template(name)
            loaded.append(name)
    staticfiles_storage.location  # noqa: B018  (a manifest storage reads its manifest when first used)
    code_fingerprint()
    return loaded
