"""Can an event's condition ever hold? Interval arithmetic over a parsed condition (game.campaign.expr), using the
ranges the model keeps every variable in: shares stay within 0-1, spending within 0 and the ally's ceiling,
capability and budget at 0 or above, and `turn` runs from 1 to the campaign's last turn.

    verdict, part = reach(expr.tree, campaign)   # "never" | "always" | "maybe", and the comparison that decides it
"""
from __future__ import annotations

import math

from game.campaign import Campaign

Interval = tuple[float, float]
INF = math.inf
SHARES = ("threat", "trust", "alignment", "hedging", "presence", "revisionism", "domestic_pressure", "credibility",
          "self_reliance", "autonomy")


def variable_range(campaign: Campaign, entity: str, var: str) -> Interval:
    if var in SHARES:
        return (0.0, 1.0)
    if var == "spending":
        ceilings = [a.ceiling for a in campaign.allies if entity in ("*", a.id)]
        return (0.0, max(ceilings))
    return (0.0, INF)          # capability, budget: kept at 0 or above, no upper bound


def _arith(op: str, a: Interval, b: Interval) -> Interval:
    if op == "+":
        return (a[0] + b[0], a[1] + b[1])
    if op == "-":
        return (a[0] - b[1], a[1] - b[0])
    if op == "/":
        if b[0] <= 0 <= b[1]:
            return (-INF, INF)     # a divisor that may be 0: anything (or NaN) may come out
        b = (1 / b[1], 1 / b[0])
    products = [x * y for x in a for y in b if not (math.isinf(x) and y == 0 or math.isinf(y) and x == 0)]
    return (min(products, default=0.0), max(products, default=0.0))


def value_range(node: tuple, campaign: Campaign) -> Interval:
    kind = node[0]
    if kind == "num":
        return (node[1], node[1])
    if kind == "turn":
        return (1.0, float(campaign.turns))
    if kind == "var":
        return variable_range(campaign, node[1], node[2])
    if kind == "agg":
        return variable_range(campaign, "*", node[2])
    if kind == "neg":
        lo, hi = value_range(node[1], campaign)
        return (-hi, -lo)
    return _arith(node[1], value_range(node[2], campaign), value_range(node[3], campaign))


def _compare(op: str, a: Interval, b: Interval) -> str:
    if op in (">", ">="):
        op, a, b = {">": "<", ">=": "<="}[op], b, a
    if op == "<":
        return "always" if a[1] < b[0] else "never" if a[0] >= b[1] else "maybe"
    if op == "<=":
        return "always" if a[1] <= b[0] else "never" if a[0] > b[1] else "maybe"
    apart = a[1] < b[0] or b[1] < a[0]
    same = a[0] == a[1] == b[0] == b[1]
    verdict = "never" if apart else "always" if same else "maybe"
    return verdict if op == "==" else {"never": "always", "always": "never"}.get(verdict, "maybe")


def reach(node: tuple, campaign: Campaign) -> tuple[str, tuple]:
    """("never" | "always" | "maybe", the part of the condition that settles it)."""
    kind = node[0]
    if kind == "cmp":
        return _compare(node[1], value_range(node[2], campaign), value_range(node[3], campaign)), node
    if kind == "not":
        verdict, part = reach(node[1], campaign)
        return {"never": "always", "always": "never"}.get(verdict, "maybe"), part
    left, right = reach(node[1], campaign), reach(node[2], campaign)
    settle = "never" if kind == "and" else "always"      # one side settles `and` when never, `or` when always
    for side in (left, right):
        if side[0] == settle:
            return side
    if left[0] == right[0]:
        return left[0], node
    return "maybe", node


def text(node: tuple) -> str:
    """A condition part written back as the author would: `poland.trust > 1.2`."""
    kind = node[0]
    if kind == "num":
        return f"{node[1]:g}"
    if kind == "turn":
        return "turn"
    if kind == "var":
        return f"{node[1]}.{node[2]}"
    if kind == "agg":
        return f"{node[1]}({node[2]})"
    if kind == "neg":
        return f"-{text(node[1])}"
    if kind == "not":
        return f"not ({text(node[1])})"
    if kind in ("and", "or"):
        return f"{text(node[1])} {kind} {text(node[2])}"
    inner = f"{text(node[2])} {node[1]} {text(node[3])}"
    return inner if kind == "cmp" else f"({inner})"      # arithmetic, bracketed so the order stays plain


def bounds(node: tuple, campaign: Campaign) -> str:
    """How a value part ranges, for a message: 'poland.trust stays between 0 and 1'."""
    lo, hi = value_range(node, campaign)
    if lo == hi:
        return ""
    upper = "with no upper bound" if math.isinf(hi) else f"and {hi:g}"
    return f"{text(node)} stays between {lo:g} {upper}"
