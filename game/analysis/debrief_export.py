"""`fairshare debrief SAVE --out DIR` and the window's Export button: one game written out for the class.

    game.csv, game.json   one row per ally per turn (game_table); the JSON has the what-if beside the rows
    debrief.md            the debrief in words and tables, linking the charts
    debrief.html          the same, self-contained (charts embedded)
    charts/*.png          the score against the baselines, the luck, U.S. cost, one chart per ally
"""
from __future__ import annotations

import re

from game.i18n import N_, NC_, Translated, _, general, integer, num
from game.analysis import chart_png as charts, live_record
from game.analysis.game_table import TABLE, rows, to_csv
from game.analysis.replay import GamePath, session_path
from game.analysis.report_doc import Block, Heading, Image, Items, Para, Table, to_html, to_markdown
from game.analysis.whatif import LABELS, TurningPoint, WhatIf
from game.campaign.model import PILLARS
from game.limits import strict_json
from game.saves import WINDOW, Loaded, save_data
from game.sim.explain import PILLAR_NAMES
from game.sim.report import guideline_line
from game.sim.session import Session
from game.userdata import FileKind

METERS = ("trust", "alignment", "hedging", "presence")
SOURCE = Translated({"shipped": N_("shipped with the game"), "cache": N_("found on this computer before"),
                     "search": N_("found just now, and kept")})
DASH = dict(zip(("you", "hold", "adaptive", "best plan"), charts.DASHES))
# game.json as strict_json writes it (summary's keys first, in order): how the write rule knows one it may replace
_GAME_JSON = re.compile(rb'\{\s*"campaign": "[^"]*",\s*"campaign_name": ')
KINDS = {"game.csv": TABLE,
         "game.json": FileKind(N_("a debrief's game.json"), lambda head: _GAME_JSON.match(head) is not None, 4096)}
# the meters' names in the charts' keys
METER_NAMES = Translated({"trust": NC_("variable", "trust"), "alignment": NC_("variable", "alignment"),
                          "hedging": NC_("variable", "hedging"), "presence": NC_("variable", "presence")}, "variable")


def ally_file(ally_id: str) -> str:
    return f"charts/ally_{re.sub(r'[^a-z0-9_]', '_', ally_id.lower())}.png"


def file_names(session: Session) -> list[str]:
    """Every file `build` may write for this game, known before the what-if is worked out (a command checks its
    targets first)."""
    luck = ["charts/luck.png"] if session.over else []
    return ["game.csv", "game.json", "debrief.md", "debrief.html", "charts/score.png", *luck, "charts/us_cost.png",
            *(ally_file(a.id) for a in session.campaign.allies)]


def _axis(session: Session) -> list[str]:
    return [_("start")] + [session.campaign.calendar.label(t) for t in range(len(session.reports))]


def chart_images(session: Session, what: WhatIf | None) -> dict[str, bytes]:
    c, mine, axis = session.campaign, session_path(session), _axis(session)
    paths: dict[str, GamePath] = what.paths if what else {"you": mine}
    scores = [charts.Line(LABELS[name], p.trend(opening=True), dash=DASH[name]) for name, p in paths.items()]
    out = {"charts/score.png": charts.png(charts.line_chart(_("The score, turn by turn, on the same dice"), scores,
                                                            axis, *charts.fit(scores, 0, 100)))}
    if what and what.luck:
        luck = what.luck
        out["charts/luck.png"] = charts.png(charts.histogram(
            _("Your orders over {runs} games with other dice (final score)").format(runs=integer(len(luck.scores))),
            luck.scores, luck.score, _("this game {score}").format(score=num(luck.score, 0))))
    cost = [float(r.us_cost[0]) for r in mine.reports]
    budget = [float(s.budget[0]) for s in mine.states[:-1]]
    out["charts/us_cost.png"] = charts.png(charts.line_chart(
        _("U.S. cost against the budget (US$ bn a year)"),
        [charts.Line(_("U.S. cost"), cost), charts.Line(_("budget"), budget, charts.COLORS[6], (10, 5))],
        axis[1:], 0, max(cost + budget + [1.0]) * 1.15))
    hold, guideline = paths.get("hold"), session.world.params.guideline
    for i, ally in enumerate(c.allies):
        spend = [charts.Line(_("you"), mine.series("spending", i)),
                 charts.Line(guideline_line(guideline), [guideline] * len(axis), charts.COLORS[7], (6, 6), 2)]
        if hold:   # the same ally on the same dice had Washington done nothing
            spend.append(charts.Line(_("hold"), hold.series("spending", i)[:len(axis)], charts.COLORS[6], (10, 5), 2))
        meters = [charts.Line(METER_NAMES[var], mine.series(var, i), charts.COLORS[k + 1], list(DASH.values())[k])
                  for k, var in enumerate(METERS)]
        out[ally_file(ally.id)] = charts.png(charts.stack(
            charts.line_chart(_("{ally}: defence spending (% of GDP)").format(ally=ally.name), spend, axis,
                              *charts.fit(spend, 0), size=(900, 300)),
            charts.line_chart(_("{ally}: trust, alignment, hedging, U.S. presence (0-1)").format(ally=ally.name),
                              meters,
                              axis, 0, 1,
                              size=(900, 300))))
    return out


def turning_point(p: TurningPoint) -> str:
    line = _("{when}: {what} gained {points} points") if p.worth > 0 else _("{when}: {what} cost {points} points")
    return line.format(when=p.label, what=p.what, points=num(abs(p.worth), 1))


