"""One "did you mean": the known value closest to a misspelt one, for every hint that names a fix."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CUTOFF = 0.6
"""How alike two ids must be (difflib's ratio) to suggest one for the other: `owenr` → `owner`, not `id`."""


def closest(value: str, known: Iterable[str], *, cutoff: float = CUTOFF) -> str | None:
    """The known value most like `value`, or None when nothing is alike enough."""
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(value: str, known: Iterable[str], otherwise: str = "", *, cutoff: float = CUTOFF) -> str:
    """`did you mean 'x'?` for the closest known value, else `otherwise` (the fix to name instead)."""
    match = closest(value, known, cutoff=cutoff)
    return f"did you mean '{match}'?" if match else otherwise
