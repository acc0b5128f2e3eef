"""The fuzz harness's file operators (issue 22), run in-process through `game.cli.main`:

- writes: every command that writes a file, aimed at a target that is absent, its own earlier output, someone
  else's file, a file the command reads (or a hard link to it), a symbolic link to someone else's file, a FIFO,
  a folder, or a path under a file; with and without --force. The exit code must be what the write rule says,
  no file but the command's own output may change, no temp file may be left, nothing may hang or raise.
- saves: hostile saves for `class` and `debrief`: file names that are not UTF-8 or hold newlines and markup, team
  names and campaign fields of any length and character (3,000,000 characters, NUL, lone surrogates, bidi marks,
  HTML, Markdown, spreadsheet formulas), damaged JSON. The command must end in a report or one line, with nothing
  written outside --out, no unescaped markup in class.md or class.html, a class.csv Python's csv module reads
  with no cell a formula, and no output line longer than MAX_LINE.

Case i of seed S is always the same (random.Random(f"{S}:{i}")), so a failure is reproduced by its number.
"""
from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import stat
from pathlib import Path

from game.cli import main
from game.paths import campaigns_dir

HANG_SECONDS = 60          # one command, a class report of a 3,000,000-character name included
MAX_LINE = 2000            # characters of one line on stdout or stderr
NOTES = b"someone else's file\n"
TARGETS = ("absent", "own", "foreign", "input", "symlink", "fifo", "folder", "under_file")


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def call(argv: list) -> tuple[int | None, str, str, str | None]:
    """(exit code, stdout, stderr, what escaped or None) of `fairshare ARGV`, in-process, under the hang alarm."""
    out, err = io.StringIO(), io.StringIO()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG_SECONDS)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in argv])
        return code, out.getvalue(), err.getvalue(), None
    except Hang:
        return None, out.getvalue(), err.getvalue(), f"hang over {HANG_SECONDS} s"
    except SystemExit as done:            # argparse's usage errors
        return done.code, out.getvalue(), err.getvalue(), None
    except BaseException as error:  # noqa: BLE001 - what the harness is looking for
        return None, out.getvalue(), err.getvalue(), f"{type(error).__name__}: {str(error)[:160]}"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every path under `folder` (links not followed): its type, and for a regular file a hash of its bytes."""
    found = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = os.path.join(root, name)
            mode = os.lstat(path).st_mode
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest() if stat.S_ISREG(mode) else ""
            found[os.path.relpath(path, folder)] = (stat.S_IFMT(mode), digest)
    return found


def _temp_files(folder: Path) -> list[str]:
    return [os.path.join(r, f) for r, _, files in os.walk(folder) for f in files if f.endswith(".tmp")]


# --------------------------------------------------------------------------------------------- base files
def make_base(scratch: Path) -> dict[str, Path]:
    """Files every case copies: campaigns, finished saves, and each command's own earlier output."""
    folder = scratch / "base"
    folder.mkdir(parents=True, exist_ok=True)
    base = {"tutorial": folder / "tutorial.yaml", "europe_2014": folder / "europe_2014.yaml"}
    for name, path in base.items():
        shutil.copy(campaigns_dir() / f"{name}.yaml", path)
    for k, policy in enumerate(("adaptive", "pressure")):
        base[f"save{k}"] = folder / f"save{k}.json"
        _must(["simulate", "tutorial", "--policy", policy, "--runs", "1", "--seed", "7", "--save", base[f"save{k}"]])
    base["plan"] = folder / "plan.yaml"
    _must(["balance", "tutorial", "--runs", "10", "--search", "0", "--plan-out", base["plan"]])
    base["chart"] = folder / "chart.png"
    _must(["backtest", "europe_2014", "--runs", "4", "--chart", base["chart"]])
    base["campaign"] = folder / "new.yaml"
    _must(["new", "fuzzed", "--allies", "poland,estonia", "--out", base["campaign"]])
    base["saves"] = folder / "saves"
    base["saves"].mkdir()
    for k in range(2):
        shutil.copy(base[f"save{k}"], base["saves"] / f"team{k}.json")
    base["debrief"], base["class"] = folder / "debrief", folder / "class"
    _must(["debrief", base["save0"], "--out", base["debrief"]])
    _must(["class", base["saves"], "--out", base["class"]])
    return base


def _must(argv: list) -> None:
    code, _, err, escaped = call(argv)
    if code != 0 or escaped:
        raise RuntimeError(f"the fuzz harness's base file failed: fairshare {' '.join(map(str, argv))}: "
                           f"{escaped or err.strip()}")


