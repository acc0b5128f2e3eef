"""Every kind of mistake in a campaign file gives exact `FILE:LINE:COL: error: MESSAGE` lines, never a traceback.

The corpus in tests/campaign_errors/ pairs NAME.yaml with NAME.expected; cases that need huge or binary files are
generated here.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.campaign import CampaignError, load_campaign, load_campaign_text, validate_file, validate_text
from game.campaign.loader import INTERNAL

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "campaign_errors"
CASES = sorted(p.stem for p in CORPUS.glob("*.yaml"))


@pytest.fixture
def at_repo_root(monkeypatch):
    monkeypatch.chdir(REPO)


def test_corpus_is_complete():
    assert len(CASES) >= 20
    for name in CASES:
        assert (CORPUS / f"{name}.expected").is_file(), f"{name}.yaml has no .expected file"


@pytest.mark.parametrize("name", CASES)
def test_corpus_case(name, at_repo_root):
    rel = f"tests/campaign_errors/{name}.yaml"
    expected = (CORPUS / f"{name}.expected").read_text(encoding="utf-8").splitlines()
    got = [str(p) for p in validate_file(rel)]
    assert got == expected
    with pytest.raises(CampaignError) as info:
        load_campaign(rel)
    assert str(info.value).splitlines() == expected


def test_several_problems_are_all_reported(at_repo_root):
    problems = validate_file("tests/campaign_errors/several_problems.yaml")
    assert len(problems) >= 8
    assert problems == sorted(problems, key=lambda p: (p.line, p.col))
    messages = " | ".join(p.message for p in problems)
    for piece in ("start must be between", "unknown adversary 'rusia'", "trust must be between", "gdp: expected",
                  "ceiling must be at least", "both 'turn' and 'when'", "did you mean 'hedging'", "goals:"):
        assert piece in messages


def one_problem(text, filename="gen.yaml"):
    problems = validate_text(text, filename)
    assert len(problems) == 1, problems
    return str(problems[0])


def test_hundred_thousand_deep_flow_nesting_is_refused_cleanly():
    assert one_problem("[" * 100_000) == "gen.yaml:1:33: error: nesting is deeper than 32 levels"
    assert one_problem("a: " + "{b: " * 100_000) == "gen.yaml:1:128: error: nesting is deeper than 32 levels"


def test_deep_block_nesting_is_refused():
    text = "".join("  " * i + f"k{i}:\n" for i in range(40)) + "  " * 40 + "leaf\n"
    assert one_problem(text) == "gen.yaml:33:65: error: nesting is deeper than 32 levels"


def test_oversize_file(tmp_path):
    path = tmp_path / "big.yaml"
    line = b"# " + b"x" * 97 + b"\n"
    path.write_bytes(b"id: big\n" + line * 10_486)
    size = path.stat().st_size
    assert size > 1 << 20
    assert [str(p) for p in validate_file(path)] == [
        f"{path}:1:1: error: file is too large ({size} bytes; the limit is 1 MiB)"]
    with pytest.raises(CampaignError):
        load_campaign(path)
    expected = f"gen.yaml:1:1: error: file is too large ({size} bytes; the limit is 1 MiB)"
    assert one_problem(path.read_bytes()) == expected


def test_invalid_utf8_has_a_position(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: x\nname: Ünited\nnote: caf".encode("utf-8") + b"\xe9 au lait\n")
    assert [str(p) for p in validate_file(path)] == [
        f"{path}:3:10: error: invalid UTF-8 (byte 0xe9); save the file as UTF-8"]


def test_utf16_file_gets_a_hint():
    text = "id: x\n".encode("utf-16")
    assert one_problem(text).endswith("the file looks like UTF-16; save it as UTF-8")


def test_positions_are_the_same_with_bom_and_crlf():
    lf = (CORPUS / "unknown_key.yaml").read_text(encoding="utf-8")
    windows = b"\xef\xbb\xbf" + lf.replace("\n", "\r\n").encode("utf-8")
    assert validate_text(windows, "f") == validate_text(lf, "f")
    assert len(validate_text(windows, "f")) == 1


def test_control_character_is_reported():
    assert one_problem("id: x\nname: a\x07b\n") == "gen.yaml:2:8: error: character #x0007 is not allowed in a YAML file"


def test_anchor_and_tag_problems_are_all_listed():
    text = "a: &one 1\nb: *one\nc: !!str x\nd: !!python/name:os.system\n"
    assert [p.message for p in validate_text(text, "g")] == [
        "anchors and aliases are not allowed in campaign files",
        "anchors and aliases are not allowed in campaign files",
        "tags are not allowed in campaign files (found '!!str')",
        "tags are not allowed in campaign files (found '!!python/name:os.system')",
    ]


BASE = (CORPUS / "unknown_key.yaml").read_text(encoding="utf-8").replace("    trsut: 0.7\n", "")


def test_corpus_base_is_valid():
    assert validate_text(BASE) == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_campaigns_never_crash(data):
    """Delete, duplicate or garble a slice of a valid file: the loader answers with problems or a campaign."""
    text = BASE
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 40)))
    kind = data.draw(st.sampled_from(["delete", "insert", "replace"]))
    junk = data.draw(st.text(alphabet=st.sampled_from(list(" \n\t-:[]{}&*!|>'\"#%@`,?0.9aZ_\u00e9")), max_size=12))
    if kind == "delete":
        text = text[:start] + text[end:]
    elif kind == "insert":
        text = text[:start] + junk + text[start:]
    else:
        text = text[:start] + junk + text[end:]
    try:
        load_campaign_text(text, "fuzz.yaml")
    except CampaignError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.file == "fuzz.yaml" and p.line >= 1 and p.col >= 1 and p.message
            assert INTERNAL not in p.message, p


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_never_crash(raw):
    try:
        load_campaign_text(raw, "bytes.yaml")
    except CampaignError as exc:
        assert exc.problems
        assert all(INTERNAL not in p.message for p in exc.problems)


WEIRD_VALUES = ["", "~", "yes", "no", "0", "-1", "1.5", "1e3", "'x'", "[]", "{}", "[1, 2]", "{a: 1}", "1" * 5000,
                ".nan", "-.inf", "2024-01-01", "1:30", "0x1F", "poland", "russia", "allies", "us", "'turn > 1'",
                "\"poland.trust <\"", "|\n      block text", "Poland", "europe", "turn >= 3 and poland.trust < 0.2"]


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_any_value_anywhere_never_crashes(data):
    """Replace the value of a random `key: value` line of a valid file by something odd."""
    lines = BASE.splitlines()
    candidates = [i for i, line in enumerate(lines) if ": " in line and not line.rstrip().endswith(":")]
    i = data.draw(st.sampled_from(candidates))
    head = lines[i][:lines[i].index(": ") + 2]
    if "{" in head:                         # inside a flow mapping: replace the whole line's value
        head = lines[i][:lines[i].index("{")]
    lines[i] = head + data.draw(st.sampled_from(WEIRD_VALUES))
    problems = validate_text("\n".join(lines) + "\n", "odd.yaml")
    assert all(INTERNAL not in p.message for p in problems), problems


def test_huge_integers_are_problems_not_crashes():
    text = BASE.replace("turns: 10", "turns: " + "9" * 5000).replace("gdp: 810", "gdp: " + "9" * 400)
    assert [p.message for p in validate_text(text)] == [
        "turns: expected a whole number, got number 9999999999999999999999999999999999999...",
        "gdp: expected a finite number, got 9999999999999999999999999999999999999...",
    ]
