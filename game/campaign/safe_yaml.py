"""Load YAML text safely into a tree that remembers where every value came from.

Campaign files are written by hand and may come from anywhere, so only plain data is accepted: no tags, no
anchors or aliases, one document, bounded nesting and size. The text is first scanned with yaml's event parser
(iterative: a 100,000-deep `[[[[` costs nothing and cannot overflow the stack); only a clean stream is composed
into nodes and turned into `Mapping` / `Sequence` / `Scalar` objects carrying 1-based line and column.

Where PyYAML has libyaml, a file is first read with its C parser (europe_2024 in 1.3 ms instead of 76 ms); a file
with any problem, or with line breaks other than LF, is read again by the pure-Python parser, so every error is
worded and placed exactly as that parser places it.

    tree, problems = load_located(data, "campaigns/x.yaml")
"""
from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass, field
from typing import Any, Union

import yaml
from yaml import events as ev
from yaml import nodes as yn

from .errors import Problem

MAX_BYTES = 1 << 20          # 1 MiB
MAX_DEPTH = 32               # nested mappings/sequences

FAST_LOADER = getattr(yaml, "CSafeLoader", None)    # None where PyYAML was built without libyaml


@dataclass(eq=False, slots=True)
class Scalar:
    """A leaf value: int, float, bool, None or str, with its position.

    `text` is the scalar as written (without quotes); `style` is None for plain scalars, or one of ' " | >.
    """

    line: int
    col: int
    value: Any
    text: str = ""
    style: str | None = None
    end_line: int = 0


@dataclass(eq=False, slots=True)
class Sequence:
    line: int
    col: int
    items: list["Node"] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class Mapping:
    """Keys in file order, each to (the key's own Scalar, the value node)."""

    line: int
    col: int
    entries: dict[str, tuple[Scalar, "Node"]] = field(default_factory=dict)

    def get(self, key: str) -> "Node | None":
        entry = self.entries.get(key)
        return entry[1] if entry else None

    def key_node(self, key: str) -> Scalar | None:
        entry = self.entries.get(key)
        return entry[0] if entry else None


Node = Union[Scalar, Sequence, Mapping]


def to_python(node: Node | None) -> Any:
    """Strip positions: plain dicts, lists and scalars."""
    if isinstance(node, Mapping):
        return {k: to_python(v) for k, (_, v) in node.entries.items()}
    if isinstance(node, Sequence):
        return [to_python(v) for v in node.items]
    return None if node is None else node.value


def describe(node: Node | None) -> str:
    """How a value reads in an error message: "string 'abc'", "number 3", "boolean yes", "a list"."""
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    if node is None or node.value is None:
        return "an empty value"
    if isinstance(node.value, bool):
        return f"boolean {node.text}"
    text = node.text if len(node.text) <= 40 else node.text[:37] + "..."
    if isinstance(node.value, (int, float)):
        return f"number {text}"
    return f"string {text!r}"


# --------------------------------------------------------------------------------------------- decoding


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


# Besides LF, the YAML reader starts a new line at a lone CR, U+0085, U+2028 and U+2029; editors do not, so after
# one of them yaml's own line numbers would be off. Positions are counted at LF only (CRLF is already LF).
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")


class _Positions:
    """1-based (line, column) of a yaml mark, with lines counted at LF only."""

    def __init__(self, text: str):
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))] if _OTHER_BREAKS.search(text) else None

    def of(self, mark) -> tuple[int, int]:
        if self.starts is None:        # the common case: yaml counted the same lines
            return mark.line + 1, mark.column + 1
        i = bisect.bisect_right(self.starts, mark.index) - 1
        return i + 1, mark.index - self.starts[i] + 1


def decode(data: bytes, filename: str) -> tuple[str | None, list[Problem]]:
    """Bytes -> text: size cap, optional UTF-8 BOM, CRLF -> LF. Invalid UTF-8 is a problem at the bad byte."""
    if len(data) > MAX_BYTES:
        return None, [Problem(filename, 1, 1, f"file is too large ({len(data)} bytes; the limit is 1 MiB)")]
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = data.count(b"\n", 0, start) + 1
        line_start = data.rfind(b"\n", 0, start) + 1
        col = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
        hint = "save the file as UTF-8"
        if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            hint = "the file looks like UTF-16; save it as UTF-8"
        msg = f"invalid UTF-8 (byte 0x{data[start]:02x}); {hint}"
        return None, [Problem(filename, line, col, msg)]
    return text.replace("\r\n", "\n"), []


# --------------------------------------------------------------------------------------------- event scan


