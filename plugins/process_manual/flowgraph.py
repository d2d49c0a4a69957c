"""Graph questions about a process's steps: what is reachable, what can finish, where loops trap."""

from __future__ import annotations

from collections import deque

from .model import Process


def successors(process: Process) -> dict[str, list[str]]:
    known = {s.id for s in process.steps}
    return {s.id: [t for t in s.targets() if t in known] for s in process.steps}


def reachable_from_start(process: Process) -> set[str]:
    graph = successors(process)
    start = process.steps[0].id
    seen = {start}
    queue = deque([start])
    while queue:
        for target in graph[queue.popleft()]:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def can_finish(process: Process) -> set[str]:
    """Steps from which some path reaches an `end` step."""
    graph = successors(process)
    incoming: dict[str, list[str]] = {s: [] for s in graph}
    for source, targets in graph.items():
        for target in targets:
            incoming[target].append(source)
    done = {s.id for s in process.steps if s.kind == "end"}
    queue = deque(done)
    while queue:
        for source in incoming[queue.popleft()]:
            if source not in done:
                done.add(source)
                queue.append(source)
    return done


def trapped_loops(process: Process, stuck: set[str]) -> list[list[str]]:
    """Cycles among the `stuck` steps (those that cannot finish): loops with no way out.

    Each loop is returned once, as the ids in step order starting from its first step in the file.
    """
    graph = {s: [t for t in targets if t in stuck] for s, targets in successors(process).items() if s in stuck}
    order = {s.id: i for i, s in enumerate(process.steps)}
    loops: list[list[str]] = []
    covered: set[str] = set()
    for start in sorted(graph, key=order.__getitem__):
        if start in covered:
            continue
        # Walk from `start` until a step repeats; the repeated part is a loop.
        path: list[str] = []
        position: dict[str, int] = {}
        current: str | None = start
        while current is not None and current not in position and current not in covered:
            position[current] = len(path)
            path.append(current)
            current = graph[current][0] if graph[current] else None
        covered.update(path)
        if current is not None and current in position:
            loops.append(path[position[current]:])
    return loops
