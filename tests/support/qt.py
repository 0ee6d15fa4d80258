"""Waiting for Qt signals from asyncio code (GUI tests run on a qasync loop)."""

from __future__ import annotations

import asyncio
from typing import Any


async def next_signal(signal: Any, timeout: float = 10.0) -> tuple[Any, ...]:
    """Wait on the event loop for ``signal``'s next emission; its arguments."""
    future: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def fire(*args: Any) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(fire)
    try:
        return await asyncio.wait_for(future, timeout)
    finally:
        signal.disconnect(fire)
