"""What every page renderer needs, computed once per build: names, back-links, the published set."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from process_manual.check.policy import Policy, read_policy
from process_manual.check.refindex import ReferenceIndex, Referrer
from process_manual.check.reftargets import Resolver
from process_manual.core import paths
from process_manual.core.durations import add_interval, parse_duration
from process_manual.core.labels import Labels
from process_manual.core.model import Area, Process
from process_manual.load.docpages import DocPage, source_pages
from process_manual.load.handbook import Handbook, ProcessSource
from process_manual.render.links import LinkWriter
from process_manual.render.reading_index import ReadingIndex
from process_manual.render.source_links import SourceLinks


@dataclass
class RenderContext:
    handbook: Handbook
    labels: Labels
    today: dt.date
    directory_urls: bool = True
    publish_drafts: bool = False
    source_links: SourceLinks | None = None
    """"Edit this process" and "Suggest a change" on process pages (None: no repository to link to)."""
    bpmn_downloads: bool = True
    """Each process page links its BPMN 2.0 file (which the plugin publishes as bpmn/<ID>.bpmn)."""
    page_titles: dict[str, str] = field(default_factory=dict)
    """Titles of hand-written pages (under docs/): named by reading paths, and listed where they refer to a target."""
    doc_pages: list[DocPage] = field(default_factory=list)
    """The hand-written pages, for the references they hold ("Referred to by")."""
    published: list[ProcessSource] = field(init=False)
    backlinks: dict[str, list[str]] = field(init=False)
    reading: ReadingIndex = field(init=False)
    """The onboarding reading paths as published (render/reading.py)."""
    resolver: Resolver = field(init=False)
    """What each `[[...]]` names, with names in this site's language."""
    referrers: dict[str, list[Referrer]] = field(init=False)
    """Target key (`process:SAL-001`, `role:buyer`, ...) -> the texts and pages that refer to it."""

    def __post_init__(self) -> None:
        self.published = sorted(
            (s for s in self.handbook.processes if s.process.status != "draft" or self.publish_drafts),
            key=lambda s: s.process.id,
        )
        self._by_id = {s.process.id: s.process for s in self.published}
        backlinks: dict[str, set[str]] = defaultdict(set)
        for source in self.published:
            process = source.process
            targets = set(process.related) | {s.process for s in process.steps if s.process}
            for target in targets:
                if target in self._by_id and target != process.id:
                    backlinks[target].add(process.id)
        self.backlinks = {k: sorted(v) for k, v in backlinks.items()}
        self.reading = ReadingIndex.build(self.handbook.reading_paths, self._by_id)
        published = [s.process.id for s in self.published]
        original = self.handbook.source or self.handbook
        self.resolver = Resolver(self.handbook, published=published, source=original)
        pages = source_pages(self.doc_pages, original.languages)
        self.referrers = ReferenceIndex.build(original, pages).referrers(Resolver(original, published=published))

    def links(self, page: str, here: str | None = None) -> LinkWriter:
        """Writes references in texts shown on `page` as links (`here`: the process the texts belong to)."""
        return LinkWriter(self.resolver, page, here)

    @functools.cached_property
    def policy(self) -> Policy:
        """What the handbook's _handbook.yml sets (its problems are the validator's to report)."""
        return read_policy(self.handbook)[0]

    @property
    def language(self) -> str:
        return self.labels.language

    def process(self, process_id: str) -> Process | None:
        return self._by_id.get(process_id)

    def role_name(self, role_id: str) -> str:
        role = self.handbook.roles.get(role_id)
        return role.name if role else role_id

    def form_name(self, form_id: str) -> str:
        form = self.handbook.forms.get(form_id)
        return form.name if form else form_id

    def area_trail(self, area_id: str) -> list[Area]:
        trail: list[Area] = []
        node = self.handbook.areas.get(area_id)
        while node is not None:
            trail.insert(0, node.area)
            node = self.handbook.areas.get(node.parent.id) if node.parent else None
        return trail

    def next_review(self, process: Process) -> dt.date | None:
        if process.review is None:
            return None
        interval = parse_duration(process.review.every)
        return add_interval(process.review.last, interval) if interval else None

    def process_url_from(self, page: str) -> Callable[[str], str | None]:
        """For Mermaid `click` lines: the built URL of a published process, seen from `page`."""

        def url(process_id: str) -> str | None:
            if process_id not in self._by_id:
                return None
            return paths.built_url(page, paths.process_page(process_id), self.directory_urls)

        return url
