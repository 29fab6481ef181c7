"""Domain errors. The CLI turns each into one `Error: ...` line and an exit code, in one place."""

from __future__ import annotations


class PrepError(Exception):
    """A problem the user can fix; `str(err)` is the whole message (what, where, how to fix)."""

    exit_code = 2


class UsageError(PrepError):
    """Bad arguments or options."""


class UnknownTopic(PrepError):
    """A topic name that no bank defines."""


class UnknownKata(PrepError):
    """A kata name that is not in the catalog."""


class StoreError(PrepError):
    """The progress store cannot be opened or written."""


class ExportError(PrepError):
    """An export file that cannot be written or read."""
