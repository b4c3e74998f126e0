"""Abstract models and querysets shared by every content app: what "available in a language",
"published", "visible to the public" and "who changed it" mean is written here once."""

import functools

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .i18n import LANGUAGE_CODES, language_name, translated_fields
from .images.focal import FocalPoint  # noqa: F401  (a model of this app, kept with the images)
from .search import admin_search_text
from .text import ascii_slug, sanitise_html
from .time_zones import DEFAULT_TIME_ZONE, validate_admin_time_zone
from .translation_sources import record_sources


def unique_per_language(field, model_name):
    """One unique constraint per language column: a duplicate slug is a form error, not a 500."""
    return [
        models.UniqueConstraint(fields=[f"{field}_{code}"], name=f"{model_name}_{field}_{code}_unique")
        for code in LANGUAGE_CODES
    ]


@models.CharField.register_lookup
@models.TextField.register_lookup
class Filled(models.Lookup):
    """`column__filled=True`: the column is not the empty string, written with a literal ''.

    SQLite uses a partial index without reading the rows only when the query repeats the index's
    condition term for term; an '' sent as a parameter is not the '' of the index's definition.
    """

    lookup_name = "filled"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        if self.rhs is not True:
            raise ValueError("Only column__filled=True is supported.")
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} <> ''", params


def filled(field, code):
    """The condition that `field` is filled in language `code` (not NULL, not '')."""
    column = f"{field}_{code}"
    return Q(**{f"{column}__isnull": False, f"{column}__filled": True})


def availability(fields, code):
    """The condition that every one of `fields` is filled in language `code` (also for partial indexes)."""
    condition = Q()
    for field in fields:
        condition &= filled(field, code)
    return condition


def row_completeness(model, code):
    """The condition that a translated row is complete in language `code` (see `TranslatedRow`)."""
    condition = availability(model.required_translations, code)
    for field in translated_fields(model):
        if field not in model.required_translations:
            filled_anywhere = Q()
            for other in LANGUAGE_CODES:
                filled_anywhere |= filled(field, other)
            condition &= filled(field, code) | ~filled_anywhere
    return condition


class TranslatedRowQuerySet(models.QuerySet):
    def complete_in(self, code):
        """Rows that a page in language `code` can show whole (a figure with its label)."""
        return self.filter(row_completeness(self.model, code))


@functools.cache
def choice_labels(field, language):
    """{value: label} of a field's choices in `language`, made once per field and language."""
    return {value: str(label) for value, label in field.flatchoices}


class ChoiceLabels(models.Model):
    """get_FOO_display() with each field's labels translated once per language and process.

    Django's builds a dictionary of the field's choices on every call, and hashing each lazy
    label translates it: a timeline of fifty milestones translated every theme fifty times.
    """

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return choice_labels(field, translation.get_language()).get(value, value)


class TranslatedRow(ChoiceLabels):
    """A row edited inline with its item (a project's result) whose text is translated.

    A row has no translation status of its own: it counts towards its item's. It is complete in a
    language when its `required_translations` are filled there, and so is every other translated
    field that is filled in some language (a unit given in English needs a Czech unit too).
    """

    required_translations = ()

    objects = TranslatedRowQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_complete_in(self, code):
        return all(getattr(self, f"{field}_{code}", None) for field in self.required_translations) and all(
            getattr(self, f"{field}_{code}", None)
            or not any(getattr(self, f"{field}_{other}", None) for other in LANGUAGE_CODES)
            for field in translated_fields(type(self))
        )


