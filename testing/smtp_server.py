"""A real SMTP server of the test's own (aiosmtpd, on a free loopback port), and the settings that
make Django send its e-mail there: a test reads what was really delivered over SMTP."""

import email
import email.policy
import threading

from aiosmtpd.controller import Controller
from django.test import override_settings

from testing.throwaway import ThrowawayServer, free_port


class _Inbox:
    """aiosmtpd's handler: keeps every message it receives, parsed."""

    def __init__(self):
        self.messages = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.arrived:
            self.messages.append((list(envelope.rcpt_tos), message))
            self.arrived.notify_all()
        return "250 Message accepted for delivery"


class ThrowawaySMTP(ThrowawayServer):
    """An SMTP server on 127.0.0.1; `messages` are (recipients, email.message.EmailMessage) pairs."""

    def __init__(self):
        self.port = free_port()
        self.inbox = _Inbox()
        self.controller = None

    @property
    def messages(self):
        return self.inbox.messages

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        self.controller.stop()

    def wait_for(self, count, timeout=5):
        """The messages once at least `count` have arrived (mail sent by another thread, a live server)."""
        with self.inbox.arrived:
            self.inbox.arrived.wait_for(lambda: len(self.messages) >= count, timeout)
        return self.messages

    def settings(self):
        """Django's SMTP backend pointed at this server."""
        return override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=self.port,
            EMAIL_USE_TLS=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_TIMEOUT=5,
        )

    @staticmethod
    def body(message):
        return message.get_body(("plain",)).get_content()
