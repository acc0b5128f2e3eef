"""Issue 21, the students' handouts (docs/students/): each one printable as one self-contained HTML page, kept current
by tools/build_docs.py, and agreeing with the game: the glossary is the model's own factor list, the key card names
every order, key and scale the window has, the quiz and its answers line up."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.analysis.handouts import blocks, glossary, page
from game.campaign.model import ORDERS
from game.sim.report import FACTORS, SYSTEM_FACTORS
from game.ui.side.help import SCALES

STUDENTS = Path(__file__).resolve().parents[1] / "docs" / "students"
HANDOUTS = ("key-card", "glossary", "objectives", "quiz", "quiz-answers", "memo", "rubric")


@pytest.mark.parametrize("name", HANDOUTS)
def test_each_handout_is_one_current_self_contained_page(name):
    text = (STUDENTS / f"{name}.md").read_text(encoding="utf-8")
    html = (STUDENTS / f"{name}.html").read_text(encoding="utf-8")
    assert html == page(text), f"run `python tools/build_docs.py`: {name}.html is stale"
    assert "http" not in html and "<img" not in html and "@media print" in html
    assert html.count("<h1>") == 1


def test_the_glossary_is_the_models_factor_list():
    text = (STUDENTS / "glossary.md").read_text(encoding="utf-8")
    assert text == glossary(), "run `python tools/build_docs.py`: glossary.md is stale"
    rows = {r.split("|")[1].strip(): r.split("|")[2].strip() for r in text.splitlines() if r.startswith("| ")}
    for name in {n for names in (*FACTORS.values(), *SYSTEM_FACTORS.values()) for n in names}:
        assert rows.get(name), name


def test_the_key_card_names_every_order_key_and_scale():
    text = (STUDENTS / "key-card.md").read_text(encoding="utf-8")
    for order in ORDERS:
        assert f"| {order[0].upper()} | {order.capitalize()} |" in text, order
    assert "| G | Invoke Congress |" in text
    for scale, _ in SCALES:
        if scale != "Self-reliance":          # a figure of the ally panel, not a scale the player sets
            assert f"| {scale} |" in text, scale
    assert "for hand-in" in text and "team's name" in text


def test_the_quiz_and_its_answers_line_up_and_the_objectives_point_at_them():
    quiz = (STUDENTS / "quiz.md").read_text(encoding="utf-8")
    questions = re.findall(r"^### (\d+)\. ", quiz, re.M)
    assert questions == [str(n) for n in range(1, len(questions) + 1)] and len(questions) >= 10
    for n in questions:
        part = quiz.split(f"### {n}. ")[1].split("### ")[0]
        assert [line[:4] for line in part.splitlines() if line.startswith("- ")] == ["- A)", "- B)", "- C)"]
    _, doc = blocks((STUDENTS / "quiz-answers.md").read_text(encoding="utf-8"))
    table = next(b for b in doc if hasattr(b, "rows"))
    assert [r[0] for r in table.rows] == questions and all(r[1] in "ABC" for r in table.rows)
    objectives = (STUDENTS / "objectives.md").read_text(encoding="utf-8")
    cited = {int(q) for a, b in re.findall(r"Q(\d+)(?:-Q(\d+))?", objectives) for q in range(int(a), int(b or a) + 1)}
    assert cited == {int(n) for n in questions}


def test_the_memo_asks_for_the_reports_factors_and_the_rubric_scores_them():
    memo = (STUDENTS / "memo.md").read_text(encoding="utf-8")
    assert "named factor" in memo and "Save for hand-in" in memo and "what-if" in memo
    _, doc = blocks((STUDENTS / "rubric.md").read_text(encoding="utf-8"))
    table = next(b for b in doc if hasattr(b, "rows"))
    assert len(table.rows) == 4 and all(len(r) == 5 for r in table.rows)
    assert any("factor" in cell for cell in table.rows[1])
