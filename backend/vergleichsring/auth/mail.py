"""Outgoing mail behind one small interface: the log in development, SMTP in production."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from typing import Protocol

from vergleichsring.core.config import Settings

log = logging.getLogger("vergleichsring.mail")


class MailSender(Protocol):
    def send(self, to: str, subject: str, body: str) -> None: ...


class LogMailSender:
    """Writes the mail to the log (development: the password link shows up in the console)."""

    def send(self, to: str, subject: str, body: str) -> None:
        log.warning("Mail an %s – %s\n%s", to, subject, body)


class SmtpMailSender:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def send(self, to: str, subject: str, body: str) -> None:
        s = self.settings
        msg = EmailMessage()
        msg["From"] = s.smtp_from
        msg["To"] = to
        msg["Subject"] = subject
        msg.set_content(body)
        assert s.smtp_host is not None
        with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=20) as smtp:
            if s.smtp_starttls:
                smtp.starttls()
            if s.smtp_user and s.smtp_password:
                smtp.login(s.smtp_user, s.smtp_password.get_secret_value())
            smtp.send_message(msg)


class RecordingMailSender:
    """Keeps mails in memory (tests)."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, str]] = []

    def send(self, to: str, subject: str, body: str) -> None:
        self.sent.append((to, subject, body))


def mail_sender_for(settings: Settings) -> MailSender:
    return SmtpMailSender(settings) if settings.smtp_host else LogMailSender()
