"""Fixtures shared by every app's tests."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from testing.chromium import launched_chromium
from testing.site_content import build_site
from testing.smtp_server import ThrowawaySMTP

# Test modules whose tests must all run on one xdist worker: the stack test starts its processes
# once per run. (xdist's own `loadgroup` cannot rename test ids under pytest 9.2, so it groups
# nothing; this scheduler does what it would.)
ONE_WORKER_MODULES = (
    "sitewide/tests/test_stack.py",
    "core/tests/test_postgres_failure.py",
    "core/tests/test_redis_failure.py",
)


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`-n`'s usual distribution, test by test, except that each module of ONE_WORKER_MODULES goes
    to a single worker whole."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class OneWorkerPerListedModule(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return next((module for module in ONE_WORKER_MODULES if nodeid.startswith(f"{module}::")), nodeid)

    return OneWorkerPerListedModule(config, log)


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English; a test that means another language says so."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: pages cache what they compute from all the content."""
    cache.clear()


@pytest.fixture
def site(db):
    """The small test site of testing.site_content, built with the ORM; its items by name."""
    return build_site()


@pytest.fixture
def shipped_content(db):
    """The site with the content that ships in data/, loaded as `make setup` loads it."""
    call_command("import_content", str(settings.BASE_DIR / "data"), verbosity=0)


@pytest.fixture(scope="module")
def chromium():
    """One Chromium per test module: Playwright's sync API runs one instance per thread at a time."""
    with launched_chromium() as browser:
        yield browser


@pytest.fixture
def smtp():
    """A real SMTP server of the test's own that Django's e-mail goes to; `smtp.messages` holds
    what it received."""
    server = ThrowawaySMTP()
    server.start()
    try:
        with server.settings():
            yield server
    finally:
        server.stop()
