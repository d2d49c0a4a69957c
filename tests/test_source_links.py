"""From a process page back to its source: "Edit this process" (the YAML file in the repository) and
"Suggest a change" (a new issue with the process id and version); plus the schema the site publishes."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from fixtures.util import PURCHASE, copy_handbook, edit
from process_manual.render.source_links import edit_template, issue_template
from process_manual.load.repository import repository_root
from sitebuild import MERMAID_BUNDLE, mkdocs_build, write_site_config

ROOT = Path(__file__).resolve().parents[1]
REPO = "https://git.example.com/quality/process-manual"


def test_edit_template_strips_the_docs_folder_from_edit_uri():
    assert edit_template(REPO, "edit/main/docs/", ROOT / "docs", ROOT) == REPO + "/edit/main/{path}"
    assert edit_template(REPO + "/", "/-/edit/dev/docs", ROOT / "docs", ROOT) == REPO + "/-/edit/dev/{path}"
    assert edit_template(REPO, REPO + "/edit/main/docs/", ROOT / "docs", ROOT) == REPO + "/edit/main/{path}"
    assert edit_template(REPO, "?path=/docs/", ROOT / "docs", ROOT) == REPO + "/?path=/{path}"


def test_edit_template_of_a_handbook_below_the_repository_root():
    """examples/zh-hant/mkdocs.yml: the repository root is above the folder of mkdocs.yml."""
    hant = ROOT / "examples" / "zh-hant"
    root = repository_root(hant)
    assert root == ROOT
    assert edit_template(REPO, "edit/main/examples/zh-hant/docs/", hant / "docs", root) == REPO + "/edit/main/{path}"


@pytest.mark.parametrize("repo_url, edit_uri", [(None, "edit/main/docs/"), (REPO, None), (REPO, ""),
                                                (REPO, "edit/main/documentation/")])
def test_no_edit_template_when_the_pattern_is_unknown(repo_url, edit_uri):
    assert edit_template(repo_url, edit_uri, ROOT / "tests/fixtures/english/docs", ROOT) is None


def test_issue_template():
    assert issue_template(REPO + "/") == REPO + "/issues/new?title={title}&body={body}"
    assert issue_template(None) is None
    assert issue_template("https://gitlab.example.com/q/pm") == (
        "https://gitlab.example.com/q/pm/-/issues/new?issue[title]={title}&issue[description]={body}")


# --- in a real build ------------------------------------------------------------------------------

needs_mermaid = pytest.mark.skipif(not MERMAID_BUNDLE.is_file(), reason="run `npm ci` first (make test does)")


def with_repository(config: Path, extra: str = "") -> None:
    text = config.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n"
                                                      "  features: [content.action.edit]\n")
    config.write_text(f"repo_url: {REPO}\nedit_uri: edit/main/docs/\n" + text, encoding="utf-8")
    if extra:
        config.write_text(config.read_text(encoding="utf-8").replace(
            "      mermaid_bundle:", f"      {extra}\n      mermaid_bundle:"), encoding="utf-8")


def links(html: str) -> dict[str, str]:
    """class -> href of the links with our classes, and Material's edit button as 'edit-button'."""
    soup = BeautifulSoup(html, "html.parser")
    found = {css: a["href"] for css in ("pm-edit", "pm-suggest") for a in soup.select(f"a.{css}")}
    found.update({"edit-button": a["href"] for a in soup.select("a.md-content__button[rel~=edit]")})
    return found


@needs_mermaid
def test_process_pages_link_to_their_yaml_file_and_to_a_prefilled_issue(tmp_path):
    copy_handbook(tmp_path)
    edit(tmp_path / "handbook", PURCHASE, "\ntitle: ", "\ntitle: <b>Bold</b> & (paren) ")
    config = write_site_config(tmp_path)
    with_repository(config)
    result = mkdocs_build(tmp_path, "--strict")
    assert result.returncode == 0, result.stderr
    page = links((tmp_path / "site/processes/pur-001/index.html").read_text(encoding="utf-8"))
    assert page["pm-edit"] == f"{REPO}/edit/main/handbook/{PURCHASE}"
    assert page["edit-button"] == page["pm-edit"]  # Material's own button opens the YAML file too
    issue = urlsplit(page["pm-suggest"])
    assert f"{issue.scheme}://{issue.netloc}{issue.path}" == f"{REPO}/issues/new"
    query = parse_qs(issue.query)
    assert query["title"] == ["Change to PUR-001 <b>Bold</b> & (paren) Purchase request"]
    body = query["body"][0]
    assert "Process: PUR-001 <b>Bold</b>" in body and "Version: " in body and f"File: handbook/{PURCHASE}" in body
    assert "<b>" not in page["pm-suggest"] and " " not in page["pm-suggest"]
    # Hand-written pages keep MkDocs' own edit link to docs/.
    home = links((tmp_path / "site/index.html").read_text(encoding="utf-8"))
    assert home == {"edit-button": f"{REPO}/edit/main/docs/index.md"}


@needs_mermaid
def test_link_patterns_can_be_configured_or_turned_off(tmp_path):
    copy_handbook(tmp_path)
    config = write_site_config(tmp_path, language="zh", options=(
        'edit_url: "https://code.example.net/p/-/blob/trunk/{path}?edit=1"\nissue_url: ""'))
    with_repository(config)
    assert mkdocs_build(tmp_path, "--strict").returncode == 0
    html = (tmp_path / "site/processes/pur-001/index.html").read_text(encoding="utf-8")
    page = links(html)
    assert page["pm-edit"] == f"https://code.example.net/p/-/blob/trunk/handbook/{PURCHASE}?edit=1"
    assert "pm-suggest" not in page
    assert "编辑此流程" in html and "提出修改建议" not in html


@needs_mermaid
def test_without_repo_url_there_are_no_source_links_and_the_schema_is_published(tmp_path):
    copy_handbook(tmp_path)
    write_site_config(tmp_path)
    assert mkdocs_build(tmp_path, "--strict").returncode == 0
    html = (tmp_path / "site/processes/pur-001/index.html").read_text(encoding="utf-8")
    assert "pm-edit" not in html and "pm-suggest" not in html
    schema = json.loads((tmp_path / "site/schema/process.schema.json").read_text(encoding="utf-8"))
    assert "purchasing-manager" in schema["properties"]["owner"]["enum"]
    assert "PUR-001" in schema["properties"]["related"]["items"]["examples"]
