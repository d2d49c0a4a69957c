"""The CJK line-break rule (cjk.py), in plain text, in YAML's folded values and in Markdown (render/cjk_breaks.py).

Golden: each case is the text an author writes and exactly what the reader gets.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from process_manual.core.cjk import break_vanishes, join_lines
from process_manual.build.cjk_breaks import EXTENSION_NAME
from process_manual.render.text import plain, table_cell
from process_manual.load.yamlload import load_text

RULE = [
    # (before, after, the line break vanishes)
    ("时", "使", True),           # two Han characters
    ("，", "使", True),           # after CJK punctuation
    ("。", "I", True),            # after CJK punctuation, before Latin
    ("O", "（", True),            # before CJK punctuation
    ("後", "流", True),           # traditional characters
    ("す", "る", True),           # kana
    ("后", "“", True),            # shared punctuation next to Han takes Han's side
    ("”", "后", True),
    ("在", "3", False),           # Han next to a digit: one space
    ("用", "I", False),           # Han next to a Latin letter: one space
    ("O", "标", False),
    ("d", "a", False),            # Latin words
    ("”", "a", False),            # shared punctuation between Latin stays English
    ("다", "어", False),          # Hangul: Korean separates words with spaces
]


@pytest.mark.parametrize(("before", "after", "vanishes"), RULE, ids=[f"{b}{a}" for b, a, _ in RULE])
def test_the_rule(before: str, after: str, vanishes: bool) -> None:
    assert break_vanishes(before, after) is vanishes


PLAIN = [
    ("办理时限，\n使文件审批", "办理时限，使文件审批"),
    ("的文件。\n  小额日常费用", "的文件。小额日常费用"),
    ("在\n3个工作日内", "在 3个工作日内"),
    ("使用\nISO 9001", "使用 ISO 9001"),
    ("two\nwords", "two words"),
    ("費用\n報銷", "費用報銷"),
    ("no break", "no break"),
]


@pytest.mark.parametrize(("text", "expected"), PLAIN)
def test_plain_text(text: str, expected: str) -> None:
    assert join_lines(text) == expected


def test_one_line_contexts_of_the_renderer() -> None:
    assert plain("部门负责人\n初审") == "部门负责人初审"
    assert table_cell("审批通过\n的文件 | 归档") == "审批通过的文件 &#124; 归档"
    assert plain("Department\nhead") == "Department head"


MARKDOWN = [
    ("办理时限，\n使文件审批有据可查。\n小额日常费用\n按授权规定执行。",
     "<p>办理时限，使文件审批有据可查。小额日常费用按授权规定执行。</p>"),
    ("在\n3个工作日内，使用\nISO 9001 标准。", "<p>在\n3个工作日内，使用\nISO 9001 标准。</p>"),
    ("English words\nstay apart.", "<p>English words\nstay apart.</p>"),
    ("中文**强调\n跨行**继续\n之后", "<p>中文<strong>强调跨行</strong>继续之后</p>"),
    ("完成*审批*\n后归档", "<p>完成<em>审批</em>后归档</p>"),
    ("运行 `make\n中文` 之后\n继续", "<p>运行 <code>make\n中文</code> 之后继续</p>"),
    ("之后\n“引号”\n后面 and “quoted”\ntext.", "<p>之后“引号”后面 and “quoted”\ntext.</p>"),
    ("- 列表项第一行\n  第二行\n- 硬换行  \n  后面", "<ul>\n<li>列表项第一行第二行</li>\n<li>硬换行<br />\n  后面</li>\n</ul>"),
    ("[链接\n文字](x.md)\n之后", '<p><a href="x.md">链接文字</a>之后</p>'),
    ("    代码块\n    保留", "<pre><code>代码块\n保留\n</code></pre>"),
    ("한국어\n단어", "<p>한국어\n단어</p>"),
    ("| 列 |\n|---|\n| 内容 |", "<table>\n<thead>\n<tr>\n<th>列</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>内容</td>\n"
                                 "</tr>\n</tbody>\n</table>"),
]


@pytest.mark.parametrize(("source", "html"), MARKDOWN)
def test_markdown(source: str, html: str) -> None:
    assert markdown.markdown(source, extensions=[EXTENSION_NAME, "tables"]) == html


def test_fenced_code_is_untouched() -> None:
    source = "前文\n\n```\n代码\n块\n```\n"
    html = markdown.markdown(source, extensions=[EXTENSION_NAME, "fenced_code"])
    assert "<code>代码\n块\n</code>" in html


YAML = [
    ("v: 第一行\n  第二行，\n  third\n", "第一行第二行，third"),                   # plain, wrapped
    ("v: >-\n  一行\n  二行\n\n  三行\n", "一行二行\n三行"),                          # folded
    ("v: >\n  中文\n  English\n    indented\n  尾\n", "中文 English\n  indented\n尾\n"),  # more-indented keeps its breaks
    ("v: |\n  字面\n  保留\n", "字面\n保留\n"),                                       # literal: Markdown's job
    ("v: 'quoted 中文\n  行'\n", "quoted 中文 行"),                                  # quoted: as YAML reads it
    ("v: english\n  wrapped\n", "english wrapped"),
    ("v: 中文 空格\n", "中文 空格"),                                                # a typed space stays
]


@pytest.mark.parametrize(("source", "value"), YAML)
def test_yaml_values(source: str, value: str) -> None:
    document, problems = load_text(source.encode(), Path("x.yml"), "x.yml")
    assert problems == []
    assert document is not None and document.data["v"] == value
