"""The XSS corpus (xss_payloads.txt) in every translated field of every model, through the model,
import_content and the admin: stored rich text keeps no script, handler or javascript:/data: URL.
The audit below is written independently of the sanitiser it checks; test_xss_browser.py imports
the corpus and `content_with` from here."""

import datetime
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import models
from django.utils import timezone, translation

from core.i18n import LANGUAGE_CODES, translated_fields
from core.models import Status
from history.models import Director, KeyFigure, Milestone
from news.models import NewsItem
from programmes.models import Organisation, Programme, Project, ProjectResult

PAYLOADS_FILE = Path(__file__).with_name("xss_payloads.txt")
PAYLOADS = [
    line for line in PAYLOADS_FILE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
]
CONTENT_MODELS = (Organisation, Programme, Project, ProjectResult, Director, Milestone, KeyFigure, NewsItem)
# Filled by the site itself, or URL parts that must stay slugs.
NOT_WRITTEN_BY_HAND = {"slug", "search_text"}

# The markup the issue allows in rich text, and the URL schemes links may use.
ALLOWED_ELEMENTS = {"p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em", "b", "i"}
ALLOWED_ELEMENTS |= {"blockquote", "figure", "figcaption", "img"}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "data", "poster", "background"}
CONTROL_AND_SPACE = re.compile(r"[\x00-\x20\x7f]+")


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_ELEMENTS:
            self.problems.append(f"element <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name} on <{tag}>")
            if name in {"style", "class", "id", "name", "target", "srcdoc", "formaction"}:
                self.problems.append(f"attribute {name} on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                scheme = urlsplit(CONTROL_AND_SPACE.sub("", value)).scheme.lower()
                if scheme and scheme not in ALLOWED_SCHEMES:
                    self.problems.append(f"{scheme}: URL in {name} of <{tag}>")

    handle_startendtag = handle_starttag


def rich_text_problems(html):
    """What in stored rich text could run script or load something unwanted ([] when safe)."""
    audit = _Audit()
    audit.feed(html or "")
    audit.close()
    return audit.problems


def text_fields(model):
    """The translated text fields a person writes, e.g. ('title', 'summary', 'body', 'image_alt')."""
    return [name for name in translated_fields(model) if name not in NOT_WRITTEN_BY_HAND]


def fit(model, field, text):
    """The text cut to the column's length, as a form would refuse anything longer."""
    max_length = model._meta.get_field(field).max_length
    return text[:max_length] if max_length else text


def fill(obj, payload):
    """Every translated text field in every language, and every other free-text field, = payload."""
    model = type(obj)
    for field in text_fields(model):
        for code in LANGUAGE_CODES:
            setattr(obj, f"{field}_{code}", fit(model, field, payload))
    for field in model._meta.concrete_fields:
        if (
            type(field) in (models.CharField, models.TextField)
            and field.editable
            and not field.choices
            and field.name not in translated_fields(model)
            and not hasattr(field, "translated_field")
            and field.name != "key"
        ):
            setattr(obj, field.name, fit(model, field.name, payload))
    return obj


def publish(obj):
    if hasattr(obj, "status"):
        obj.status = Status.PUBLISHED
        obj.published_at = timezone.now() - datetime.timedelta(hours=1)
    return obj


def content_with(payload, n):
    """One published item of every content model, number `n`, with the payload in every field;
    slugs stay valid slugs so that every page can link to every item."""

    def slugged(obj):
        if "slug" in translated_fields(type(obj)):
            for code in LANGUAGE_CODES:
                setattr(obj, f"slug_{code}", f"xss-{n}-{code}")
        obj.key = f"xss-{type(obj).__name__.lower()}-{n}"
        return publish(fill(obj, payload))

    organisation = slugged(Organisation())
    organisation.save()
    programme = slugged(Programme())
    programme.save()
    project = slugged(Project(programme=programme))
    project.save()
    project.funders.add(organisation)
    project.partners.add(organisation)
    result = fill(ProjectResult(project=project, value=800), payload)
    result.save()
    director = slugged(Director(started=datetime.date(2000, 1, 1), started_precision="year"))
    director.save()
    milestone = slugged(Milestone(date=datetime.date(2001, 1, 1), date_precision="year", programme=programme))
    milestone.save()
    figure = slugged(KeyFigure(value=7500, as_of=datetime.date(2023, 12, 19)))
    figure.save()
    news = slugged(NewsItem(media_contact_email="press@example.org"))
    news.save()
    news.programmes.add(programme)
    news.projects.add(project)
    return {
        "organisation": organisation,
        "programme": programme,
        "project": project,
        "result": result,
        "director": director,
        "milestone": milestone,
        "keyfigure": figure,
        "newsitem": news,
    }


def test_the_corpus_holds_over_a_hundred_distinct_payloads_of_every_kind():
    assert len(PAYLOADS) >= 100
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    kinds = {
        "script elements": r"<script",
        "event handlers": r"\son[a-z]+\s*=",
        "javascript: URLs": r"javascript",
        "data: URLs": r"data:",
        "SVG": r"<svg",
        "character references": r"&#x?[0-9a-f]+;?",
        "mixed case": r"<(?=[a-z]*[A-Z])(?=[A-Z]*[a-z])[a-zA-Z]+",
        "style and expression()": r"style|expression\(",
        "iframes, objects, embeds": r"<(iframe|object|embed)",
        "forms": r"<form|formaction",
        "meta refresh": r"http-equiv=\"refresh",
        "unclosed markup": r"<[a-z][^>]*$",
    }
    counts = {
        kind: sum(bool(re.search(rx, p, re.IGNORECASE if kind != "mixed case" else 0)) for p in PAYLOADS)
        for kind, rx in kinds.items()
    }
    assert all(count >= 2 for count in counts.values()), counts


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<script>x</script>", "element <script>"),
        ('<img src="x" onerror="alert(1)">', "event handler onerror on <img>"),
        ('<a href=" JavaScript:alert(1)">x</a>', "javascript: URL in href of <a>"),
        ('<a href="java\tscript:alert(1)">x</a>', "javascript: URL in href of <a>"),
        ('<img src="data:image/svg+xml,x">', "data: URL in src of <img>"),
        ('<p style="x">y</p>', "attribute style on <p>"),
        ("<svg/onload=alert(1)>", "element <svg>"),
    ],
)
def test_the_audit_finds_active_markup(html, problem):
    assert problem in rich_text_problems(html)


