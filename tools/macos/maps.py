"""Apple Maps URLs, built with URL encoding (the values never become markup or script)."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from tinyagent.tools.errors import ToolArgumentError

MAPS_URL = "https://maps.apple.com/"
TRANSPORT = {"d": "d", "w": "w", "r": "r", "driving": "d", "walking": "w", "transit": "r"}


def place_url(location: str) -> str:
    """The URL that shows ``location`` (a place name or an address)."""
    if not location.strip():
        raise ToolArgumentError("Say which place to show on the map.")
    return MAPS_URL + "?" + urlencode({"q": location}, quote_via=quote)


def directions_url(start_location: str, end_location: str, transport: str) -> str:
    """The URL with directions; an empty start means the current location."""
    if not end_location.strip():
        raise ToolArgumentError("Say where the directions should lead to.")
    flag = TRANSPORT.get(transport.strip().lower() or "d")
    if flag is None:
        raise ToolArgumentError(
            f"transport must be 'd' (drive), 'w' (walk) or 'r' (transit), not {transport!r}."
        )
    query = {"daddr": end_location, "dirflg": flag}
    if start_location.strip():
        query = {"saddr": start_location, **query}
    return MAPS_URL + "?" + urlencode(query, quote_via=quote)
