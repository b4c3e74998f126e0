"""The admin of the site's content, one module per concern: `site` (the admin site and its URLs),
`roles`, `audit`, `conflicts` (edit-conflict guard), `presence` (who else is editing: the soft lock),
`preview` (the unsaved form's public page), `translations` (translation status), `revisions`,
`dashboard`, `images`, `richtext`, `titles` (page titles in every language), `preferences` (each
user's language and time zone), `library_models` (the libraries' admins with their titles),
`permission_names`, `deletion` (delete pages without link rows), and `base`, which puts them
together in the base admins that every content app registers its models with."""

from .base import PublishableContentAdmin, TranslatedContentAdmin, in_every_language
from .roles import RoleStackedInline, RoleTabularInline
from .titles import ModelTitles
from .translations import TranslationStateFilter

__all__ = [
    "PublishableContentAdmin",
    "RoleStackedInline",
    "RoleTabularInline",
    "TranslatedContentAdmin",
    "TranslationStateFilter",
    "in_every_language",
    "ModelTitles",
]
