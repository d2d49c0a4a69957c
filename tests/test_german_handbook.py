"""Adding a language is one catalog file: a German handbook (`theme.language: de`) builds strict, in German.

German is core/catalogs/de.yml and nothing else (tests/test_interface_text.py checks that no module names
it); the handbook in tests/fixtures/handbook-de writes its time limits in German ("3 Arbeitstage", "bis
zum Monatsende"), which validate clean because the catalog also lists the words the checks look for.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from fixtures.util import TODAY
from process_manual.check.validate import Settings, validate
from process_manual.load.handbook import load_handbook
from sitebuild import MERMAID_BUNDLE, mkdocs_build, write_site_config

GERMAN = Path(__file__).parent / "fixtures" / "handbook-de"
pytestmark = pytest.mark.skipif(not MERMAID_BUNDLE.is_file(), reason="run `npm ci` first (make test does)")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("german")
    shutil.copytree(GERMAN, root / "handbook")
    write_site_config(root, language="de")
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    assert "catalog" not in result.stderr  # no warning about the language
    return root / "site"


def text_of(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", html, flags=re.S))


def test_the_process_page_speaks_german(site: Path) -> None:
    page = site / "processes" / "hr-001" / "index.html"
    html = page.read_text(encoding="utf-8")
    text = text_of(page)
    assert '<html lang="de"' in html
    for label in ("Prozessverantwortliche Rolle", "Nächste Überprüfung", "Zweck", "Geltungsbereich", "Auslöser",
                  "Ablaufdiagramm", "Schritte", "Durchführung (R)", "Verantwortung (A)", "Frist", "Weiter mit",
                  "Kennzahlen", "Stretch-Ziel", "Risiken und Kontrollen", "Häufige Fragen", "Änderungshistorie",
                  "Freigegeben von", "Als BPMN 2.0 herunterladen"):
        assert label in text, label
    assert "in Kraft" in text  # the status name
    assert "Responsibility" not in text and "Change log" not in text and "Purpose" not in text


def test_the_responsibility_matrix_is_german(site: Path) -> None:
    html = (site / "processes" / "hr-001" / "index.html").read_text(encoding="utf-8")
    matrix = html.split('class="pm-raci"', 1)[1].split("</div>", 1)[0]
    assert "Verantwortungsmatrix (RACI)" in html
    assert "R = Durchführung, A = Verantwortung, C = Mitwirkung, I = Information." in html
    assert ">Schritt<" in matrix and ">Personalleitung<" in matrix


def test_the_rules_page_is_german(site: Path) -> None:
    text = text_of(site / "checks" / "index.html")
    assert "Prüfungen und Regeln" in text and "Grundsatz" in text and "immer ein Fehler" in text
    assert "Eine Rollen-ID, die nicht in _roles.yml steht." in text
    assert "Checks and rules" not in text


def test_the_handbook_pages_and_the_flowchart_are_german(site: Path) -> None:
    assert "Prozesslandkarte" in text_of(site / "landscape" / "index.html")
    assert "Kennzahlenverzeichnis" in text_of(site / "kpis" / "index.html")
    assert "Formulare und Nachweise" in text_of(site / "forms" / "index.html")
    html = (site / "processes" / "hr-001" / "index.html").read_text(encoding="utf-8")
    assert "Ablaufdiagramm überspringen" in html and "Ablaufdiagramm von HR-001 Urlaub beantragen" in html
    assert "&quot;full_screen&quot;: &quot;Im Vollbild öffnen&quot;" in html
    bpmn = (site / "bpmn" / "HR-001.bpmn").read_text(encoding="utf-8")
    assert re.search(r'<bpmn:startEvent id="HR-001\.start" name="Start"', bpmn)


def test_german_time_limits_are_definite_and_german_vague_words_are_named() -> None:
    handbook = load_handbook(GERMAN)
    assert validate(handbook, Settings(today=dt.date.fromisoformat(TODAY))) == []


def test_a_vague_german_time_limit_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    shutil.copytree(GERMAN, root)
    path = root / "personal" / "urlaubsantrag.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("within: 3 Arbeitstage", "within: zeitnah"),
                    encoding="utf-8")
    problems = validate(load_handbook(root), Settings(today=dt.date.fromisoformat(TODAY), language="de"))
    assert [(p.rule, p.message) for p in problems] == [
        ("vague-time-limit", "the time limit 'zeitnah' is vague: 'zeitnah' sets no definite time")]
    assert "'3 Arbeitstage'" in problems[0].fix and "'vor der Sitzung'" in problems[0].fix
