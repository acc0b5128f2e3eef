"""The class report's files: class.html (self-contained), class.md (with charts/*.png beside it) and class.csv
(one row per save: ranked teams first, then the saves left out and why).

Team and file names come from the teams' saves and disks: the Markdown, HTML and CSV writers escape them
(report_doc), the documents show them capped (class_report.NAME_LENGTH; a chart's end labels shorter still) and
file names as text any output can take; the CSV keeps each team's full name, as far as a spreadsheet cell holds."""
from __future__ import annotations

from game.i18n import N_, Translated, _, ngettext, num
from game.analysis import chart_png as charts, live_record
from game.analysis.class_report import ClassReport
from game.analysis.replay import GamePath
from game.analysis.report_doc import (Block, Heading, Image, Items, Para, Table, csv_table, table_kind, to_html,
                                      to_markdown)
from game.campaign.model import ORDERS, PILLARS
from game.sim.explain import PILLAR_NAMES
from game.sim.state import CONGRESS
from game.text_rules import file_name, shown

LETTER = {"hold": "·", "pressure": "P", "reassure": "R", "withdraw": "W", "criticize": "C"}
CSV_COLUMNS = ("rank", "team", "file", "score", *PILLARS, "vs_hold", "vs_adviser", "status", "note")
CHART_NAME_LENGTH = 28      # characters of a team's name at the end of its line: the plot keeps most of the width
CHARTS = {   # titles translated where drawn
    "charts/class_score.png": (N_("The score, turn by turn: each team against hold and the adviser, same dice"),
                               lambda p: p.trend(opening=True), 0, 100),
    "charts/class_trust.png": (N_("Allies' average trust in the U.S."),
                               lambda p: [float(s.trust[0].mean()) for s in p.states], 0, 1),
    "charts/class_hedging.png": (N_("Allies' average hedging (toward nuclear options or the adversary)"),
                                 lambda p: [float(s.hedging[0].mean()) for s in p.states], 0, 1),
}
FILES = ("class.html", "class.md", "class.csv", *CHARTS)      # every file `build` writes, checked before the work
KINDS = {"class.csv": table_kind(CSV_COLUMNS)}
# the columns' names in the language spoken (the CSV's header outside English, and the ranking's heads)
LABELS = Translated({"rank": N_("rank"), "team": N_("team"), "file": N_("file"), "score": N_("score"),
                     "vs_hold": N_("vs hold"), "vs_adviser": N_("vs adviser"), "status": N_("status"),
                     "note": N_("note"), "turns": N_("turns")})


def label(column: str) -> str:
    return PILLAR_NAMES[column] if column in PILLARS else LABELS[column]


