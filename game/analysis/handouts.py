"""The students' handouts in docs/students/: the glossary of the turn report's factors, written from the model's own
words (game.sim.report), and every handout as one self-contained HTML page to print (report_doc's page, with
print rules). `python tools/build_docs.py` writes them; tests/test_student_materials.py fails when one is stale.

The handouts are Markdown of a small kind: headings (#, ##, ###), paragraphs, lists (- or 1.), tables, and
**bold** or `code` inline (printed as plain text).
"""
from __future__ import annotations

import re

from game.analysis.report_doc import Block, Heading, Items, Para, Table, to_html
from game.sim.report import FACTOR_HELP, FACTORS, SYSTEM_FACTORS, SYSTEM_HELP

PRINT = ("<style>@media print { body { margin: 0; max-width: none; font-size: 10.5pt; } h2 { break-after: avoid; } "
         "table, li { break-inside: avoid; } } @page { margin: 1.4cm; }</style></head>")
VARIABLES = {"spending": "defence spending (% of GDP)", "trust": "trust in the U.S.", "alignment": "alignment",
             "hedging": "hedging", "credibility": "U.S. credibility", "domestic": "domestic pressure",
             "appetite": "an adversary's appetite for probing"}


def glossary() -> str:
    """The glossary handout: every factor the turn report names, what it means, and what it moves."""
    moves: dict[str, list[str]] = {}
    for var, names in (*FACTORS.items(), *SYSTEM_FACTORS.items()):
        for name in names:
            moves.setdefault(name, []).append(VARIABLES[var])
    help_text = {**FACTOR_HELP, **SYSTEM_HELP}
    lines = ["# Fair Share: the factors of the turn report", "",
             "After every turn the report explains each change as a sum of named factors: a bar per factor, which "
             "add up to the change printed above them. This glossary says what each one means and which numbers it "
             "moves. (Written from the game's own words: `python tools/build_docs.py` keeps it current.)", "",
             "| factor | what it means | it moves |", "|---|---|---|"]
    for name in sorted(moves, key=str.lower):
        meaning = help_text[name]
        lines.append(f"| {name} | {meaning[:1].upper() + meaning[1:]} | {', '.join(dict.fromkeys(moves[name]))} |")
    return "\n".join(lines) + "\n"


def _inline(text: str) -> str:
    return re.sub(r"\*\*(.+?)\*\*|`(.+?)`", lambda m: m.group(1) or m.group(2), text)


def blocks(markdown: str) -> tuple[str, list[Block]]:
    """The page title (the first heading) and the blocks of a handout."""
    out: list[Block] = []
    title, para, items, numbered, rows = "", [], [], False, []

    def flush() -> None:
        nonlocal para, items, rows
        if para:
            out.append(Para(_inline(" ".join(para))))
        if items:
            out.append(Items([_inline(t) for t in items], numbered))
        if rows:
            out.append(Table(rows[0], rows[2:] if len(rows) > 1 else []))
        para, items, rows = [], [], []

    for line in markdown.splitlines():
        stripped = line.strip()
        heading = re.match(r"(#{1,3}) (.*)", stripped)
        item = re.match(r"(?:- |(\d+)\. )(.*)", stripped)
        if not stripped:
            flush()
        elif heading:
            flush()
            title = title or _inline(heading.group(2))
            out.append(Heading(_inline(heading.group(2)), len(heading.group(1))))
        elif stripped.startswith("|"):
            if para or items:
                flush()
            rows.append([_inline(c.strip()) for c in stripped.strip("|").split("|")])
        elif item:
            if para or rows or (items and numbered != bool(item.group(1))):
                flush()
            numbered = bool(item.group(1))
            items.append(item.group(2))
        elif items and line.startswith("  "):
            items[-1] += " " + stripped            # a list item's continued line
        else:
            if items or rows:
                flush()
            para.append(stripped)
    flush()
    return title, out


def page(markdown: str) -> str:
    """A handout as one HTML page, self-contained, that prints on paper as it shows on screen."""
    title, doc = blocks(markdown)
    return to_html(doc, title, {}).replace("</head>", PRINT, 1)
