"""The language the game speaks: its message catalogues, plural forms, numbers and dates.

English is the source language: every message id is the English text, and English needs no catalogue (the
standard library's NullTranslations hands every id back unchanged, so English output is byte for byte what it
was before translation). German and Polish come from gettext catalogues, `game/locale/LANG/LC_MESSAGES/fairshare.mo`,
compiled from the `.po` files beside them (`python -m tools.i18n compile`; tests/test_i18n.py checks the shipped
`.mo` files are what the `.po` files compile to), read with the standard library's gettext alone.

    from game.i18n import _, N_, ngettext, pgettext, num
    _("Settings")                                   # a message
    ngettext("{n} ally", "{n} allies", n).format(n=n)   # plural forms by the catalogue's Plural-Forms rule
    pgettext("order", "pressure")                   # one English word, two meanings (an order, a factor)
    N_("Done")                                      # marks text kept in a table, translated where it is shown
    num(2.5, 2)                                     # "2.50"; "2,50" in German and Polish

Text kept in module-level tables is marked with N_ or NC_ (for extraction) and translated where it is shown, so a
change of language in Settings takes effect at once everywhere.
"""
from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path

DOMAIN = "fairshare"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# The languages the game speaks, each in its own name (the Settings screen and --lang list them).
LANGUAGES = {"en": "English", "de": "Deutsch", "pl": "Polski"}
SOURCE = "en"

# How each language writes numbers: the decimal mark and the thousands separator (a narrow no-break space in
# Polish, as its typography has it; a dot in German).
_MARKS = {"en": (".", ","), "de": (",", "."), "pl": (",", "\u202f")}

_language = SOURCE
_catalogue: gettext.NullTranslations = gettext.NullTranslations()
_cache: dict[str, gettext.NullTranslations] = {}


def catalogue(code: str) -> gettext.NullTranslations:
    """The compiled catalogue of a language (English: none, every id is its own text)."""
    if code == SOURCE:
        return gettext.NullTranslations()
    if code not in _cache:
        _cache[code] = gettext.translation(DOMAIN, LOCALE_DIR, languages=[code])
    return _cache[code]


def set_language(code: str) -> None:
    """Speak `code` (one of LANGUAGES) from now on. ValueError for a language the game has no catalogue for."""
    global _language, _catalogue
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r} (choose {', '.join(LANGUAGES)})")
    _catalogue, _language = catalogue(code), code


def language() -> str:
    return _language


@contextmanager
def speaking(code: str):
    """Speak `code` for the length of a `with` block (an export in the player's language, a test), then go back."""
    before = _language
    set_language(code)
    try:
        yield
    finally:
        set_language(before)


def take_option(argv: list[str]) -> list[str]:
    """For the headless tools (shots, fitcheck): speak the language of `--lang CODE` if given; the other arguments
    are returned."""
    if "--lang" not in argv:
        return argv
    at = argv.index("--lang")
    if at + 1 >= len(argv) or argv[at + 1] not in LANGUAGES:
        raise SystemExit(f"--lang: choose one of {', '.join(LANGUAGES)}")
    set_language(argv[at + 1])
    return argv[:at] + argv[at + 2:]


def system_language(environ=None) -> str:
    """The system's language when the game has a translation for it, else English. Read as gettext reads it:
    LANGUAGE (a colon-separated list of preferences), then LC_ALL, LC_MESSAGES and LANG ("de_DE.UTF-8" -> "de")."""
    environ = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if not value:
            continue
        for choice in value.split(":"):
            code = choice.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
            if code in ("c", "posix"):
                return SOURCE
        return SOURCE   # the first variable set decides, as it does for gettext
    return SOURCE


def resolve(choice: str | None) -> str:
    """A language from a setting or --lang: a code of LANGUAGES, or "system"/None for the system's language."""
    return system_language() if choice in (None, "", "system") else choice


# --- messages -------------------------------------------------------------------------------------------------------
def _(message: str) -> str:
    return _catalogue.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalogue.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _catalogue.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _catalogue.npgettext(context, singular, plural, n)


def N_(message: str) -> str:
    """Marks a message for extraction; translated later, where it is shown."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Marks a message's two English forms for extraction; shown with ngettext(*forms, n)."""
    return singular, plural


