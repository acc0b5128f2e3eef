"""A report as a list of blocks (headings, paragraphs, lists, tables, images), written both as Markdown and as one
self-contained HTML page (images embedded as data URIs, styles inline), so the debrief and the class report say
the same thing in both files.

    doc = [Heading("Debrief"), Para("You scored 78."), Table(["pillar", "you"], [["burden", "57"]]),
           Image("charts/score.png", "The score, turn by turn")]
    to_markdown(doc); to_html(doc, "Debrief", {"charts/score.png": png_bytes})

Every text in the blocks is plain text, whoever wrote it (a team's name, a file name, a campaign's names): both
writers escape what they copy, so `<script>` or `| x |` in a name shows as those characters in either file.
Each file also says it is Fair Share's (a generator tag, a first comment, a PNG text chunk), which is how the write
rule (game.userdata) knows it may replace it the next time the report is written into the same folder.
"""
from __future__ import annotations

import base64
import csv
import html
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from game.i18n import N_, csv_header
from game.userdata import FileKind, atomic_write_bytes, check_target


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Items:
    items: list[str]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    head: list[str]
    rows: list[list[str]]
    mono: bool = False          # a grid of one-letter cells, better read in a fixed-width font


@dataclass(frozen=True)
class Image:
    path: str                   # relative to the report's folder, e.g. charts/score.png
    caption: str


Block = Heading | Para | Items | Table | Image


MARKDOWN_MARK = "<!-- written by Fair Share -->"
GENERATOR = '<meta name="generator" content="Fair Share">'
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PNG_SOFTWARE = b"Software\x00Fair Share"     # the tEXt chunk every chart carries (game.analysis.chart_png)

# What Markdown would read as markup anywhere in a line (code, emphasis, links, HTML, entities, table cells,
# strikethrough), an underscore only at a word's edge (CommonMark ignores it inside a word: team_a stays as it is),
# and what it reads as markup at the start of a block (headings, quotes, list items, setext underlines).
_MD_INLINE = re.compile(r"[\\`*\[\]<>&|~]|(?<!\w)_|_(?!\w)")
_MD_START = re.compile(r"^([#>+=-]|\d+(?=[.)]))")


def md_text(text, block: bool = True) -> str:
    """Plain text as Markdown that shows exactly that text: on one line, every markup character escaped (and, if
    it starts a `block`, what would make it a heading or a list; a table cell cannot be one)."""
    text = _MD_INLINE.sub(lambda m: "\\" + m.group(), " ".join(str(text).splitlines()).strip())
    if not block:
        return text
    return _MD_START.sub(lambda m: m.group() + "\\" if m.group()[0].isdigit() else "\\" + m.group(), text, 1)


def to_markdown(blocks: list[Block]) -> str:
    e = md_text
    out: list[str] = [MARKDOWN_MARK, ""]
    for b in blocks:
        if isinstance(b, Heading):
            out += ["#" * b.level + " " + e(b.text), ""]
        elif isinstance(b, Para):
            out += [e(b.text), ""]
        elif isinstance(b, Items):
            out += [f"{k + 1}. {e(t)}" if b.numbered else f"- {e(t)}" for k, t in enumerate(b.items)] + [""]
        elif isinstance(b, Table):
            out += ["| " + " | ".join(e(h, False) for h in b.head) + " |", "|" + "|".join("---" for _ in b.head) + "|"]
            out += ["| " + " | ".join(e(c, False) for c in row) + " |" for row in b.rows] + [""]
        elif isinstance(b, Image):
            out += [f"![{e(b.caption)}]({b.path})", ""]
    return "\n".join(out)


STYLE = """
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; max-width: 1000px; margin: 2em auto;
       padding: 0 1.2em; color: #1e2228; line-height: 1.45; }
h1 { font-size: 1.9em; margin-bottom: .2em; } h2 { margin-top: 1.6em; border-bottom: 2px solid #0072b2; }
table { border-collapse: collapse; margin: .6em 0 1.2em; font-size: .92em; }
th, td { border: 1px solid #d0d0cc; padding: .3em .6em; text-align: left; vertical-align: top; }
th { background: #eef3f7; } tr:nth-child(even) td { background: #fafaf8; }
table.mono td { font-family: "DejaVu Sans Mono", Consolas, monospace; text-align: center; padding: .2em .4em; }
table.mono td:first-child { text-align: left; font-family: inherit; }
figure { margin: 1em 0; } figure img { max-width: 100%; border: 1px solid #d0d0cc; }
figcaption { color: #5a606a; font-size: .9em; }
"""