def test_the_audit_accepts_the_markup_the_issue_allows():
    html = (
        '<h2>T</h2><p><a href="https://iom.int" rel="noopener noreferrer">x</a> <a href="mailto:a@b.cz">m</a>'
        ' <a href="/en/">i</a></p><blockquote><p><em>q</em></p></blockquote>'
        '<figure><img src="/media/a.jpg" alt="a"><figcaption>c</figcaption></figure><ol><li>1</li></ol>'
    )
    assert rich_text_problems(html) == []


def stored_rich_text(items):
    """{(model, key, field, language): stored HTML} for every rich-text field of the given items."""
    found = {}
    for obj in items:
        obj.refresh_from_db()
        for field in getattr(obj, "rich_text_fields", ()):
            for code in LANGUAGE_CODES:
                found[(type(obj).__name__, obj.key, field, code)] = obj.column(field, code)
    return found


def assert_no_active_markup(stored):
    problems = {where: rich_text_problems(html) for where, html in stored.items()}
    assert {where: found for where, found in problems.items() if found} == {}


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_saved_in_every_field_of_every_model_keeps_no_active_markup(payload):
    with translation.override("en"):
        items = content_with(payload, 1)
    stored = stored_rich_text(items.values())
    assert len(stored) == 15
    assert_no_active_markup(stored)
    assert items["director"].name == fit(Director, "name", payload)


def import_record(model, payload, n):
    """A content-format record (docs/content-format.md) with the payload in every text field."""
    label = model._meta.label_lower

    def per_language(field):
        return {code: fit(model, field, payload) for code in LANGUAGE_CODES}

    record = {"model": label, "key": f"xss-{model.__name__.lower()}-{n}"}
    record.update({field: per_language(field) for field in text_fields(model)})
    if "slug" in translated_fields(model):
        record["slug"] = {code: f"xss-{n}-{code}" for code in LANGUAGE_CODES}
    published = {"status": "published", "published_at": "2023-12-19T10:00:00+01:00"}
    if label in ("programmes.programme", "history.milestone", "news.newsitem", "programmes.project"):
        record.update(published)
    if label == "programmes.project":
        result = {
            field: {code: fit(ProjectResult, field, payload) for code in LANGUAGE_CODES} for field in ("label", "unit")
        }
        record.update(
            programme=f"xss-programme-{n}",
            code=fit(Project, "code", payload),
            funders=[f"xss-organisation-{n}"],
            results=[{**result, "value": "800", "qualifier": ""}],
        )
    elif label == "history.director":
        record.update(name=fit(Director, "name", payload), started="2000")
    elif label == "history.milestone":
        record.update(date="2001")
    elif label == "history.keyfigure":
        record.update(value="7500", as_of="2023-12-19")
    elif label == "news.newsitem":
        record.update(
            image_credit=fit(NewsItem, "image_credit", payload),
            media_contact_name=fit(NewsItem, "media_contact_name", payload),
        )
    return record


