"""E-mails of the publishing workflow: "submitted for review" to the Publishers, "sent back" and
"published" to the author. Sent through Django's e-mail framework once the step is committed (a
step rolled back sends nothing), each in its recipient's language, with a link to the item."""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def recipient_language(user):
    """The language the recipient chose for the admin (`core.AdminPreferences`), else the default."""
    code = getattr(getattr(user, "admin_preferences", None), "language", None)
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def item_link(obj):
    opts = obj._meta
    return settings.SITE_URL + reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def publishers_of(model, besides=None):
    """Active staff with an e-mail address who may publish `model` (Publishers, Administrators)."""
    opts = model._meta
    permission = Permission.objects.filter(
        content_type__app_label=opts.app_label, codename=f"publish_{opts.model_name}"
    ).first()
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    condition = Q(is_superuser=True)
    if permission is not None:
        condition |= Q(groups__permissions=permission) | Q(user_permissions=permission)
    users = users.filter(condition).distinct()
    if besides is not None:
        users = users.exclude(pk=besides.pk)
    return list(users)


def send_later(recipients, subject, body, obj, actor, comment):
    """One e-mail per recipient, in their language, after the current transaction commits."""
    recipients = [user for user in recipients if user is not None and user.email]
    if not recipients:
        return
    opts = obj._meta

    def send():
        for user in recipients:
            with translation.override(recipient_language(user)):
                values = {
                    "item": str(obj),
                    "kind": str(opts.verbose_name),
                    "user": actor.get_full_name() or actor.get_username(),
                }
                lines = [body() % values]
                if comment:
                    lines += ["", _("Comment:"), comment]
                lines += ["", item_link(obj)]
                try:
                    send_mail(subject() % values, "\n".join(lines), None, [user.email])
                except (OSError, smtplib.SMTPException) as error:
                    # The step is committed whatever the mail relay does: say so in the log, go on.
                    logger.warning("The workflow e-mail to %s about %r was not sent: %s", user.email, str(obj), error)

    transaction.on_commit(send)


def submitted(obj, actor, comment):
    send_later(
        publishers_of(type(obj), besides=actor),
        lambda: _("Awaiting publication: %(item)s"),
        lambda: _("%(user)s submitted the %(kind)s “%(item)s” for review."),
        obj,
        actor,
        comment,
    )


def returned(obj, actor, comment, author):
    send_later(
        [author] if author is not None and author != actor else [],
        lambda: _("Sent back: %(item)s"),
        lambda: _("%(user)s sent the %(kind)s “%(item)s” back to you."),
        obj,
        actor,
        comment,
    )


def published(obj, actor, event, author, when=None):
    """`when`: the time a live item's draft is scheduled for (else the item's publication time).
    A draft published at its time by no one (`actor` None) was announced when it was scheduled."""
    if author is None or actor is None or author == actor:
        return
    when = formats.localize(timezone.localtime(when or obj.published_at))
    if event.action == "scheduled":
        body = lambda: _("%(user)s scheduled the %(kind)s “%(item)s” for %(when)s.").replace("%(when)s", when)  # noqa: E731
        subject = lambda: _("Scheduled: %(item)s")  # noqa: E731
    else:
        body = lambda: _("%(user)s published the %(kind)s “%(item)s”.")  # noqa: E731
        subject = lambda: _("Published: %(item)s")  # noqa: E731
    send_later([author], subject, body, obj, actor, event.comment)
