"""The admin's WYSIWYG editor for rich-text fields (django-prose-editor, served by the site).

The editor offers exactly the markup that `core.text.sanitise_html` keeps: headings,
paragraphs, lists, links, emphasis, quotes, images and simple tables. What it sends is sanitised again on
save, so the editor is a convenience, never the safety net.
"""

import json

from django import forms
from django.forms import Script
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Figure": True,
    "Caption": True,
    "Image": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
}
EDITOR_ATTRIBUTE = "data-iomcz-richtext"


def editor_allowlist():
    """The tags and attributes the editor can produce, for checking against the sanitiser."""
    return allowlist_from_extensions(EDITOR_EXTENSIONS)


def editor_config():
    """The extensions the site's script starts the editor with: the package's defaults, less the
    one that switches spell checking off, and the figure dialog's "Browse" opening the image
    library (core.admin.library)."""
    config = expand_extensions(EDITOR_EXTENSIONS)
    config.pop("NoSpellCheck", None)
    config["Figure"] = {"pickerUrl": reverse("admin:image-library")}
    return config


class RichTextWidget(forms.Textarea):
    """A textarea that the site's own script turns into the editor; without JavaScript it
    stays a plain HTML textarea."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.attrs.setdefault("class", "iomcz-richtext")

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                    "css/admin-editing.css",
                ]
            },
            js=[Script("vendor/richtext.js", type="module")],
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        config = json.dumps(editor_config(), separators=(",", ":"))
        context["widget"]["attrs"][EDITOR_ATTRIBUTE] = config
        return context

    def use_required_attribute(self, initial):
        # The editor hides the textarea; a hidden required field would block the form silently.
        return False


def is_rich_text(db_field):
    """Whether a model field (or one of its per-language columns) holds rich text."""
    base = getattr(db_field, "translated_field", db_field)
    return base.name in getattr(db_field.model, "rich_text_fields", ())


class RichTextAdminMixin:
    """ModelAdmin/InlineModelAdmin mixin: every rich-text field, in every language, gets the
    editor. List it before the admin base class: `class NewsItemAdmin(RichTextAdminMixin, ...)`."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if is_rich_text(db_field):
            kwargs["widget"] = RichTextWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)
