"""The small condition language of event `when:` fields. Parsed by hand; never eval.

    expr := or ;  or := and ('or' and)* ;  and := not ('and' not)* ;  not := 'not' not | cmp
    cmp  := sum (('<'|'<='|'>'|'>='|'=='|'!=') sum)?
    sum  := term (('+'|'-') term)* ;  term := unary (('*'|'/') unary)* ;  unary := '-' unary | atom
    atom := NUMBER | 'turn' | ID '.' VAR | FUNC '(' VAR ')' | '(' expr ')'

`parse(text, names)` checks every name against the campaign and that the whole is a condition, so a parsed `Expr`
cannot fail at run time. `Expr.evaluate(env)` works on a batch of games at once (numpy arrays of shape (B,)).

The tree is made of tuples: ('num', x) ('turn',) ('var', entity, var) ('agg', func, var) ('neg', a)
('arith', op, a, b) ('cmp', op, a, b) ('and', a, b) ('or', a, b) ('not', a).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, Iterable, Protocol

from .model import ADVERSARY_VARS, ALLY_READINGS, ALLY_VARS, US_VARS

READABLE = ALLY_VARS + ALLY_READINGS   # what a condition may read of an ally

FUNCS = ("mean", "min", "max")
MAX_LENGTH = 1000   # characters
MAX_DEPTH = 64      # nesting of the tree

# Numbers in the digits 0-9 only, as in every number field of a campaign (\d would take '١' and '٥' too).
_TOKEN = re.compile(r"\s*(?:([0-9]+\.?[0-9]*(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?)|([A-Za-z_][A-Za-z0-9_]*)"
                    r"|(<=|>=|==|!=|[<>+\-*/().])|(\S))")


class ExprError(ValueError):
    """A problem in an expression; `offset` is the 0-based index of the offending character in the text."""

    def __init__(self, message: str, offset: int = 0):
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class Names:
    """What an expression may refer to: the campaign's ally and adversary ids."""

    allies: tuple[str, ...] = ()
    adversaries: tuple[str, ...] = ()

    @classmethod
    def of(cls, campaign: Any) -> "Names":
        return cls(tuple(a.id for a in campaign.allies), tuple(a.id for a in campaign.adversaries))


class Env(Protocol):
    """What `Expr.evaluate` reads. `batch` (B) is optional when some value in the expression is an array."""

    turn: int

    def value(self, entity: str, var: str) -> Any: ...          # array (B,); entity may be 'us'

    def aggregate(self, func: str, var: str) -> Any: ...        # array (B,): mean/min/max of an ally var