# --------------------------------------------------------------------------------------------- writes
def _writer(name: str, case: Path, base: dict[str, Path], rng: random.Random) -> tuple[list, Path, Path, list]:
    """(argv with {T} for the target, the target, its own earlier output, the inputs it reads) of a writer."""
    tutorial = shutil.copy(base["tutorial"], case / "tutorial.yaml")
    if name == "simulate":
        plan = shutil.copy(base["plan"], case / "orders.yaml") if rng.random() < 0.5 else None
        argv = ["simulate", tutorial, "--policy", plan or "hold", "--runs", "1", "--seed", rng.randrange(99), "--save"]
        return [*argv, "{T}"], case / "out.json", base["save1"], [tutorial, *([plan] if plan else [])]
    if name == "balance":
        return (["balance", tutorial, "--runs", "10", "--search", "0", "--plan-out", "{T}"], case / "best.yaml",
                base["plan"], [tutorial])
    if name == "backtest":
        europe = shutil.copy(base["europe_2014"], case / "europe_2014.yaml")
        return ["backtest", europe, "--runs", "4", "--chart", "{T}"], case / "out.png", base["chart"], [europe]
    if name == "new":
        return ["new", "fuzzed", "--allies", "poland,estonia", "--out", "{T}"], case / "new.yaml", base["campaign"], []
    out = case / "out"
    if name == "debrief":
        save = shutil.copy(base["save0"], case / "game.json")
        file = rng.choice(["debrief.html", "debrief.md", "game.csv", "game.json", "charts/score.png"])
        return ["debrief", save, "--out", out], out / file, base["debrief"] / file, [save]
    saves = shutil.copytree(base["saves"], case / "saves")
    file = rng.choice(["class.html", "class.md", "class.csv", "charts/class_score.png"])
    return ["class", saves, "--out", out], out / file, base["class"] / file, [saves / "team0.json"]


def _place(kind: str, target: Path, own: Path, inputs: list, case: Path) -> Path:
    """Put what `kind` says at `target`; returns a file outside the target that must stay as it is."""
    target.parent.mkdir(parents=True, exist_ok=True)
    outside = case / "elsewhere.txt"
    outside.write_bytes(NOTES)
    if kind == "own":
        shutil.copy(own, target)
    elif kind == "foreign":
        target.write_bytes(NOTES)
    elif kind == "input":
        os.link(inputs[0], target)
    elif kind == "symlink":
        target.symlink_to(outside)
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    return outside


def expected(writer: str, kind: str, force: bool) -> int:
    """The exit code the write rule gives."""
    if kind == "absent" or (kind == "own" and writer != "new"):
        return 0
    if kind in ("own", "foreign", "symlink"):
        return 0 if force else 2
    return 2                      # the input, a FIFO, a folder, a path under a file: never, even with --force


WRITERS = ("simulate", "balance", "backtest", "new", "debrief", "class")


def write_case(seed: int, i: int, scratch: Path, base: dict[str, Path]) -> str | None:
    """Case `i`: what went wrong, or None."""
    rng = random.Random(f"{seed}:{i}")
    writer, kind, force = rng.choice(WRITERS), rng.choice(TARGETS), rng.random() < 0.4
    if kind == "input" and writer == "new":
        kind = "foreign"                     # `new` reads no file of the user's
    case = scratch / f"w{i}"
    case.mkdir()
    try:
        argv, target, own, inputs = _writer(writer, case, base, rng)
        outside = None
        if kind == "under_file":             # where the target's folder should be, a file
            blocker = case / "out" / "charts" if writer in ("debrief", "class") else case / "a_file"
            target = target if writer in ("debrief", "class") else blocker / target.name
            blocker.parent.mkdir(parents=True, exist_ok=True)
            blocker.write_bytes(NOTES)
        else:
            outside = _place(kind, target, own, inputs, case)
        argv = [str(target) if a == "{T}" else a for a in argv] + (["--force"] if force else [])
        before = snapshot(case)
        code, out, err, escaped = call(argv)
        label = f"write case {i} (seed {seed}): {writer} onto {kind}{' --force' if force else ''}"
        if escaped:
            return f"{label}: {escaped}"
        want = expected(writer, kind, force)
        if code != want:
            return f"{label}: exit {code}, expected {want}: {err.strip()[:200]}"
        if "Traceback" in err or (code and err.count("\n") != 1):
            return f"{label}: not one line: {err[:200]!r}"
        if _temp_files(case):
            return f"{label}: temp files left: {_temp_files(case)}"
        after = snapshot(case)
        mine = [os.path.relpath(target, case) if writer not in ("debrief", "class") else "out"]
        if writer == "new":                  # the editor's schema beside the campaign (its own or none before)
            mine.append(os.path.relpath(target.parent / "campaign.schema.json", case))
        changed = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p)
                         and not (code == 0 and any(p == m or p.startswith(m + os.sep) for m in mine)))
        if changed:
            return f"{label}: changed {changed[:4]}"
        if outside is not None and outside.read_bytes() != NOTES:
            return f"{label}: the file a link pointed at was written"
        return None
    finally:
        shutil.rmtree(case, ignore_errors=True)


# --------------------------------------------------------------------------------------------- hostile saves
HOSTILE = ["<script>alert(1)</script>", "| x | y |", "**b** _i_ `c` [l](http://x) ![i](http://y)", "=1+1", "@SUM(A1)",
           "-2+3", "\x00", "\ud83c", "\u202eevil", "a\nb\r\nc", "# heading", "1. item", "&amp; &lt;", "\\", "\t",
           "\u2028", "'\"", "\ufeff", "\U0001F1F5\U0001F1F1", "x" * 5000, "é" * 300]
