"""Which language `process-manual pdf --language` prints, and its refusals (no browser needed: they come
before anything is built or printed). The printing itself: tests/browser/test_pdf_languages.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from process_manual.formats.pdf import PdfError, choose_language, published_address
from process_manual.load.handbook import load_handbook

ROOT = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).parent / "process-manual"


def run_pdf(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([str(CLI), "pdf", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_a_handbook_in_several_languages_prints_its_source_language_unless_asked() -> None:
    handbook = load_handbook(ROOT / "processes")
    assert handbook.languages == ["zh", "en", "zh-Hant"]
    assert choose_language(handbook, None, site_language="zh") == "zh"
    assert choose_language(handbook, "EN", site_language="zh") == "en"
    assert choose_language(handbook, "zh-hant", site_language="zh") == "zh-Hant"
    with pytest.raises(PdfError, match=r"no language 'fr' — its languages .* are zh, en, zh-Hant"):
        choose_language(handbook, "fr", site_language="zh")


def test_an_unknown_language_is_refused_with_the_handbooks_languages(tmp_path: Path) -> None:
    output = tmp_path / "handbook.pdf"
    result = run_pdf("--language", "de", "--output", str(output))
    assert result.returncode == 1
    assert result.stderr == (
        "process-manual pdf: error: the handbook has no language 'de' — its languages (languages: in "
        "_handbook.yml) are zh, en, zh-Hant\n"
    )
    assert not output.exists()
    # A handbook of one language prints with any catalog's words instead (tests/browser/test_pdf.py, German).


def test_links_to_the_site_lead_to_its_published_address() -> None:
    rewrite = published_address("http://127.0.0.1:40123/", "https://handbook.example.com/manual/")
    assert rewrite("http://127.0.0.1:40123/en/roles/dept-head/") == "https://handbook.example.com/manual/en/roles/dept-head/"
    assert rewrite("https://www.iso.org/standard/62085.html") == "https://www.iso.org/standard/62085.html"
    assert published_address("http://127.0.0.1:40123/", None)("http://127.0.0.1:40123/forms/") is None


def test_only_printing_loads_pypdf_and_playwright() -> None:
    code = "import sys, process_manual.cli.commands; print(sorted({'pypdf', 'playwright'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n", "every other command would start slower"


def test_a_tag_that_finds_the_same_catalog_names_the_same_language() -> None:
    handbook = load_handbook(ROOT / "processes")  # languages: [zh, en, zh-Hant]
    assert choose_language(handbook, "zh-TW", site_language="zh") == "zh-Hant"
    assert choose_language(handbook, "en-GB", site_language="zh") == "en"
    assert choose_language(handbook, "zh-CN", site_language="zh") == "zh"
    with pytest.raises(PdfError, match=r"no language 'de'"):
        choose_language(handbook, "de", site_language="zh")
