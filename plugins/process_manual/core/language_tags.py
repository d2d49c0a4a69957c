"""Language tags (BCP 47) and how a requested tag finds its catalog.

A tag is compared without regard to case or to `_` written for `-` (`zh_tw` is `zh-TW`). Matching is
RFC 4647's *lookup*: the requested tag, then the tag with its last subtag cut off, and so on
(`zh-Hant-TW` → `zh-Hant` → `zh`), each tried against every catalog's own tag and the tags it
declares it serves (`serves:` in its `language` section: zh-Hant serves `zh-TW`, `zh-HK`, `zh-MO`).
Nothing here knows a language: which tags go where is written in the catalogs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# language (2-3 letters, or 4-8 reserved/registered), then subtags of 1-8 letters or digits
_WELL_FORMED = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


class LanguageTag(str):
    """A well-formed BCP 47 tag in its conventional case: `zh-Hant-TW`, `en-GB`, `de`.

    A `str`, so it is written and compared as one; made only by :meth:`parse`, which checks the form."""

    __slots__ = ()

    @classmethod
    def parse(cls, text: str) -> LanguageTag:
        """The tag `text` names, in conventional case; ValueError when it is not a well-formed tag."""
        candidate = text.strip().replace("_", "-")
        if not _WELL_FORMED.fullmatch(candidate):
            raise ValueError(f"'{text}' is not a language tag (BCP 47: e.g. en, de-CH, zh-Hant)")
        parts = candidate.split("-")
        shaped = [parts[0].lower()]
        singleton = False  # after an extension or private-use singleton ("x"), subtags keep lower case
        for part in parts[1:]:
            if len(part) == 1:
                singleton = True
            if singleton:
                shaped.append(part.lower())
            elif len(part) == 4 and part.isalpha():
                shaped.append(part.title())  # script: Hant, Latn
            elif len(part) == 2 and part.isalpha():
                shaped.append(part.upper())  # region: TW, GB
            else:
                shaped.append(part.lower())
        return cls("-".join(shaped))

    @property
    def key(self) -> str:
        """The form tags are compared in (lower case)."""
        return self.lower()

    def fallbacks(self) -> Iterator[LanguageTag]:
        """The tag and each shorter tag RFC 4647's lookup tries, longest first: zh-Hant-TW, zh-Hant, zh."""
        parts = self.split("-")
        while parts:
            yield LanguageTag("-".join(parts))
            parts.pop()
            if parts and len(parts[-1]) == 1:  # never end on an extension singleton
                parts.pop()


def tag_argument(text: str) -> str:
    """A command line's `--language` value: any well-formed tag (the command negotiates it to a catalog,
    warning when none fits), else argparse's error."""
    import argparse

    try:
        return str(LanguageTag.parse(text))
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
