"""The `when:` condition language: parsing, precedence, vectorised evaluation, errors with offsets."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.campaign.expr import Expr, ExprError, Names, parse

NAMES = Names(allies=("poland", "germany", "japan"), adversaries=("russia", "china"))


class FakeEnv:
    """Three allies over a batch of four games."""

    def __init__(self, turn=3, batch=4):
        self.turn = turn
        self.batch = batch
        rng = np.random.default_rng(7)
        self.values = {(e, v): rng.random(batch) for e in NAMES.allies for v in
                       ("spending", "threat", "trust", "alignment", "hedging", "presence")}
        self.values.update({(e, v): rng.random(batch) * 100 for e in NAMES.adversaries
                            for v in ("capability", "revisionism")})
        self.values.update({("us", v): rng.random(batch) for v in ("domestic_pressure", "credibility", "budget")})

    def value(self, entity, var):
        return self.values[(entity, var)]

    def aggregate(self, func, var):
        stacked = np.stack([self.values[(a, var)] for a in NAMES.allies])
        return {"mean": np.mean, "min": np.min, "max": np.max}[func](stacked, axis=0)


def truth(text, env=None):
    env = env or FakeEnv()
    out = parse(text, NAMES).evaluate(env)
    assert out.dtype == bool and out.shape == (env.batch,)
    return out


@pytest.mark.parametrize("text, expected", [
    ("1 + 2 * 3 == 7", True),
    ("(1 + 2) * 3 == 9", True),
    ("10 - 4 - 3 == 3", True),              # left associative
    ("8 / 4 / 2 == 1", True),
    ("-2 * -3 == 6", True),
    ("- - 2 == 2", True),
    ("2 - -2 == 4", True),
    ("not 1 > 2 and 2 > 1", True),          # not binds tighter than and
    ("1 > 2 and 1 > 2 or 2 > 1", True),     # and binds tighter than or
    ("2 > 1 or 1 > 2 and 1 > 2", True),
    ("not (2 > 1 or 1 > 2)", False),
    ("not not 2 > 1", True),
    ("1 != 1", False),
    ("0.5 <= .5 and 1e2 >= 100", True),
    ("turn == 3", True),
    ("turn > 3", False),
])
def test_precedence_and_constants(text, expected):
    assert truth(text).tolist() == [expected] * 4


def test_tree_shape():
    tree = parse("turn >= 3 and poland.trust < 0.4 or not max(hedging) > 0.5", NAMES).tree
    assert tree == ("or",
                    ("and", ("cmp", ">=", ("turn",), ("num", 3.0)),
                     ("cmp", "<", ("var", "poland", "trust"), ("num", 0.4))),
                    ("not", ("cmp", ">", ("agg", "max", "hedging"), ("num", 0.5))))


def test_vectorised_evaluation():
    env = FakeEnv()
    v = env.values
    got = truth("poland.trust < germany.trust or russia.revisionism * 2 > 100", env)
    want = (v["poland", "trust"] < v["germany", "trust"]) | (v["russia", "revisionism"] * 2 > 100)
    assert got.tolist() == want.tolist()
    got = truth("mean(threat) > 0.5 and not (us.credibility < min(trust))", env)
    stacked = np.stack([v[a, "threat"] for a in NAMES.allies]).mean(axis=0)
    mins = np.stack([v[a, "trust"] for a in NAMES.allies]).min(axis=0)
    assert got.tolist() == ((stacked > 0.5) & ~(v["us", "credibility"] < mins)).tolist()
    assert got.flags.writeable


def test_scalar_conditions_broadcast_to_the_batch():
    assert truth("turn >= 2", FakeEnv(turn=2, batch=5)).tolist() == [True] * 5
    expr = parse("turn >= 2", NAMES)

    class NoBatch:
        turn = 1

        def value(self, entity, var):
            return np.array([0.1, 0.9])

        def aggregate(self, func, var):
            return np.array([0.1, 0.9])

    assert expr.evaluate(NoBatch()).tolist() == [False]                 # no batch known: one game
    assert expr.evaluate(NoBatch(), batch=3).tolist() == [False] * 3
    assert parse("japan.trust > 0.5", NAMES).evaluate(NoBatch()).tolist() == [False, True]


def test_division_by_zero_is_quiet():
    with np.errstate(all="raise"):
        assert truth("poland.trust / 0 > 1").tolist() == [True] * 4
        assert truth("0 / 0 > 1").tolist() == [False] * 4


def test_names_lists_references():
    expr = parse("turn > 2 and poland.trust < us.credibility or max(hedging) > poland.trust", NAMES)
    assert isinstance(expr, Expr)
    assert expr.names() == ("turn", "poland.trust", "us.credibility", "max(hedging)")


def test_names_can_come_from_a_campaign_like_object():
    class Ent:
        def __init__(self, id):
            self.id = id

    class Camp:
        allies = (Ent("poland"),)
        adversaries = (Ent("russia"),)

    assert parse("poland.trust > russia.revisionism", Camp()).names() == ("poland.trust", "russia.revisionism")


@pytest.mark.parametrize("text, offset, message", [
    ("polnd.trust < 0.4", 0, "unknown name 'polnd'; did you mean 'poland'?"),
    ("turn > 1 and poland.trst < 1", 20, "'trst' is not a variable of ally 'poland'; did you mean 'trust'?"),
    ("russia.trust > 1", 7, "'trust' is not a variable of adversary 'russia' (its variables: capability, revisionism)"),
    ("us.budgte > 1", 3, "'budgte' is not a variable of the U.S.; did you mean 'budget'?"),
    ("maxx(hedging) > 1", 0, "unknown function 'maxx'; did you mean 'max'?"),
    ("avg(trust) > 1", 0, "unknown function 'avg'; the functions are mean, min and max"),
    ("mean(capability) > 1", 5, "unknown ally variable 'capability'"),
    ("turn >= 3 poland", 10, "unexpected 'poland' after a complete expression"),
    ("turn >= 3)", 9, "unexpected ')' after a complete expression"),
    ("1 < 2 < 3", 6, "comparisons cannot be chained"),
    ("(turn > 1", 9, "expected ')' to match the '('"),
    ("turn >= ", 8, "found the end of the expression"),
    ("turn # 3", 5, "unexpected character '#'"),
    ("poland > 1", 7, "'poland' needs a variable, e.g. 'poland.spending'"),
    ("poland.trust", 0, "must be a condition"),
    ("turn + 1", 0, "must be a condition"),
    ("not turn", 4, "'not' applies to a condition"),
    ("turn > 1 and 3", 13, "'and' joins conditions"),
    ("(turn > 1) + 1 > 0", 0, "'+' works on numbers, not conditions"),
    ("-(turn > 1)", 1, "'-' applies to a number"),
    ("   ", 0, "the expression is empty"),
    ("and turn > 1", 0, "'and' needs a condition before it"),
])
def test_errors_have_offsets(text, offset, message):
    with pytest.raises(ExprError) as info:
        parse(text, NAMES)
    assert info.value.offset == offset
    assert message in info.value.message
    assert 0 <= info.value.offset <= len(text)


@pytest.mark.parametrize("text", [
    "(" * 10_000 + "1",
    "not " * 5_000 + "turn > 1",
    "-" * 10_000 + "1 > 0",
    "1+" * 400 + "1 > 0",
    "turn > 1 and " * 70 + "turn > 1",
])
def test_pathological_nesting_is_an_error_not_a_crash(text):
    with pytest.raises(ExprError):
        parse(text, NAMES)


def test_reasonable_long_expressions_are_fine():
    text = " and ".join(f"{a}.trust > 0.{i}" for i, a in enumerate(NAMES.allies * 5))
    assert truth(text).shape == (4,)


TOKENS = ["turn", "poland", "russia", "us", ".", "trust", "revisionism", "credibility", "max", "mean", "(", ")",
          "and", "or", "not", "<", "<=", ">", ">=", "==", "!=", "+", "-", "*", "/", "0", "1.5", ".5", "3e2", " ",
          "hedging", "x", "@"]


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60))
def test_garbage_text_only_raises_expr_error(text):
    try:
        parse(text, NAMES)
    except ExprError as exc:
        assert 0 <= exc.offset <= max(len(text), 0) + 1


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=25))
def test_token_soup_parses_or_raises_expr_error_and_evaluates_to_bools(tokens):
    text = " ".join(tokens)
    try:
        expr = parse(text, NAMES)
    except ExprError as exc:
        assert 0 <= exc.offset <= len(text)
        return
    out = expr.evaluate(FakeEnv())
    assert out.dtype == bool and out.shape == (4,)
