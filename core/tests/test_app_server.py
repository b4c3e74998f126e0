"""The app server's process hooks (deploy/gunicorn.conf.py): a worker forked from the master has
what its first requests would otherwise load (core.warm_up), and a worker that ends cleanly
leaves at once, so that its replacement starts serving without a pause."""

import subprocess
import sys
import textwrap
import time

import pytest
from django.conf import settings
from django.template.loader import get_template
from django.template.loaders.filesystem import Loader
from django.urls import clear_url_caches, resolve, reverse
from django.urls.resolvers import URLResolver
from django.utils import translation

from core.i18n import LANGUAGE_CODES
from core.warm_up import warm_up

GUNICORN_CONF = settings.BASE_DIR / "deploy" / "gunicorn.conf.py"


def test_warm_up_builds_every_languages_urls_and_loads_the_templates_without_the_database(monkeypatch):
    clear_url_caches()
    loaded = warm_up()  # pytest-django refuses any database access here
    assert {"base.html", "home.html", "news/newsitem_list.html", "includes/news_card.html"} <= set(loaded)

    def refuse(*args, **kwargs):
        raise AssertionError("built again after the warm-up")

    monkeypatch.setattr(URLResolver, "_populate", refuse)
    monkeypatch.setattr(Loader, "get_contents", refuse)
    for code in LANGUAGE_CODES:
        with translation.override(code):
            news = reverse("news:list")
            assert resolve(news).url_name == "list"
            reverse("admin:index")
            reverse("admin:news_newsitem_changelist")
            for name in ("base.html", "includes/news_card.html", "history/timeline.html"):
                get_template(name)
    assert news.startswith("/uk/")


def exit_through_the_hook(code):
    """A process that exits with `code` while gunicorn's worker_exit hook runs (as gunicorn's
    spawn_worker calls it, in a finally): (exit status, seconds, its output)."""
    script = textwrap.dedent(
        f"""
        import os, runpy, sys
        import django
        os.environ["DJANGO_SETTINGS_MODULE"] = "iomcz.settings.test"
        django.setup()
        hooks = runpy.run_path({str(GUNICORN_CONF)!r})
        import atexit
        atexit.register(lambda: print("interpreter torn down", flush=True))
        try:
            sys.exit({code})
        finally:
            hooks["worker_exit"](None, None)
        """
    )
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=settings.BASE_DIR)
    return done.returncode, time.monotonic() - started, done.stdout


def test_a_worker_that_ends_cleanly_leaves_without_tearing_down_the_interpreter():
    status, _seconds, output = exit_through_the_hook(0)
    assert status == 0
    assert "interpreter torn down" not in output


@pytest.mark.parametrize("code", [3, 4, -1])
def test_a_worker_that_fails_keeps_the_exit_code_gunicorn_acts_on(code):
    """3 and 4 are gunicorn's boot and app-load errors, on which the master stops."""
    status, _seconds, output = exit_through_the_hook(code)
    assert status == code % 256
    assert "interpreter torn down" in output


def test_the_master_loads_the_site_and_keeps_it_out_of_the_workers_garbage_collections():
    script = textwrap.dedent(
        f"""
        import gc, os, runpy
        import django
        os.environ["DJANGO_SETTINGS_MODULE"] = "iomcz.settings.test"
        django.setup()
        hooks = runpy.run_path({str(GUNICORN_CONF)!r})
        before = gc.get_freeze_count()
        hooks["when_ready"](None)
        print(before, gc.get_freeze_count())
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=settings.BASE_DIR)
    assert done.returncode == 0, done.stderr
    before, after = map(int, done.stdout.split())
    assert before == 0 and after > 100_000
