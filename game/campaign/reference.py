"""The key reference of docs/campaign-format.md, generated from the loader's own field tables (game.campaign.schema)
so that it cannot drift from what the loader accepts: every key is declared once, as a field of those tables, with
its type, range, default and meaning (the JSON Schema's descriptions use the same words). The hand-written parts of
the document stay hand-written: only the blocks between the markers are replaced.

    text = update(Path("docs/campaign-format.md").read_text())      # tools/build_docs.py writes it back
"""
from __future__ import annotations

import re

from . import schema
from .model import ADVERSARY_VARS, ALLY_VARS, US_VARS

TABLES = ("TOP", "CALENDAR", "US", "ALLY", "ADVERSARY", "EVENT", "EFFECT", "SCORE_WEIGHTS", "TRANSLATION",
          "TRANSLATED_ALLY", "TRANSLATED_ADVERSARY", "TRANSLATED_EVENT")
BLOCK = re.compile(r"(<!-- generated: (\w+) -->\n)(.*?)(<!-- end generated -->)", re.DOTALL)
SHARE = "share (0 to 1)"


def _number(x: float) -> str:
    """1900 for a year, 100,000 for money: thousands are grouped from five digits on."""
    whole = isinstance(x, int) or float(x).is_integer()
    text = f"{int(x)}" if whole else f"{x:g}"
    return f"{int(x):,}" if whole and abs(x) >= 10_000 else text


def type_of(spec: schema.Field) -> str:
    kind = spec.kind
    if kind == "num":
        if (spec.lo, spec.hi) == (0, 1):
            return SHARE
        return f"{_number(spec.lo)} to {_number(spec.hi)}" + (f" ({spec.unit})" if spec.unit else "")
    if kind == "int":
        top = f" to {_number(spec.hi)}" if spec.hi is not None else " or more"
        return f"whole number, {_number(spec.lo)}{top}"
    if kind in ("list", "strlist"):
        what = "texts" if kind == "strlist" else "mappings"
        if spec.max_items:
            return f"list of {spec.min_items} to {spec.max_items} {what}"
        return f"list of {what}" + (", at least one" if spec.min_items == 1 else "")
    if kind == "enum":
        names = [f"`{c}`" for c in spec.choices]
        return ", ".join(names[:-1]) + f" or {names[-1]}"
    if kind == "str" and spec.max_len != schema.Field("str").max_len:
        return f"text, at most {spec.max_len} characters"
    return {"id": "id", "str": "text", "text": "text (may be empty)", "country": "3 capital letters",
            "bool": "true / false", "map": "mapping", "expr": "condition"}[kind]


def default_of(spec: schema.Field) -> str:
    d = spec.default
    if spec.required:
        return "required"
    if d is None or d == ():
        return "none"
    if isinstance(d, bool):
        return "true" if d else "false"
    if isinstance(d, str):
        return f"`{d}`" if d else "none" if spec.kind == "id" else "empty"
    return _number(d)


def table(name: str) -> str:
    """One table of the reference, as Markdown."""
    rows = ["| key | type | default | meaning |", "|---|---|---|---|"]
    for key, spec in getattr(schema, name).items():
        rows.append(f"| `{key}` | {spec.shown_type or type_of(spec)} | {spec.shown_default or default_of(spec)} | "
                    f"{spec.meaning} |")
    return "\n".join(rows) + "\n"


def variables_table() -> str:
    """Which variable an effect (or a condition) may name, by kind of target."""
    def names(variables):
        return ", ".join(f"`{v}`" for v in variables)
    return ("| target kind | variables |\n|---|---|\n"
            f"| an ally, or `allies` | {names(ALLY_VARS)} |\n| an adversary | {names(ADVERSARY_VARS)} |\n"
            f"| `us` | {names(US_VARS)} |\n")


def generated(name: str) -> str:
    return variables_table() if name == "VARIABLES" else table(name)


def update(document: str) -> str:
    """`document` with every generated block written anew from the tables."""
    return BLOCK.sub(lambda m: m.group(1) + generated(m.group(2)) + m.group(4), document)


def description(table_name: str, key: str) -> str:
    """The meaning as plain text, for the JSON Schema (editors show it on hover)."""
    return getattr(schema, table_name)[key].meaning.replace("`", "")
