"""The landscape's process map stays readable and light at any size: every domain and group is a card
entry with its count; a group's processes are listed while there are few and counted beyond that."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from process_manual.load.handbook import load_handbook
from process_manual.core import paths
from process_manual.render.context import RenderContext
from process_manual.core.labels import Labels
from process_manual.render.landscape import LISTED_PER_GROUP
from process_manual.render.site import render_pages

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import generate  # noqa: E402


def _map(html: str) -> str:
    return html[html.index('<div class="pm-landscape">'):html.index("</div>\n\n", html.index('<div class="pm-landscape">'))]


def test_a_large_handbook_gets_a_compact_map(tmp_path: Path) -> None:
    generate(400, seed=3, out=tmp_path / "handbook")
    handbook = load_handbook(tmp_path / "handbook")
    context = RenderContext(handbook, Labels("en"), dt.date(2026, 11, 30))
    page = render_pages(context)[paths.LANDSCAPE]
    drawn = _map(page)
    domains = re.findall(r'<section class="pm-domain"', drawn)
    assert len(domains) == len(handbook.top_areas)
    groups = sum(len(top.children or [top]) for top in handbook.top_areas)
    assert drawn.count('<div class="pm-group">') == groups
    for group in (g for top in handbook.top_areas for g in (top.children or [top])):
        members = [s for s in context.published if s.process.area == group.id and s.process.status != "retired"]
        assert f'href="#area-{group.id}"' in drawn
        listed = sum(f">{s.process.id}</span>" in drawn for s in members)
        assert listed == (len(members) if len(members) <= LISTED_PER_GROUP else 0), group.id
    assert len(drawn.encode()) < 20_000, "the map stays small however many processes there are"
    # every process is still on the page, in the tables under the map
    assert all(f"[{s.process.id} " in page for s in context.published if s.process.status != "retired")


def test_small_groups_list_their_processes_with_links_in_both_languages(tmp_path: Path) -> None:
    generate(12, seed=3, out=tmp_path / "handbook")
    handbook = load_handbook(tmp_path / "handbook")
    for language, one, many in (("en", "1 process", "{} processes"), ("zh", "1 个流程", "{} 个流程")):
        context = RenderContext(handbook, Labels(language), dt.date(2026, 11, 30))
        drawn = _map(render_pages(context)[paths.LANDSCAPE])
        for source in context.published:
            url = paths.built_url(paths.LANDSCAPE, paths.process_page(source.process.id), True)
            assert f'href="{url}"' in drawn
        for top in handbook.top_areas:
            areas = {g.id for g in (top.children or [top])}
            count = sum(s.process.area in areas and s.process.status != "retired" for s in context.published)
            label = one if count == 1 else many.format(count)
            assert re.search(rf'id="pm-map-{top.id}">.*?<span class="pm-count">{label}</span>', drawn), top.id
