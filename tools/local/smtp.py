"""Sending a finished email through the user's SMTP account."""

from __future__ import annotations

import ipaddress
import smtplib
import ssl
from email.message import EmailMessage

from tinyagent.tools.base import SmtpAccount
from tinyagent.tools.errors import ConfigurationError, ToolError

SECURITY = ("ssl", "starttls", "none")


def send(account: SmtpAccount, message: EmailMessage, timeout_s: float) -> tuple[str, ...]:
    """Hand ``message`` to the server; returns the recipients it refused (the others got it)."""
    _check(account)
    where = f"{account.host}:{account.port}"
    try:
        with _connect(account, timeout_s) as server:
            if account.username:
                server.login(account.username, account.password)
            refused = server.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise ToolError(
            f"The mail server {where} rejected the user name or password ({_reason(exc)}). "
            "Check the mail account in Settings."
        ) from exc
    except smtplib.SMTPRecipientsRefused as exc:
        raise ToolError(
            f"The mail server refused every recipient ({', '.join(exc.recipients)}). Check the addresses."
        ) from exc
    except smtplib.SMTPNotSupportedError as exc:
        missing = "STARTTLS" if account.security == "starttls" else "login"
        raise ToolError(
            f"The mail server {where} does not support {missing} ({exc}). "
            "Change the security setting of the mail account in Settings."
        ) from exc
    except smtplib.SMTPException as exc:
        raise ToolError(
            f"The mail server {where} did not accept the email ({_reason(exc)}). Try again later."
        ) from exc
    except (OSError, ssl.SSLError) as exc:
        raise ToolError(
            f"Could not reach the mail server {where} ({exc}). Check the server settings and your connection."
        ) from exc
    return tuple(refused)


def _check(account: SmtpAccount) -> None:
    if account.security not in SECURITY:
        raise ConfigurationError(
            f"Mail security {account.security!r} is not one of {', '.join(SECURITY)}; fix it in Settings."
        )
    if account.security == "none" and account.username and not _is_loopback(account.host):
        raise ConfigurationError(
            f"Refusing to send your mail password unencrypted to {account.host}. Choose ssl or starttls "
            "for the mail account in Settings."
        )


def _connect(account: SmtpAccount, timeout_s: float) -> smtplib.SMTP:
    if account.security == "ssl":
        return smtplib.SMTP_SSL(
            account.host, account.port, timeout=timeout_s, context=ssl.create_default_context()
        )
    server = smtplib.SMTP(account.host, account.port, timeout=timeout_s)
    if account.security == "starttls":
        try:
            server.starttls(context=ssl.create_default_context())
        except BaseException:
            server.close()
            raise
    return server


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _reason(exc: smtplib.SMTPException) -> str:
    code = getattr(exc, "smtp_code", None)
    error = getattr(exc, "smtp_error", b"")
    text = error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error)
    return f"{code} {text}".strip() if code else str(exc)