def _lines(report: ClassReport, measure) -> list[charts.Line]:
    dashes = charts.DASHES
    out = [charts.Line(shown(t.name, CHART_NAME_LENGTH), measure(t.path), dash=dashes[k // 6 % len(dashes)])
           for k, t in enumerate(report.teams)]
    return out + [charts.Line(_("hold"), measure(report.hold), charts.COLORS[6], dashes[1], 2),
                  charts.Line(_("adviser"), measure(report.adviser), charts.COLORS[7], dashes[2], 2)]


def chart_images(report: ClassReport) -> dict[str, bytes]:
    c = report.campaign
    axis = [_("start")] + [c.calendar.label(t) for t in range(c.turns)]
    height = max(420, 24 * (len(report.teams) + 2) + 90)   # room for every line's name at its end
    out = {}
    for name, (title, measure, floor, ceiling) in CHARTS.items():
        lines = _lines(report, measure)
        out[name] = charts.png(charts.line_chart(_(title), lines, axis, *charts.fit(lines, floor, ceiling),
                                                 size=(1000, height)))
    return out


def _grid(report: ClassReport, ally: int) -> Table:
    c = report.campaign
    rows = [[t.name, *[LETTER[ORDERS[int(r.orders[0, ally])]] for r in t.path.reports]] for t in report.teams]
    rows.append([_("(adviser)"), *[LETTER[ORDERS[int(r.orders[0, ally])]] for r in report.adviser.reports]])
    return Table([label("team"), *[c.calendar.label(t) for t in range(c.turns)]], rows, mono=True)


def _congress(path: GamePath) -> str:
    return ", ".join(str(t + 1) for t, r in enumerate(path.reports) if int(r.us_action[0]) == CONGRESS) or _("never")


def blocks(report: ClassReport) -> list[Block]:
    c, teams = report.campaign, report.teams
    hold, adviser = report.hold.score, report.adviser.score
    out: list[Block] = [
        Heading(_("Class report: {campaign}").format(campaign=c.name), 1),
        Para(_("Seed {seed}, {turns}, {teams}. Every team faced the same dice; so did the two baselines: holding every "
               "ally every turn ({hold}) and the built-in adviser ({adviser}).").format(
                   seed=report.seed, turns=ngettext("{n} turn", "{n} turns", c.turns).format(n=c.turns),
                   teams=ngettext("{n} team", "{n} teams", len(teams)).format(n=len(teams)), hold=num(hold, 1),
                   adviser=num(adviser, 1)) + (_(" The facilitator injected different events into different teams' "
                                            "games: each team's \"vs\" columns compare it with the baselines facing "
                                            "its own events.") if report.mixed_events else "")),
    ]
    if report.only_simulated:
        out.append(Para(_("Every game below was written by `fairshare simulate --save`: its orders were chosen by a "
                        "strategy, not played by a team.")))
    out += [
        Heading(_("Ranking")), _ranking(teams),
        *_replayed(teams),
        *([Heading(_("Simulated games (not played by a team)")),
           Para(_("Written by `fairshare simulate --save`: a strategy chose their orders. They are shown for "
                "comparison and not ranked among the teams.")), _ranking(list(report.simulated), ranked=False)]
          if report.simulated else []),
        Heading(_("Questions for the discussion")), Items(report.questions, numbered=True),
        *live_record.class_blocks(teams),     # games played in a class room: their votes, messages and seats
        Heading(_("The teams' paths")),
        Image("charts/class_score.png", _("Each team's score after each turn; hold and the adviser dashed.")),
        Image("charts/class_trust.png", _("Average trust in the U.S. across the allies.")),
        Image("charts/class_hedging.png", _("Average hedging across the allies.")),
        Heading(_("Orders, ally by ally")),
        Para(_("One row per team, one column per turn: P pressure, R reassure, W withdraw, C criticize, · hold. "
             "The last row is the adviser on the same dice.")),
    ]
    for i, ally in enumerate(c.allies):
        out += [Heading(ally.name, 3), _grid(report, i)]
    out += [Heading(_("Calls on Congress"), 3),
            Table([label("team"), label("turns")], [[t.name, _congress(t.path)] for t in teams]
                  + [[_("(adviser)"), _congress(report.adviser)]])]
    if report.left_out:     # the file's name only: the report is projected and mailed, the instructor's folders
        out += [Heading(_("Saves left out")),
                Items([f"{file_name(x.file.name)}: {x.reason}" for x in report.left_out])]
    return out


def _ranking(teams: list, ranked: bool = True) -> Table:
    rank = [label("rank")] if ranked else []
    return Table([*rank, label("team"), label("score"), *[PILLAR_NAMES[p] for p in PILLARS], label("vs_hold"),
                  label("vs_adviser")],
                 [[*([str(k + 1)] if ranked else []), t.name, num(t.score, 1),
                   *[num(t.pillar(p), 0) for p in PILLARS], num(t.score - t.hold_score, 1, sign=True),
                   num(t.score - t.adviser_score, 1, sign=True)] for k, t in enumerate(teams)])


def _replayed(teams: list) -> list[Block]:
    """Which teams' games were replayed on a campaign file changed since they were saved, and how it went."""
    notes = [f"{t.name}: {t.note}." for t in teams if t.note]
    return [Para(_("Replayed on the current campaign file (it changed after these games were saved, as hot reload "
                 "replays a game on an edited campaign):")), Items(notes)] if notes else []


def to_csv(report: ClassReport) -> str:
    """One row per save, for a spreadsheet (report_doc.csv_table; the header in the language spoken): the teams
    ranked, with their full names, then the simulated games apart, then the saves left out."""
    ranked = len(report.teams)
    rows = [{"rank": k + 1 if k < ranked else "", "team": t.full_name, "file": file_name(t.file.name),
             "score": round(t.score, 4), **{p: round(t.pillar(p), 4) for p in PILLARS},
             "vs_hold": round(t.score - t.hold_score, 4), "vs_adviser": round(t.score - t.adviser_score, 4),
             "status": "ranked" if k < ranked else f"simulated ({t.simulated}), not ranked",     # machine words
             "note": t.note}
            for k, t in enumerate([*report.teams, *report.simulated])]
    rows += [{"file": file_name(x.file.name), "status": f"left out: {x.reason}"} for x in report.left_out]
    return csv_table(CSV_COLUMNS, rows, label)


def build(report: ClassReport) -> dict[str, bytes]:
    images = chart_images(report)
    doc = blocks(report)
    title = _("Fair Share class report: {campaign}, seed {seed}").format(campaign=report.campaign.name,
                                                                         seed=report.seed)
    return {"class.html": to_html(doc, title, images).encode("utf-8"), "class.md": to_markdown(doc).encode("utf-8"),
            "class.csv": to_csv(report).encode("utf-8"), **images}
