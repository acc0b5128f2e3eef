"""Every word the class room shows a person, in one place so that it can be translated: the errors the server
sends, the labels and sentences of the students' and the host's pages (sent to each page when it joins, so the
pages hold no English of their own), and what the terminal and the window say about the room. Each is read in the
language spoken (game.i18n): the window's, or the one `fairshare serve --lang` chose for the room."""
from __future__ import annotations

from game.i18n import N_, Translated, _

# Errors a page shows (the server's refusals), by key.
ERRORS = Translated({
    "code": N_("That is not this room's code. Check the code on the projector."),
    "token": N_("This page's seat is not known here: join again."),
    "host": N_("Only the facilitator can do that."),
    "name": N_("Type a name of 1 to {max} characters."),
    "size": N_("That message is too large."),
    "json": N_("The page sent something the room cannot read."),
    "kind": N_("The room does not know that request."),
    "rate": N_("Too many requests at once: wait a moment."),
    "phase": N_("That cannot be done now: {phase}."),
    "turn": N_("That was for another turn: the page has been brought up to date."),
    "ballot": N_("That ally is not being voted on now."),
    "ballot_own": N_("The class is voting on that ally: take it off the vote first."),
    "order": N_("That order cannot be voted for now."),
    "seat": N_("Choose one of the seats listed."),
    "seated": N_("Your team's seat is already chosen."),
    "not_yours": N_("Only that ally's own seat can answer for it."),
    "no_seat": N_("Choose your team's seat first."),
    "ties": N_("Break the ties first: the vote on {allies} is tied."),
    "full": N_("The room is full."),
    "over": N_("The game is over."),
})

PHASES = Translated({
    "voting": N_("the class is voting"),
    "ties": N_("the facilitator is breaking a tie"),
    "closed": N_("the votes are closed; the turn is about to be played"),
    "orders": N_("Washington is choosing its orders"),
    "answers": N_("the allies' governments are answering"),
    "over": N_("the game is over"),
})

# The pages' labels and sentences, sent with the welcome (the pages fill their {placeholders}).
PAGE = Translated({
    "title": N_("Fair Share: the class room"),
    "join": N_("Join"), "code": N_("Room code"), "name": N_("Your name (or your team's)"),
    "joining": N_("Joining\u2026"),
    "offline": N_("Connection lost: reconnecting by itself\u2026"), "online": N_("Connected"),
    "turn": N_("Turn {turn} of {turns}: {period}"),
    "vote_intro": N_("Vote for Washington's order to each ally. You can change your vote until the facilitator closes "
                     "it."),
    "voted": N_("Your vote: {order}"), "not_voted": N_("Not voted yet"),
    "wait": N_("Waiting for the facilitator\u2026"),
    "closed": N_("The votes are closed. Watch the projector."),
    "seat_intro": N_("Choose the government your team plays:"),
    "seat_taken": N_("{n} already in this seat"),
    "your_seat": N_("You play {seat}."),
    "brief": N_("Your government's brief"), "map": N_("Your theatre"),
    "threat": N_("Threat felt"), "trust": N_("Trust in the U.S."), "alignment": N_("Alignment with the U.S."),
    "hedging": N_("Hedging"), "presence": N_("U.S. forces on your soil"), "spending": N_("Defence spending"),
    "ceiling": N_("The most your parliament will pay: {ceiling} % of GDP"),
    "budget": N_("Defence budget: US$ {budget} bn a year"),
    "washington_orders": N_("Washington's order to you this turn: {order}"),
    "orders_hidden": N_("Washington has not shown its orders yet."),
    "advice": N_("Your cabinet's advice"),
    "advice_spending": N_("Spending {before} % \u2192 {after} % of GDP ({delta} pp), because of:"),
    "advice_stance": N_("Stance: {stance}"),
    "answer": N_("Your answer"), "answer_spending": N_("Spending"), "answer_stance": N_("Stance toward Washington"),
    "message": N_("A message to Washington (the projector shows it)"), "send": N_("Send the answer"),
    "sent": N_("Answer sent: spending {spending}, stance {stance}. You can change it until the turn closes."),
    "not_answered": N_("No answer yet: if none is sent, your cabinet's advice is followed."),
    "legend_mine": N_("your government (yellow edge)"), "legend_ally": N_("other allies"),
    "legend_foe": N_("the adversary (dashed edge)"),
    "col_score": N_("score"), "col_security": N_("security"), "col_budget": N_("budget"),
    "col_autonomy": N_("autonomy"),
    "scores": N_("The scores"), "washington": N_("Washington"), "your_score": N_("Your government's own score"),
    "score_parts": N_("security {security}, budget {budget}, autonomy {autonomy}"),
    "over": N_("The game is over. Thank you for playing."),
    "host_title": N_("Fair Share: the facilitator"), "join_at": N_("Join at {address} with the code {code}"),
    "joined": N_("{n} joined"), "tally": N_("The vote"), "votes_line": N_("{n} votes \u00b7 order now: {order}"),
    "close_votes": N_("Close the votes"), "end_turn": N_("Play the turn"),
    "show_orders": N_("Show Washington's orders to the allies"), "break_tie": N_("Tied: choose"),
    "answered": N_("answered"), "waiting": N_("waiting"), "messages": N_("Messages to Washington"),
    "on_ballot": N_("Put to the vote (the others: Washington's own order)"),
    "lan": N_("Open to the room's network: anyone on it who has the code can join."),
    "local": N_("This computer only."),
})

