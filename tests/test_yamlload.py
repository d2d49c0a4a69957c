"""The loader: every way a YAML file can be broken is a problem with its position, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.util import ARCHIVE, PURCHASE, inject, write
from process_manual.load import yamlload
from process_manual.core.problems import Problem, Severity
from process_manual.load.yamlload import load_text

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def load(text: str | bytes):
    raw = text.encode() if isinstance(text, str) else text
    return load_text(raw, Path("p.yml"), "p.yml")


def one(text: str | bytes) -> Problem:
    doc, problems = load(text)
    assert len(problems) == 1, [p.text() for p in problems]
    return problems[0]


def test_values_and_keys_keep_their_line_and_column():
    doc, problems = load("id: ADM-1\nsteps:\n  - id: a\n    next: b\n")
    assert problems == []
    assert doc.data == {"id": "ADM-1", "steps": [{"id": "a", "next": "b"}]}
    assert (doc.where(("steps", 0, "next")).line, doc.where(("steps", 0, "next")).column) == (4, 11)
    assert (doc.where_key(("steps", 0, "next")).line, doc.where_key(("steps", 0, "next")).column) == (4, 5)
    # A location that does not exist falls back to its nearest enclosing value.
    assert doc.where(("steps", 0, "nothing")).line == 3


def test_the_c_loader_is_used_when_libyaml_is_present():
    import yaml

    if yaml.__with_libyaml__:
        assert yamlload._Loader is yaml.CSafeLoader


def test_duplicate_key_names_both_lines():
    doc, problems = load("id: A-1\ntitle: x\nid: A-2\n")
    assert problems == [Problem("p.yml", 3, 1, ERROR, "duplicate key 'id' (first at line 1)",
                                "keep one of the two; YAML would silently drop the first")]


def test_duplicate_key_in_a_nested_mapping():
    problem = one("steps:\n  - id: a\n    next: b\n    next: c\n")
    assert (problem.line, problem.column, problem.message) == (4, 5, "duplicate key 'next' (first at line 3)")


@pytest.mark.parametrize("text, line, column", [
    ("a:\n\tb: 1\n", 2, 1),
    ("a:\n  \tb: 1\n", 2, 3),
    ("a: 1\nb:\n  - x\n\t- y\n", 4, 1),
])
def test_tab_used_for_indentation(text, line, column):
    assert one(text) == Problem("p.yml", line, column, ERROR, "a tab character is used for indentation",
                                "indent with spaces only (YAML forbids tabs)")


def test_every_tab_is_reported():
    doc, problems = load("a:\n\tb: 1\nc:\n\td: 2\n")
    assert [p.line for p in problems] == [2, 4]


def test_a_tab_inside_a_value_is_fine():
    doc, problems = load("a: x\ty\n")
    assert problems == [] and doc.data == {"a": "x\ty"}


@pytest.mark.parametrize("text, line, column", [
    ("a:\n  b: 1\n c: 2\n", 3, 2),      # dedented into nowhere
    ("a:\n  - x\n - y\n", 3, 2),        # list item out of line
])
def test_bad_indentation(text, line, column):
    problem = one(text)
    assert (problem.line, problem.column, problem.severity) == (line, column, ERROR)
    assert problem.message.startswith("invalid YAML: ")
    assert problem.fix == "bad indentation: align this line with the other keys or list items at its level"


def test_over_indented_key_is_reported_on_its_line():
    problem = one("a:\n  b: 1\n    c: 2\n")
    assert (problem.line, problem.message) == (3, "invalid YAML: mapping values are not allowed in this context")
    assert problem.fix == "check this line's indentation, or put text containing ': ' in quotes"


def test_unclosed_quote_points_at_the_opening_quote():
    problem = one("a: 'open\nb: 2\nc: 3\n")
    assert (problem.line, problem.column) == (1, 4)
    assert problem.message == "invalid YAML: a quoted text opened here is never closed"
    assert problem.fix == "close the quote that was opened here"


def test_non_utf8_byte_is_reported_at_its_character_column():
    problem = one("id: A-1\ntitle: 'Café ".encode() + b"\xe9t\xe9'\n")
    # "title: 'Café " is 13 characters (14 bytes): the bad byte is character 14.
    assert problem == Problem("p.yml", 2, 14, ERROR, "byte 0xe9 is not valid UTF-8",
                              "save the file with UTF-8 encoding")


def test_gbk_encoded_chinese_is_not_utf8():
    problem = one("title: 文件审批\n".encode("gbk"))
    assert (problem.line, problem.column) == (1, 8)
    assert problem.message.endswith("is not valid UTF-8")


def test_byte_order_mark_is_a_warning_and_the_file_still_loads():
    doc, problems = load(b"\xef\xbb\xbfid: A-1\n")
    assert problems == [Problem("p.yml", 1, 1, WARNING, "the file starts with a byte-order mark (BOM)",
                                "save it as UTF-8 without BOM")]
    assert doc.data == {"id": "A-1"}


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_file(text):
    assert one(text) == Problem("p.yml", 1, 1, ERROR, "the file is empty",
                                "write the process (see `process-manual new`) or delete the file")


@pytest.mark.parametrize("date, reason", [
    ("2025-13-01", "month must be in 1..12"),
    ("2025-02-29", "day is out of range for month"),
])
def test_impossible_date(date, reason):
    problem = one(f"id: A-1\neffective: {date}\n")
    assert problem == Problem("p.yml", 2, 12, ERROR, f"'{date}' is not a real date ({reason})",
                              "write an existing date as YYYY-MM-DD")


def test_a_real_date_is_a_date():
    import datetime as dt

    doc, problems = load("effective: 2024-02-29\n")
    assert problems == [] and doc.data["effective"] == dt.date(2024, 2, 29)
    assert doc.raw[("effective",)] == "2024-02-29"


@pytest.mark.parametrize("tag", [
    "!!python/object:os.system {}",
    "!!python/name:os.system ''",
    "!!python/object/apply:os.system ['echo pwned']",
    "!!python/module:os ''",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!custom value",
])
def test_tags_other_than_plain_data_are_refused(tag):
    problem = one(f"id: A-1\nsteps:\n  - details: {tag}\n")
    shown = tag.split(" ")[0]
    assert problem == Problem("p.yml", 3, 14, ERROR, f"the tag {shown} is not allowed",
                              "remove the tag: process files hold plain text, numbers, dates, lists and mappings")


@pytest.mark.parametrize("text, column, shown", [
    ("steps:\n  - !!python/object:os.system a: b\n", 5, "!!python/object:os.system"),  # on a key
    ("steps:\n  - details: !!map x\n", 14, "!!map"),  # a collection's tag on a single value
    ("steps:\n  - details: !!str [a, b]\n", 14, "!!str"),  # a single value's tag on a list
])
def test_a_tag_that_does_not_fit_where_it_stands_is_refused(text, column, shown):
    assert one(text) == Problem("p.yml", 2, column, ERROR, f"the tag {shown} is not allowed",
                                "remove the tag: process files hold plain text, numbers, dates, lists and mappings")


def test_keys_that_read_the_same_are_duplicates():
    problem = one("1: a\n'1': b\n")
    assert (problem.line, problem.message) == (2, "duplicate key '1' (first at line 1)")


def test_positions_of_a_file_with_aliases_and_duplicates_follow_the_data():
    doc, problems = load("a: &who [x, y]\nb: *who\nb: 3\nc: {d: 1.20}\n")
    assert [p.message for p in problems] == ["duplicate key 'b' (first at line 2)"]
    assert doc.data == {"a": ["x", "y"], "b": ["x", "y"], "c": {"d": 1.2}}
    assert doc.where(("b", 1)) == yamlload.Position(1, 13)  # the aliased value, where it was written
    assert doc.where_key(("b",)) == yamlload.Position(2, 1)  # the key kept, not the duplicate
    assert doc.raw == {("c", "d"): "1.20"}


def test_python_tag_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    doc, problems = load(f"x: !!python/object/apply:os.system ['touch {marker}']\n")
    assert doc is None and problems and not marker.exists()


def test_alias_bomb_is_stopped():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(8):
        prev, name = chr(97 + i), chr(98 + i)
        lines.append(f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]")
    doc, problems = load("\n".join(lines) + "\n")
    assert doc is None and len(problems) == 1
    assert problems[0].message == f"more than {yamlload.MAX_NODES:,} values after expanding aliases"
    assert problems[0].fix == "write the values out instead of nesting aliases (&anchor / *alias)"
    assert problems[0].line == 1  # the anchored values that are copied over and over


def test_a_few_aliases_are_fine():
    doc, problems = load("a: &who [dept-head]\nb: *who\n")
    assert problems == [] and doc.data == {"a": ["dept-head"], "b": ["dept-head"]}


def test_recursive_alias():
    problem = one("x: &r [1, *r]\n")
    assert (problem.line, problem.message) == (1, "an alias refers to the value that contains it")


def test_undefined_alias():
    problem = one("a: 1\nb: *nope\n")
    assert (problem.line, problem.column, problem.message) == (2, 4, "invalid YAML: found undefined alias")


def test_merge_key_is_refused():
    problem = one("base: &b {x: 1}\nother:\n  <<: *b\n")
    assert (problem.line, problem.column, problem.message) == (3, 3, "merge keys ('<<') are not supported")


def test_complex_key_is_refused():
    problem = one("? [a, b]\n: 1\n")
    assert problem.message == "a key must be plain text, not a list or mapping"


def test_two_documents_in_one_file():
    problem = one("id: A-1\n---\nid: A-2\n")
    assert problem.line == 2 and "expected a single document" in problem.message


@pytest.mark.parametrize("text, line", [
    ("a: " + "[" * 100 + "]" * 100 + "\n", 1),
    ("".join("  " * i + f"k{i}:\n" for i in range(80)) + "  " * 80 + "v\n", yamlload.MAX_DEPTH + 2),
])
def test_deep_nesting_is_refused_before_the_parser_recurses(text, line):
    problem = one(text)
    assert problem == Problem("p.yml", line, 1, ERROR, f"nested more than {yamlload.MAX_DEPTH} levels deep",
                              "flatten the structure")


def test_nesting_a_real_process_needs_is_fine():
    doc, problems = load("steps:\n  - branches:\n      - {when: a, next: b}\n")
    assert problems == []


def test_a_file_over_the_size_limit():
    raw = b"details: " + b"x" * (yamlload.MAX_FILE_BYTES + 1) + b"\n"
    assert one(raw) == Problem("p.yml", 1, 1, ERROR, "the file is 2.0 MB, over the limit of 2 MB",
                               "split the process into sub-processes")


def test_keys_read_as_non_text_keep_what_was_typed():
    doc, problems = load("on: 1\n2024-01-01: x\nnull: y\n")
    assert problems == [] and set(doc.data) == {"on", "2024-01-01", "null"}


def test_unreadable_file(tmp_path):
    doc, problems = yamlload.load_file(tmp_path / "missing.yml", "missing.yml")
    assert doc is None and problems[0].message.startswith("cannot read the file")


# Through the whole handbook: the same problems, in the right file, and the other files still checked.

def test_a_list_as_the_whole_process_file(tmp_path):
    outcome = write(tmp_path, ARCHIVE, "- id: FAC-003\n- title: Records archiving\n")
    assert outcome.only() == Problem(ARCHIVE, 1, 1, ERROR, "a process file must be a mapping of keys (id:, title:, "
                                     "steps: ...), not a list", "start the file with `id:`; see `process-manual new`")


def test_a_scalar_as_the_whole_process_file(tmp_path):
    outcome = write(tmp_path, ARCHIVE, "Records archiving\n")
    problem = outcome.only()
    assert (problem.path, problem.line, problem.severity) == (ARCHIVE, 1, ERROR)
    assert problem.message.endswith("not a single value")


def test_a_list_as_a_whole_catalog(tmp_path):
    outcome = write(tmp_path, "_glossary.yml", "- {term: a, definition: b}\n")
    problem = outcome.only()
    assert (problem.path, problem.line) == ("_glossary.yml", 1)
    assert problem.message == "the file: expected a mapping of keys, found a list"
    assert problem.fix == "write `key: value` lines here"


def test_empty_process_file_in_the_handbook(tmp_path):
    outcome = write(tmp_path, "facilities/new-process.yml", "")
    assert outcome.only() == Problem("facilities/new-process.yml", 1, 1, ERROR, "the file is empty",
                                     "write the process (see `process-manual new`) or delete the file")


def test_bom_in_a_process_file_is_only_a_warning(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, b"id: FAC-003", b"\xef\xbb\xbfid: FAC-003"))
    assert outcome.only() == Problem(ARCHIVE, 1, 1, WARNING, "the file starts with a byte-order mark (BOM)",
                                     "save it as UTF-8 without BOM")


def test_impossible_date_in_a_process_file(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "effective: 2026-09-01", "effective: 2025-13-01"))
    assert outcome.only() == Problem(ARCHIVE, outcome.line_of(ARCHIVE, "effective:"), 12, ERROR,
                                     "'2025-13-01' is not a real date (month must be in 1..12)",
                                     "write an existing date as YYYY-MM-DD")


def test_a_broken_file_does_not_make_its_process_unknown_elsewhere(tmp_path):
    # IT-002 runs PUR-001 as a sub-process and PUR-001 relates to IT-002: a YAML error in one
    # file must not turn into "unknown process" errors in the other.
    outcome = inject(tmp_path, (PURCHASE, "title: Purchase request", "title: Purchase request\n\tbad: tab"))
    assert [(p.path, p.message) for p in outcome.problems] == [
        (PURCHASE, "a tab character is used for indentation")]


def test_a_file_that_fails_typing_does_not_make_its_process_unknown_elsewhere(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, 'version: "1.2"\nstatus', "version: 1.2\nstatus"))
    assert [p.path for p in outcome.problems] == [PURCHASE]


def test_catalog_missing(tmp_path):
    from fixtures.util import copy_handbook, run

    root = copy_handbook(tmp_path)
    (root / "_forms.yml").unlink()
    problems = run(root)
    assert problems == [Problem("_forms.yml", 1, 1, ERROR, "the catalog _forms.yml is missing",
                                "create _forms.yml in .")]


def test_a_broken_catalog_is_not_also_reported_missing(tmp_path):
    outcome = inject(tmp_path, ("_forms.yml", b"retention: permanent", b"retention: \xff"))
    assert [(p.path, p.line, p.message) for p in outcome.problems] == [
        ("_forms.yml", outcome.line_of("_forms.yml", "retention: \ufffd"), "byte 0xff is not valid UTF-8")]


# --- never a traceback --------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_YAMLISH = st.text(alphabet=st.sampled_from(list("ab1-:?&*!|>'\"{}[],#% \t\n\u00e9中\ufeff")), max_size=80)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.one_of(_YAMLISH, st.binary(max_size=80)))
def test_any_input_gives_a_document_or_problems_never_an_exception(raw):
    doc, problems = load(raw)
    assert doc is not None or problems
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message and problem.fix


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_damaged_handbook_is_reported_never_an_exception(tmp_path_factory, data):
    """Delete a line or replace a value in a few files of the handbook: load + validate still just report."""
    from fixtures.util import HANDBOOK, copy_handbook, run

    root = copy_handbook(tmp_path_factory.mktemp("damaged"))
    files = sorted(p.relative_to(HANDBOOK).as_posix() for p in HANDBOOK.rglob("*.yml"))
    values = st.sampled_from(["", "[]", "{}", "[x]", "{a: 1}", "0", "-1", ".inf", "yes", "~", "9999-12-31",
                              "相关部门", "end", "decision", "PUR-001", '"1.0.0"', "[submit, store]",
                              "{when: a, next: store}", "99999 years", "[buyer, coo]", "support"])
    for _ in range(data.draw(st.integers(1, 3))):
        path = root / data.draw(st.sampled_from(files))
        lines = path.read_text(encoding="utf-8").splitlines()
        index = data.draw(st.integers(0, len(lines) - 1))
        if data.draw(st.booleans()) or ":" not in lines[index]:
            del lines[index]
        else:
            key = lines[index].index(":")
            lines[index] = lines[index][: key + 1] + " " + data.draw(values)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for problem in run(root):
        assert problem.line >= 1 and problem.message
