"""One rule for text that comes from files (campaigns, saves, settings, file names): what the window can draw and
what a one-line message may hold.

pygame refuses some strings outright: a NUL ("A null character was found"), a lone surrogate (every emoji of a
campaign written as JSON, `"\\ud83c\\uddf5"`, arrives unpaired; a Latin-1 file name arrives as `\\udce9`), and a
line of only zero-width characters ("Text has zero width"). Campaigns are checked at load and such text is an
error at its position (`text_problem`); saves and file names are not the player's to fix, so their text is made
drawable (`drawable`). Messages are kept on one line (`one_line`) so that `FILE:LINE:COL: error:` stays parseable.
Names from outside (a team's name in a save, a file name on disk) are data: shown capped and on one line
(`shown`, `file_name`), never trusted as text.
"""
from __future__ import annotations

import os
import re
import unicodedata

# Non-characters: U+FDD0..U+FDEF and the last two code points of every plane (U+FFFE, U+1FFFF, ...).
_NONCHARS = "\ufdd0-\ufdef" + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(17))
# What no campaign text may hold: C0 controls but tab and newline, DEL and C1 controls, surrogates, non-characters.
_UNDRAWABLE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARS}]")
# What a one-line message may not hold: the same, plus newline, tab and the Unicode line and paragraph separators.
_NOT_ONE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{_NONCHARS}]")
_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
# Unicode categories that draw nothing on their own: separators, controls, formats (zero-width space, joiners,
# bidi marks), unassigned, surrogates, and combining marks with no base.
_INVISIBLE = ("Z", "C", "M")


def _describe(ch: str) -> str:
    code = ord(ch)
    if ch == "\x00":
        return "U+0000 (a NUL character)"
    if 0xD800 <= code <= 0xDFFF:
        return f"U+{code:04X} (half of a surrogate pair: write the character itself, or as one \\U escape)"
    if unicodedata.category(ch) == "Cc":
        return f"U+{code:04X} (a control character)"
    return f"U+{code:04X} (a Unicode non-character)"


def visible(text: str) -> bool:
    """True if `text` holds at least one character that draws something."""
    return any(not unicodedata.category(ch).startswith(_INVISIBLE) for ch in text)


def text_problem(text: str, max_len: int, name_like: bool = False) -> str | None:
    """Why campaign text cannot be used, or None. `name_like`: it must also show at least one visible character."""
    if len(text) > max_len:
        return f"is too long ({len(text):,} characters; the limit is {max_len:,})"
    bad = _UNDRAWABLE.search(text)
    if bad:
        return f"holds {_describe(bad.group())} at character {bad.start() + 1}, which cannot be shown; remove it"
    if name_like and not visible(text):
        return "has no visible character (only spaces or zero-width characters)"
    return None


def drawable(text: str, fallback: str = "?") -> str:
    """`text` with every character pygame cannot draw replaced by U+FFFD; `fallback` if nothing visible is left."""
    text = _UNDRAWABLE.sub("\ufffd", text)
    return text if visible(text) else fallback


def _escape(match: re.Match) -> str:
    ch = match.group()
    return _ESCAPES.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}" if ord(ch) < 0x10000
                                else f"\\U{ord(ch):08x}")


def one_line(text: str) -> str:
    """`text` on one line: newlines, controls, separators, surrogates and non-characters written as escapes."""
    return _NOT_ONE_LINE.sub(_escape, text)


def shown(text: str, limit: int) -> str:
    """Text from outside shown as one drawable line of at most `limit` characters (a team's name, a save's
    campaign id): cut with an ellipsis if longer. The full value stays where it came from; only what is shown is
    cut, so a 3,000,000-character name costs no more to print, draw or chart than a short one."""
    text = one_line(drawable(text[:limit + 1], "?"))
    return text if len(text) <= limit else text[:limit - 1] + "…"


def file_name(path: str | os.PathLike) -> str:
    """A path as text any output can take: bytes that are not UTF-8 (a Latin-1 name from an old archive or a USB
    stick, which Python keeps as lone surrogates) shown as U+FFFD, and controls (a newline in a name) escaped."""
    try:
        raw = os.fsencode(path)
    except UnicodeEncodeError:     # a str that never came from a disk (a lone surrogate from JSON): as text
        return one_line(drawable(os.fspath(path), "?"))
    return one_line(raw.decode("utf-8", "replace"))
