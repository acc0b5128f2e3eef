"""The command line: `fairshare [COMMAND ...]` (`python main.py ...` in a checkout that is not installed).

The CLI is the only place that parses arguments, turns errors into one line and prints; what it prints comes
from game.analysis, and the arguments are declared in game.cli_args. Every failure a user can cause ends in a
readable message and a non-zero exit, never a traceback. Commands that play the model import it when they run, so
`validate` (without --balance) and `new` start without numpy, and only the window and the commands that draw
charts (`backtest --chart`, `bench`, `debrief`, `class`) load pygame.
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from game.authoring.lint import lint_file
from game.campaign import Campaign, CampaignError, validate_file
from game.catalog import find_campaign, resolve
from game.cli_args import DEFAULTS_NEW, parser
from game.cli_io import UserError, campaign_inputs, drop_stdout, hold_closed_streams, note, refused, target
from game.i18n import LANGUAGES, _, general, integer, ngettext, num, resolve as resolve_language, set_language
from game.limits import CHUNK_RUNS, NotFinite, memory_problem, strict_json
from game.settings import load_settings
from game.text_rules import file_name
from game.userdata import SaveError, TargetRefused, atomic_write_text, user_campaigns_dir

# OpenBLAS puts a second thread on the model's small (runs, allies) @ (allies, allies) products from about 100,000
# rows, and on a busy 2-core machine it spins rather than helps (one thread measured 2.1x faster at 100,000 runs).
# OpenBLAS reads these when numpy loads, which the commands do only when they run: `main` sets them first, unless
# the user has set them.
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def main(argv: list[str] | None = None) -> int:
    try:   # everything inside: Ctrl-C at any moment, even while the arguments are parsed, is exit 130
        stdout_closed = hold_closed_streams()
        argv = sys.argv[1:] if argv is None else argv
        for name in BLAS_THREADS:
            os.environ.setdefault(name, "1")
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")   # stdout belongs to the commands' own output
        for stream in (sys.stdout, sys.stderr):  # a Windows console may not encode every character of a campaign
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(errors="replace")
        speak(argv)
        if stdout_closed and argv[:1] not in ([], ["play"]):   # said before any work whose result would be lost
            raise UserError(_("cannot write the output: standard output is closed"))
        try:
            args = parser().parse_args(argv)
        except SystemExit:   # --help (or a usage error) said its piece: met here if stdout cannot take it
            sys.stdout.flush()
            raise
        code = COMMANDS[args.command](args)
        sys.stdout.flush()  # a write error (a full disk) is met here, inside the error handling
        return code
    except UserError as error:
        note(f"fairshare: error: {error}")
        return error.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        drop_stdout()
        return 0
    except OSError as error:
        if error.filename is not None:   # the commands turn their own file errors into UserError; this is a bug
            raise
        drop_stdout()                    # stdout on a full disk or a closed device: say so once, on stderr
        note("fairshare: error: " + _("cannot write the output: {reason}").format(reason=error.strerror or error))
        return 1


def speak(argv: list[str]) -> None:
    """Speak the language of `--lang` (read before the arguments are parsed, so that --help speaks it too), else
    the Settings' choice, else the system's language where the game has it, else English. A --lang the game does not
    speak is left for the parser to refuse."""
    choice = None
    for k, arg in enumerate(argv):
        if arg == "--lang" and k + 1 < len(argv):
            choice = argv[k + 1]
        elif arg.startswith("--lang="):
            choice = arg.partition("=")[2]
    if choice not in LANGUAGES:
        choice = load_settings().language
    set_language(resolve_language(choice))


def window(args) -> int:
    team = getattr(args, "team", None)
    if team is not None:
        from game.handin import team_problem  # noqa: PLC0415 - it loads the model (numpy): for the window only
        team = " ".join(team.split())
        if team_problem(team):
            raise UserError(f"--team: {team_problem(team)}", 2)
    try:
        from game.ui.window import run  # noqa: PLC0415 - pygame loads for the window only
    except ImportError as error:  # pygame missing: say how to get it rather than crash
        raise UserError(_("the game window needs pygame ({error}); install the game with `pip install .`").format(
            error=error))
    return run(getattr(args, "campaign", None), getattr(args, "seed", None), getattr(args, "facilitator", False),
               team)


def validate(args) -> int:
    failed = False
    for name in args.files:
        if not os.path.exists(name):  # a shipped or user campaign named by id
            try:
                name = str(resolve(name))
            except FileNotFoundError as error:
                print(f"{name}:1:1: error: {error}")
                failed = True
                continue
        campaign, problems = lint_file(name)
        if campaign is not None and args.balance:
            from game.authoring.balance_lint import balance_warnings  # noqa: PLC0415 - numpy loads for --balance only
            problems = sorted([*problems, *balance_warnings(campaign)], key=lambda p: (p.line, p.col))
        if campaign is not None and args.strict:
            problems = [replace(p, severity="error") for p in problems]
        for problem in problems:
            print(problem)
        if campaign is None or (args.strict and problems):
            failed = True
        else:
            warned = " " + ngettext("({n} warning)", "({n} warnings)", len(problems)).format(n=len(problems)) \
                if problems else ""
            print(f"{name}: ok{warned}")
    return 1 if failed else 0


def new(args) -> int:
    """Write a campaign scaffold; exit 1 if the shipped data lacked a figure (the file then holds placeholders)."""
    # loaded for `new` alone: `validate` (0.15 s in all) and the window start without them
    from game.authoring.scaffold import CAMPAIGN, SCHEMA, ScaffoldError, scaffold  # noqa: PLC0415
    from game.campaign.jsonschema import campaign_schema  # noqa: PLC0415 - as above
    out = Path(args.out) if args.out else user_campaigns_dir() / f"{args.id}.yaml"
    if out.suffix not in (".yaml", ".yml"):
        raise UserError(_("the campaign file's name must end in .yaml (got '{file}')").format(file=out), 2)
    target(out, CAMPAIGN, args, "the campaign")
    allies = [a for a in args.allies.split(",") if a.strip()] if args.allies is not None else None
    command = " ".join(["fairshare new", args.id, *(f"--{k} {getattr(args, k)}"
                                                   for k in ("theatre", "allies", "year", "turns")
                                                   if getattr(args, k) not in (None, DEFAULTS_NEW.get(k)))])
    try:
        made = scaffold(args.id, args.theatre, allies, args.turns, out, command, args.year)
    except ScaffoldError as error:
        raise UserError(str(error), 2)
    try:
        atomic_write_text(out, made.text, kind=CAMPAIGN, force=args.force)
    except SaveError as error:
        raise refused(error, "the campaign")
    write_schema_beside(out, json.dumps(campaign_schema(), indent=2) + "\n", SCHEMA)
    print(ngettext("wrote {file} ({n} ally: {allies})", "wrote {file} ({n} allies: {allies})", len(made.allies)).format(
        file=out, n=len(made.allies), allies=", ".join(made.allies)))
    problems = validate_file(out)
    for problem in problems:
        print(problem)
    if problems:
        why = _("the shipped data lacks {n} figure(s) ({missing}): fill in the TODO placeholders, then run "
                "`fairshare validate {file}`") if made.missing else \
            _("the new campaign has the problems above: mend them, then run `fairshare validate {file}`")
        note("fairshare: error: " + why.format(n=len(made.missing), missing=", ".join(made.missing), file=out))
        return 1
    print(_("next: fairshare play {file}   (edit the file while you play: the window reloads it when you save)").format(
        file=out))
    print(f"      fairshare validate {out} --balance")
    return 0


def write_schema_beside(campaign: Path, text: str, kind) -> None:
    """The editor's schema beside a new campaign (its first line names it without a folder): written where there is
    none, brought up to date where there is ours (the write rule's `kind`), and another file of that name is left
    as it is. The editor's help, not the campaign: a schema that cannot be written is said, and the campaign stands."""
    try:
        atomic_write_text(campaign.parent / "campaign.schema.json", text, kind=kind)
    except TargetRefused as error:
        if not error.forceable:     # a folder or a pipe of that name; a file of the user's is left quietly
            note("fairshare: warning: " + _("the campaign schema was not written: {error}").format(error=error))
    except SaveError as error:
        note("fairshare: warning: " + _("the campaign schema was not written: {error}").format(error=error))


def load(name: str) -> Campaign:
    """A campaign by id or path, or a UserError that says what is wrong."""
    try:
        return find_campaign(name)
    except FileNotFoundError as error:
        raise UserError(str(error))
    except CampaignError as error:
        raise UserError(_("campaign '{name}' has problems:").format(name=name) + f"\n{error}")


def policy_for(name: str, campaign: Campaign):
    """A built-in policy or a plan file, or a UserError: exit 2 for an unknown name, 1 for a plan's problems."""
    from game.sim import policies  # noqa: PLC0415 - numpy loads for the commands that play the model only
    try:
        return policies.resolve_policy(name, campaign)
    except policies.UnknownPolicyError as error:
        raise UserError(str(error), 2)
    except policies.PolicyError as error:
        raise UserError(str(error))


def simulate(args) -> int:
    from game.analysis import summary  # noqa: PLC0415 - numpy loads for the commands that play the model only
    if not 1 <= args.runs <= 1_000_000:
        raise UserError(_("--runs must be between 1 and {most}").format(most=integer(1_000_000)), 2)
    if args.save is not None and args.runs != 1:
        raise UserError(_("--save writes one game, so it needs --runs 1 (got --runs {runs}); e.g. `fairshare simulate "
                          "europe_2024 --policy adaptive --runs 1 --seed 7 --save game.json`").format(
                              runs=integer(args.runs)), 2)
    from game.analysis.workers import Recipe  # noqa: PLC0415 - as above
    workers = workers_for(args)
    campaign = load(args.campaign)
    check_memory(campaign, args.runs)
    policy = policy_for(args.policy, campaign)     # its problems said here, before any worker starts
    reading = campaign_inputs(campaign, args.policy)
    if args.save is not None:
        from game.analysis.replay import policy_session  # noqa: PLC0415 - numpy loads for the model's commands only
        from game.saves import SAVE, SIMULATED, write_save_file  # noqa: PLC0415 - as above
        target(args.save, SAVE, args, "the save", reading)     # before any game is played
    result = summary.simulate_summary(campaign, Recipe(args.policy), args.runs, args.seed,
                                      progress=progress_bar("simulate"), workers=workers)
    print(as_json(result, campaign, args.seed) if args.json else summary.render_summary(result, campaign))
    if args.save is not None:
        try:   # marked as simulated, with the strategy that chose the orders: `class` lists it apart from the teams
            write_save_file(policy_session(campaign, policy, args.seed), Path(args.save), SIMULATED,
                            Path(args.policy).name, force=args.force, reading=reading)
        except SaveError as error:
            raise refused(error, "the save")
        saved = _("game saved to {file}").format(file=args.save)
        if args.json:
            note(saved)
        else:
            print(saved)
    return 0


def workers_for(args) -> int:
    """--workers, or one per core; a UserError outside 1 to MAX_WORKERS."""
    from game.analysis.workers import MAX_WORKERS, cores  # noqa: PLC0415 - numpy loads for the model's commands only
    if args.workers is None:
        return cores()
    if not 1 <= args.workers <= MAX_WORKERS:
        raise UserError(_("--workers must be between 1 and {most}").format(most=MAX_WORKERS), 2)
    return args.workers


def debrief(args) -> int:
    # numpy and pygame (for the charts) load for this command only
    from game.analysis import best_plan, debrief_export, report_doc, whatif  # noqa: PLC0415
    from game.saves import open_save  # noqa: PLC0415 - as above
    out = check_out_folder(args.out)
    try:
        game = open_save(args.save, replay_changed=True)
    except SaveError as error:
        raise UserError(f"{file_name(args.save)}: {error}")
    session = game.session
    reading = [args.save, *campaign_inputs(session.campaign)]
    try:   # before the what-if, whose best plan may take a search
        report_doc.check_files(debrief_export.file_names(session), out, debrief_export.KINDS, args.force, reading)
    except TargetRefused as error:
        raise refused(error, "the debrief")
    if game.changed:
        note(f"fairshare: note: {file_name(args.save)}: {game.note()}")
    what = None
    if session.over:
        found = best_plan.known(session.campaign)
        if found is None:
            note(_("finding the best plan for '{campaign}' once (about {seconds} s); it is kept in {folder}").format(
                campaign=session.campaign.id, seconds=num(best_plan.SEARCH_SECONDS, 0),
                folder=best_plan.cache_path(session.campaign).parent))
            found = best_plan.find(session.campaign, progress=search_progress(best_plan.SEARCH_SECONDS))
        what = whatif.what_if(session, found)
    try:
        written = report_doc.write_files(debrief_export.build(session, what, game), out, debrief_export.KINDS,
                                         args.force, reading)
    except SaveError as error:
        raise refused(error, "the debrief")
    unfinished = "" if session.over else _(" (the game is unfinished: {n} of {turns} turns played, so there is no "
                                           "what-if)").format(n=len(session.reports), turns=session.campaign.turns)
    print(_("debrief written to {folder}{note}:").format(folder=out, note=unfinished))
    for path in written:
        print(f"  {path}")
    return 0


def backtest(args) -> int:
    from game.analysis import backtest  # noqa: PLC0415 - numpy loads for the commands that play the model only
    from game.analysis.workers import Recipe  # noqa: PLC0415 - as above
    if not 1 <= args.runs <= 100_000:
        raise UserError("--runs must be between 1 and 100,000", 2)
    workers = workers_for(args)
    if args.chart and Path(args.chart).suffix.lower() != ".png" and not os.path.isdir(args.chart):
        raise UserError(f"the chart is written as PNG: give a file name ending in .png (got '{args.chart}')", 2)
    campaign = load(args.campaign)
    check_memory(campaign, args.runs, kept_per_turn=backtest.KEPT_PER_TURN)
    plan = args.plan or backtest.default_plan(campaign)
    if plan is None:
        raise UserError(f"campaign '{campaign.id}' has no historical plan; give one with --plan", 2)
    policy_for(str(plan), campaign)     # its problems said here, before any worker starts
    reading = campaign_inputs(campaign, str(plan))
    if args.chart:
        from game.analysis.report_doc import CHART  # noqa: PLC0415 - pygame loads for --chart only
        target(args.chart, CHART, args, "the chart", reading)
    bt = backtest.run_backtest(campaign, Recipe(str(plan)), runs=args.runs, seed=args.seed, workers=workers,
                               progress=progress_bar("backtest"))
    if not bt.recorded:
        raise UserError(f"no recorded spending series in data/ matches the allies of '{campaign.id}'")
    if args.chart:
        from game.analysis.chart_png import draw_backtest  # noqa: PLC0415 - pygame loads for --chart only
        try:
            draw_backtest(bt, Path(args.chart), force=args.force, reading=reading)
        except SaveError as error:
            raise refused(error, "the chart")
    if args.json:
        print(as_json(backtest.to_json(bt), campaign, args.seed))
    else:
        print(backtest.render_text(bt))
        if args.chart:
            print(f"chart written to {args.chart}")
    return 0


def progress_bar(label: str, unit: str = "runs", least: int = CHUNK_RUNS):
    """A progress callback (done, in all) that redraws one line on stderr, or None when stderr is not a terminal (a
    pipe or a log file would fill with redraws). Work of `least` units or fewer (runs of one chunk) finishes too
    fast to need it."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total <= least:
            return
        filled = 30 * done // total
        end = "\n" if done >= total else ""
        note(f"\r{label}: [{'#' * filled}{'.' * (30 - filled)}] {done:,}/{total:,} {unit}", end)
    return show


def search_progress(seconds: float):
    """A plan search's progress callback (plans tried, best score, seconds so far): a line on stderr every few
    seconds, enough to see it is alive (and readable in a log, unlike a redrawn bar)."""
    shown = 0.0

    def show(tried: int, best: float, elapsed: float) -> None:
        nonlocal shown
        if elapsed - shown >= 5:
            shown = elapsed
            note(_("searching: {tried} plans tried, best {best} ({elapsed} s of {seconds})").format(
                tried=tried, best=num(best, 1), elapsed=num(elapsed, 0), seconds=general(seconds)))
    return show


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


def balance(args) -> int:
    if not 1 <= args.runs <= 100_000:
        raise UserError(_("--runs must be between 1 and {most}").format(most=integer(100_000)), 2)
    if not 0 <= args.search <= 86_400:
        raise UserError(_("--search must be between 0 and {most} seconds").format(most=integer(86_400)), 2)
    workers = workers_for(args)
    from game.analysis import balance as balancing, plans  # noqa: PLC0415 - numpy loads for the model's commands only
    campaign = load(args.campaign)
    reading = campaign_inputs(campaign)
    if args.plan_out:
        target(args.plan_out, plans.PLAN_FILE, args, "the plan", reading)   # said now, not after the search
    result = balancing.balance(campaign, args.runs, args.seed, args.search, progress=search_progress(args.search),
                               workers=workers)
    if args.plan_out:
        said = (f"{plans.FOUND_BY} {file_name(args.campaign)} --seed {args.seed} --search {args.search:g}`:\n"
                f"{result.strategies['best plan'].mean:.1f} on {args.runs} games of seed {args.seed}.")
        try:
            atomic_write_text(args.plan_out, plans.plan_yaml(result.search.plan, campaign, said),
                              kind=plans.PLAN_FILE, force=args.force, reading=reading)
        except SaveError as error:
            raise refused(error, "the plan")
    print(as_json(result.to_dict(), campaign, args.seed) if args.json else balancing.render(result))
    return 0


def claims(args) -> int:
    if not 10 <= args.runs <= 20_000:
        raise UserError(_("--runs must be between 10 and {most}").format(most=integer(20_000)), 2)
    from game.analysis import claims as measured  # noqa: PLC0415 - numpy loads for the model's commands only
    campaign = load(args.campaign)
    check_memory(campaign, args.runs, kept_per_turn=measured.KEPT_PER_TURN)
    found = measured.measure(campaign, args.runs, args.seed)
    if args.json:
        print(as_json({"campaign": campaign.id, "runs": args.runs, "seed": args.seed,
                       "claims": [c.to_dict() for c in found]}, campaign, args.seed))
    else:
        print(measured.render(campaign, found, args.runs, args.seed))
    return 0


def class_report(args) -> int:
    # numpy and pygame (for the charts) load for this command only
    from game.analysis import class_export, class_report as classes, report_doc  # noqa: PLC0415
    out = check_out_folder(args.out)
    reading = classes.save_files(args.saves)[0]
    try:
        report_doc.check_files(class_export.FILES, out, class_export.KINDS, args.force, reading)   # before the work
        report = classes.build(args.saves, progress_bar("class", "saves", least=10))
        report_doc.write_files(class_export.build(report), out, class_export.KINDS, args.force, reading)
    except SaveError as error:
        raise refused(error, "the class report")
    print(ngettext("class report on {campaign}, seed {seed}: {n} team ranked, written to {file} (and class.md, "
                   "class.csv)", "class report on {campaign}, seed {seed}: {n} teams ranked, written to {file} (and "
                   "class.md, class.csv)", len(report.teams)).format(
                       campaign=report.campaign.id, seed=report.seed, n=len(report.teams), file=out / "class.html"))
    for k, team in enumerate(report.teams):
        print(f"  {k + 1}. {team.name}: {num(team.score, 1)}" + (f" ({team.note})" if team.note else ""))
    if report.simulated:
        print(ngettext("{n} game written by `simulate --save` listed apart, not ranked:",
                       "{n} games written by `simulate --save` listed apart, not ranked:",
                       len(report.simulated)).format(n=len(report.simulated)))
        for team in report.simulated:
            print(f"  -. {team.name}: {num(team.score, 1)}")
    for item in report.left_out:
        note(_("left out {file}: {reason}").format(file=file_name(item.file), reason=item.reason))
    return 0


def check_out_folder(name: str) -> Path:
    """The --out folder, or a UserError said before any work: an existing file, or a folder that cannot be made."""
    path = Path(name)
    if path.exists() and not path.is_dir():
        raise UserError(f"--out '{name}' is a file; give a folder to write into", 2)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(f"cannot create the folder '{name}': {error.strerror or error}")
    if not os.access(path, os.W_OK):
        raise UserError(f"cannot write into the folder '{name}'")
    return path


def bench(args) -> int:
    from game.analysis import bench  # noqa: PLC0415 - numpy loads for the commands that play the model only
    show = (lambda figure: None) if args.json else (lambda figure: print(figure.line(), flush=True))
    if not args.json:
        print(bench.load_line(), flush=True)
    figures = bench.model_figures(full=args.full, report=show)
    try:
        from game.ui.render_bench import render_figures  # noqa: PLC0415 - pygame loads for the window's figures only
    except ImportError as error:
        skipped = f"render: skipped ({error})"
        if not args.json:
            print(skipped)
    else:
        skipped = None
        for figure in render_figures():
            figures.append(figure)
            show(figure)
    if args.json:
        print(strict_json({"load": bench.load_line(), "render_skipped": skipped,
                           "figures": {f.name: f.to_dict() for f in figures}}, indent=2))
    return 0


def serve(args) -> int:
    """The class room, served until Ctrl+C (game.room)."""
    import asyncio  # noqa: PLC0415 - the web server loads for `serve` only
    import secrets  # noqa: PLC0415 - as above
    try:
        from game.room import launch  # noqa: PLC0415 - as above
    except ImportError as error:
        raise UserError(f"the class room needs aiohttp and segno ({error}); install the game with `pip install .`")
    if not 1 <= args.port <= 65535:
        raise UserError("--port must be between 1 and 65535", 2)
    try:
        if args.resume:
            if args.seed is not None:
                raise UserError("--resume carries on the room's own game: leave out --seed", 2)
            room, path = launch.resume(load(args.campaign).id)
            print(launch.words.say(launch.words.RESUMED, path=path, turn=room.session.state.turn + 1,
                                   students=len(room.students), votes=sum(len(b) for b in room.ballots.values())))
        else:
            room, path = launch.open_room(load(args.campaign), secrets.randbelow(1_000_000) if args.seed is None
                                          else args.seed, args.mode)
    except SaveError as error:
        raise UserError(str(error))
    try:
        asyncio.run(launch.serve(room, path, args.host, args.port, lambda line: print(line, flush=True)))
    except SaveError as error:      # its journal, which must be on disk before the room says it is open
        raise UserError(str(error))
    except OSError as error:
        raise UserError(f"cannot open the room on {args.host}:{args.port} ({error.strerror or error})")
    return 0


# subcommand -> its function (args) -> exit code; no subcommand opens the window on the title screen
COMMANDS = {None: window, "play": window, "validate": validate, "new": new, "simulate": simulate,
            "balance": balance, "claims": claims, "backtest": backtest, "bench": bench, "debrief": debrief,
            "class": class_report, "serve": serve}