class TranslatedQuerySet(models.QuerySet):
    def available_in(self, code):
        """Items whose required translated fields are all filled in language `code`."""
        return self.filter(availability(self.model.required_translations, code))

    def translated_in(self, code):
        """Items available in language `code` whose translated rows are all complete there too:
        what the translation status calls complete (or outdated) rather than missing."""
        items = self.available_in(code)
        for name in self.model.translated_rows:
            relation = self.model._meta.get_field(name)
            rows = relation.related_model._default_manager.filter(**{relation.field.name: OuterRef("pk")})
            items = items.exclude(Exists(rows.exclude(row_completeness(relation.related_model, code))))
        return items

    def with_translated_rows(self):
        """With the translated rows fetched in one query each, for lists that show every item's status."""
        return self.prefetch_related(*self.model.translated_rows)

    def visibility(self, code):
        """The condition under which the public of language `code` sees an item (see `visible_in`)."""
        return availability(self.model.required_translations, code)

    def visible_in(self, code):
        """What a reader of language `code` may see: every page, list, feed, sitemap and count asks this."""
        return self.filter(self.visibility(code))

    def for_lists(self):
        """Without the long columns that lists, feeds and teasers never show (the model's `list_deferred`)."""
        return self.defer(*self.model.list_deferred)


class PublishableQuerySet(TranslatedQuerySet):
    def published(self):
        """Published and due, in any language: a scheduled item goes live by itself when its time comes."""
        return self.filter(published_condition())

    def visibility(self, code):
        """Live, and available in language `code`."""
        return published_condition() & super().visibility(code)

    def scheduled(self, now=None):
        """Published, but to go live after `now` (this moment unless given)."""
        return self.filter(status=Status.PUBLISHED, published_at__gt=now or timezone.now())


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


def published_condition():
    """The condition of `published()`, at this moment."""
    return Q(status=Status.PUBLISHED, published_at__lte=timezone.now())


class Qualifier(models.TextChoices):
    """How a figure is to be read: "more than 800", "almost 70", "about 300"."""

    EXACT = "", _("exactly")
    MORE_THAN = "more_than", _("more than")
    ALMOST = "almost", _("almost")
    ABOUT = "about", _("about")


