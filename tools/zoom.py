"""Creating Zoom meetings through Zoom's REST API (``POST /users/me/meetings``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import httpx

from tinyagent.tools.errors import ConfigurationError, ToolArgumentError, ToolError

SCHEDULED_MEETING = 2  # Zoom's meeting type for a meeting at a set time
MAX_DURATION_MIN = 24 * 60


class ZoomClient:
    """A Zoom account reached with an OAuth access token (server-to-server or user)."""

    def __init__(self, token: str | None, api_url: str, timeout_s: float) -> None:
        self._token = require_token(token)
        self._url = api_url.rstrip("/") + "/users/me/meetings"
        self._timeout_s = timeout_s

    def create_meeting(
        self, topic: str, start_time: datetime | None, duration_min: int, invitees: Sequence[str]
    ) -> str:
        """Schedule a meeting and return its join URL.

        A naive ``start_time`` is the user's wall-clock time in the system time zone;
        it is sent in UTC so that Zoom and every invitee see the same moment.
        """
        body = meeting_request(topic, start_time, duration_min, invitees)
        headers = {"Authorization": f"Bearer {self._token}", "Accept": "application/json"}
        try:
            response = httpx.post(self._url, json=body, headers=headers, timeout=self._timeout_s)
        except httpx.TimeoutException as exc:
            raise ToolError(
                f"Zoom did not answer within {self._timeout_s:g} s. Check your internet connection "
                "and try again."
            ) from exc
        except httpx.HTTPError as exc:
            raise ToolError(
                f"Could not reach Zoom at {self._url} ({exc}). Check your internet connection."
            ) from exc
        return _join_url(response)


def require_token(token: str | None) -> str:
    """The Zoom token, or a ``ConfigurationError`` saying how to set one."""
    if not token or not token.strip():
        raise ConfigurationError(
            "Set your Zoom token in Settings (stored in the keyring) to create Zoom meetings; "
            "create one as a Server-to-Server OAuth app in the Zoom App Marketplace."
        )
    return token.strip()


def meeting_request(
    topic: str, start_time: datetime | None, duration_min: int, invitees: Sequence[str]
) -> dict[str, Any]:
    """The JSON body Zoom expects for a scheduled meeting."""
    if not topic.strip():
        raise ToolArgumentError("Give the Zoom meeting a topic.")
    if not 0 < duration_min <= MAX_DURATION_MIN:
        raise ToolArgumentError(
            f"A Zoom meeting lasts between 1 and {MAX_DURATION_MIN} minutes, not {duration_min}."
        )
    body: dict[str, Any] = {
        "topic": topic.strip(),
        "type": SCHEDULED_MEETING,
        "duration": duration_min,
        "settings": {"meeting_invitees": [{"email": e.strip()} for e in invitees if e.strip()]},
    }
    if start_time is not None:
        body["start_time"] = start_time.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return body


def _join_url(response: httpx.Response) -> str:
    if response.status_code == httpx.codes.UNAUTHORIZED:
        raise ToolError(
            "Zoom rejected the token (401): it is wrong or has expired. Create a new token and "
            "set it in Settings."
        )
    if response.status_code >= httpx.codes.BAD_REQUEST:
        raise ToolError(
            f"Zoom refused to create the meeting ({response.status_code}: {_zoom_message(response)}). "
            "Check the meeting details and your Zoom account's permissions."
        )
    try:
        payload = response.json()
    except ValueError as exc:
        raise ToolError("Zoom answered with something that is not JSON. Try again later.") from exc
    url = payload.get("join_url") if isinstance(payload, dict) else None
    if not isinstance(url, str) or not url:
        raise ToolError("Zoom created no join link for the meeting. Check the meeting in your Zoom account.")
    return url


def _zoom_message(response: httpx.Response) -> str:
    try:
        payload = response.json()
    except ValueError:
        return response.reason_phrase or "no details"
    message = payload.get("message") if isinstance(payload, dict) else None
    return str(message) if message else response.reason_phrase or "no details"
