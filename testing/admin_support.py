"""What the admin tests share: sample content for every model, and the data a browser would submit
for an admin form as rendered (every input, textarea and select, inline management forms included)."""

import datetime
from html.parser import HTMLParser

from django.contrib.auth.models import Group, User
from django.utils import timezone

from core.models import Status
from history.models import Director, KeyFigure, Milestone
from news.models import NewsItem
from programmes.models import Organisation, Programme, Project, ProjectResult


class _FormReader(HTMLParser):
    """Collects the successful controls of the admin's main form, as a browser would submit them."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data = []
        self.textarea = None
        self.select = None
        self.option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.data.append([name, attrs.get("value", "on" if kind in {"checkbox", "radio"} else "")])
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
            self.data.append(self.textarea)
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attrs, "options": [], "chosen": []}
        elif tag == "option" and self.select is not None:
            self.option = [attrs.get("value"), ""]
            self.select["options"].append(self.option)
            if "selected" in attrs:
                self.select["chosen"].append(self.option)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data
        if self.option is not None:
            self.option[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            # A browser drops the line break that follows <textarea>.
            self.textarea[1] = self.textarea[1].removeprefix("\n")
            self.textarea = None
        elif tag == "option":
            self.option = None
        elif tag == "select" and self.select is not None:
            select, self.select = self.select, None
            chosen = select["chosen"] or ([] if select["multiple"] else select["options"][:1])
            for value, text in chosen:
                self.data.append([select["name"], text.strip() if value is None else value])


def form_data(response, **changes):
    """The admin form in `response` as a browser would submit it, with `changes` applied.

    Empty-form templates of inlines (`__prefix__`) are left out, as the browser's copy is only
    submitted once a row is added. A change whose value is None removes the field.
    """
    model_name = response.context["opts"].model_name
    return page_form_data(response.content.decode(), f"{model_name}_form", **changes)


def page_form_data(html, form_id, **changes):
    """The form `form_id` of an HTML page as a browser would submit it, with `changes` applied
    (as form_data, for pages read over HTTP from a running server)."""
    reader = _FormReader(form_id)
    reader.feed(html)
    data = {}
    for name, value in reader.data:
        if "__prefix__" in name:
            continue
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value if isinstance(value, list) else [value]
    return data


def user_in(group_name, username=None):
    """A staff user whose only rights are those of one role group."""
    user = User.objects.create_user(username or group_name.lower(), password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def sample_content():
    """One item of every model, in English and partly in Czech and Ukrainian."""
    past = timezone.now() - datetime.timedelta(days=1)
    organisation = Organisation.objects.create(name_en="European Union", name_cs="Evropská unie", kind="eu_fund")
    programme = Programme.objects.create(
        title_en="Assisted voluntary return",
        summary_en="Help to go home.",
        title_cs="Asistované dobrovolné návraty",
        summary_cs="Pomoc s návratem domů.",
        status=Status.PUBLISHED,
        published_at=past,
    )
    project = Project.objects.create(
        programme=programme,
        title_en="AMIF return project",
        summary_en="Returns 2018–2022.",
        title_uk="Проєкт повернення",
        summary_uk="Повернення 2018–2022.",
        status=Status.PUBLISHED,
        published_at=past,
    )
    project.funders.add(organisation)
    ProjectResult.objects.create(
        project=project, label_en="people returned", label_uk="осіб повернулися", value=800, qualifier="more_than"
    )
    director = Director.objects.create(name="Petr Čáp", role_en="Head of office", role_cs="Vedoucí úřadu")
    milestone = Milestone.objects.create(
        title_en="Office opens", date=datetime.date(1997, 1, 1), date_precision="year", status=Status.PUBLISHED
    )
    figure = KeyFigure.objects.create(
        label_en="assisted returns", value=7500, as_of=datetime.date(2023, 12, 19), source_en="Press release"
    )
    news = NewsItem.objects.create(
        title_en="25 years in Czechia",
        lead_en="An anniversary.",
        title_cs="25 let v Česku",
        lead_cs="Výročí.",
        title_uk="25 років у Чехії",
        lead_uk="Ювілей.",
        status=Status.PUBLISHED,
        published_at=past,
    )
    return {
        "organisation": organisation,
        "programme": programme,
        "project": project,
        "director": director,
        "milestone": milestone,
        "keyfigure": figure,
        "newsitem": news,
    }
