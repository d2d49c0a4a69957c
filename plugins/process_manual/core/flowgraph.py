"""Graph questions about a process's steps: what is reachable, what can finish, where loops trap."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from process_manual.core.model import Process


def successors(process: Process) -> dict[str, list[str]]:
    """Each step id and the ids of the existing steps that can follow it (first definition wins)."""
    known = {s.id for s in process.steps}
    graph: dict[str, list[str]] = {}
    for step in process.steps:
        graph.setdefault(step.id, [t for t in step.targets() if t in known])
    return graph


def _step_order(process: Process) -> dict[str, int]:
    order: dict[str, int] = {}
    for i, step in enumerate(process.steps):
        order.setdefault(step.id, i)
    return order


def _closure(starts: Iterable[str], edges: dict[str, list[str]]) -> set[str]:
    """Every node reachable from `starts` (included) along `edges`."""
    seen = set(starts)
    queue = deque(seen)
    while queue:
        for target in edges[queue.popleft()]:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


Graph = dict[str, list[str]]
"""Step id -> ids of the steps that can follow it: `successors(process)`, computed once per process."""


def reachable_from_start(process: Process, graph: Graph) -> set[str]:
    return _closure([process.steps[0].id], graph)


def can_finish(process: Process, graph: Graph, open_steps: Iterable[str] = ()) -> set[str]:
    """Steps from which some path reaches an `end` step.

    `open_steps` (a missing `next`, an unknown target: already reported) count as finishing, so
    that one defect is reported once and not again as a loop through it.
    """
    incoming: dict[str, list[str]] = {s: [] for s in graph}
    for source, targets in graph.items():
        for target in targets:
            incoming[target].append(source)
    return _closure({s.id for s in process.steps if s.kind == "end"} | set(open_steps), incoming)


def _components(graph: dict[str, list[str]], order: dict[str, int]) -> list[set[str]]:
    """Strongly connected components (Kosaraju, iterative: processes may have thousands of steps)."""
    finished: list[str] = []
    seen: set[str] = set()
    for root in sorted(graph, key=order.__getitem__):
        if root in seen:
            continue
        seen.add(root)
        stack = [(root, iter(graph[root]))]
        while stack:
            node, children = stack[-1]
            child = next((c for c in children if c not in seen), None)
            if child is None:
                stack.pop()
                finished.append(node)
            else:
                seen.add(child)
                stack.append((child, iter(graph[child])))
    reverse: dict[str, list[str]] = {s: [] for s in graph}
    for source, targets in graph.items():
        for target in targets:
            reverse[target].append(source)
    components: list[set[str]] = []
    assigned: set[str] = set()
    for root in reversed(finished):
        if root in assigned:
            continue
        component, todo = {root}, [root]
        assigned.add(root)
        while todo:
            for source in reverse[todo.pop()]:
                if source not in assigned:
                    assigned.add(source)
                    component.add(source)
                    todo.append(source)
        components.append(component)
    return components


def _cycle_through(graph: dict[str, list[str]], first: str, component: set[str]) -> list[str] | None:
    """The shortest cycle from `first` back to itself inside `component`, or None."""
    parent: dict[str, str] = {}
    queue = deque([first])
    while queue:
        node = queue.popleft()
        for target in graph[node]:
            if target == first:
                path = [node]
                while path[-1] != first:
                    path.append(parent[path[-1]])
                return path[::-1]
            if target in component and target not in parent:
                parent[target] = node
                queue.append(target)
    return None


def dead_loops(process: Process, graph: Graph, finishing: set[str]) -> list[list[str]]:
    """Loops with no way out: one per group of steps that keep leading into each other and never
    reach an end. Each is given as a cycle starting from its first step in the file."""
    order = _step_order(process)
    graph = {s: [t for t in targets if t not in finishing] for s, targets in graph.items() if s not in finishing}
    loops = []
    for component in _components(graph, order):
        first = min(component, key=order.__getitem__)
        cycle = _cycle_through(graph, first, component)
        if cycle:
            loops.append(cycle)
    return sorted(loops, key=lambda loop: order[loop[0]])
