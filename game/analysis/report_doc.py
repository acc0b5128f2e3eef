"""A report as a list of blocks (headings, paragraphs, lists, tables, images), written both as Markdown and as one
self-contained HTML page (images embedded as data URIs, styles inline), so the debrief and the class report say
the same thing in both files.

    doc = [Heading("Debrief"), Para("You scored 78."), Table(["pillar", "you"], [["burden", "57"]]),
           Image("charts/score.png", "The score, turn by turn")]
    to_markdown(doc); to_html(doc, "Debrief", {"charts/score.png": png_bytes})
"""
from __future__ import annotations

import base64
import contextlib
import html
import os
from dataclasses import dataclass
from pathlib import Path

from game.userdata import atomic_write_bytes


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


def _md_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            out += ["#" * b.level + " " + b.text, ""]
        elif isinstance(b, Para):
            out += [b.text, ""]
        elif isinstance(b, Items):
            out += [f"{k + 1}. {t}" if b.numbered else f"- {t}" for k, t in enumerate(b.items)] + [""]
        elif isinstance(b, Table):
            out += ["| " + " | ".join(_md_cell(h) for h in b.head) + " |",
                    "|" + "|".join("---" for _ in b.head) + "|"]
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in b.rows] + [""]
        elif isinstance(b, Image):
            out += [f"![{b.caption}]({b.path})", ""]
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
           '<meta name="viewport" content="width=device-width, initial-scale=1">', f"<title>{e(title)}</title>",
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


def write_files(files: dict[str, bytes], folder: Path) -> list[Path]:
    """Write a report's files into `folder`, each atomically; raises game.userdata.SaveError."""
    out = []
    for name, data in files.items():
        atomic_write_bytes(folder / name, data)
        with contextlib.suppress(OSError):   # not the temp file's owner-only mode: a report is meant to be shared
            os.chmod(folder / name, 0o644)
        out.append(folder / name)
    return out
