"""Issue 14, start-up: campaign files read with libyaml's C parser where PyYAML has it, falling back to the
pure-Python parser for any file with a problem, so both give the same campaign and the same positioned errors."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from game.campaign import safe_yaml, validate_file, validate_text
from game.campaign.safe_yaml import Mapping, Scalar, Sequence, load_located

REPO = Path(__file__).resolve().parents[1]
FILES = sorted([*(REPO / "campaigns").glob("*.yaml"), *(REPO / "tests" / "campaign_errors").glob("*.yaml")])

needs_libyaml = pytest.mark.skipif(safe_yaml.FAST_LOADER is None, reason="PyYAML built without libyaml")


def shape(node):
    """A located tree as plain tuples: every value with its line and column (the trees' classes compare by id)."""
    if isinstance(node, Mapping):
        return ("map", node.line, node.col, [(k, shape(key), shape(v)) for k, (key, v) in node.entries.items()])
    if isinstance(node, Sequence):
        return ("seq", node.line, node.col, [shape(v) for v in node.items])
    if isinstance(node, Scalar):
        return (node.line, node.col, repr(node.value), node.text, node.style, node.end_line)
    return node


def both_ways(monkeypatch, read):
    fast = read()
    monkeypatch.setattr(safe_yaml, "FAST_LOADER", None)
    pure = read()
    monkeypatch.undo()
    return fast, pure


@needs_libyaml
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_c_parser_and_the_pure_parser_read_every_file_alike(monkeypatch, path):
    data = path.read_bytes()
    (fast_tree, fast_problems), (pure_tree, pure_problems) = both_ways(monkeypatch,
                                                                      lambda: load_located(data, path.name))
    assert shape(fast_tree) == shape(pure_tree)
    assert [str(p) for p in fast_problems] == [str(p) for p in pure_problems]
    fast, pure = both_ways(monkeypatch, lambda: [str(p) for p in validate_file(path)])
    assert fast == pure


@needs_libyaml
@pytest.mark.parametrize("text", [
    "id: x\nname: Åland — ünïcode\nturns: 3\n  bad: indent\n",   # a syntax error after non-ASCII text
    "a: 1\na: 2\n",                                                   # a duplicate key, found when composing
    "a: !!python/object x\n",                                         # a tag
    "a: &x 1\nb: *x\n",                                               # an anchor and an alias
    "a: \"\\U00110000\"\n",                                           # an escape past the last code point
    "a: 1\r b: 2\n",                                                  # a lone CR: lines counted at LF only
    "a: [1, 2\n",                                                     # an unclosed flow sequence
    "a: 'x\x07'\n",                                                   # a control character
])
def test_positioned_errors_are_the_pure_parsers(monkeypatch, text):
    fast, pure = both_ways(monkeypatch, lambda: [str(p) for p in validate_text(text, "gen.yaml")])
    assert fast == pure and fast


@needs_libyaml
def test_a_clean_file_is_read_by_the_c_parser(monkeypatch):
    calls = []
    real = yaml.compose
    monkeypatch.setattr(yaml, "compose", lambda text, Loader: calls.append(Loader) or real(text, Loader=Loader))
    load_located((REPO / "campaigns" / "europe_2024.yaml").read_bytes(), "europe_2024.yaml")
    assert calls == [yaml.CSafeLoader]