def _hint(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, offset) with kind in num/name/op/end."""
    tokens = []
    pos = 0
    while True:
        m = _TOKEN.match(text, pos)
        if m is None:          # only trailing whitespace is left
            break
        number, name, op, bad = m.groups()
        start = m.start(m.lastindex)
        if bad is not None:
            hint = " (write numbers with the digits 0-9)" if bad.isdigit() else ""
            raise ExprError(f"unexpected character {bad!r}{hint}", start)
        if number is not None:
            tokens.append(("num", number, start))
        elif name is not None:
            tokens.append(("name", name, start))
        else:
            tokens.append(("op", op, start))
        pos = m.end()
    tokens.append(("end", "", len(text)))
    return tokens


def _show(token: tuple[str, str, int]) -> str:
    return "the end of the expression" if token[0] == "end" else repr(token[1])


class _Parser:
    def __init__(self, text: str, names: Names):
        self.text = text
        self.names = names
        self.tokens = _tokenize(text)
        self.i = 0
        self.nesting = 0

    # -- helpers
    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def accept(self, *ops: str) -> tuple[str, str, int] | None:
        tok = self.peek()
        if tok[0] in ("op", "name") and tok[1] in ops:
            self.i += 1
            return tok
        return None

    def expect(self, op: str, what: str) -> None:
        tok = self.peek()
        if not (tok[0] == "op" and tok[1] == op):
            raise ExprError(f"expected {what}, found {_show(tok)}", tok[2])
        self.i += 1

    def deeper(self, offset: int) -> None:
        self.nesting += 1
        if self.nesting > MAX_DEPTH // 2:
            raise ExprError("expression is nested too deeply", offset)

    # -- grammar; every method returns (node, kind, offset) with kind 'num' or 'bool'
    def parse(self) -> tuple:
        node, kind, offset = self.or_()
        tok = self.peek()
        if tok[0] != "end":
            if tok[0] == "op" and tok[1] in ("<", "<=", ">", ">=", "==", "!="):
                raise ExprError(f"unexpected {tok[1]!r}: comparisons cannot be chained, join them with 'and'",
                                tok[2])
            raise ExprError(f"unexpected {_show(tok)} after a complete expression", tok[2])
        if kind != "bool":
            raise ExprError("the expression must be a condition (a comparison such as 'turn >= 3'), "
                            "not a number", offset)
        return node

    def _logic(self, op: str, operand) -> tuple:
        node, kind, offset = operand()
        while self.accept(op):
            right, rkind, roffset = operand()
            for k, o in ((kind, offset), (rkind, roffset)):
                if k != "bool":
                    raise ExprError(f"'{op}' joins conditions (comparisons), not numbers", o)
            node = (op, node, right)
        return node, kind, offset

    def or_(self):
        return self._logic("or", self.and_)

    def and_(self):
        return self._logic("and", self.not_)

    def not_(self):
        tok = self.accept("not")
        if tok is None:
            return self.cmp()
        self.deeper(tok[2])
        node, kind, offset = self.not_()
        self.nesting -= 1
        if kind != "bool":
            raise ExprError("'not' applies to a condition (a comparison), not a number", offset)
        return ("not", node), "bool", tok[2]

    def cmp(self):
        left, kind, offset = self.sum()
        tok = self.accept("<", "<=", ">", ">=", "==", "!=")
        if tok is None:
            return left, kind, offset
        right, rkind, roffset = self.sum()
        for k, o in ((kind, offset), (rkind, roffset)):
            if k != "num":
                raise ExprError(f"'{tok[1]}' compares numbers, not conditions", o)
        return ("cmp", tok[1], left, right), "bool", offset

    def _arith(self, ops: tuple[str, ...], operand) -> tuple:
        node, kind, offset = operand()
        while tok := self.accept(*ops):
            right, rkind, roffset = operand()
            for k, o in ((kind, offset), (rkind, roffset)):
                if k != "num":
                    raise ExprError(f"'{tok[1]}' works on numbers, not conditions", o)
            node = ("arith", tok[1], node, right)
        return node, kind, offset

    def sum(self):
        return self._arith(("+", "-"), self.term)

    def term(self):
        return self._arith(("*", "/"), self.unary)

    def unary(self):
        tok = self.accept("-")
        if tok is None:
            return self.atom()
        self.deeper(tok[2])
        node, kind, offset = self.unary()
        self.nesting -= 1
        if kind != "num":
            raise ExprError("'-' applies to a number, not a condition", offset)
        return ("neg", node), "num", tok[2]

    def atom(self):
        tok = self.take()
        kind, text, offset = tok
        if kind == "num":
            try:
                return ("num", float(text)), "num", offset
            except ValueError:      # pragma: no cover - the token pattern only matches valid numbers
                raise ExprError(f"bad number {text!r}", offset) from None
        if kind == "op" and text == "(":
            self.deeper(offset)
            node, nkind, _ = self.or_()
            self.expect(")", "')' to match the '('")
            self.nesting -= 1
            return node, nkind, offset
        if kind != "name":
            raise ExprError(f"expected a number, 'turn', a variable such as 'poland.trust' or '(', "
                            f"found {_show(tok)}", offset)
        if text == "turn":
            return ("turn",), "num", offset
        if text in ("and", "or", "not"):
            raise ExprError(f"'{text}' needs a condition before it", offset)
        if self.peek()[0] == "op" and self.peek()[1] == "(":
            return self.function(text, offset)
        return self.variable(text, offset)

    def function(self, func: str, offset: int):
        if func not in FUNCS:
            hint = _hint(func, FUNCS) or "; the functions are mean, min and max"
            raise ExprError(f"unknown function '{func}'{hint}", offset)
        self.take()     # (
        kind, var, voffset = self.take()
        if kind != "name":
            raise ExprError(f"{func}() takes an ally variable such as 'trust'", voffset)
        if var not in READABLE:
            hint = _hint(var, READABLE) or f" (ally variables: {', '.join(READABLE)})"
            raise ExprError(f"unknown ally variable '{var}'{hint}", voffset)
        self.expect(")", f"')' after {func}({var}")
        return ("agg", func, var), "num", offset

    def variable(self, entity: str, offset: int):
        allies, adversaries = self.names.allies, self.names.adversaries
        if entity == "us":
            variables, what = US_VARS, "the U.S."
        elif entity in allies:
            variables, what = READABLE, f"ally '{entity}'"
        elif entity in adversaries:
            variables, what = ADVERSARY_VARS, f"adversary '{entity}'"
        else:
            known = (*allies, *adversaries, "us", "turn", *FUNCS)
            raise ExprError(f"unknown name '{entity}'{_hint(entity, known)}", offset)
        tok = self.peek()
        if not (tok[0] == "op" and tok[1] == "."):
            raise ExprError(f"'{entity}' needs a variable, e.g. '{entity}.{variables[0]}'", tok[2])
        self.take()
        kind, var, voffset = self.take()
        if kind != "name":
            raise ExprError(f"expected a variable name after '{entity}.'", voffset)
        if var not in variables:
            hint = _hint(var, variables) or f" (its variables: {', '.join(variables)})"
            raise ExprError(f"'{var}' is not a variable of {what}{hint}", voffset)
        return ("var", entity, var), "num", offset


def _depth(node: tuple) -> int:
    """Depth of the tree, without recursion (a long chain 1+1+1+... is deep on one side)."""
    best, stack = 0, [(node, 1)]
    while stack:
        n, d = stack.pop()
        best = max(best, d)
        stack.extend((c, d + 1) for c in n[1:] if isinstance(c, tuple))
    return best


class Expr:
    """A parsed, checked condition."""

    def __init__(self, text: str, tree: tuple):
        self.text = text
        self.tree = tree

    def __repr__(self) -> str:
        return f"Expr({self.text!r})"

    def names(self) -> tuple[str, ...]:
        """References in order of first appearance: 'turn', 'poland.trust', 'max(hedging)'."""
        found: list[str] = []
        stack = [self.tree]
        while stack:
            n = stack.pop()
            ref = "turn" if n[0] == "turn" else f"{n[1]}.{n[2]}" if n[0] == "var" else \
                f"{n[1]}({n[2]})" if n[0] == "agg" else None
            if ref and ref not in found:
                found.append(ref)
            stack.extend(reversed([c for c in n[1:] if isinstance(c, tuple)]))
        return tuple(found)

    def evaluate(self, env: Env, batch: int | None = None):
        """Truth of the condition for each game of the batch: a bool array of shape (B,).

        B is `batch`, else `env.batch`, else the length of the arrays the expression reads (1 if it reads none).
        """
        import numpy as np  # noqa: PLC0415 - numpy loads only when a condition runs: `validate` starts without it

        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            result = np.asarray(_eval(self.tree, env, np))
        size = batch if batch is not None else getattr(env, "batch", None)
        if size is None:
            size = result.shape[0] if result.ndim else 1
        return np.array(np.broadcast_to(result, (size,)), dtype=bool)


_ARITH = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a / b}
_CMP = {"<": "less", "<=": "less_equal", ">": "greater", ">=": "greater_equal", "==": "equal", "!=": "not_equal"}


def _eval(n: tuple, env: Env, np):
    op = n[0]
    if op == "num":
        return n[1]
    if op == "turn":
        return float(env.turn)
    if op == "var":
        return np.asarray(env.value(n[1], n[2]), dtype=float)
    if op == "agg":
        return np.asarray(env.aggregate(n[1], n[2]), dtype=float)
    if op == "neg":
        return -_eval(n[1], env, np)
    if op == "arith":
        return _ARITH[n[1]](np.asarray(_eval(n[2], env, np), dtype=float), _eval(n[3], env, np))
    if op == "cmp":
        return getattr(np, _CMP[n[1]])(_eval(n[2], env, np), _eval(n[3], env, np))
    if op == "not":
        return np.logical_not(_eval(n[1], env, np))
    if op == "and":
        return np.logical_and(_eval(n[1], env, np), _eval(n[2], env, np))
    return np.logical_or(_eval(n[1], env, np), _eval(n[2], env, np))


def parse(text: str, names: Names | Any = Names()) -> Expr:
    """Parse and check `text`; `names` is a `Names`, or anything with `allies` and `adversaries` holding ids
    (or objects with an `id`, so a `Campaign` will do).

    Raises ExprError(message, offset) on the first problem.
    """
    if not isinstance(text, str):
        raise ExprError("an expression must be a string", 0)
    if len(text) > MAX_LENGTH:
        raise ExprError(f"expression is too long ({len(text)} characters; the limit is {MAX_LENGTH})", MAX_LENGTH)
    if not text.strip():
        raise ExprError("the expression is empty", 0)
    if not isinstance(names, Names):
        names = Names(tuple(getattr(a, "id", a) for a in names.allies),
                      tuple(getattr(a, "id", a) for a in names.adversaries))
    tree = _Parser(text, names).parse()
    if _depth(tree) > MAX_DEPTH:
        raise ExprError("expression is too complex (too many operators in a row)", 0)
    return Expr(text, tree)