def to_html(blocks: list[Block], title: str, images: dict[str, bytes]) -> str:
    """One page with everything inside it: it can be mailed or opened from a USB stick without its folder."""
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">', GENERATOR,
           f"<title>{e(title)}</title>",
           f"<style>{STYLE}</style></head><body>"]
    for b in blocks:
        if isinstance(b, Heading):
            out.append(f"<h{b.level}>{e(b.text)}</h{b.level}>")
        elif isinstance(b, Para):
            out.append(f"<p>{e(b.text)}</p>")
        elif isinstance(b, Items):
            tag = "ol" if b.numbered else "ul"
            out.append(f"<{tag}>" + "".join(f"<li>{e(t)}</li>" for t in b.items) + f"</{tag}>")
        elif isinstance(b, Table):
            out.append(f"<table{' class=mono' if b.mono else ''}><thead><tr>"
                       + "".join(f"<th>{e(h)}</th>" for h in b.head) + "</tr></thead><tbody>"
                       + "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>" for row in b.rows)
                       + "</tbody></table>")
        elif isinstance(b, Image):
            data = base64.b64encode(images[b.path]).decode("ascii")
            out.append(f'<figure><img src="data:image/png;base64,{data}" alt="{e(b.caption)}">'
                       f"<figcaption>{e(b.caption)}</figcaption></figure>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


CELL_LIMIT = 32_767      # characters a spreadsheet cell holds (Excel's limit; Python's csv reads up to 131,072)


def csv_cell(text: str) -> str:
    """A text a spreadsheet shows as text: a team's or an ally's name is anyone's to write, and '=...' would be a
    formula; a name longer than a cell holds is cut there."""
    text = "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
    return text if len(text) <= CELL_LIMIT else text[:CELL_LIMIT - 1] + "…"


def csv_table(columns, rows: list[dict], label: Callable[[str], str] | None = None) -> str:
    """CSV a spreadsheet opens as it is: a header row, dot decimals, every text cell a text (csv_cell), and a UTF-8
    byte order mark (Excel reads a file without one as the local code page and garbles 'Türkiye'). With `label`
    (a column's name in the language spoken), the header follows the language and keeps each column's id in
    brackets (game.i18n.csv_header); without it, and in English, the header is the ids."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\r\n")
    writer.writerow(dict(zip(columns, csv_header(columns, label) if label else columns)))
    writer.writerows({k: csv_cell(v) if isinstance(v, str) else v for k, v in row.items()} for row in rows)
    return "\ufeff" + buffer.getvalue()


def column_ids(head: bytes) -> list[str]:
    """The column ids of a CSV's header row as csv_table writes it, in any language: a cell is the id itself
    (English) or a name followed by the id in brackets ("Zaufanie do USA [trust]")."""
    text = head.decode("utf-8", "replace").removeprefix("\ufeff")
    line, newline, _rest = text.partition("\r\n")
    if not newline:       # no whole header row in the bytes read: not one of ours
        return []
    cells = next(csv.reader([line]), [])
    return [cell.rsplit("[", 1)[-1].removesuffix("]") if cell.endswith("]") else cell for cell in cells]


def table_kind(columns) -> FileKind:
    """A CSV table of these columns, as csv_table writes it in any language: recognised by its header row's ids."""
    ids = list(columns)
    return FileKind(N_("a table written by Fair Share (columns {columns}, ...)"),
                    lambda head: head.startswith(b"\xef\xbb\xbf") and column_ids(head) == ids, head=8192,
                    fields=(("columns", ", ".join(ids[:3])),))


PAGE = FileKind(N_("a page written by Fair Share"), lambda head: GENERATOR.encode() in head, head=4096)
MARKDOWN = FileKind(N_("a Markdown report written by Fair Share"), lambda head: head.startswith(MARKDOWN_MARK.encode()),
                    head=len(MARKDOWN_MARK))
CHART = FileKind(N_("a chart drawn by Fair Share"),
                 lambda head: head.startswith(PNG_MAGIC) and b"tEXt" + PNG_SOFTWARE in head, head=256)
KINDS = {".html": PAGE, ".md": MARKDOWN, ".png": CHART}


def kind_of(name: str, kinds: dict[str, FileKind]) -> FileKind:
    """The kind of a report's file: the report's own (its tables and data) by name, else by its suffix."""
    return kinds.get(name) or KINDS[Path(name).suffix]


def check_files(names, folder: Path, kinds: dict[str, FileKind], force: bool = False, reading=()) -> None:
    """Refuse, before any work, to write a report whose files would replace what they should not (see
    game.userdata.check_target); raises TargetRefused."""
    for name in names:
        check_target(folder / name, kind_of(name, kinds), force=force, reading=reading)


def write_files(files: dict[str, bytes], folder: Path, kinds: dict[str, FileKind], force: bool = False,
                reading=()) -> list[Path]:
    """Write a report's files into `folder`, each atomically, once every target has passed the write rule (no
    report is left half replaced by a refusal); raises game.userdata.SaveError."""
    check_files(files, folder, kinds, force, reading)
    for name, data in files.items():
        atomic_write_bytes(folder / name, data, kind=kind_of(name, kinds), force=force, reading=reading)
    return [folder / name for name in files]
