"""The one clock: UTC now and the ISO strings the store keeps.

Everything that asks for the time takes a `Clock` (default: the system's), so a test can
freeze it and a rendering ("comes back in 3 days") agrees with the schedule it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def iso(t: datetime) -> str:
    return t.astimezone(timezone.utc).isoformat(timespec="microseconds")


def parse_iso(s: str) -> datetime:
    return datetime.fromisoformat(s)
