"""OpenStreetMap links for places and routes (no account, no API key, no tracking)."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from tinyagent.tools.errors import ToolArgumentError

OSM = "https://www.openstreetmap.org"
# OpenStreetMap's routing engines; it has none for public transit.
ENGINES = {"d": "fossgis_osrm_car", "w": "fossgis_osrm_foot"}
TRANSIT_FALLBACK = "w"
_TRANSPORT_ALIASES = {
    "d": "d",
    "drive": "d",
    "driving": "d",
    "car": "d",
    "w": "w",
    "walk": "w",
    "walking": "w",
    "foot": "w",
    "r": "r",
    "transit": "r",
    "public transit": "r",
    "train": "r",
    "bus": "r",
}


def location_url(location: str) -> str:
    """A map searching for ``location``."""
    if not location.strip():
        raise ToolArgumentError("Say which place or address to show on the map.")
    return f"{OSM}/search?{urlencode({'query': location.strip()}, quote_via=quote)}"


def directions_url(start_location: str, end_location: str, transport: str) -> tuple[str, str]:
    """The directions link, and a note for the user ("" when none is needed).

    An empty start leaves the "from" field for the map page to fill (the browser can
    use the current location there).
    """
    if not end_location.strip():
        raise ToolArgumentError("Say where the directions should lead to.")
    mode = _TRANSPORT_ALIASES.get(transport.strip().casefold())
    if mode is None:
        raise ToolArgumentError(f"Transport {transport!r} is not one of d (drive), w (walk), r (transit).")
    note = ""
    if mode == "r":
        mode = TRANSIT_FALLBACK
        note = (
            "OpenStreetMap has no public transit routing, so this shows walking directions; "
            "check your local transit app for connections."
        )
    params = {"engine": ENGINES[mode], "from": start_location.strip(), "to": end_location.strip()}
    if not params["from"]:
        del params["from"]
    return f"{OSM}/directions?{urlencode(params, quote_via=quote)}", note