def summary(session: Session, what: WhatIf | None) -> dict:
    """The JSON beside the rows: the game, its final pillars, and the what-if (or null for an unfinished game)."""
    c = session.campaign
    doc = {"campaign": c.id, "campaign_name": c.name, "campaign_hash": c.content_hash, "seed": session.seed,
           "turns": c.turns, "turns_played": len(session.reports), "finished": session.over,
           "final": {p: round(float(getattr(session.outcome(), p)[0]), 4) for p in (*PILLARS, "score")},
           # after the game's own keys, which begin the file (KINDS knows a game.json by them)
           **live_record.summary(session)}     # a class room's votes, messages and seats (empty lists otherwise)
    if what is None:
        return {**doc, "whatif": None}
    luck = what.luck
    doc["whatif"] = {
        "same_seed": {name: {k: round(v, 4) for k, v in pillars.items()} for name, pillars in what.pillars.items()},
        "best_plan_source": what.best.source,
        "distribution": None if luck is None else {
            "runs": len(luck.scores), "mean": round(luck.mean, 4), "this_game": round(luck.score, 4),
            "share_below": round(luck.below, 4), "sentence": luck.sentence,
            "chances": [{"what": ch.text, "here": ch.here, "when": ch.when, "share": round(ch.share, 4),
                         "effect": round(ch.effect, 4), "contribution": round(ch.contribution, 4)}
                        for ch in luck.chances[:8]]},
        "turning_points": [{"turn": p.turn + 1, "period": p.label, "ally": p.ally, "order": p.what,
                            "worth": round(p.worth, 4)} for p in what.turning_points],
    }
    return doc


def blocks(session: Session, what: WhatIf | None, images: dict[str, bytes], game: Loaded | None = None) -> list[Block]:
    c = session.campaign
    score = float(session.outcome().score[0])
    state = _("finished") if session.over else _("unfinished: {n} of {turns} turns played").format(
        n=len(session.reports), turns=c.turns)
    who = f"{game.team}: " if game and game.team else ""
    out: list[Block] = [Heading(_("Debrief: {who}{campaign}").format(who=who, campaign=c.name), 1),
                        Para(_("Seed {seed}, {state}. Final score {score} of 100.").format(
                            seed=session.seed, state=state, score=num(score, 1)))]
    if game and game.policy:
        out.append(Para(_("This game was written by `fairshare simulate --save`: the strategy '{policy}' chose its "
                          "orders; no team played it.").format(policy=game.policy)))
    if game and game.changed:
        out.append(Para(game.note()[0].upper() + game.note()[1:] + "."))
    if what:
        names = list(what.pillars)
        out += [Heading(_("What if? The same dice under other strategies")),
                Para(_("The model's dice do not depend on the orders, so these games faced the same luck as yours. "
                       "The best plan is the one `fairshare balance` finds for this campaign ({source}).").format(
                           source=SOURCE[what.best.source])),
                Table(["", *[LABELS[n] for n in names]],
                      [[PILLAR_NAMES[p], *[num(what.pillars[n][p], 1) for n in names]] for p in (*PILLARS, "score")])]
        if what.luck:
            out += [Heading(_("Skill or luck?")), Para(what.luck.sentence), Image("charts/luck.png", _("Your orders, "
                    "turn by turn, replayed over other games; the line marks this game."))]
        if what.turning_points:
            out += [Heading(_("Turning points")),
                    Para(_("Each of your orders undone alone (that ally on hold that turn), on the same dice: what it "
                         "was worth to the final score.")),
                    Items([turning_point(p) for p in what.turning_points])]
        big = [(_("{when}: the score rose {points}") if d > 0 else _("{when}: the score fell {points}")).format(
                   when=label, points=num(abs(d), 1)) + (f" ({', '.join(h)})" if h else "")
               for label, d, h in what.swings[:3] if abs(d) >= 0.05]
        if big:
            out += [Para(_("The turns that moved the score most:")), Items(big)]
    out += live_record.blocks(session)     # a class room's votes, messages and seats ([] for any other game)
    out += [Heading(_("The score, turn by turn")), Image("charts/score.png", _("Your score and the baselines'.")),
            Heading(_("U.S. cost against the budget")), Image("charts/us_cost.png",
                                                              _("What Washington spent each turn."))]
    out += [Heading(_("The allies"))]
    guideline = general(session.world.params.guideline)
    for ally in c.allies:
        path = ally_file(ally.id)
        if path in images:
            out.append(Image(path, _("{ally}: spending against the {guideline} % line (and under hold), and its "
                                     "meters.").format(ally=ally.name, guideline=guideline)))
    return out


def build(session: Session, what: WhatIf | None, game: Loaded | None = None) -> dict[str, bytes]:
    """Every file of the export, by its path inside the export folder; `game`: the save it was read from (its
    team, origin, and a changed campaign's note). game.json holds the save itself, so that `fairshare class`
    takes a team's game.json as readily as its save."""
    table = rows(session_path(session), session.campaign)
    images = chart_images(session, what)
    doc = blocks(session, what, images, game)
    title = _("Fair Share debrief: {campaign}, seed {seed}").format(campaign=session.campaign.name, seed=session.seed)
    save = save_data(session, "debrief", game.team if game else "", game.origin if game else WINDOW,
                     game.policy if game else "")
    files = {"game.csv": to_csv(table).encode("utf-8"),
             "game.json": (strict_json({**summary(session, what), "rows": table, "save": save}, indent=1)
                           + "\n").encode("utf-8"),
             "debrief.md": to_markdown(doc).encode("utf-8"),
             "debrief.html": to_html(doc, title, images).encode("utf-8")}
    return {**files, **images}

