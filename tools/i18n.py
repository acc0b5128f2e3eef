"""The message catalogues' tool chain (a development tool: the game reads the compiled .mo files with the standard
library's gettext; Babel is needed only here and in the test that checks the shipped .mo files).

    python -m tools.i18n extract    # every message the code marks -> game/locale/fairshare.pot
    python -m tools.i18n update     # merge the template into each language's .po (new ids empty, old ones kept)
    python -m tools.i18n compile    # each .po -> its .mo (reproducible: the same .po gives the same bytes)
    python -m tools.i18n stats      # per language: messages, translated, fuzzy, missing
    python -m tools.i18n all        # extract, update, compile, stats

The .mo files are committed, so that a checkout and the wheel run with no build step and no Babel; the test suite
compiles every .po again and compares the bytes (tests/test_i18n.py), so a .po edited without `compile` fails.
"""
from __future__ import annotations

import io
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.mofile import write_mo  # noqa: E402
from babel.messages.pofile import read_po, write_po  # noqa: E402

from game.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, SOURCE  # noqa: E402

# The markers the code uses (game.i18n): _, N_, ngettext, pgettext, npgettext, NC_ (a context and a message).
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3),
            "NC_": ((1, "c"), 2), "N_plural": (1, 2)}
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
PLURALS = {"de": "nplurals=2; plural=(n != 1);",
           "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"}


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(code: str) -> Path:
    return po_path(code).with_suffix(".mo")


def translated() -> list[str]:
    return [code for code in LANGUAGES if code != SOURCE]


def extract() -> Catalog:
    catalog = Catalog(project="Fair Share", version="0.1.0", copyright_holder="the Fair Share authors",
                      charset="utf-8")
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
            str(ROOT / "game"), method_map=method_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True):
        catalog.add(message, None, [(f"game/{filename}", lineno)], auto_comments=comments, context=context)
    buf = io.BytesIO()
    write_po(buf, _dated(catalog), width=120, sort_output=False, omit_header=False)
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_bytes(buf.getvalue())
    return catalog


# The catalogues' dates, fixed: Babel writes the time of the run, and a .mo compiled twice would differ.
DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _dated(catalog: Catalog) -> Catalog:
    catalog.creation_date = catalog.revision_date = DATE
    return catalog


def load(code: str) -> Catalog:
    with open(po_path(code), "rb") as f:
        return _dated(read_po(f, locale=code))


def update() -> None:
    template = _dated(read_po(io.BytesIO(TEMPLATE.read_bytes())))
    for code in translated():
        path = po_path(code)
        if path.exists():
            catalog = load(code)
        else:
            catalog = Catalog(locale=code, project="Fair Share", charset="utf-8")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        save(code, catalog)


def save(code: str, catalog: Catalog) -> None:
    catalog.project, catalog.version = "Fair Share", "0.1.0"
    catalog.copyright_holder, catalog.fuzzy = "the Fair Share authors", False
    catalog.last_translator = "the Fair Share authors"
    catalog.language_team = {"de": "Deutsch", "pl": "Polski"}[code]
    buf = io.BytesIO()
    write_po(buf, _dated(catalog), width=120, sort_output=False)
    text = buf.getvalue().decode()
    path = po_path(code)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def compiled(code: str) -> bytes:
    """The .mo bytes a .po compiles to (fuzzy entries left out, as msgfmt does)."""
    buf = io.BytesIO()
    write_mo(buf, load(code), use_fuzzy=False)
    return buf.getvalue()


def compile_all() -> None:
    for code in translated():
        mo_path(code).write_bytes(compiled(code))


def stats() -> dict[str, tuple[int, int, int]]:
    out = {}
    for code in translated():
        catalog = load(code)
        messages = [m for m in catalog if m.id]
        done = [m for m in messages if m.string and (not isinstance(m.string, tuple) or all(m.string))
                and not m.fuzzy]
        fuzzy = [m for m in messages if m.fuzzy]
        out[code] = (len(messages), len(done), len(fuzzy))
        share = 100 * len(done) / max(len(messages), 1)
        print(f"{code}: {len(messages)} messages, {len(done)} translated ({share:.1f} %), {len(fuzzy)} fuzzy, "
              f"{len(messages) - len(done)} missing")
    return out


def main(argv: list[str]) -> int:
    what = argv[0] if argv else "all"
    if what in ("extract", "all"):
        catalog = extract()
        print(f"{len([m for m in catalog if m.id])} messages -> {TEMPLATE.relative_to(ROOT)}")
    if what in ("update", "all"):
        update()
    if what in ("compile", "all"):
        compile_all()
    if what in ("stats", "all"):
        stats()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
