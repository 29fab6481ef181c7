"""User preferences kept in the store: desired retention and the interview date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from prepcli.errors import UsageError
from prepcli.srs import DEFAULT_RETENTION, parse_interview_date
from prepcli.store import Store

KEYS = {
    "desired-retention": "target probability of recall when a card comes back (0.7-0.99; default 0.9)",
    "interview-date": "YYYY-MM-DD; the quiz favours what you would have forgotten by then",
}


@dataclass(frozen=True)
class Settings:
    desired_retention: float = DEFAULT_RETENTION
    interview_date: date | None = None

    @classmethod
    def load(cls, store: Store) -> Settings:
        raw = store.settings()
        dr = DEFAULT_RETENTION
        if "desired-retention" in raw:
            try:
                dr = check_retention(float(raw["desired-retention"]))
            except (ValueError, UsageError):
                dr = DEFAULT_RETENTION
        day = None
        if "interview-date" in raw:
            try:
                day = date.fromisoformat(raw["interview-date"])
            except ValueError:
                day = None
        return cls(dr, day)


def check_retention(value: float) -> float:
    if not 0.7 <= value <= 0.99:
        raise UsageError(f"desired retention must be between 0.7 and 0.99, got {value}")
    return value


def check_key(key: str) -> str:
    if key not in KEYS:
        from prepcli.suggest import unknown_message

        raise UsageError(unknown_message("setting", key, KEYS))
    return key


def show_settings(store: Store, key: str | None = None) -> list[tuple[str, str | None, str]]:
    """(key, stored value or None for the default, what it means) for one setting or all."""
    current = store.settings()
    keys = [check_key(key)] if key is not None else list(KEYS)
    return [(k, current.get(k), KEYS[k]) for k in keys]


def set_setting(store: Store, key: str, value: str | None) -> str | None:
    """Validate and store one setting (None or "" clears it); returns the stored value."""
    check_key(key)
    if value is None or value == "":
        store.set_setting(key, None)
        return None
    if key == "desired-retention":
        try:
            number = float(value)
        except ValueError:
            raise UsageError(f"desired retention must be a number like 0.9, got {value!r}") from None
        value = str(check_retention(number))
    elif key == "interview-date":
        value = parse_interview_date(value).isoformat()
    store.set_setting(key, value)
    return value