# What each answer means, for the seat's buttons (game.sim.answers).
SPENDING_HELP = Translated({
    "own": N_("as your cabinet advises"), "cut": N_("cut as far as a budget can fall this turn"),
    "hold": N_("keep spending where it is"), "raise": N_("raise it by half of what a budget can rise"),
    "surge": N_("raise it as far as a budget can rise this turn"),
})
STANCE_HELP = Translated({
    "own": N_("as your cabinet advises"), "follow": N_("follow Washington's lead"), "own way": N_("go your own way"),
    "hedge": N_("hedge: keep your own options open"), "bomb": N_("start a nuclear weapons programme"),
    "deal": N_("make your own deal with the adversary"), "give up": N_("give up your nuclear programme"),
})

# The terminal and the window.
SERVING = N_("The class room for '{campaign}' (seed {seed}, {mode} mode) is open.")
JOIN_LINE = N_("Students join at {address} with the code {code}")
HOST_LINE = N_("The facilitator's page (keep it to yourself): {address}/host#code={code}&key={key}")
LOCAL_ONLY = N_("Only this computer can reach it (add --host 0.0.0.0 to open it to the room's network).")
LAN_OPEN = N_("It is open to the room's network on port {port}: anyone on that network who has the code can join.")
JOURNAL_LINE = N_("The room's journal: {path} (after a crash: fairshare serve {campaign} --resume)")
RESUMED = N_("Resumed from {path}: turn {turn}, {students} students, {votes} votes cast this turn.")
STOP = N_("Press Ctrl+C to close the room.")
SAVED = N_("The game is over: saved as {path} (fairshare debrief {path} --out DIR)")
JOURNAL_FAILED = N_("The room's journal could not be written ({error}); the room plays on, and votes are acknowledged "
                    "once a journal holds them.")
NO_JOURNAL = N_("no interrupted room of '{campaign}' to resume in {folder}")


def error(key: str, **fields) -> str:
    return ERRORS[key].format(**fields)


def say(line: str, **fields) -> str:
    """A line for the terminal (SERVING, JOIN_LINE, ...) in the language spoken."""
    return _(line).format(**fields)

# The window's class-room screen (game/ui/side/room.py).
WINDOW = Translated({
    "kicker": N_("Class room"), "title": N_("Open the class room"),
    "intro": N_("Students join from a phone or laptop browser on this computer's network, with no install. Choose "
             "how the class plays:"),
    "vote": N_("The class votes"), "allies": N_("Students play the allies"), "close": N_("Close"),
    "back": N_("Back to the map"),
    "net_local": N_("Network: this computer only"), "net_lan": N_("Network: the room's network"),
    "close_votes": N_("Close the votes"), "show_orders": N_("Show the orders"), "end_turn": N_("Play the turn"),
    "stop": N_("Close the room"), "joined": N_("{n} joined"), "more": N_("(and {n} more)"),
    "tie": N_("Tied: press {keys} to choose {orders}"),
    "waiting": N_("waiting"), "answered": N_("{spending} \u00b7 {stance}"),
    "not_open": N_("The room could not open: {error}"),
    "opened": N_("The class room is open: code {code}"), "stopped": N_("The class room is closed"),
    "no_game": N_("Start a campaign first: the class room plays the game on screen."),
})
