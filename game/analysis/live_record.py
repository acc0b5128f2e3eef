"""What a class room adds to a game's record (`fairshare debrief`, the class report): the class's votes on
Washington's orders, turn by turn with their split ("14 pressure, 9 reassure, 2 withdraw"), the allies'
governments' messages to Washington, and the seats' own scores beside Washington's. All read from the session's log
and history, so a save of a live game carries them without anything else."""
from __future__ import annotations

from game.i18n import N_, SOURCE, Translated, _, num
from game.sim.report import order_name
from game.analysis.report_doc import Block, Heading, Items, Para, Table
from game.analysis.seat_score import PARTS, seat_scores
from game.campaign.model import ORDERS, Campaign
from game.sim import votes
from game.sim.session import Session
from game.text_rules import drawable, one_line


PART_NAMES = Translated({"security": N_("security"), "budget": N_("budget"), "autonomy": N_("autonomy")})


def vote_rows(session: Session) -> list[dict]:
    """One row per vote: turn, period, ally, the order carried out, the split in words and the tally as data."""
    c, out = session.campaign, []
    orders = [r.orders[0] for r in session.reports]
    for t, tallies in enumerate(session.votes):
        for i, tally in sorted(tallies.items()):
            counts = votes.parse(tally)
            out.append({"turn": t + 1, "period": c.calendar.label(t, SOURCE), "ally": c.allies[i].id,
                        "ally_name": c.allies[i].name, "order": ORDERS[int(orders[t][i])], "split": votes.split(counts),
                        "votes": sum(counts.values()), "tally": tally})
    return out


def message_rows(session: Session) -> list[dict]:
    """One row per message an ally's government sent Washington: turn, period, ally, text (one drawable line)."""
    c = session.campaign
    return [{"turn": t + 1, "period": c.calendar.label(t, SOURCE), "ally": c.allies[i].id,
             "ally_name": c.allies[i].name,
             "text": drawable(one_line(text))} for t, said in enumerate(session.messages)
            for i, text in sorted(said.items()) if text]


def summary(session: Session) -> dict:
    """The class room's part of a debrief's game.json (empty lists for a game played without one)."""
    played = [s.to_dict() for s in seat_scores(session) if s.played]
    return {"votes": vote_rows(session), "messages": message_rows(session), "seats": played}


def blocks(session: Session) -> list[Block]:
    """The debrief's section on the class room ([] for a game played without one)."""
    return _blocks(session, session.campaign, "")


def _blocks(session: Session, c: Campaign, who: str) -> list[Block]:
    rows, said = vote_rows(session), message_rows(session)
    seats = [s for s in seat_scores(session) if s.played]
    out: list[Block] = []
    if rows:
        out += [Heading(_("The class's votes{who}").format(who=who)),
                Para(_("Each vote the class cast on Washington's order for an ally, with its split; on a tie the "
                       "facilitator chose among the leaders.")),
                Table([_("period"), _("ally"), _("order"), _("split")],
                      [[c.calendar.label(r["turn"] - 1), r["ally_name"], order_name(r["order"]), r["split"]]
                       for r in rows])]
    if said:
        out += [Heading(_("The allies' messages to Washington{who}").format(who=who)),
                Items([f"{c.calendar.label(r['turn'] - 1)}, {r['ally_name']}: \u201c{r['text']}\u201d"
                       for r in said])]
    if seats:
        score = float(session.outcome().score[0])
        out += [Heading(_("The allies' own scores{who}").format(who=who)),
                Para(_("Washington scored {score}. Each ally played by students scores by its own lights: security "
                       "(the chance of coming through unattacked), budget (its ceiling left to other priorities) "
                       "and autonomy (how far it set its own course).").format(score=num(score, 1))),
                Table([_("ally"), _("score"), *(PART_NAMES[p] for p in PARTS)],
                      [[s.name, num(s.score, 1), *(num(getattr(s, p), 1) for p in PARTS)] for s in seats])]
    return out


def class_blocks(teams) -> list[Block]:
    """The class report's section: each team's game that was played in a class room (votes, messages, seats)."""
    out: list[Block] = []
    for team in teams:
        out += _blocks(team.session, team.session.campaign, f": {team.name}")
    return out
