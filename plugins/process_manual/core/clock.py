"""The date the handbook is judged on: today, or PROCESS_MANUAL_TODAY=YYYY-MM-DD (tests pin it)."""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    """PROCESS_MANUAL_TODAY when set (to validate or render as of another date), else the system's date."""
    pinned = os.environ.get("PROCESS_MANUAL_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()
