"""References written as links: the Markdown a page gets, names in the page's language, escaping, and
"Referred to by" on every target's page.

Expectations are written out here from the test handbook's files (names, paths, anchors), not read
from the code under test.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fixtures.util import ACCESS, ARCHIVE, PURCHASE, TODAY, copy_handbook, edit
from process_manual.cli import main
from process_manual.core.labels import Labels
from process_manual.load.docpages import DocPage
from process_manual.load.handbook import load_handbook
from process_manual.load.localize import localize
from process_manual.render.context import RenderContext
from process_manual.render.links import rewrite_page
from process_manual.render.site import render_pages
from process_manual.render.text import markdown, plain, table_cell
from sitebuild import write_site_config

DETAILS = "    details: Describe what is needed, why, and the budget line.\n"


def _context(root: Path, language: str = "en", pages: list[DocPage] | None = None, **options) -> RenderContext:
    handbook = load_handbook(root, shown_base=root)
    return RenderContext(handbook, Labels(language), dt.date.fromisoformat(TODAY), doc_pages=pages or [], **options)


def _page(uri: str, text: str) -> DocPage:
    return DocPage(uri, text, f"docs/{uri}")


def test_each_kind_of_reference_becomes_a_link_to_its_page_and_anchor(tmp_path):
    ctx = _context(copy_handbook(tmp_path))
    links = ctx.links("processes/pur-001.md", "PUR-001")
    text = ("[[IT-002]], [[IT-002#approve]], [[#submit]], [[role:buyer]], [[form:purchase-order]], "
            "[[kpi:#cycle-time]], [[term:records clerk]]")
    assert markdown(text, links) == (
        "[System access request](it-002.md), "
        "[System access request › Approve the access](it-002.md#step-approve), "
        "[Submit the purchase request](#step-submit), "
        "[Buyer](../roles/buyer.md), "
        "[Purchase order](../forms.md#form-purchase-order), "
        "[Request-to-order time](../kpis.md#kpi-pur-001-cycle-time), "
        "[Records clerk](../glossary.md#term-records-clerk)"
    )


def test_a_text_of_its_own_and_every_name_are_escaped(tmp_path):
    root = copy_handbook(tmp_path)
    edit(root, "_roles.yml", "{id: buyer, name: Buyer,", "{id: buyer, name: '<img src=x onerror=alert(1)> *Buyer*',")
    links = _context(root).links("index.md")
    assert markdown("[[PUR-001|<script>alert(1)</script> {: onclick=x}]] and [[role:buyer]]", links) == (
        "[&#60;script&#62;alert(1)&#60;/script&#62; &#123;: onclick&#61;x&#125;](processes/pur-001.md) and "
        "[&#60;img src&#61;x onerror&#61;alert(1)&#62; &#42;Buyer&#42;](roles/buyer.md)"
    )
    # Brackets inside make it no reference at all: the text is escaped as any author text is.
    shown = markdown("[[PUR-001|[x](javascript:alert(1))]]", links)
    assert "[x](javascript:" not in shown and shown.startswith("&#91;&#91;PUR-001|&#91;x](")


def test_what_is_not_resolved_is_shown_as_written_and_code_stays_code(tmp_path):
    ctx = _context(copy_handbook(tmp_path))
    links = ctx.links("index.md")
    assert markdown("See [[IT-02]] or `[[IT-002]]`.", links) == "See &#91;&#91;IT-02&#93;&#93; or `[[IT-002]]`."
    assert plain("Q: [[IT-002]]?", links) == "Q: [System access request](processes/it-002.md)?"
    assert table_cell("a | [[IT-002|b]]", links) == "a &#124; [b](processes/it-002.md)"
    # Without a link writer (a text no page shows) nothing changes.
    assert markdown("[[IT-002]]") == "[[IT-002]]"


def test_a_draft_is_named_without_a_link_until_it_is_published(tmp_path):
    root = copy_handbook(tmp_path)
    edit(root, ARCHIVE, "status: effective", "status: draft")
    assert markdown("[[FAC-003]]", _context(root).links("index.md")) == "Records archiving"
    preview = _context(root, publish_drafts=True)
    assert markdown("[[FAC-003]]", preview.links("index.md")) == "[Records archiving](processes/fac-003.md)"


def test_a_removed_step_leads_to_its_successor_and_keeps_its_anchor(tmp_path):
    root = copy_handbook(tmp_path)
    edit(root, ACCESS, "steps:\n", "removed_steps: {manager-approval: approve, old-check: }\nsteps:\n")
    ctx = _context(root)
    assert markdown("[[IT-002#manager-approval]]", ctx.links("index.md")) == (
        "[System access request › Approve the access](processes/it-002.md#step-approve)")
    page = render_pages(ctx)["processes/it-002.md"]
    steps = page.index("## Steps")
    assert page.index('<div id="step-old-check" class="pm-former-step"></div>') > steps
    assert page.index('<div id="step-manager-approval" class="pm-former-step"></div>') < page.index("{ #step-approve }")


def test_a_retired_page_names_its_successor(tmp_path):
    root = copy_handbook(tmp_path)
    edit(root, ARCHIVE, "status: effective", "status: retired\nreplaced_by: IT-002")
    page = render_pages(_context(root))["processes/fac-003.md"]
    assert "    It is replaced by [IT-002 System access request](it-002.md)." in page


def test_links_follow_a_process_that_moves_to_another_area(tmp_path):
    root = copy_handbook(tmp_path)
    before = markdown("[[FAC-003#store]]", _context(root).links("index.md"))
    (root / "it" / "records-archiving.yml").write_bytes((root / ARCHIVE).read_bytes())
    (root / ARCHIVE).unlink()
    edit(root, "it/records-archiving.yml", "area: facilities", "area: it")
    assert main(["validate", str(root), "--no-cache"]) == 0
    assert markdown("[[FAC-003#store]]", _context(root).links("index.md")) == before
    assert before == "[Records archiving › Store the box in the archive](processes/fac-003.md#step-store)"


def test_names_are_those_of_the_page_language(tmp_path):
    root = copy_handbook(tmp_path)
    (root / "_handbook.yml").write_text("languages: [en, zh]\n", encoding="utf-8")
    (root / "purchasing" / "purchase-request.zh.yml").write_text(
        "title: 采购申请\nsteps:\n  submit: {name: 提交采购申请, details: '先看 [[term:Purchase request]]。'}\n",
        encoding="utf-8")
    (root / "_roles.zh.yml").write_text("roles:\n  buyer: {name: 采购员}\n", encoding="utf-8")
    (root / "_glossary.zh.yml").write_text("terms:\n  - {term: 采购申请单}\n", encoding="utf-8")
    source = load_handbook(root, shown_base=root)
    chinese = RenderContext(localize(source, "zh"), Labels("zh"), dt.date.fromisoformat(TODAY))
    links = chinese.links("index.md")
    assert markdown("[[PUR-001#submit]] [[role:buyer]] [[term:Purchase request]] [[term:采购申请单]]", links) == (
        "[采购申请 › 提交采购申请](processes/pur-001.md#step-submit) [采购员](roles/buyer.md) "
        "[采购申请单](glossary.md#term-purchase-request) [采购申请单](glossary.md#term-purchase-request)")
    page = render_pages(chinese)["processes/pur-001.md"]
    assert "先看 [采购申请单](../glossary.md#term-purchase-request)。" in page


def test_hand_written_pages_get_links_and_keep_their_code(tmp_path):
    ctx = _context(copy_handbook(tmp_path))
    page = "# Guide\n\nStart at [[PUR-001#submit|the request]].\n\n```\n[[PUR-001]]\n```\n"
    assert rewrite_page(page, ctx.links("guide/start.md")) == (
        "# Guide\n\nStart at [the request](../processes/pur-001.md#step-submit).\n\n```\n[[PUR-001]]\n```\n")


def test_every_target_lists_who_refers_to_it(tmp_path):
    root = copy_handbook(tmp_path)
    edit(root, PURCHASE, DETAILS, "    details: Ask [[role:records-clerk]]; use [[form:archive-register]].\n")
    edit(root, ACCESS, "scope: Every business application and shared drive.",
         "scope: Archive as in [[FAC-003#store]] ([[kpi:PUR-001#cycle-time]], [[term:Records clerk]]).")
    guide = _page("guide.md", "# Guide\n\nRead [[FAC-003]] and [[role:records-clerk]].\n")
    pages = render_pages(_context(root, pages=[guide]))
    archive = pages["processes/fac-003.md"]
    section = archive[archive.index("## Referred to by { #referred-by }"):archive.index("## Change log")]
    assert section.splitlines()[2:6] == [
        "Pages and texts that name this process, its steps or its KPIs — what a change here may touch.",
        "",
        "- [Guide](../guide.md)",
        "- [IT-002 System access request](it-002.md) → [Store the box in the archive](#step-store)",
    ]
    assert "- **Referred to by:** [IT-002 System access request](it-002.md)" in archive  # at the step itself
    role = pages["roles/records-clerk.md"]
    assert role.endswith("## Referred to by { #referred-by }\n\nPages and texts that name this role.\n\n"
                         "- [Guide](../guide.md)\n"
                         "- [PUR-001 Purchase request › Submit the purchase request](../processes/pur-001.md#step-submit)\n")
    forms = pages["forms.md"]
    register = forms[forms.index("{ #form-archive-register }"):]
    assert "**Referred to by**\n\n- [PUR-001 Purchase request › Submit the purchase request]" \
           "(processes/pur-001.md#step-submit)" in register
    kpis = pages["kpis.md"]
    assert "**Request-to-order time**{ #kpi-pur-001-cycle-time }" in kpis
    assert kpis.endswith("- [Request-to-order time](#kpi-pur-001-cycle-time) (PUR-001): "
                         "[IT-002 System access request](processes/it-002.md)\n")
    glossary = pages["glossary.md"]
    assert "**Records clerk** { #term-records-clerk }" in glossary
    assert "    *Referred to by:* [IT-002 System access request](processes/it-002.md)" in glossary


def test_a_process_naming_itself_is_not_its_own_referrer(tmp_path):
    root = copy_handbook(tmp_path)
    edit(root, PURCHASE, DETAILS, "    details: Then [[#manager-review]] of [[PUR-001]].\n")
    assert "## Referred to by" not in render_pages(_context(root))["processes/pur-001.md"]


def test_render_out_writes_links_into_hand_written_pages(tmp_path):
    copy_handbook(tmp_path)
    config = write_site_config(tmp_path)
    (tmp_path / "docs" / "index.md").write_text("# Welcome\n\nStart with [[PUR-001#submit]].\n", encoding="utf-8")
    assert main(["render", "--config", str(config), "--out", str(tmp_path / "out")]) == 0
    text = (tmp_path / "out" / "docs" / "index.md").read_text(encoding="utf-8")
    assert "Start with [Purchase request › Submit the purchase request](processes/pur-001.md#step-submit)." in text
