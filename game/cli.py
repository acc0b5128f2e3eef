"""The command line: `python main.py [COMMAND ...]` (or `fairshare ...` once installed).

Every failure a user can cause ends in a readable message and a non-zero exit, never a traceback.
"""
from __future__ import annotations

import argparse
import os
import sys

from game.limits import NotFinite, memory_problem, seed_arg, strict_json

OVERVIEW = """\
Fair Share: a game about who pays for the defence of U.S. allies.

  fairshare                          open the game window on the title screen
  fairshare play [CAMPAIGN] [--seed N]
                                     open the window straight into a campaign
  fairshare validate FILE...         check campaign files (FILE:LINE:COL: error: ...)
  fairshare simulate CAMPAIGN --policy POLICY [--runs N] [--seed S] [--json]
                                     play a campaign headless under a policy or a plan file
  fairshare backtest CAMPAIGN [--plan PLAN] [--runs N] [--chart FILE.png] [--json]
                                     compare the model with recorded defence spending
  fairshare bench                    measure the model's (and the window's) speed

CAMPAIGN is a shipped campaign's id (tutorial, europe_2024, indo_pacific_2024, ...) or a path to a .yaml file.
POLICY is hold, pressure, reassure, withdraw, criticize, adaptive, random, or a plan file.
Run `fairshare COMMAND --help` for the options of a command.
"""


class UserError(Exception):
    """A problem with what the user asked for: printed as `fairshare: error: ...`, exit 1 or 2."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fairshare", description="Fair Share: the burden-sharing dilemma, played.",
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=OVERVIEW)
    sub = parser.add_subparsers(dest="command")
    play = sub.add_parser("play", help="open the window straight into a campaign")
    play.add_argument("campaign", nargs="?", help="campaign id or path (default: the title screen)")
    play.add_argument("--seed", type=seed_arg, default=None, help="random seed (same seed and orders, same game)")
    val = sub.add_parser("validate", help="check campaign files")
    val.add_argument("files", nargs="+", metavar="FILE")
    sim = sub.add_parser("simulate", help="play a campaign headless")
    sim.add_argument("campaign")
    sim.add_argument("--policy", required=True, help="built-in policy or plan file")
    sim.add_argument("--runs", type=int, default=1000)
    sim.add_argument("--seed", type=seed_arg, default=0)
    sim.add_argument("--json", action="store_true", help="print one JSON object")
    back = sub.add_parser("backtest", help="compare the model with recorded spending")
    back.add_argument("campaign")
    back.add_argument("--plan", default=None, help="plan file (default: the campaign's historical plan)")
    back.add_argument("--runs", type=int, default=1000)
    back.add_argument("--seed", type=seed_arg, default=0)
    back.add_argument("--chart", default=None, metavar="FILE.png")
    back.add_argument("--json", action="store_true")
    sub.add_parser("bench", help="measure performance")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")   # stdout belongs to the commands' own output
    for stream in (sys.stdout, sys.stderr):  # a Windows console may not encode every character of a campaign
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except UserError as error:
        print(f"fairshare: error: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        _drop_stdout()
        return 0
    except OSError as error:
        if error.filename is not None:   # the commands turn their own file errors into UserError; this is a bug
            raise
        _drop_stdout()                   # stdout on a full disk or a closed device: say so once, on stderr
        print(f"fairshare: error: cannot write the output: {error.strerror or error}", file=sys.stderr)
        return 1
    return 2


def _run(args) -> int:
    """The command, with its output flushed here so that a write error is met inside main's error handling."""
    code = _command(args)
    sys.stdout.flush()
    return code


