"""Parse many YAML files at once, on every core the machine lends us.

Parsing is most of the time it takes to load a large handbook (libyaml and the Python objects it
builds: about 1 ms per 8 KB file), and files are independent of each other. So, where the system
can fork, the files are shared out between this process and forked children; each child sends back
its documents pickled through a pipe. A child that fails costs nothing but time: its files are then
parsed here. Small handbooks, and processes that run threads (`mkdocs serve`), parse in-process.
"""

from __future__ import annotations

import os
import pickle
import threading
from pathlib import Path

from process_manual.core.problems import Problem
from process_manual.load.yamlload import Document, load_file, load_text

Parsed = tuple[Document | None, list[Problem]]

MIN_FILES_PER_WORKER = 64
"""Below this a worker's share costs less than forking it and pickling its results back."""
MAX_WORKERS = 8


Job = tuple[Path, str] | tuple[Path, str, bytes]
"""(path, shown path), or with the file's bytes already read (parsed as they are, the file is not read again)."""


def _load(job: Job) -> Parsed:
    return load_text(job[2], job[0], job[1]) if len(job) == 3 else load_file(job[0], job[1])


def parse_files(jobs: list[Job]) -> list[Parsed]:
    """`load_file(path, shown)` (or `load_text` of the bytes given) for every job, in the order given."""
    workers = _worker_count(len(jobs))
    if workers < 2:
        return [_load(job) for job in jobs]
    shares = [jobs[i::workers] for i in range(workers)]  # interleaved: neighbouring files are alike in size
    children = [_fork_parser(share) for share in shares[1:]]
    results = [[_load(job) for job in shares[0]]]
    results += [_collect(pid, pipe, share) for (pid, pipe), share in zip(children, shares[1:], strict=False)]
    ordered: list[Parsed] = [None] * len(jobs)  # type: ignore[list-item]  # every slot is filled below
    for offset, parsed in enumerate(results):
        ordered[offset::workers] = parsed
    return ordered


def _worker_count(files: int) -> int:
    if not hasattr(os, "fork") or threading.active_count() > 1:
        # Forking a process that runs threads can copy a lock another thread holds (and Python 3.12+ warns).
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cpus, MAX_WORKERS, files // MIN_FILES_PER_WORKER))


def _fork_parser(share: list[Job]) -> tuple[int, int]:
    """A child that parses `share` and writes the pickled results to a pipe: (its pid, the pipe's read end)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into the caller's code, never run its exit handlers
        status = 1
        try:
            os.close(read_end)
            payload = pickle.dumps([_load(job) for job in share], pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _collect(pid: int, read_end: int, share: list[Job]) -> list[Parsed]:
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) == 0:
        try:
            parsed = pickle.loads(payload)  # noqa: S301 - written by our own child process just now
            if isinstance(parsed, list) and len(parsed) == len(share):
                return parsed
        except Exception:  # noqa: S110 - a child that failed in any way: parse here instead, below
            pass
    return [_load(job) for job in share]