class TranslatedContent(ChoiceLabels):
    """A content item whose text exists in one or more of the site's languages.

    `required_translations` names the translated fields that make the item available in a
    language; `slug_source` the field a missing slug is made from; `rich_text_fields` the
    HTML fields sanitised on save; `list_deferred` the long columns lists leave unread;
    `derived_fields` the columns computed on save, which a revision never lists as a change;
    `translated_rows` the reverse relations to `TranslatedRow`s edited with the item, which count
    towards its translation status (but not towards its availability: a page leaves out a row
    that is incomplete in its language); `slug_url_name` the URL (taking a `slug`) of the item's
    page, whose old addresses answer with a redirect when a slug changes (`core.slug_history`).
    """

    key = models.SlugField(
        _("key"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("A stable identifier for imports and exports; filled in from the title when left empty."),
    )

    translation_sources = models.JSONField(
        _("source text at translation time"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Per language and field, a hash of the source-language text when that translation was saved."),
    )
    admin_search_text = models.TextField(_("text for the admin's search"), blank=True, default="", editable=False)

    required_translations = ("title",)
    slug_source = "title"
    rich_text_fields = ()
    list_deferred = ()
    derived_fields = ("admin_search_text",)
    translated_rows = ()
    slug_url_name = None

    objects = TranslatedQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        for code in (translation.get_language(), *LANGUAGE_CODES):
            value = self.column(self.slug_source, code)
            if value:
                return value
        return self.key or f"{type(self).__name__} {self.pk}"

    def save(self, *args, **kwargs):
        """Normalises and records the translations' sources; `core.slug_history` then records the
        changed slugs (post_save) in `slug_changes`."""
        self.normalise_translations()
        record_sources(self)
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        """Remembers the slugs as stored, so that a save can tell which of them changed."""
        obj = super().from_db(db, field_names, values)
        obj.stored_slugs = {code: obj.__dict__.get(f"slug_{code}") for code in LANGUAGE_CODES}
        return obj

    def column(self, field, code):
        return getattr(self, f"{field}_{code}", None)

    def is_available_in(self, code):
        return all(self.column(field, code) for field in self.required_translations)

    def is_translated_in(self, code):
        """Available in language `code`, with every translated row complete there too (see `translated_in`)."""
        return self.is_available_in(code) and all(
            row.is_complete_in(code) for name in self.translated_rows for row in getattr(self, name).all()
        )

    def available_languages(self):
        return [code for code in LANGUAGE_CODES if self.is_available_in(code)]

    def missing_fields(self, code):
        """Required fields left empty in a language that has some text ([] if complete or empty)."""
        if not any(self.column(f, code) for f in translated_fields(type(self))):
            return []
        return [f for f in self.required_translations if not self.column(f, code)]

    def normalise_translations(self):
        """Empty strings become NULL (two '' slugs would collide) and missing slugs are made."""
        for field in translated_fields(type(self)):
            for code in LANGUAGE_CODES:
                value = self.column(field, code)
                if isinstance(value, str):
                    value = sanitise_html(value) if field in self.rich_text_fields else value.strip()
                    setattr(self, f"{field}_{code}", value or None)
        if "slug" in translated_fields(type(self)):
            for code in LANGUAGE_CODES:
                if not self.column("slug", code) and self.column(self.slug_source, code):
                    setattr(self, f"slug_{code}", ascii_slug(self.column(self.slug_source, code)) or None)
        if not self.key:
            self.key = self.make_key()
        self.admin_search_text = admin_search_text(self)

    def make_key(self):
        for code in LANGUAGE_CODES:
            base = ascii_slug(self.column(self.slug_source, code), max_length=90)
            if base:
                break
        else:
            base = type(self).__name__.lower()
        key, n = base, 1
        while type(self)._default_manager.filter(key=key).exclude(pk=self.pk).exists():
            n += 1
            key = f"{base}-{n}"
        return key

    def clean(self):
        # The rules of the other bases (a period's end after its start) are reported together with these.
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        self.normalise_translations()
        incomplete = {}
        for code in LANGUAGE_CODES:
            for field in self.missing_fields(code):
                incomplete.setdefault(f"{field}_{code}", []).append(
                    ValidationError(
                        _("Required for %(language)s, because other %(language)s fields are filled in."),
                        code="incomplete_translation",
                        params={"language": language_name(code)},
                    )
                )
        if not incomplete and not self.available_languages():
            names = ", ".join(str(self._meta.get_field(f).verbose_name) for f in self.required_translations)
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                ValidationError(
                    _("Fill in %(fields)s in at least one language."),
                    code="no_language",
                    params={"fields": names},
                )
            )
        for name, messages in incomplete.items():
            errors.setdefault(name, []).extend(messages)
        if errors:
            raise ValidationError(errors)


class Publishable(models.Model):
    """Draft or published, with a publication time that may lie in the future."""

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        db_index=True,
        help_text=_("Europe/Prague time. A published item dated in the future goes live by itself at that time."),
    )

    class Meta:
        abstract = True

    @property
    def is_live(self):
        return self.status == Status.PUBLISHED and self.published_at <= timezone.now()


class ContentManageable(models.Model):
    """Who created and last changed an item, and when."""

    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class ContentVersion(models.Model):
    """The version of the public content: one row, given a new token in the same transaction as
    every change to what the public site shows (`core.public_cache.content_changed`).

    Cached pages and computed parts are kept under the token they were made with, and every
    request reads the token from here, so a committed change is seen by the next request to any
    app server, whatever happened to the cache meanwhile. The token is random rather than a
    counter: a database restored from a backup, or another database sharing the same Redis,
    never meets a token that stood for other content.
    """

    token = models.CharField(max_length=32)
    changed = models.DateTimeField()

    def __str__(self):
        return self.token