def _drop_stdout() -> None:
    """Point stdout at the null device, so that the interpreter's last flush at exit cannot fail again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _command(args) -> int:
    if args.command is None:
        return _window(None, None)
    if args.command == "play":
        return _window(args.campaign, args.seed)
    if args.command == "validate":
        return validate(args.files)
    if args.command == "simulate":
        return simulate(args)
    if args.command == "backtest":
        from game.backtest import command
        return command(args)
    if args.command == "bench":
        from game.bench import run_bench
        return run_bench()
    return 2


def _window(campaign: str | None, seed: int | None) -> int:
    try:
        from game.ui.app import run
    except ImportError as error:  # pygame missing: say how to get it rather than crash
        raise UserError(f"the game window needs pygame ({error}); install the game with `pip install .`")
    return run(campaign, seed)


def validate(files: list[str]) -> int:
    from game.campaign import validate_file
    from game.catalog import resolve
    failed = False
    for name in files:
        if not os.path.exists(name):  # a shipped or user campaign named by id
            try:
                name = str(resolve(name))
            except FileNotFoundError as error:
                print(f"{name}:1:1: error: {error}")
                failed = True
                continue
        problems = validate_file(name)
        if problems:
            failed = True
            for problem in problems:
                print(problem)
        else:
            print(f"{name}: ok")
    return 1 if failed else 0


def load(name: str):
    """A campaign by id or path, or a UserError that says what is wrong."""
    from game.campaign import CampaignError
    from game.catalog import find_campaign
    try:
        return find_campaign(name)
    except FileNotFoundError as error:
        raise UserError(str(error))
    except CampaignError as error:
        raise UserError(f"campaign '{name}' has problems:\n{error}")


def policy_for(name: str, campaign):
    from game.campaign import CampaignError
    from game.campaign.plan import load_plan
    from game.sim.policies import BUILT_IN, built_in, plan_policy
    if name in BUILT_IN:
        return built_in(name)
    if not (name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name):
        import difflib
        close = difflib.get_close_matches(name, BUILT_IN, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise UserError(f"unknown policy '{name}'{hint} (built-in: {', '.join(BUILT_IN)}; or a plan file .yaml)", 2)
    try:
        plan = load_plan(name, campaign)
    except CampaignError as error:
        raise UserError(f"plan '{name}' has problems:\n{error}")
    return plan_policy(plan.name, plan.default, plan.orders, campaign)


def simulate(args) -> int:
    if not 1 <= args.runs <= 1_000_000:
        raise UserError("--runs must be between 1 and 1,000,000", 2)
    from game.sim.run import simulate as run
    campaign = load(args.campaign)
    check_memory(campaign, args.runs)
    policy = policy_for(args.policy, campaign)
    result = run(campaign, policy, runs=args.runs, seed=args.seed)
    summary = summarise(result, campaign, policy.name, args.runs, args.seed)
    if args.json:
        print(as_json(summary, campaign, args.seed))
    else:
        print(render_summary(summary, campaign))
    return 0


def check_memory(campaign, runs: int, kept_per_turn: int = 0) -> None:
    problem = memory_problem(campaign, runs, kept_per_turn)
    if problem:
        raise UserError(problem, 2)


def as_json(result: dict, campaign, seed: int) -> str:
    """Strict JSON of a result; a NaN or infinity becomes a readable error rather than output no parser takes."""
    try:
        return strict_json(result, indent=2)
    except NotFinite as error:
        raise UserError(f"{error}; campaign '{campaign.id}' with seed {seed} drives the model outside its range "
                        "(please report it with the campaign file)")


def summarise(result, campaign, policy: str, runs: int, seed: int) -> dict:
    final, o = result.final, result.outcome
    allies = {a.id: {var: round(float(getattr(final, var)[:, i].mean()), 4)
                     for var in ("spending", "threat", "trust", "alignment", "hedging", "presence")}
              for i, a in enumerate(campaign.allies)}
    mean = lambda x: round(float(x.mean()), 4)  # noqa: E731
    outcomes = {"aggression": mean(o.aggression), "proliferation": mean(o.proliferation),
                "realignment": mean(o.realignment), "us_cost": mean(o.us_cost),
                "us_cost_ratio": mean(o.us_cost_ratio), "influence": mean(o.influence),
                "burden_share": mean(o.burden_share), "deterrence": mean(o.deterrence), "burden": mean(o.burden),
                "cohesion": mean(o.cohesion), "score": mean(o.score)}
    return {"campaign": campaign.id, "policy": policy, "runs": runs, "seed": seed, "turns": campaign.turns,
            "final": {**allies, "outcomes": outcomes}}


def render_summary(summary: dict, campaign) -> str:
    lines = [f"{campaign.name}: policy {summary['policy']}, {summary['runs']} runs, seed {summary['seed']}, "
             f"{summary['turns']} turns",
             "", f"{'ally':<16}{'spending':>9}{'threat':>8}{'trust':>8}{'align':>8}{'hedging':>9}"]
    for a in campaign.allies:
        f = summary["final"][a.id]
        lines.append(f"{a.name[:15]:<16}{f['spending']:>8.2f}%{f['threat']:>8.2f}{f['trust']:>8.2f}"
                     f"{f['alignment']:>8.2f}{f['hedging']:>9.2f}")
    o = summary["final"]["outcomes"]
    lines += ["", f"pillars (0-100): deterrence {o['deterrence']:.1f}  burden {o['burden']:.1f}  "
                  f"influence {o['influence']:.1f}  cohesion {o['cohesion']:.1f}  ->  score {o['score']:.1f}",
              f"runs with a successful aggression {o['aggression']:.1%}, with proliferation {o['proliferation']:.1%},"
              f" with realignment {o['realignment']:.1%}",
              f"allies' share of the common defence {o['burden_share']:.1%}; U.S. cost {o['us_cost']:.1f} bn a year "
              f"({o['us_cost_ratio']:.0%} of budget)"]
    return "\n".join(lines)
