"""Wording: names use the glossary's standard terms, not the synonyms it lists to avoid; steps do not hand work
to vague owners in words ("交相关部门会签").

A word in quotes is a mention, not a use: `no "relevant departments"` explains the rule and is not flagged.
Latin words match as whole words, case-insensitive; Chinese, which has no spaces between words, as text.
Sources (reference/rule-inventory.md): the method's 规范 (a standard name dictionary) and 明确责任主体.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from process_manual.core.model import Term
from process_manual.core.problems import Problem
from process_manual.load.handbook import Handbook
from process_manual.load.yamlload import Document, Loc

_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|「[^」]*」|『[^』]*』|\"[^\"\n]*\"")
"""Quotation marks around a word: Chinese, Japanese-style corner brackets and straight double quotes
(a straight single quote is an apostrophe too often to mean a quotation)."""


@functools.lru_cache(maxsize=4096)
def _pattern(word: str) -> re.Pattern[str]:
    if any("\u3400" <= ch <= "\u9fff" for ch in word):
        return re.compile(re.escape(word), re.IGNORECASE)
    flexible = r"[\s_-]+".join(re.escape(part) for part in re.split(r"[\s_-]+", word.strip()))
    return re.compile(rf"(?<![\w-]){flexible}(?![\w-])", re.IGNORECASE)


def _unquoted(text: str) -> str:
    """The text with quoted passages blanked out (same length: positions stay valid)."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def find_word(text: str, words: Iterable[str], protected: Iterable[str] = ()) -> tuple[str, int] | None:
    """The first of `words` used (not quoted) in `text`, and where; not inside an occurrence of a
    `protected` word (a standard term that contains the synonym)."""
    plain = _unquoted(text)
    shielded = [m.span() for word in protected if word for m in _pattern(word).finditer(plain)]
    for word in words:
        for match in _pattern(word).finditer(plain) if word.strip() else ():
            if not any(start <= match.start() and match.end() <= end for start, end in shielded):
                return word, match.start()
    return None


def text_problem(doc: Document, loc: Loc, text: str, offset: int, message: str, fix: str, *, rule: str) -> Problem:
    """The problem at the line and column of `text[offset:]` in the file, found from where the value starts
    (a block of Markdown spans many lines); the value's position when the text cannot be found as written."""
    start = doc.where(loc)
    line_text = text[offset:].split("\n", 1)[0][:20]
    lines = doc.text.splitlines()
    for number in range(start.line, len(lines) + 1):
        column = lines[number - 1].find(line_text, start.column - 1 if number == start.line else 0)
        if line_text and column >= 0:
            problem = doc.problem(loc, message, fix, rule=rule)
            return Problem(problem.path, number, column + 1, problem.severity, message, fix, rule)
    return doc.problem(loc, message, fix, rule=rule)


def check_wording(handbook: Handbook, vague_owners: tuple[str, ...]) -> Iterator[Problem]:
    synonyms = _synonyms(handbook.terms)
    standard = [t.term for t in handbook.terms]
    for doc, loc, name in _names(handbook):
        found = find_word(name, synonyms, standard)
        if found:
            word, at = found
            yield text_problem(
                doc,
                loc,
                name,
                at,
                f"'{word}' is a non-standard name: the glossary says '{synonyms[word]}'",
                f"write '{synonyms[word]}' (the standard term), or quote the word if the text only mentions it",
                rule="non-standard-term",
            )
    for source in handbook.processes:
        for i, step in enumerate(source.process.steps):
            for key in ("name", "details"):
                text = getattr(step, key)
                found = find_word(text, vague_owners) if text else None
                if found:
                    word, at = found
                    yield text_problem(
                        source.doc,
                        ("steps", i, key),
                        text,
                        at,
                        f"step '{step.id}' hands work to '{word}', which is no definite owner",
                        "name the role that does it (and list it under `responsible`, `consulted` or `informed`)",
                        rule="vague-wording",
                    )


def _synonyms(terms: list[Term]) -> dict[str, str]:
    """Each name to avoid -> the standard term to write instead (longest first: "process owner" before "owner")."""
    found: dict[str, str] = {}
    for term in terms:
        for synonym in term.synonyms:
            found.setdefault(synonym, term.term)
    return dict(sorted(found.items(), key=lambda item: -len(item[0])))


def _names(handbook: Handbook) -> Iterator[tuple[Document, Loc, str]]:
    """Every name a reader sees as a heading, a lane or an entry: process titles, step and KPI names, the names
    of roles, forms and areas."""
    for source in handbook.processes:
        process = source.process
        yield source.doc, ("title",), process.title
        for i, step in enumerate(process.steps):
            if step.name:
                yield source.doc, ("steps", i, "name"), step.name
        for i, kpi in enumerate(process.kpis):
            yield source.doc, ("kpis", i, "name"), kpi.name
    for catalog, key in (("_roles.yml", "roles"), ("_forms.yml", "forms")):
        doc = handbook.catalog_docs.get(catalog)
        items = doc.data.get(key) if doc is not None and isinstance(doc.data, dict) else None
        for i, item in enumerate(items if isinstance(items, list) else []):
            if doc is not None and isinstance(item, dict) and isinstance(item.get("name"), str):
                yield doc, (key, i, "name"), item["name"]
    doc = handbook.catalog_docs.get("_areas.yml")
    if doc is not None:
        for loc, name in _area_names(doc.data.get("areas") if isinstance(doc.data, dict) else None, ("areas",)):
            yield doc, loc, name


def _area_names(items: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    for i, area in enumerate(items if isinstance(items, list) else []):
        if isinstance(area, dict):
            if isinstance(area.get("name"), str):
                yield (*loc, i, "name"), area["name"]
            yield from _area_names(area.get("children"), (*loc, i, "children"))