class SlugRedirect(models.Model):
    """An item's old address in one language, which answers 301 to the item's address now
    (`core.slug_history`). It names the item, not the next address, so a chain of renames is
    always one redirect."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    old_path = models.CharField(max_length=500, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"], name="slugredirect_item")]

    def __str__(self):
        return self.old_path


class Stage(models.TextChoices):
    """Where the pending work on an item stands in the hand-off between writers and publishers."""

    DRAFT = "draft", _("draft")
    REVIEW = "review", _("in review")
    RETURNED = "returned", _("sent back")


class Draft(models.Model):
    """The pending work on one publishable item, at most one per item.

    For an item that is published (live or scheduled), `state` holds its whole edited state
    (`core.item_state`: fields in every language, inline rows, relations), which the public never
    sees until a Publisher publishes it. For an item that was never published the item itself is
    the draft and `state` is empty; the row then only says where it stands in review.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField()
    state = models.JSONField(null=True, blank=True)
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.DRAFT)
    saved = models.DateTimeField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)
    # A live item's draft scheduled by a Publisher: the first request after this time publishes
    # it (`core.workflow.publish_due`); indexed, as every request asks for the due ones.
    publish_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="draft_one_per_item")]

    def __str__(self):
        return f"{self.content_type} {self.object_id}: {self.stage}"


class WorkflowEvent(models.Model):
    """One step of an item's hand-off (saved as a draft, submitted, sent back, published…): who,
    when and why, shown on the item's history page."""

    class Action(models.TextChoices):
        DRAFT_SAVED = "draft_saved", _("saved a draft")
        RESTORED = "restored", _("restored a revision as a draft")
        SUBMITTED = "submitted", _("submitted for review")
        RETURNED = "returned", _("sent back")
        PUBLISHED = "published", _("published")
        SCHEDULED = "scheduled", _("scheduled")
        PUBLISHED_ON_TIME = "published_on_time", _("published at its scheduled time")
        DISCARDED = "discarded", _("discarded the draft")

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField()
    action = models.CharField(max_length=20, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    time = models.DateTimeField(default=timezone.now)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-time", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="workflowevent_item")]

    def __str__(self):
        return f"{self.get_action_display()} ({self.time:%Y-%m-%d %H:%M})"


class AdminPreferences(models.Model):
    """One admin user's own language and time zone for the admin (`core.admin_preferences`)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="admin_preferences", verbose_name=_("user")
    )
    language = models.CharField(
        _("language of the admin"),
        max_length=8,
        blank=True,
        choices=[(code, name) for code, name in settings.LANGUAGES],
        help_text=_("Empty: the language your browser asks for."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=DEFAULT_TIME_ZONE,
        # A validator, not choices: the list offered may grow without a migration.
        validators=[validate_admin_time_zone],
        help_text=_("The admin shows times, and you enter them, in this time zone."),
    )

    class Meta:
        verbose_name = _("admin preferences")
        verbose_name_plural = _("admin preferences")

    def __str__(self):
        return str(self.user)


class EditPresence(models.Model):
    """Someone has an item's change form open for editing: one row per item and person, kept fresh
    by the form's heartbeat and gone when they leave or save (`core.edit_presence`).

    It lives in the database, not the cache, so that every app server sees it even while Redis is
    down. `taken_over_by` is set when another person takes the item over, which the first person's
    form learns on its next heartbeat.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    started = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)
    taken_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    taken_over_at = models.DateTimeField(null=True, blank=True)
    # The page (one load of the form) that holds the presence: a page left after its reload has
    # replaced it releases nothing.
    page = models.CharField(max_length=32, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "user"], name="edit_presence_per_user")
        ]
        verbose_name = _("item open for editing")
        verbose_name_plural = _("items open for editing")

    def __str__(self):
        # Shown where Django lists what goes with a deleted user.
        return _("%(user)s is editing %(kind)s %(id)s") % {
            "user": self.user,
            "kind": self.content_type.name,
            "id": self.object_id,
        }