def NC_(context: str, message: str) -> str:   # noqa: N802 - gettext's own name for a marker with a context
    """Marks a message with its context for extraction; shown with pgettext(context, message)."""
    return message


# --- numbers and dates ----------------------------------------------------------------------------------------------
def num(value: float, digits: int = 2, sign: bool = False, group: bool = False) -> str:
    """A number as the language writes it: "1,234.50" in English, "1.234,50" in German, "1 234,50" in Polish."""
    text = f"{value:{'+' if sign else ''}{',' if group else ''}.{digits}f}"
    decimal, thousands = _MARKS[_language]
    if decimal == ".":
        return text
    return text.translate(str.maketrans({".": decimal, ",": thousands}))


def general(value: float) -> str:
    """A number in its shortest form (Python's "g": "2", "1.5"), in the language's notation."""
    return f"{value:g}".replace(".", _MARKS[_language][0])


def percent(share: float, digits: int = 0) -> str:
    """A share as a percentage, as Python's "%" format writes it in English ("30%", "0.4%"), "30 %" in German."""
    return pgettext("percent", "{value}%").format(value=num(share * 100, digits))


def integer(value: int) -> str:
    """A whole number with the language's thousands separator ("10,000", "10.000", "10 000"), every digit exact (a
    float would round 2**63 - 1, the largest seed, to ...808)."""
    if not isinstance(value, int):
        return num(value, 0, group=True)
    _decimal, thousands = _MARKS[_language]
    return f"{value:,}".replace(",", thousands)


def delocalise(text: str) -> str:
    """A number written by `num` back in Python's notation (for arithmetic on what was shown)."""
    decimal, thousands = _MARKS[_language]
    return text if decimal == "." else text.replace(thousands, "").replace(decimal, ".")


_ROMAN = ("I", "II", "III", "IV")
MONTHS = (NC_("month", "Jan"), NC_("month", "Feb"), NC_("month", "Mar"), NC_("month", "Apr"), NC_("month", "May"),
          NC_("month", "Jun"), NC_("month", "Jul"), NC_("month", "Aug"), NC_("month", "Sep"), NC_("month", "Oct"),
          NC_("month", "Nov"), NC_("month", "Dec"))


def period(year: int, step: str, part: int, code: str | None = None) -> str:
    """A turn's date as the language writes it. `part` counts from 0 within the year. English: "2026", "2026 H1",
    "2026 Q3", "Mar 2026"; German "1. Hj. 2026", "Q3 2026", "Mär. 2026"; Polish "I półr. 2026", "III kw. 2026"."""
    words = _catalogue if code is None else catalogue(code)     # `code`: that language, whatever is spoken
    fields = {"year": year, "n": part + 1, "roman": _ROMAN[part] if part < len(_ROMAN) else part + 1}
    if step == "year":
        return str(year)
    if step == "half":
        return words.pgettext("date", "{year} H{n}").format(**fields)
    if step == "quarter":
        return words.pgettext("date", "{year} Q{n}").format(**fields)
    return words.pgettext("date", "{month} {year}").format(month=words.pgettext("month", MONTHS[part]), **fields)


def csv_header(columns, label) -> list[str]:
    """A CSV's header row. English: the machine-readable column ids themselves. Another language: each column's
    name in that language followed by its id in brackets ("Ausgaben [spending]"), so a person reads the sheet in
    their language and a script finds every column by the id in brackets, in any language (docs/i18n.md)."""
    return list(columns) if _language == SOURCE else [f"{label(column)} [{column}]" for column in columns]


class Translated(Mapping):
    """A table of marked messages (N_/NC_) that hands each out translated into the language spoken when it is read,
    so a module-level table follows a change of language made after import. Keys stay the English ids."""

    def __init__(self, messages: dict, context: str | None = None):
        self._messages, self._context = dict(messages), context

    def __getitem__(self, key):
        message = self._messages[key]
        return pgettext(self._context, message) if self._context else _(message)

    def __iter__(self):
        return iter(self._messages)

    def __len__(self) -> int:
        return len(self._messages)

    def source(self, key) -> str:
        """The English message of `key`, untranslated."""
        return self._messages[key]