def _show_tag(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


_BAD_ESCAPE = re.compile(r"\\U([0-9A-Fa-f]{8})")


# A list item typed without the space after its dash ("-id: estonia"): YAML reads it as a plain word, and the parser
# then stumbles on the next line ("expected <block end>, but found '?'"). Said in the author's terms instead.
_DASH_SLIP = re.compile(r"^(\s*)-([^\s\-].*)$")


def _dash_slip(text: str, line: int) -> tuple[int, int, str] | None:
    """(line, column, message) for a dash with no space after it on the line of a syntax error or the two above."""
    lines = text.split("\n")
    for n in (line, line - 1, line - 2):
        found = _DASH_SLIP.match(lines[n - 1]) if 1 <= n <= len(lines) else None
        if found:
            indent, rest = found.groups()
            return n, len(indent) + 1, (f"a list item needs a space after its dash: write '- {rest.strip()}', not "
                                        f"'-{rest.strip()}'")
    return None


def _yaml_error(exc: Exception, text: str, filename: str, pos: _Positions) -> Problem:
    if isinstance(exc, ValueError):     # yaml's scanner lets chr() fail on an escape past the last code point
        for match in _BAD_ESCAPE.finditer(text):
            if int(match.group(1), 16) > 0x10FFFF:
                line, col = _line_col(text, match.start())
                return Problem(filename, line, col, f"the escape {match.group()} is not a Unicode character "
                                                    "(the last one is \\U0010FFFF)")
        return Problem(filename, 1, 1, f"YAML error: {exc}")
    if isinstance(exc, yaml.reader.ReaderError):
        line, col = _line_col(text, exc.position)
        return Problem(filename, line, col, f"character #x{exc.character:04x} is not allowed in a YAML file")
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        slip = _dash_slip(text, pos.of(mark)[0]) if mark is not None else None
        if slip is not None:
            return Problem(filename, *slip)
        message = f"YAML syntax error: {exc.problem or exc.context}"
        if exc.problem and exc.context:
            where = f" started at line {pos.of(exc.context_mark)[0]}" if exc.context_mark else ""
            message += f" ({exc.context}{where})"
        if mark is None:
            return Problem(filename, 1, 1, message)
        return Problem(filename, *pos.of(mark), message)
    return Problem(filename, 1, 1, f"YAML error: {exc}")


def scan(text: str, filename: str, pos: _Positions, loader=yaml.SafeLoader) -> list[Problem]:
    """Walk the event stream once and report what campaign files may not contain."""
    problems: list[Problem] = []
    depth = 0
    documents = 0

    def at(event: ev.Event, message: str) -> None:
        problems.append(Problem(filename, *pos.of(event.start_mark), message))

    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, ev.DocumentStartEvent):
                documents += 1
                if documents == 2:
                    at(event, "a campaign file must hold a single YAML document (found a second one)")
            elif isinstance(event, ev.AliasEvent):
                at(event, "anchors and aliases are not allowed in campaign files")
            elif isinstance(event, ev.NodeEvent):
                if event.anchor is not None:
                    at(event, "anchors and aliases are not allowed in campaign files")
                tag = getattr(event, "tag", None)
                if tag is not None:
                    at(event, f"tags are not allowed in campaign files (found '{_show_tag(tag)}')")
                if isinstance(event, ev.CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        at(event, f"nesting is deeper than {MAX_DEPTH} levels")
                        return problems
            elif isinstance(event, ev.CollectionEndEvent):
                depth -= 1
    except (yaml.YAMLError, ValueError) as exc:
        problems.append(_yaml_error(exc, text, filename, pos))
    return problems


# --------------------------------------------------------------------------------------------- compose


_constructor = yaml.constructor.SafeConstructor()
_BUILDERS = {
    "tag:yaml.org,2002:int": _constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _constructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": _constructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": _constructor.construct_yaml_null,
}


def _convert(node: yn.Node, filename: str, problems: list[Problem], pos: _Positions) -> Node:
    line, col = pos.of(node.start_mark)
    if isinstance(node, yn.ScalarNode):
        build = _BUILDERS.get(node.tag)
        try:
            value = build(node) if build else node.value    # str, and timestamps kept as text
        except (ValueError, OverflowError):                 # e.g. an integer of 5,000 digits
            value = float("inf")
        return Scalar(line, col, value, node.value, node.style or None,   # libyaml writes a plain style as ""
                      pos.of(node.end_mark)[0])
    if isinstance(node, yn.SequenceNode):
        return Sequence(line, col, [_convert(item, filename, problems, pos) for item in node.value])
    mapping = Mapping(line, col)
    for key_node, value_node in node.value:
        key = _convert(key_node, filename, problems, pos)
        if not isinstance(key, Scalar):
            problems.append(Problem(filename, key.line, key.col, "a key must be a plain name, not a list or mapping"))
            continue
        name = key.text
        if name in mapping.entries:
            first = mapping.entries[name][0]
            problems.append(Problem(filename, key.line, key.col,
                                    f"duplicate key '{name}' (first given at line {first.line})"))
            continue
        mapping.entries[name] = (key, _convert(value_node, filename, problems, pos))
    return mapping


def load_located(data: bytes | str, filename: str = "<string>") -> tuple[Node | None, list[Problem]]:
    """Parse campaign YAML into a located tree.

    Returns (tree, problems). The tree is None when the text could not be read at all (size, encoding, syntax,
    tags, anchors, depth, several documents, empty file). Duplicate keys are reported but still give a tree
    (the first value is kept) so the caller can go on checking the rest.
    """
    if isinstance(data, bytes):
        text, problems = decode(data, filename)
        if text is None:
            return None, problems
    else:
        if len(data.encode("utf-8", errors="surrogatepass")) > MAX_BYTES:
            return None, [Problem(filename, 1, 1, "file is too large (the limit is 1 MiB)")]
        text = data.lstrip("\ufeff").replace("\r\n", "\n")
    pos = _Positions(text)
    if FAST_LOADER is not None and pos.starts is None:
        tree, problems = _read(text, filename, pos, FAST_LOADER)
        if not problems:            # clean: libyaml's marks are the pure parser's (tests/test_fast_yaml.py)
            return tree, problems
    return _read(text, filename, pos, yaml.SafeLoader)


def _read(text: str, filename: str, pos: _Positions, loader) -> tuple[Node | None, list[Problem]]:
    problems = scan(text, filename, pos, loader)
    if problems:
        return None, problems
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:    # pragma: no cover - the scan has already parsed the same text
        return None, [_yaml_error(exc, text, filename, pos)]
    if root is None:
        message = "the file is empty: a campaign is a mapping of keys (id, name, turns...)"
        return None, [Problem(filename, 1, 1, message)]
    tree = _convert(root, filename, problems, pos)
    return tree, problems