@pytest.mark.django_db
def test_every_payload_imported_with_import_content_keeps_no_active_markup(tmp_path):
    imported = [m for m in CONTENT_MODELS if m is not ProjectResult]
    records = [import_record(model, payload, n) for n, payload in enumerate(PAYLOADS) for model in imported]
    path = tmp_path / "xss.json"
    path.write_text(json.dumps({"format": "iomcz-content", "version": 1, "records": records}), encoding="utf-8")
    with translation.override("en"):
        call_command("import_content", str(path), verbosity=0)
    items = [obj for model in imported for obj in model.objects.filter(key__startswith="xss-")]
    assert len(items) == len(records)
    assert ProjectResult.objects.count() == len(PAYLOADS)
    stored = stored_rich_text(items)
    assert len(stored) == len(PAYLOADS) * 5 * len(LANGUAGE_CODES)
    assert_no_active_markup(stored)


ADMIN_MODELS = (Organisation, Programme, Project, Director, Milestone, KeyFigure, NewsItem)
PAYLOADS_PER_FORM = 10


def admin_form_changes(model, payloads, n, data):
    """What a person types into the add form: all the payloads in each rich-text field, as many as
    fit in each plain one; valid slugs and a key so that every form can be saved."""
    rich, plain = "\n".join(payloads), " ".join(payloads)
    changes = {"key": f"xss-admin-{model.__name__.lower()}-{n}"}
    for field in text_fields(model):
        for code in LANGUAGE_CODES:
            changes[f"{field}_{code}"] = rich if field in model.rich_text_fields else fit(model, field, plain)
    if "slug" in translated_fields(model):
        changes.update({f"slug_{code}": f"xss-admin-{n}-{code}" for code in LANGUAGE_CODES})
    for field in model._meta.concrete_fields:
        if type(field) is models.CharField and not field.choices and field.name in data and field.name != "key":
            changes[field.name] = fit(model, field.name, plain)
    if model is Project:
        changes["programme"] = str(Programme.objects.get(key="parent").pk)
        changes["results-TOTAL_FORMS"] = "1"
        changes.update(
            {
                f"results-0-{field}_{code}": fit(ProjectResult, field, plain)
                for field in ("label", "unit")
                for code in LANGUAGE_CODES
            }
        )
        changes.update({"results-0-value": "800", "results-0-qualifier": "", "results-0-order": "0"})
    if model is Milestone:
        changes["date"] = "2001-01-01"
    if model is KeyFigure:
        changes.update(value="7500", as_of="2023-12-19")
    if hasattr(model, "status"):
        changes.update(status="published", published_at_0="2023-12-19", published_at_1="10:00:00")
    return changes


@pytest.mark.django_db
@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda model: model.__name__)
def test_every_payload_submitted_through_the_admin_add_form_keeps_no_active_markup(admin_client, model):
    from testing.admin_support import form_data

    Programme.objects.create(key="parent", title_en="Parent", summary_en="Summary")
    url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/add/"
    saved = []
    with translation.override("en"):
        blank = form_data(admin_client.get(url))
        for n, start in enumerate(range(0, len(PAYLOADS), PAYLOADS_PER_FORM)):
            changes = admin_form_changes(model, PAYLOADS[start : start + PAYLOADS_PER_FORM], n, blank)
            response = admin_client.post(url, {**blank, **{name: [value] for name, value in changes.items()}})
            errors = response.context["adminform"].form.errors if response.status_code == 200 else None
            assert response.status_code == 302, errors
            saved.append(model.objects.get(key=f"xss-admin-{model.__name__.lower()}-{n}"))
    stored = stored_rich_text(saved)
    assert len(stored) == len(saved) * len(model.rich_text_fields) * len(LANGUAGE_CODES)
    assert_no_active_markup(stored)
    if model is Project:
        assert ProjectResult.objects.filter(project__in=saved).count() == len(saved)
