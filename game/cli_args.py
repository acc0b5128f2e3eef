"""The command line's words: every command, its arguments and the overview `fairshare --help` ends with (the
commands themselves are in game.cli)."""
from __future__ import annotations

import argparse
import sys

from game.i18n import LANGUAGES, N_, _
from game.limits import number_arg, seed_arg, whole_arg

LANG_HELP = N_("the language of the window, the messages and the exports: en, de or pl (default: the Settings' "
               "choice, else the system's language where the game speaks it, else English)")
DEFAULTS_NEW = {"theatre": "europe", "turns": 12, "year": 2024}

OVERVIEW = N_("""\
Fair Share: a game about who pays for the defence of U.S. allies.

  fairshare                          open the game window on the title screen
  fairshare play [CAMPAIGN] [--seed N] [--team NAME]
                                     open the window straight into a campaign
  fairshare validate FILE... [--strict] [--balance]
                                     check campaign files (FILE:LINE:COL: error: / warning: ...)
  fairshare new ID [--theatre europe|indo_pacific|both] [--allies poland,...] [--year Y] [--turns N] [--out FILE]
                                     write a new campaign from the shipped data, ready to play and edit
  fairshare simulate CAMPAIGN --policy POLICY [--runs N] [--seed S] [--json] [--save FILE] [--workers N]
                                     play a campaign headless under a policy or a plan file
                                     (--save FILE with --runs 1: that game as a save the window loads)
  fairshare balance CAMPAIGN [--runs N] [--seed S] [--search SECONDS] [--json] [--plan-out FILE] [--workers N]
                                     is it a real dilemma? strategies, a plan search, flags in words
  fairshare claims CAMPAIGN [--runs N] [--seed S] [--json]
                                     what each of the article's claims does in this campaign, measured
  fairshare backtest CAMPAIGN [--plan PLAN] [--runs N] [--chart FILE.png] [--json] [--workers N]
                                     compare the model with recorded defence spending
  fairshare debrief SAVE --out DIR   a saved game's debrief: game.csv, game.json, debrief.md/.html, charts
  fairshare class SAVE_OR_FOLDER... --out DIR
                                     the class report: teams' saves ranked and compared (class.html/.md/.csv)
  fairshare serve CAMPAIGN [--seed S] [--mode vote|allies] [--host ADDRESS] [--port N] [--resume]
                                     the class room: students join from their browsers to vote on
                                     Washington's orders or to play the allies (this computer only, unless --host)
  fairshare bench [--full] [--json]  measure the model's (and the window's) speed: medians and spreads

CAMPAIGN is a shipped campaign's id (tutorial, europe_2024, indo_pacific_2024, ...) or a path to a .yaml file.
POLICY is hold, pressure, reassure, withdraw, criticize, adaptive, random, or a plan file.
A command replaces an existing file only if it is its own output of the same kind (a save, a plan, a chart, a
report's files), never a file it reads, and anything else only with --force.
Run `fairshare COMMAND --help` for the options of a command.
""")


class _Parser(argparse.ArgumentParser):
    def _print_message(self, message: str, file=None) -> None:
        """As argparse's, but a help that cannot be written to stdout (a full disk) is an error the CLI reports,
        not one argparse hides behind exit 0 (a usage message lost on stderr stays quiet, as it was)."""
        file = file or sys.stdout
        try:
            file.write(message)
        except OSError:
            if file is sys.stdout:
                raise


def parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="fairshare", description=_("Fair Share: the burden-sharing dilemma, played."),
                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=_(OVERVIEW))
    parser.add_argument("--lang", choices=LANGUAGES, help=_(LANG_HELP))
    sub = parser.add_subparsers(dest="command")
    play = sub.add_parser("play", help=_("open the window straight into a campaign"))
    play.add_argument("campaign", nargs="?", help=_("campaign id or path (default: the title screen)"))
    play.add_argument("--seed", type=seed_arg, default=None, help=_("random seed (same seed and orders, same game)"))
    play.add_argument("--facilitator", action="store_true",
                      help=_("facilitator mode: type the seed, hide the score until the end, projector summary"))
    play.add_argument("--team", default=None, metavar="NAME",
                      help=_("the team's name for its saves and hand-ins (else the window asks once)"))
    val = sub.add_parser("validate", help=_("check campaign files"))
    val.add_argument("files", nargs="+", metavar="FILE")
    val.add_argument("--strict", action="store_true", help=_("warnings count as errors (exit 1)"))
    val.add_argument("--balance", action="store_true",
                     help=_("also run a short balance check (about 10-30 s a file) and warn about what it finds"))
    new = sub.add_parser("new", help=_("write a new campaign from the shipped data"))
    new.add_argument("id", help=_("the campaign's id: lowercase letters, digits and _"))
    new.add_argument("--theatre", default="europe", help=_("europe, indo_pacific or both (default europe)"))
    new.add_argument("--allies", default=None, help=_("comma-separated ally ids (default: four of the theatre)"))
    new.add_argument("--year", type=whole_arg, default=2024,
                     help=_("the year it starts in, with that year's figures (default 2024; Europe 1992-2019, "
                          "the Indo-Pacific 1989-2019)"))
    new.add_argument("--turns", type=whole_arg, default=12, help=_("number of half-year turns (default 12)"))
    new.add_argument("--out", default=None, metavar="FILE",
                     help=_("where to write it (default: your campaigns folder, so the title screen lists it)"))
    new.add_argument("--force", action="store_true",
                     help=_("replace an existing file (never a file the command reads)"))
    sim = sub.add_parser("simulate", help=_("play a campaign headless"))
    sim.add_argument("campaign")
    sim.add_argument("--policy", required=True, help=_("built-in policy or plan file"))
    sim.add_argument("--runs", type=whole_arg, default=1000)
    sim.add_argument("--seed", type=seed_arg, default=0)
    sim.add_argument("--json", action="store_true", help=_("print one JSON object"))
    sim.add_argument("--save", default=None, metavar="FILE", help=_("with --runs 1: write the game as a save file"))
    sim.add_argument("--force", action="store_true",
                     help=_("let --save replace a file that is not a save (never a file the command reads)"))
    _workers(sim, _("more than 4,096 runs are shared out by chunks"))
    bal = sub.add_parser("balance", help=_("is the campaign a real dilemma? strategies, best plan, flags"))
    bal.add_argument("campaign")
    bal.add_argument("--runs", type=whole_arg, default=2000, help=_("games per strategy (default 2000)"))
    bal.add_argument("--seed", type=seed_arg, default=0)
    bal.add_argument("--search", type=number_arg, default=45.0, metavar="SECONDS",
                     help=_("time for the plan search (default 45; 0: the starting plans only)"))
    bal.add_argument("--json", action="store_true", help=_("print one JSON object"))
    bal.add_argument("--plan-out", default=None, metavar="FILE", help=_("write the best plan as a plan file"))
    bal.add_argument("--force", action="store_true", help=_("let --plan-out replace a file that is not a plan balance "
                                                            "wrote (never a file the command reads)"))
    _workers(bal, _("each batch of plans the search scores is shared out, and the strategies play side by side"))
    cla = sub.add_parser("claims", help=_("what each of the article's claims does in this campaign, measured"))
    cla.add_argument("campaign")
    cla.add_argument("--runs", type=whole_arg, default=1000, help=_("games per contrast (default 1000)"))
    cla.add_argument("--seed", type=seed_arg, default=0)
    cla.add_argument("--json", action="store_true", help=_("print one JSON object"))
    back = sub.add_parser("backtest", help=_("compare the model with recorded spending"))
    back.add_argument("campaign")
    back.add_argument("--plan", default=None, help=_("plan file (default: the campaign's historical plan)"))
    back.add_argument("--runs", type=whole_arg, default=1000)
    back.add_argument("--seed", type=seed_arg, default=0)
    back.add_argument("--chart", default=None, metavar="FILE.png")
    back.add_argument("--force", action="store_true", help=_("let --chart replace a file that is not a chart of Fair "
                                                             "Share (never a file the command reads)"))
    back.add_argument("--json", action="store_true")
    _workers(back, _("more than 4,096 runs are shared out by chunks"))
    deb = sub.add_parser("debrief", help=_("write a saved game's debrief (CSV, JSON, Markdown, HTML, charts)"))
    deb.add_argument("save", metavar="SAVE")
    deb.add_argument("--out", required=True, metavar="DIR", help=_("folder to write into (created if needed)"))
    deb.add_argument("--force", action="store_true", help=_("replace files in DIR that are not an earlier debrief's "
                                                            "(never a file the command reads)"))
    cls = sub.add_parser("class", help=_("the class report from the teams' saves"))
    cls.add_argument("saves", nargs="+", metavar="SAVE_OR_FOLDER")
    cls.add_argument("--out", required=True, metavar="DIR", help=_("folder to write into (created if needed)"))
    cls.add_argument("--force", action="store_true", help=_("replace files in DIR that are not an earlier class "
                                                            "report's (never a file the command reads)"))
    srv = sub.add_parser("serve", help=_("open the class room: students join from their browsers"))
    srv.add_argument("campaign")
    srv.add_argument("--seed", type=seed_arg, default=None, help=_("random seed (default: a fresh one, printed)"))
    srv.add_argument("--mode", choices=("vote", "allies"), default="vote",
                     help=_("vote: the class votes on Washington's orders; allies: teams play the allies' governments"))
    srv.add_argument("--host", default="127.0.0.1", metavar="ADDRESS",
                     help=_("the address to listen on (default 127.0.0.1: this computer only; 0.0.0.0 opens the room "
                          "to the room's network)"))
    srv.add_argument("--port", type=whole_arg, default=8765, metavar="N", help=_("the port (default 8765)"))
    srv.add_argument("--resume", action="store_true",
                     help=_("carry on the interrupted room of this campaign from its journal (game, seats, votes)"))
    ben = sub.add_parser("bench", help=_("measure performance (each figure repeated: median and spread)"))
    ben.add_argument("--full", action="store_true",
                     help=_("also 1,000,000 Monte Carlo runs (about two minutes of CPU)"))
    ben.add_argument("--json", action="store_true", help=_("print one JSON object, for comparing commits"))
    for command in sub.choices.values():
        command.add_argument("--lang", choices=LANGUAGES, help=_(LANG_HELP))
    return parser


def _workers(command: argparse.ArgumentParser, how: str) -> None:
    command.add_argument("--workers", type=whole_arg, default=None, metavar="N",
                         help=_("processes that play the games (default: one per core); {how}; the results are the "
                                "same whatever N").format(how=how))
