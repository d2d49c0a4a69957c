"""`process-manual render`: the handbook as plain files and a plugin-free mkdocs.yml (README, "Engines").

The rendered folder must hold everything the plugin generates, build with an engine that runs no
plugin of ours (here MkDocs itself; Zensical in tests/browser/test_engines.py), and give the same
process pages as the plugin's own build. A broken handbook renders nothing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from fixtures.util import PURCHASE, copy_handbook, edit
from offline import offline_prefix
from process_manual.cli import main
from process_manual.mkdocs_plugin.config import ProcessManualConfig, plugin_options
from process_manual.build.options import PluginOptions
from process_manual.build.plain_files import Tagged, read_site_config
from sitebuild import MERMAID_BUNDLE, write_site_config

ROOT = Path(__file__).resolve().parents[1]
HANDBOOKS = {"en": ROOT / "tests/fixtures/english/mkdocs.yml", "zh": ROOT / "mkdocs.yml"}
HAND_WRITTEN = ("index.md", "how-to-edit.md", "process-owners.md")
HANDBOOK_PAGES = ("landscape.md", "roles/index.md", "forms.md", "kpis.md", "glossary.md", "whats-new.md",
                  "review-status.md", "onboarding/index.md")


def process_ids(config: Path) -> list[str]:
    ids = []
    for path in sorted((config.parent / "processes").rglob("*.yml")):
        if not path.name.startswith("_") and len(path.name.split(".")) == 2:  # not a translation (x.en.yml)
            ids.append(str(yaml.safe_load(path.read_text(encoding="utf-8"))["id"]))
    return ids


def nav_pages(nav: list) -> list[str]:
    found: list[str] = []
    for entry in nav:
        if isinstance(entry, str):
            found.append(entry)
        elif isinstance(entry, dict):
            for value in entry.values():
                found.extend(nav_pages(value) if isinstance(value, list) else [value])
    return found


def render(config: Path, out: Path) -> None:
    assert main(["render", "--config", str(config), "--out", str(out)]) == 0


@pytest.mark.parametrize("name", sorted(HANDBOOKS))
def test_render_writes_every_page_and_file_the_plugin_generates(name: str, tmp_path: Path) -> None:
    config = HANDBOOKS[name]
    render(config, tmp_path)
    docs = tmp_path / "docs"
    ids = process_ids(config)
    expected = [*HAND_WRITTEN, *HANDBOOK_PAGES]
    expected += [f"processes/{pid.lower()}.md" for pid in ids] + [f"processes/{pid.lower()}/history.md" for pid in ids]
    missing = [page for page in expected if not (docs / page).is_file()]
    assert not missing, f"render wrote no {missing}"
    assert (docs / "feed.xml").read_text(encoding="utf-8").startswith("<?xml")
    assert '"$schema"' in (docs / "schema" / "process.schema.json").read_text(encoding="utf-8")
    assert (docs / "assets/javascripts/mermaid.min.js").read_bytes() == MERMAID_BUNDLE.read_bytes()
    for asset in ("javascripts/process-manual.js", "javascripts/process-manual-lanes.js",
                  "javascripts/process-manual-flowchart.js", "stylesheets/process-manual.css",
                  "stylesheets/process-manual-flowchart.css"):
        assert (docs / "assets" / asset).stat().st_size > 0, asset
    # The process page carries its flowchart for our script; a hand-written page on a reading path its block.
    assert "data-pm-mermaid=" in (docs / f"processes/{ids[0].lower()}.md").read_text(encoding="utf-8")
    assert "pm-reading-path" in (docs / "how-to-edit.md").read_text(encoding="utf-8")

    site = read_site_config(tmp_path / "mkdocs.yml")
    plugins = [next(iter(p)) if isinstance(p, dict) else p for p in site["plugins"]]
    assert "process-manual" not in plugins and "mermaid2" not in plugins
    assert (site["docs_dir"], site["site_dir"]) == ("docs", "site")
    listed = nav_pages(site["nav"])
    assert all(f"processes/{pid.lower()}.md" in listed for pid in ids), "a process is missing from the navigation"
    assert "content.action.edit" not in site["theme"]["features"]
    assert site["extra_javascript"][0] == "assets/javascripts/mermaid.min.js"
    fences = next(e for e in site["markdown_extensions"] if isinstance(e, dict) and "pymdownx.superfences" in e)
    fence = fences["pymdownx.superfences"]["custom_fences"][0]
    assert fence["format"] == Tagged("tag:yaml.org,2002:python/name:pymdownx.superfences.fence_code_format", "")
    if name == "en":  # the published address stays the engine's to read from the environment
        assert site["site_url"] == Tagged("!ENV", ["HANDBOOK_SITE_URL", "https://handbook.example.com/"])


def _article(html: Path) -> str:
    """A page's content as the reader sees it, less the theme's edit button (render leaves it out)."""
    article = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one("article")
    assert article is not None, html
    for button in article.select("a.md-content__button"):
        button.decompose()
    return re.sub(r">\s+<", "><", str(article))


def test_rendered_handbook_builds_without_the_plugin_and_matches_its_build(tmp_path: Path) -> None:
    """MkDocs with no plugin of ours, offline, strict: the process pages are the plugin's, byte for byte."""
    offline = offline_prefix()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    render(HANDBOOKS["en"], tmp_path / "out")
    for config, site in ((HANDBOOKS["en"], tmp_path / "plugin-site"), (tmp_path / "out" / "mkdocs.yml", None)):
        command = [*offline, sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
        result = subprocess.run(command + (["-d", str(site)] if site else []), cwd=config.parent, env=env,
                                capture_output=True, text=True, timeout=600, check=False)
        assert result.returncode == 0, f"{config}:\n{result.stdout}\n{result.stderr}"
    rendered = tmp_path / "out" / "site"
    for pid in process_ids(HANDBOOKS["en"]):
        page = f"processes/{pid.lower()}/index.html"
        assert _article(rendered / page) == _article(tmp_path / "plugin-site" / page), f"{page} differs"
    assert (rendered / "feed.xml").read_bytes() == (tmp_path / "plugin-site" / "feed.xml").read_bytes()


def test_plugin_options_have_the_defaults_of_the_mkdocs_plugin() -> None:
    """Declared once (build/options.py): MkDocs' config class is made from it, with the same defaults."""
    mkdocs_options = ProcessManualConfig()
    mkdocs_options.load_dict({})
    assert mkdocs_options.validate() == ([], [])
    assert {f.name for f in fields(PluginOptions)} == set(dict(mkdocs_options))
    assert plugin_options(mkdocs_options) == PluginOptions()


def test_plugin_options_from_mkdocs_yml_refuse_unknown_options_and_wrong_types() -> None:
    assert PluginOptions.from_mapping({"vague_owners": ["x"], "language": None}).vague_owners == ("x",)
    with pytest.raises(ValueError, match="unknown option.*procesess"):
        PluginOptions.from_mapping({"procesess": "processes"})
    with pytest.raises(ValueError, match="`bpmn`.*expected bool"):
        PluginOptions.from_mapping({"bpmn": "yes"})
    with pytest.raises(ValueError, match="`vague_owners`.*list of texts"):
        PluginOptions.from_mapping({"vague_owners": "somebody"})


def test_a_broken_handbook_renders_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_site_config(tmp_path)
    root = copy_handbook(tmp_path)
    edit(root, PURCHASE, "status: effective\nowner: purchasing-manager", "status: effective\nowner: nobody-at-all")
    out = tmp_path / "out"
    assert main(["render", "--config", str(config), "--out", str(out)]) == 1
    message = capsys.readouterr().err
    assert "purchase-request.yml:6:" in message and "nobody-at-all" in message, message
    assert not out.exists(), "a broken handbook wrote files"


def test_render_refuses_to_overwrite_the_sources(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_site_config(tmp_path)
    copy_handbook(tmp_path)
    before = (tmp_path / "docs" / "index.md").read_text(encoding="utf-8")
    for out in (tmp_path, tmp_path / "docs" / "rendered", tmp_path / "handbook" / "rendered"):
        assert main(["render", "--config", str(config), "--out", str(out)]) == 1
        assert "overwrite" in capsys.readouterr().err
    assert (tmp_path / "docs" / "index.md").read_text(encoding="utf-8") == before
    assert not (tmp_path / "docs" / "rendered").exists() and not (tmp_path / "handbook" / "rendered").exists()
    # A folder beside the sources, inside the repository, is where render belongs.
    assert main(["render", "--config", str(config), "--out", str(tmp_path / "build" / "handbook")]) == 0


def test_without_mermaid_render_says_how_to_install_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_site_config(tmp_path)
    copy_handbook(tmp_path)
    config.write_text(config.read_text(encoding="utf-8").replace(str(MERMAID_BUNDLE), "missing/mermaid.min.js"),
                      encoding="utf-8")
    assert main(["render", "--config", str(config), "--out", str(tmp_path / "out")]) == 1
    message = capsys.readouterr().err
    assert "missing/mermaid.min.js" in message and "npm ci" in message, message
    assert not (tmp_path / "out").exists()


def test_a_handbook_in_several_languages_renders_one_site_per_language(tmp_path: Path) -> None:
    out = tmp_path / "out"
    render(ROOT / "mkdocs.yml", out)
    sites = (("", "zh", "site"), ("en/", "en", "../site/en"), ("zh-Hant/", "zh-Hant", "../site/zh-Hant"))
    for folder, language, site_dir in sites:
        config = read_site_config(out / folder / "mkdocs.yml")
        assert (config["theme"]["language"], config["site_dir"]) == (language, site_dir)
        assert [alt["lang"] for alt in config["extra"]["alternate"]] == ["zh", "en", "zh-Hant"]
        docs = out / folder / "docs"
        assert not list(docs.rglob("*.en.md")) and (docs / "processes" / "sal-001.md").is_file()
    english = out / "en" / "docs"
    # The English home page, with its "mark as read" block (it is on a reading path).
    assert (english / "index.md").read_text(encoding="utf-8").startswith(
        (ROOT / "docs" / "index.en.md").read_text(encoding="utf-8"))
    assert "Order intake" in (english / "processes" / "sal-001.md").read_text(encoding="utf-8")
    assert read_site_config(out / "en" / "mkdocs.yml")["site_name"] == "Company Process Handbook"
    converted = (out / "zh-Hant" / "docs" / "how-to-edit.md").read_text(encoding="utf-8")
    assert converted.startswith("# 如何編輯流程\n\n!!! note") and "本頁由簡體中文自動轉換" in converted
