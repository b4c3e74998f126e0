"""PostgreSQL is the site's dependency: when it restarts, stops, hangs or is slow, no reader gets a
500 or waits for gunicorn to kill a worker.

The site runs as in production (gunicorn, two sync workers, persistent connections) on a
PostgreSQL cluster of the module's own (testing.throwaway_postgres), which the tests restart,
stop and pause; the machine's PostgreSQL service is never touched.
"""

import http.client
import os
import secrets
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from django.conf import settings

from core.errors import RETRY_AFTER
from testing.throwaway import free_port
from testing.throwaway_postgres import throwaway_postgres

WORKERS = 2
CONNECT_TIMEOUT = 2  # seconds
STATEMENT_TIMEOUT = 1500  # milliseconds
# Time for everything but the wait under test (a page, a new connection) on a busy machine.
LEEWAY = 2.5
UNAVAILABLE = {
    "en": "The site is temporarily unavailable",
    "cs": "Web je dočasně nedostupný",
    "uk": "Сайт тимчасово недоступний",
}
PAGES = ["/en/", "/cs/aktuality/", "/uk/novyny/", "/cs/historie/", "/uk/prohramy/"]


class Response:
    def __init__(self, status, headers, body, seconds):
        self.status, self.headers, self.body, self.seconds = status, headers, body, seconds

    @property
    def worker(self):
        return self.headers.get("X-Worker")


class Site:
    """Requests to the gunicorn server that say how long they took and which worker answered."""

    def __init__(self, port):
        self.port = port

    def get(self, path, cookies=""):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        started = time.monotonic()
        try:
            connection.request("GET", path, headers={"Host": "127.0.0.1", "Cookie": cookies})
            response = connection.getresponse()
            body = response.read().decode()
            return Response(response.status, dict(response.getheaders()), body, time.monotonic() - started)
        finally:
            connection.close()

    def on_every_worker(self, path):
        """Requests `path`, two at a time, until every worker has answered one; all the responses."""
        responses = []
        with ThreadPoolExecutor(2) as pool:
            for _ in range(50):
                responses += pool.map(lambda _: self.get(path), range(2))
                if len({response.worker for response in responses}) == WORKERS:
                    return responses
        raise AssertionError(f"only workers {sorted({r.worker for r in responses})} answered {len(responses)} requests")


def manage(env, *args):
    command = [sys.executable, "manage.py", *args]
    result = subprocess.run(command, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def postgres():
    with throwaway_postgres() as server:
        yield server


@pytest.fixture(scope="module")
def command_env(postgres):
    """The environment of the operator's commands: the production settings, no timeouts set."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DB_", "REDIS_URL"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "testing.outage_settings",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": postgres.url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
    }


@pytest.fixture(scope="module")
def web(postgres, command_env, tmp_path_factory):
    """The site under gunicorn, as in production, with short timeouts so that the tests are quick."""
    manage(command_env, "migrate", "--no-input", "-v", "0")
    manage(command_env, "import_content", str(settings.BASE_DIR / "data"), "-v", "0")
    port = free_port()
    env = command_env | {"DB_CONNECT_TIMEOUT": str(CONNECT_TIMEOUT), "DB_STATEMENT_TIMEOUT": str(STATEMENT_TIMEOUT)}
    command = [sys.executable, "-m", "gunicorn", "iomcz.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(WORKERS), "--timeout", "30", "--chdir", str(settings.BASE_DIR)]
    log = tmp_path_factory.mktemp("gunicorn") / "server.log"
    with open(log, "w") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                Site(port).get("/robots.txt")
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.1)
        yield Site(port)
    finally:
        process.terminate()
        process.wait(timeout=15)


def end_client_connections(connection):
    """Ends the server's side of every client connection but `connection`, as a restart would."""
    connection.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
    )


def assert_unavailable(response, language):
    assert response.status == 503, response.body
    assert response.headers["Retry-After"] == str(RETRY_AFTER)
    assert "no-store" in response.headers["Cache-Control"]
    assert response.headers["Content-Language"] == language
    assert f'<html lang="{language}">' in response.body
    assert f"<h1>{UNAVAILABLE[language]}</h1>" in response.body


