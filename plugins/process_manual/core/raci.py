"""The RACI letters of a step: who is Responsible, Accountable, Consulted, Informed."""

from __future__ import annotations

from process_manual.core.model import Step


def raci_cells(step: Step) -> dict[str, str]:
    """Role id -> the letters of that role at this step ("R", "A", "R/A", "C", "I")."""
    cells: dict[str, list[str]] = {}
    for role in step.responsible:
        cells.setdefault(role, []).append("R")
    if step.accountable_role:
        cells.setdefault(step.accountable_role, []).append("A")
    for letter, roles in (("C", step.consulted), ("I", step.informed)):
        for role in roles:
            if letter not in cells.setdefault(role, []):
                cells[role].append(letter)
    return {role: "/".join(letters) for role, letters in cells.items()}
