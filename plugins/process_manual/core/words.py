"""The texts of one catalog section (`Words`) and a language's punctuation (`Typography`), as code reads them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from process_manual.core.catalog_file import Message


class Words:
    """One section of a catalog (labels, rules_page, ...): `words.purpose`, `words.text("version_n", ...)`."""

    def __init__(
        self,
        section: str,
        texts: Mapping[str, Message],
        category: Callable[[float], str],
        number: Callable[[float], str] = lambda n: format_number(n, "."),
    ):
        self._section, self._texts, self._category, self._number = section, dict(texts), category, number

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        message = self._texts.get(key)
        if not isinstance(message, str):
            raise AttributeError(f"{self._section}.{key}" + (": a plural message, use count()" if message else ""))
        return message

    def __contains__(self, key: object) -> bool:
        return key in self._texts

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def text(self, key: str, **fields: object) -> str:
        """The message `key` with its `{fields}` filled in."""
        return str(getattr(self, key)).format(**fields)

    def count(self, key: str, number: float, **fields: object) -> str:
        """The plural message `key` in the form `number` takes (`{n}` is the number)."""
        message = self._texts[key]
        if isinstance(message, str):
            return message.format(n=self._number(number), **fields)
        forms = message.forms
        return forms.get(self._category(number), forms["other"]).format(n=self._number(number), **fields)


def format_number(value: float, decimal_separator: str) -> str:
    """2, 1.5 or 1,5: a whole number without decimals."""
    return str(int(value)) if value == int(value) else str(value).replace(".", decimal_separator)


@dataclass(frozen=True)
class Typography:
    """How a language punctuates what the plugin puts together."""

    enumeration_comma: str
    """Between the items of an enumeration: ", " / "、"."""
    list_separator: str
    """Between longer items that may hold commas themselves: "; " / "；"."""
    dash: str
    """A dash between two parts of a sentence, with the spacing the language sets: " — " / "——"."""
    quote_open: str
    quote_close: str
    colon: str
    """After a name, before what it names: ": " / "："."""
    word_space: str
    """Between two words or numbers with units the plugin joins: " " in English, nothing in Chinese."""
    latin_space: str
    """Between this language's text and a Latin word or number set inside it: " " for both English and
    Chinese (the space Chinese style guides ask for beside Latin text; see reference/chinese.md)."""
    decimal_separator: str
    """1.5 or 1,5."""
    sentence_end: str
    """After a sentence followed by another: ". " / "。"."""

    def enumerate(self, items: Iterable[str]) -> str:
        return self.enumeration_comma.join(items)

    def quote(self, text: str) -> str:
        return f"{self.quote_open}{text}{self.quote_close}"

    def lead_in(self, name: str) -> str:
        """A bold name and its colon before what it names, in Markdown: "**Owner:** " / "**负责人：**"."""
        mark = self.colon.rstrip()
        return f"**{name}{mark}**{self.colon[len(mark) :]}"
