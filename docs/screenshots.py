"""The screenshots of docs/admin.md, taken from the running admin with the shipped content.

Run with `make screenshots` (or `.venv/bin/python docs/screenshots.py`). It migrates a throwaway
SQLite database, loads data/ as `make setup` does, adds an Editor and a Publisher, starts
`manage.py runserver` on a free loopback port and walks Debian's Chromium (testing/chromium.py)
through the hand-off: the Editor drafts a correction of the shipped press release and submits
it, the Publisher finds it on the admin's home page. Each picture is one part of a page, stored
as a small palette PNG under docs/img/. Nothing outside the temporary folder and docs/img/ is
written.
"""

import contextlib
import io
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
IMAGES = ROOT / "docs" / "img"
PASSWORD = "screenshots only 1"
PEOPLE = f"""
from django.contrib.auth.models import Group, User
for name, role, mail in (("eva", "Editor", "eva@example.org"), ("petr", "Publisher", "petr@example.org")):
    user = User.objects.create_user(name, mail, {PASSWORD!r}, is_staff=True, first_name=name.title())
    user.groups.add(Group.objects.get(name=role))
"""


def environment(folder):
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    return env | {
        "DJANGO_SETTINGS_MODULE": "iomcz.settings.dev",
        "SQLITE_PATH": str(folder / "screens.sqlite3"),
        "MEDIA_ROOT": str(folder / "media"),
        "LOG_LEVEL": "ERROR",
    }


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


@contextlib.contextmanager
def dev_server(env):
    from testing.throwaway import free_port

    port = free_port()
    command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{url}/admin/login/", timeout=1)
                break
            time.sleep(0.1)
        else:
            raise RuntimeError("the development server did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def save_small(png, name):
    """A palette PNG of at most 64 colours: a screenshot of the admin needs no more."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(IMAGES / name, optimize=True)
    print(f"docs/img/{name}: {(IMAGES / name).stat().st_size // 1024} KB")


@contextlib.contextmanager
def signed_in(browser, url, username):
    from testing.chromium import sign_in

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en")
    page = context.new_page()
    page.goto(f"{url}/admin/login/")
    sign_in(page, username, PASSWORD)
    try:
        yield page
    finally:
        context.close()


def walk(browser, url, item_pk):
    change = f"{url}/admin/news/newsitem/{item_pk}/change/"
    with signed_in(browser, url, "eva") as page:
        page.goto(change)
        page.locator("#id_lead_en").click()
        page.keyboard.press("End")
        page.keyboard.type(" The office thanks its partners.")
        page.locator("input[name=_save_draft]").click()
        page.wait_for_load_state()
        save_small(page.locator("#workflow").screenshot(), "draft-panel.png")
        page.locator("#workflow-submit-comment").click()
        page.keyboard.type("Added a thank-you to the partners; please publish today.")
        page.locator("#workflow-submit button").click()
        page.wait_for_load_state()
    with signed_in(browser, url, "petr") as page:
        save_small(page.locator("#workflow-home").screenshot(), "home-panels.png")
        page.goto(f"{url}/admin/news/newsitem/")
        save_small(page.locator("#content").screenshot(), "list-states.png")
        page.goto(change)
        save_small(page.locator("#workflow").screenshot(), "review-panel.png")
        save_small(page.locator(".form-row.field-published_at").screenshot(), "publication-time.png")
        page.locator("#workflow-publish-comment").click()
        page.keyboard.type("Thanks, published.")
        page.locator("#workflow-publish button").click()
        page.wait_for_load_state()
        page.goto(f"{change.removesuffix('change/')}history/")
        save_small(page.locator("#workflow-history").screenshot(), "history-steps.png")
        page.locator("#change-history a").last.click()
        page.wait_for_load_state()
        save_small(page.locator(".restore-notice").screenshot(), "restore.png")


def main():
    from testing.chromium import launched_chromium

    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        env = environment(Path(folder))
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "import_content", "data/", "-v", "0")
        manage(env, "shell", "-c", PEOPLE)
        item = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", SHIPPED_PRESS_RELEASE],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        with dev_server(env) as url, launched_chromium() as browser:
            walk(browser, url, int(item.split()[-1]))


SHIPPED_PRESS_RELEASE = """
from news.models import NewsItem
print(NewsItem.objects.filter(kind="press_release", status="published").order_by("pk").first().pk)
"""

if __name__ == "__main__":
    main()