def test_the_pages_answer_while_postgresql_is_up(web):
    for path in PAGES:
        response = web.get(path)
        assert response.status == 200, path
    assert "Aktuality" in web.get("/cs/aktuality/").body


def test_any_other_error_still_gives_the_500_page(web):
    response = web.get("/test/broken/")
    assert response.status == 500
    assert "Something went wrong" in response.body and "Retry-After" not in response.headers


@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_after_a_restart_the_first_request_on_every_worker_answers(mode, web, postgres):
    # Each worker now holds a connection that the restart is about to cut.
    assert {response.status for response in web.on_every_worker("/cs/")} == {200}
    postgres.restart(mode)
    responses = web.on_every_worker("/uk/novyny/")
    assert [response.status for response in responses] == [200] * len(responses)


@pytest.mark.parametrize("path", ["/cs/", "/uk/novyny/", "/cs/historie/"])
def test_while_postgresql_is_stopped_readers_get_a_translated_503_at_once(path, web, postgres):
    language = path.split("/")[1]
    with postgres.stopped():
        for response in web.on_every_worker(path):
            assert_unavailable(response, language)
            assert response.seconds < LEEWAY
    assert {response.status for response in web.on_every_worker(path)} == {200}


def test_the_admin_login_gives_the_503_in_english_when_a_middleware_meets_the_stopped_database(web, postgres):
    # With a session cookie the user is read from the database, first by a middleware.
    cookie = f"{settings.SESSION_COOKIE_NAME}={'x' * 32}"
    assert web.get("/admin/login/", cookie).status == 200
    with postgres.stopped():
        response = web.get("/admin/login/", cookie)
        assert_unavailable(response, "en")
        assert response.seconds < LEEWAY
    assert web.get("/admin/login/", cookie).status == 200


def test_a_database_that_takes_connections_but_never_answers_costs_the_connect_timeout(web, postgres):
    web.on_every_worker("/cs/")
    # Opened first: while the postmaster is paused, no new connection gets an answer.
    with psycopg.connect(postgres.url, autocommit=True) as operator, postgres.postmaster_paused():
        # The workers' connections are gone (their health check fails); new ones are never answered.
        end_client_connections(operator)
        # More requests than workers: a worker that has waited once must be free for the next.
        responses = [web.get("/cs/") for _ in range(WORKERS + 1)]
    for response in responses:
        assert_unavailable(response, "cs")
        assert CONNECT_TIMEOUT - 0.1 < response.seconds < CONNECT_TIMEOUT + LEEWAY
    assert {response.status for response in web.on_every_worker("/cs/")} == {200}


def test_a_slow_statement_is_cancelled_by_the_statement_timeout(web):
    response = web.get("/test/slow-statement/")
    assert_unavailable(response, "en")
    assert STATEMENT_TIMEOUT / 1000 - 0.1 < response.seconds < STATEMENT_TIMEOUT / 1000 + LEEWAY
    assert {response.status for response in web.on_every_worker("/cs/")} == {200}


def test_a_page_waiting_for_a_lock_held_elsewhere_gives_up_at_the_statement_timeout(web, postgres):
    with psycopg.connect(postgres.url) as other:
        other.execute("LOCK TABLE news_newsitem IN ACCESS EXCLUSIVE MODE")
        response = web.get("/uk/novyny/")
        other.rollback()
    assert_unavailable(response, "uk")
    assert STATEMENT_TIMEOUT / 1000 - 0.1 < response.seconds < STATEMENT_TIMEOUT / 1000 + LEEWAY
    assert web.get("/uk/novyny/").status == 200


def test_commands_run_without_the_web_timeouts_unless_they_are_set(command_env):
    show = "from django.db import connection; c = connection.cursor(); c.execute('SHOW statement_timeout');"
    show += " print(c.fetchone()[0])"

    def statement_timeout(env):
        return manage(env, "shell", "--no-imports", "-c", show).strip()

    assert statement_timeout(command_env) == "0"
    assert statement_timeout(command_env | {"DB_STATEMENT_TIMEOUT": "1500"}) == "1500ms"
