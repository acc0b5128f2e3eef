"""Issue 22, nothing traced back: closed standard streams, Ctrl-C while the modules load, `balance --seed -1`, a
save whose campaign path holds a NUL, `new` with an id too long, and digits other than 0-9. Each is one readable
line and a non-zero exit (or, in the window, the clear dialog); each failed on the main branch before."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from game.campaign.expr import ExprError, Names, parse
from game.cli import main
from game.ui.side.load import LoadScene
from game.ui.side.seed import seed_problem

ROOT = Path(__file__).resolve().parents[1]
POSIX = pytest.mark.skipif(os.name != "posix", reason="closes descriptors and sends SIGINT: POSIX")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def command(*argv, close=(), env=None, cwd=None) -> subprocess.CompletedProcess:
    """`python main.py ARGV` with the standard descriptors in `close` closed, as a shell's `>&-` does."""
    def closing():
        for fd in close:
            os.close(fd)
    keep = {0: None, 1: subprocess.PIPE, 2: subprocess.PIPE}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], stdin=keep[0],
                          stdout=None if 1 in close else keep[1], stderr=None if 2 in close else keep[2],
                          preexec_fn=closing, env=env, cwd=cwd, timeout=120)


# --------------------------------------------------------------------------------------------- closed streams
@POSIX
@pytest.mark.parametrize("argv", [["validate", "tutorial"], ["simulate", "tutorial", "--policy", "hold", "--runs", "2"],
                                  ["--help"]])
def test_a_command_with_stdout_closed_says_so_in_one_line(argv, tmp_path):
    done = command(*argv, close=(1,), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == ["fairshare: error: cannot write the output: standard output is "
                                                 "closed"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [["--help"], ["validate", "--help"]])
def test_help_on_a_full_disk_is_one_line_and_a_failure(argv, tmp_path):
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], stdout=full, stderr=subprocess.PIPE,
                              cwd=tmp_path, timeout=120)
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == ["fairshare: error: cannot write the output: No space left on device"]


@POSIX
def test_a_command_with_stderr_or_stdin_closed_still_works(tmp_path):
    for closed in ((2,), (0,), (0, 2)):
        done = command("validate", "tutorial", close=closed, cwd=tmp_path)
        assert done.returncode == 0 and done.stdout.decode().endswith(": ok\n"), closed
    done = command("validate", "no_such_campaign", close=(2,), cwd=tmp_path)
    assert done.returncode == 1 and b"Traceback" not in done.stdout


@POSIX
def test_a_command_with_stdout_closed_writes_no_file(tmp_path):
    """Refused before the work: no save is written whose command then fails (nor one that took descriptor 1)."""
    done = command("simulate", "tutorial", "--policy", "hold", "--runs", "1", "--save", "g.json", close=(1,),
                   cwd=tmp_path)
    assert done.returncode == 1 and not (tmp_path / "g.json").exists()


# --------------------------------------------------------------------------------------------- Ctrl-C at start-up
INTERRUPT = textwrap.dedent("""\
    # sitecustomize for the test: SIGINT to this process the moment a chosen module starts to load
    import builtins, os, signal
    _target, _import = os.environ.get("INTERRUPT_AT"), builtins.__import__
    def _hook(name, *args, **kwargs):
        global _target
        if name == _target:
            _target = None
            os.kill(os.getpid(), signal.SIGINT)
        return _import(name, *args, **kwargs)
    builtins.__import__ = _hook
    """)


@POSIX
@pytest.mark.parametrize("module", ["game.__main__", "game.cli", "argparse", "game.campaign", "numpy"])
def test_ctrl_c_while_the_modules_load_is_exit_130_without_a_traceback(tmp_path, module):
    (tmp_path / "sitecustomize.py").write_text(INTERRUPT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]), "INTERRUPT_AT": module}
    done = command("simulate", "tutorial", "--policy", "hold", "--runs", "2", env=env, cwd=tmp_path)
    assert b"Traceback" not in done.stderr and done.returncode == 130, done.stderr.decode()[-600:]


def test_the_entry_point_turns_ctrl_c_during_imports_into_exit_130(monkeypatch):
    import builtins

    from game import __main__ as entry
    real = builtins.__import__

    def interrupted(name, *args, **kwargs):
        if name == "game.cli":
            raise KeyboardInterrupt
        return real(name, *args, **kwargs)
    monkeypatch.setattr(builtins, "__import__", interrupted)
    assert entry.run() == 130


# --------------------------------------------------------------------------------------------- arguments
@pytest.mark.parametrize("argv, words", [
    (["balance", "tutorial", "--seed", "-1"], "must be a whole number from 0 to"),
    (["balance", "tutorial", "--seed", "x"], "must be a whole number from 0 to"),
    (["simulate", "tutorial", "--policy", "hold", "--runs", "\u0665"], "written with the digits 0-9"),
    (["simulate", "tutorial", "--policy", "hold", "--seed", "\u0667"], "must be a whole number from 0 to"),
    (["balance", "tutorial", "--search", "\u0665"], "written with the digits 0-9"),
    (["new", "mine", "--turns", "\u0661\u0662"], "written with the digits 0-9"),
])
def test_numbers_outside_the_range_or_the_digits_0_9_are_one_line(capsys, argv, words):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "Traceback" not in err and words in err


@pytest.mark.parametrize("text", ["turn > \u0661", "turn > 1\u0665", "poland.trust < \u0660.5"])
def test_the_condition_language_takes_only_the_digits_0_9(text):
    with pytest.raises(ExprError, match="write numbers with the digits 0-9"):
        parse(text, Names(allies=("poland",), adversaries=("russia",)))


def test_the_facilitators_seed_field_refuses_other_digits_without_a_crash():
    for text in ("\u00b2", "\u0665", "1\u00b9"):
        assert "digits only" in seed_problem(text)
    assert seed_problem("42") is None


def test_new_refuses_an_id_too_long_before_writing_anything(capsys, tmp_path):
    out = tmp_path / "long.yaml"
    code, said, err = run(capsys, "new", "a" * 65, "--out", out)
    assert code == 2 and not out.exists() and said == ""
    assert err.count("\n") == 1 and "at most 64" in err and "lacks 0 figure" not in err


# --------------------------------------------------------------------------------------------- the window
def test_loading_a_save_whose_campaign_path_holds_a_nul_is_a_dialog(app, tmp_path):
    assert main(["simulate", "tutorial", "--policy", "hold", "--runs", "1", "--save", str(tmp_path / "x.json")]) == 0
    data = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    data["campaign"].update(id="Not an id\x00!" + "x" * 5000, path="/tmp/a\x00b.yaml\n")
    saves = tmp_path / "saves"
    saves.mkdir(exist_ok=True)
    (saves / "nul.json").write_text(json.dumps(data), encoding="utf-8")
    scene = LoadScene(app)
    app.push(scene)
    scene.select(next(i for i, s in enumerate(scene.saves) if s.path.name == "nul.json"))
    scene.load_selected()
    assert app.render(force=True)
    assert app.scene.title == "This save cannot be loaded" and "was not found" in app.scene.text
    assert "\x00" not in app.scene.text and len(app.scene.text) < 600