FILE_NAMES = [b"caf\xe9.json", b"\xff\xfe.json", b"a\nb.json", b"-rf.json", b"#1.json", b"<b>|x.json",
              b" space .json", b"=cmd.json", b"[l](x).json", b"n" * 240 + b".json", "日本.json".encode()]


def _hostile_text(rng: random.Random) -> str:
    if rng.random() < 0.03:
        return "W" * 3_000_000
    return "".join(rng.choice(HOSTILE) for _ in range(rng.randint(1, 3)))


def _hostile_save(good: dict, rng: random.Random) -> str:
    data = json.loads(json.dumps(good))
    for _ in range(rng.randint(1, 3)):
        roll = rng.random()
        if roll < 0.5:      # a name the report shows: the slot, the team's (a team's game), a strategy's
            key = rng.choice(["slot", "team", "team", "policy"])
            data[key] = _hostile_text(rng)
            if key == "team":
                data["origin"] = "window"       # a team's game: the report names it by its team
        elif roll < 0.65:
            data["campaign"]["id"] = _hostile_text(rng)
        elif roll < 0.75:
            data["campaign"]["path"] = _hostile_text(rng)
        elif roll < 0.85:
            data[rng.choice(["campaign_name", "turn_label", "saved_at"])] = _hostile_text(rng)
        elif roll < 0.92:
            data[rng.choice(["slot", "team", "origin", "policy", "seed", "turn", "log"])] = rng.choice(
                [None, [], {}, "x", -1, 2 ** 70, 1.5])
        else:
            return json.dumps(data)[:rng.randrange(1, 400)]       # damaged
    return json.dumps(data)


def _unescaped_markup(md: str) -> str | None:
    body = md.split("\n", 1)[1]                                    # the first line is the report's own marker
    found = re.search(r"(?<!\\)(<[A-Za-z!/]|\](?!\(charts/)|`)", body)
    return found.group() if found else None


def _csv_problem(text: str) -> str | None:
    try:
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    except csv.Error as error:
        return f"class.csv does not read: {error}"
    for row in rows:
        for key in ("team", "file"):
            if (row.get(key) or "")[:1] in ("=", "+", "-", "@"):
                return f"class.csv cell {key} is a formula: {row[key][:40]!r}"
    return None


def save_case(seed: int, i: int, scratch: Path, base: dict[str, Path]) -> str | None:
    rng = random.Random(f"{seed}:saves:{i}")
    case = scratch / f"s{i}"
    inputs = case / "in"
    inputs.mkdir(parents=True)
    try:
        good = json.loads(base["save0"].read_bytes())
        shutil.copy(base["save1"], inputs / "team.json")
        files = []
        for k in range(rng.randint(1, 3)):
            name = rng.choice(FILE_NAMES) if rng.random() < 0.6 else f"h{k}.json".encode()
            path = Path(os.fsdecode(os.path.join(os.fsencode(inputs), name)))
            path.write_text(_hostile_save(good, rng), encoding="utf-8", errors="surrogatepass")
            files.append(path)
        out = case / "out"
        debrief = rng.random() < 0.3
        argv = ["debrief", rng.choice(files), "--out", out] if debrief else ["class", inputs, "--out", out]
        before = snapshot(inputs)
        code, said, err, escaped = call(argv)
        label = f"save case {i} (seed {seed}): {argv[0]}"
        if escaped:
            return f"{label}: {escaped}"
        if code not in (0, 1) or (code and err.count("\n") != 1) or "Traceback" in err:
            return f"{label}: exit {code}: {err[:200]!r}"
        if max((len(line) for line in (said + err).splitlines()), default=0) > MAX_LINE:
            return f"{label}: an output line longer than {MAX_LINE} characters"
        if snapshot(inputs) != before or {p.name for p in case.iterdir()} - {"in", "out"}:
            return f"{label}: wrote outside --out"
        if code == 0 and not debrief:
            markup = _unescaped_markup((out / "class.md").read_text(encoding="utf-8"))
            page = (out / "class.html").read_text(encoding="utf-8")
            if markup:
                return f"{label}: class.md holds markup {markup!r}"
            if "<script" in page or "](http" in page and "<a " in page:
                return f"{label}: class.html holds markup"
            return _csv_problem((out / "class.csv").read_text(encoding="utf-8"))
        return None
    finally:
        shutil.rmtree(case, ignore_errors=True)


def tally(report, cases: int, case, counter: str, failures: str) -> None:
    """Run `case(i)` for each of `cases`, counting it in report.`counter` and each problem in report.`failures`."""
    for i in range(cases):
        setattr(report, counter, getattr(report, counter) + 1)
        problem = case(i)
        if problem:
            setattr(report, failures, getattr(report, failures) + 1)
            report.note(problem)


def run(report, seed: int, writes: int, saves: int, scratch: Path, base: dict[str, Path]) -> None:
    """Both operators, counted into `report` (tools.fuzz.Report); `base` from make_base."""
    tally(report, writes, lambda i: write_case(seed, i, scratch, base), "writes", "write_failures")
    tally(report, saves, lambda i: save_case(seed, i, scratch, base), "hostile_saves", "hostile_failures")
