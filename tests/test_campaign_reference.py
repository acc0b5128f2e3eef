"""The key reference of docs/campaign-format.md is generated from the loader's field tables and kept in sync."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from game.campaign import reference, schema

ROOT = Path(__file__).resolve().parents[1]
FORMAT = ROOT / "docs" / "campaign-format.md"


def test_the_committed_reference_is_the_generated_one():
    text = FORMAT.read_text(encoding="utf-8")
    assert reference.update(text) == text, "run: python tools/build_docs.py"


def test_every_table_of_the_loader_is_in_the_document_and_every_key_has_a_meaning():
    text = FORMAT.read_text(encoding="utf-8")
    for name in (*reference.TABLES, "VARIABLES"):
        assert f"<!-- generated: {name} -->" in text, name
    for name in reference.TABLES:
        table = getattr(schema, name)
        assert all(spec.meaning.strip() for spec in table.values()), name   # no key without a meaning


def test_a_change_in_the_tables_changes_the_reference(monkeypatch):
    before = reference.table("ALLY")
    monkeypatch.setitem(schema.ALLY, "responsiveness", dataclasses.replace(schema.ALLY["responsiveness"], hi=5))
    after = reference.table("ALLY")
    assert "| `responsiveness` | 0.1 to 3 | 1 |" in before and "| `responsiveness` | 0.1 to 5 | 1 |" in after


def test_types_and_defaults_read_as_an_author_would_write_them():
    assert reference.type_of(schema.TOP["turns"]) == "whole number, 1 to 60"
    assert reference.type_of(schema.CALENDAR["start"]) == "whole number, 1900 to 2200"
    assert reference.type_of(schema.US["budget"]) == "0.1 to 100,000 (US$ bn a year)"
    assert reference.type_of(schema.ALLY["trust"]) == "share (0 to 1)"
    assert reference.type_of(schema.CALENDAR["step"]) == "`year`, `half`, `quarter` or `month`"
    assert reference.default_of(schema.EFFECT["scale"]) == "`none`"
    assert reference.default_of(schema.ALLY["hub"]) == "false"
    assert reference.default_of(schema.ALLY["gdp"]) == "required"
