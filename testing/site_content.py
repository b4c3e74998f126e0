"""A small site built with the ORM for the page tests: items in one, two or three languages."""

import datetime
from decimal import Decimal
from html.parser import HTMLParser

from django.utils import timezone

from core.models import Status
from history.models import Director, KeyFigure, Milestone
from news.models import NewsItem
from programmes.models import Organisation, Programme, Project, ProjectResult

LIVE = {"status": Status.PUBLISHED}


def ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def in_languages(field_values, **fields):
    """{'title': {'en': 'A', 'cs': 'B'}} -> {'title_en': 'A', 'title_cs': 'B'}, plus plain fields."""
    columns = {f"{field}_{code}": text for field, texts in field_values.items() for code, text in texts.items()}
    return {**columns, **fields}


def make_news(texts, days_ago=1, **fields):
    return NewsItem.objects.create(**in_languages(texts, **{**LIVE, "published_at": ago(days_ago), **fields}))


def build_site():
    """The shared test site; returns its items by name."""
    amif = Organisation.objects.create(
        **in_languages(
            {
                "name": {"en": "Asylum, Migration and Integration Fund", "cs": "Azylový, migrační a integrační fond"},
                "short_name": {"en": "AMIF", "cs": "AMIF"},
            }
        ),
        kind=Organisation.Kind.EU_FUND,
    )
    avrr = Programme.objects.create(
        **in_languages(
            {
                "title": {"en": "Voluntary return", "cs": "Dobrovolné návraty", "uk": "Добровільне повернення"},
                "summary": {
                    "en": "Safe return home.",
                    "cs": "Bezpečný návrat domů.",
                    "uk": "Безпечне повернення додому.",
                },
            },
            **LIVE,
            published_at=ago(400),
            key="avrr",
            started=datetime.date(2000, 1, 1),
            started_precision="year",
        )
    )
    research = Programme.objects.create(
        **in_languages({"title": {"en": "Summer School"}, "summary": {"en": "Migration research."}}),
        **LIVE,
        published_at=ago(400),
        key="summer-school",
    )
    project = Project.objects.create(
        **in_languages(
            {
                "title": {"en": "Return and reintegration 2018–2022", "cs": "Návraty a reintegrace 2018–2022"},
                "summary": {"en": "More than 800 returns.", "cs": "Více než 800 návratů."},
            },
            **LIVE,
            published_at=ago(400),
            programme=avrr,
            key="avrr-2018",
            code="AMIF/2018/01",
            budget=Decimal("1234567.50"),
            currency="EUR",
            started=datetime.date(2018, 1, 1),
            ended=datetime.date(2022, 12, 31),
        )
    )
    project.funders.add(amif)
    ProjectResult.objects.create(
        project=project,
        value=Decimal("800"),
        qualifier="more_than",
        label_en="people returned",
        label_cs="lidí se vrátilo",
    )
    anniversary = make_news(
        {
            "title": {"en": "25 years of IOM in Czechia", "cs": "25 let IOM v Česku", "uk": "25 років МОМ у Чехії"},
            "lead": {"en": "Petr Čáp looks back.", "cs": "Petr Čáp se ohlíží.", "uk": "Петр Чап озирається назад."},
            "body": {"en": "<p>Interview with Petr Čáp.</p>"},
        },
        days_ago=2,
        kind=NewsItem.Kind.PRESS_RELEASE,
        media_contact_name="Media Officer",
        media_contact_email="press@example.org",
    )
    anniversary.programmes.add(avrr)
    anniversary.projects.add(project)
    english_only = make_news(
        {"title": {"en": "Summer School opens"}, "lead": {"en": "Students from Ukraine."}},
        days_ago=5,
        kind=NewsItem.Kind.NEWS,
    )
    czech_story = make_news(
        {"title": {"cs": "Příběh paní Sládkové"}, "lead": {"cs": "Jana Sládková vypráví."}},
        days_ago=3,
        kind=NewsItem.Kind.STORY,
    )
    Director.objects.create(
        name="First Director",
        role_en="Head of office",
        role_cs="Vedoucí kanceláře",
        ended=datetime.date(2000, 1, 1),
        ended_precision="year",
        order=1,
    )
    Director.objects.create(
        name="Eva Sebbane",
        role_en="Director",
        role_cs="Ředitelka",
        started=datetime.date(2020, 9, 1),
        started_precision="month",
        ended=datetime.date(2021, 9, 1),
        ended_precision="month",
        order=2,
    )
    Director.objects.create(
        name="Current Director",
        role_en="Chief of Mission",
        started=datetime.date(2022, 7, 1),
        started_precision="month",
        order=3,
    )
    Milestone.objects.create(
        **in_languages({"title": {"en": "Agreement with Czechia", "cs": "Dohoda s Českem", "uk": "Угода з Чехією"}}),
        **LIVE,
        published_at=ago(400),
        date=datetime.date(1997, 10, 15),
        highlight=True,
    )
    Milestone.objects.create(
        **in_languages({"title": {"en": "Monitoring migration routes"}}),
        **LIVE,
        published_at=ago(400),
        date=datetime.date(2015, 1, 1),
        date_precision="year",
        end=datetime.date(2021, 1, 1),
        end_precision="year",
    )
    KeyFigure.objects.create(
        **in_languages(
            {
                "label": {"en": "assisted returns", "cs": "asistovaných návratů", "uk": "допоможених повернень"},
                "source": {"en": "IOM", "cs": "IOM", "uk": "МОМ"},
            }
        ),
        value=Decimal("7500"),
        qualifier="more_than",
        as_of=datetime.date(2023, 12, 19),
    )
    return {
        "amif": amif,
        "avrr": avrr,
        "research": research,
        "project": project,
        "anniversary": anniversary,
        "english_only": english_only,
        "czech_story": czech_story,
    }


class PageHead(HTMLParser):
    """What a page says about its languages: <html lang>, canonical, hreflang links, switcher."""

    def __init__(self, html):
        super().__init__()
        self.lang = None
        self.canonical = None
        self.alternates = {}
        self.switcher = {}
        self.meta = {}
        self._in_switcher = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs["href"]
        elif tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.alternates[attrs["hreflang"]] = attrs["href"]
        elif tag == "meta" and "property" in attrs:
            self.meta.setdefault(attrs["property"], []).append(attrs["content"])
        elif tag == "nav" and "languages" in attrs.get("class", ""):
            self._in_switcher = True
        elif tag == "a" and self._in_switcher:
            self.switcher[attrs["hreflang"]] = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_switcher = False


def head_of(response):
    return PageHead(response.content.decode())
