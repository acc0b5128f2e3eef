"""Every word the class room shows a person, in one place so that it can be translated: the errors the server
sends, the labels and sentences of the students' and the host's pages (sent to each page when it joins, so the
pages hold no English of their own), and what the terminal and the window say about the room."""
from __future__ import annotations

# Errors a page shows (the server's refusals), by key.
ERRORS = {
    "code": "That is not this room's code. Check the code on the projector.",
    "token": "This page's seat is not known here: join again.",
    "host": "Only the facilitator can do that.",
    "name": "Type a name of 1 to {max} characters.",
    "size": "That message is too large.",
    "json": "The page sent something the room cannot read.",
    "kind": "The room does not know that request.",
    "rate": "Too many requests at once: wait a moment.",
    "phase": "That cannot be done now: {phase}.",
    "turn": "That was for another turn: the page has been brought up to date.",
    "ballot": "That ally is not being voted on now.",
    "ballot_own": "The class is voting on that ally: take it off the vote first.",
    "order": "That order cannot be voted for now.",
    "seat": "Choose one of the seats listed.",
    "seated": "Your team's seat is already chosen.",
    "not_yours": "Only that ally's own seat can answer for it.",
    "no_seat": "Choose your team's seat first.",
    "ties": "Break the ties first: the vote on {allies} is tied.",
    "full": "The room is full.",
    "over": "The game is over.",
}

PHASES = {
    "voting": "the class is voting",
    "ties": "the facilitator is breaking a tie",
    "closed": "the votes are closed; the turn is about to be played",
    "orders": "Washington is choosing its orders",
    "answers": "the allies' governments are answering",
    "over": "the game is over",
}

# The pages' labels and sentences, sent with the welcome (the pages fill their {placeholders}).
PAGE = {
    "title": "Fair Share: the class room",
    "join": "Join", "code": "Room code", "name": "Your name (or your team's)", "joining": "Joining\u2026",
    "offline": "Connection lost: reconnecting by itself\u2026", "online": "Connected",
    "turn": "Turn {turn} of {turns}: {period}",
    "vote_intro": "Vote for Washington's order to each ally. You can change your vote until the facilitator closes it.",
    "voted": "Your vote: {order}", "not_voted": "Not voted yet",
    "wait": "Waiting for the facilitator\u2026",
    "closed": "The votes are closed. Watch the projector.",
    "seat_intro": "Choose the government your team plays:",
    "seat_taken": "{n} already in this seat",
    "your_seat": "You play {seat}.",
    "brief": "Your government's brief", "map": "Your theatre",
    "threat": "Threat felt", "trust": "Trust in the U.S.", "alignment": "Alignment with the U.S.",
    "hedging": "Hedging", "presence": "U.S. forces on your soil", "spending": "Defence spending",
    "ceiling": "The most your parliament will pay: {ceiling} % of GDP",
    "budget": "Defence budget: US$ {budget} bn a year",
    "washington_orders": "Washington's order to you this turn: {order}",
    "orders_hidden": "Washington has not shown its orders yet.",
    "advice": "Your cabinet's advice",
    "advice_spending": "Spending {before} % \u2192 {after} % of GDP ({delta} pp), because of:",
    "advice_stance": "Stance: {stance}",
    "answer": "Your answer", "answer_spending": "Spending", "answer_stance": "Stance toward Washington",
    "message": "A message to Washington (the projector shows it)", "send": "Send the answer",
    "sent": "Answer sent: spending {spending}, stance {stance}. You can change it until the turn closes.",
    "not_answered": "No answer yet: if none is sent, your cabinet's advice is followed.",
    "legend_mine": "your government (yellow edge)", "legend_ally": "other allies",
    "legend_foe": "the adversary (dashed edge)",
    "col_score": "score", "col_security": "security", "col_budget": "budget", "col_autonomy": "autonomy",
    "scores": "The scores", "washington": "Washington", "your_score": "Your government's own score",
    "score_parts": "security {security}, budget {budget}, autonomy {autonomy}",
    "over": "The game is over. Thank you for playing.",
    "host_title": "Fair Share: the facilitator", "join_at": "Join at {address} with the code {code}",
    "joined": "{n} joined", "tally": "The vote", "votes_line": "{n} votes \u00b7 order now: {order}",
    "close_votes": "Close the votes", "end_turn": "Play the turn",
    "show_orders": "Show Washington's orders to the allies", "break_tie": "Tied: choose",
    "answered": "answered", "waiting": "waiting", "messages": "Messages to Washington",
    "on_ballot": "Put to the vote (the others: Washington's own order)",
    "lan": "Open to the room's network: anyone on it who has the code can join.",
    "local": "This computer only.",
}

# What each answer means, for the seat's buttons (game.sim.answers).
SPENDING_HELP = {
    "own": "as your cabinet advises", "cut": "cut as far as a budget can fall this turn",
    "hold": "keep spending where it is", "raise": "raise it by half of what a budget can rise",
    "surge": "raise it as far as a budget can rise this turn",
}
STANCE_HELP = {
    "own": "as your cabinet advises", "follow": "follow Washington's lead", "own way": "go your own way",
    "hedge": "hedge: keep your own options open", "bomb": "start a nuclear weapons programme",
    "deal": "make your own deal with the adversary", "give up": "give up your nuclear programme",
}

# The terminal and the window.
SERVING = "The class room for '{campaign}' (seed {seed}, {mode} mode) is open."
JOIN_LINE = "Students join at {address} with the code {code}"
HOST_LINE = "The facilitator's page (keep it to yourself): {address}/host#code={code}&key={key}"
LOCAL_ONLY = "Only this computer can reach it (add --host 0.0.0.0 to open it to the room's network)."
LAN_OPEN = "It is open to the room's network on port {port}: anyone on that network who has the code can join."
JOURNAL_LINE = "The room's journal: {path} (after a crash: fairshare serve {campaign} --resume)"
RESUMED = "Resumed from {path}: turn {turn}, {students} students, {votes} votes cast this turn."
STOP = "Press Ctrl+C to close the room."
SAVED = "The game is over: saved as {path} (fairshare debrief {path} --out DIR)"
JOURNAL_FAILED = ("The room's journal could not be written ({error}); the room plays on, and votes are acknowledged "
                  "once a journal holds them.")
NO_JOURNAL = "no interrupted room of '{campaign}' to resume in {folder}"


def error(key: str, **fields) -> str:
    return ERRORS[key].format(**fields)

# The window's class-room screen (game/ui/side/room.py).
WINDOW = {
    "kicker": "Class room", "title": "Open the class room",
    "intro": "Students join from a phone or laptop browser on this computer's network, with no install. Choose "
             "how the class plays:",
    "vote": "The class votes", "allies": "Students play the allies", "close": "Close", "back": "Back to the map",
    "net_local": "Network: this computer only", "net_lan": "Network: the room's network",
    "close_votes": "Close the votes", "show_orders": "Show the orders", "end_turn": "Play the turn",
    "stop": "Close the room", "joined": "{n} joined", "more": "(and {n} more)",
    "tie": "Tied: press {keys} to choose {orders}",
    "waiting": "waiting", "answered": "{spending} \u00b7 {stance}", "not_open": "The room could not open: {error}",
    "opened": "The class room is open: code {code}", "stopped": "The class room is closed",
    "no_game": "Start a campaign first: the class room plays the game on screen.",
}
