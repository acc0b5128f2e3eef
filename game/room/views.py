"""What each page is sent: a student's view (its votes, or its seat's brief, Washington's order, its cabinet's
advice and its answer) and the facilitator's (the join code, who joined, the live tally, the seats and their
messages). Plain data: the pages draw it, with every text a student typed put in as text, never as markup."""
from __future__ import annotations

from game.analysis import cabinet
from game.room import words
from game.room.room import ALLIES, Room, Student

NAMES_SHOWN = 80     # the projector lists the latest names; the count says how many in all


def _ally(room: Room, ally: str):
    c = room.session.campaign
    return c.allies[c.ally_index(ally)]


def _order(room: Room, ally: str) -> str:
    return room.session.order_of(ally)


def _map(room: Room, allies: list[str]) -> dict:
    """The theatre a page draws (game.room.svgmap), with its allies and adversaries marked by map code."""
    c = room.session.campaign
    first = _ally(room, allies[0]) if allies else c.allies[0]
    return {"theatre": first.theatre, "era": c.map, "mine": [_ally(room, a).country for a in allies],
            "allies": [a.country for a in c.allies if a.theatre == first.theatre],
            "foes": [x.country for x in c.adversaries if x.theatre == first.theatre]}


def student(room: Room, me: Student) -> dict:
    with room.lock:
        room.sync()
        view = {"t": "state", **room.header(), "you": me.name}
        if room.phase == "over":
            view["scores"] = room.scores()
        if room.mode == ALLIES:
            return {**view, **_seat_view(room, me)}
        view["ballot"] = [{"ally": a, "name": _ally(room, a).name, "orders": list(room.orders_for(a)),
                           "mine": room.ballots.get(a, {}).get(me.id)} for a in room.ballot]
        return view


def _seat_view(room: Room, me: Student) -> dict:
    if not me.seat:
        members = {s.id: 0 for s in room.seats}
        for other in room.students.values():
            if other.seat:
                members[other.seat] += 1
        return {"seat": "", "seats": [{"id": s.id, "name": s.name, "members": members[s.id]} for s in room.seats]}
    seat = room.seat(me.seat)
    advice = room.advice() if room.shown and room.phase == "answers" else {}
    out = []
    for ally in seat.allies:
        spending, stances = cabinet.stances_allowed(room.session, ally)
        item = {"id": ally, "name": _ally(room, ally).name, "brief": cabinet.brief(room.session, ally),
                "allowed": {"spending": list(spending), "stance": list(stances)},
                "order": _order(room, ally) if room.shown else None, "answer": room.answered.get(ally)}
        if ally in advice:
            a = advice[ally]
            item["advice"] = {"spending": a.spending, "alignment": a.alignment, "hedging": a.hedging,
                              "factors": a.factors, "stance": a.stance, "choices": a.choices}
        out.append(item)
    return {"seat": seat.id, "seat_name": seat.name, "allies": out, "map": _map(room, list(seat.allies))}


def host(room: Room, address: str = "", lan: bool = False) -> dict:
    with room.lock:
        room.sync()
        s = room.session
        view = {"t": "state", **room.header(), "code": room.code, "address": address, "lan": lan,
                "lan_text": words.PAGE["lan" if lan else "local"], "joined": len(room.students),
                "names": [x.name for x in list(room.students.values())[-NAMES_SHOWN:]]}
        view["allies"] = [{"id": a.id, "name": a.name, "order": _order(room, a.id), "on_ballot": a.id in room.ballot,
                           "orders": list(room.orders_for(a.id)),
                           "tally": room.tally(a.id), "votes": len(room.ballots.get(a.id, {})),
                           "tie": room.ties.get(a.id, [])} for a in s.campaign.allies]
        if room.mode == ALLIES:
            view["seats"] = [{"id": seat.id, "name": seat.name,
                              "members": [x.name for x in room.students.values() if x.seat == seat.id],
                              "answers": {a: room.answered[a] for a in seat.allies if a in room.answered}}
                             for seat in room.seats]
        if room.phase == "over":
            view["scores"] = room.scores()
        return view
