"""The two consoles the CLI writes to. NO_COLOR and TERM=dumb are honoured by rich itself."""

from __future__ import annotations

import os
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


@cache
def stdout() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, width=_width())


@cache
def stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, width=_width())


def _width() -> int | None:
    # COLUMNS lets scripts and tests fix the width; rich reads the terminal otherwise.
    cols = os.environ.get("COLUMNS", "")
    return int(cols) if cols.isdigit() and int(cols) > 0 else None
