"""The game's flow between scenes: start, end a turn, save, load, continue, leave. Scenes call these; these
call the Session only through `execute`, the saves only through game.ui.persist, and open screens by name
(`app.show`), so this module imports no scene."""
from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING

from game.campaign import Campaign, CampaignError
from game.catalog import find_campaign
from game.i18n import _, integer, ngettext
from game.limits import MAX_SEED
from game.sim.explain import happenings
from game.sim.session import EndTurn, Session
from game.ui import persist
from game.ui.report import whatif_job

if TYPE_CHECKING:
    from game.ui.app import App


def campaign_problem(error: Exception) -> str:
    if isinstance(error, CampaignError) and error.problems:
        first = error.problems[0]
        more = len(error.problems) - 1
        extra = "\n\n" + ngettext("({n} more problem; run `fairshare validate` on the file to see them all.)",
                                    "({n} more problems; run `fairshare validate` on the file to see them all.)",
                                    more).format(n=more) if more else ""
        return f"{first}{extra}"
    return str(error)


def start_campaign(app: "App", ref, seed: int | None = None) -> bool:
    """Start a campaign (a Campaign, or an id or path) and show its briefing; a problem becomes a dialog."""
    if seed is not None and not (isinstance(seed, int) and 0 <= seed <= MAX_SEED):
        app.message(_("This campaign cannot be opened"),
                    _("The seed must be a whole number from 0 to {max} (2**63 - 1), not {seed!r}.").format(
                        max=integer(MAX_SEED), seed=seed), kicker=_("Campaign problem"), accent="bad")
        return False
    try:
        campaign = ref if isinstance(ref, Campaign) else find_campaign(str(ref))
        session = Session(campaign, seed if seed is not None else random.randrange(1, 100_000))
    except (FileNotFoundError, CampaignError, OSError, ValueError) as error:
        app.message(_("This campaign cannot be opened"), campaign_problem(error), kicker=_("Campaign problem"),
                    accent="bad")
        return False
    app.session, app.saved_turn = session, 0
    app.autosave_slot = persist.autosave_slot()      # each game its own autosave: the next game never replaces it
    app.reset_to_title(resume=False)
    app.show("briefing")
    return True


def begin_play(app: "App") -> None:
    """From the briefing into the game, asking the team's name first if it has not been asked in this window."""
    if app.team is None:
        app.show("team", lambda: begin_play(app))
        return
    app.reset_to_title(resume=False)
    app.show("play")
    whatif_job.prefetch(app.session)   # the debrief's best plan, found while the player plays


def hand_in(app: "App") -> None:
    """Save the finished game for the instructor (asking the team's name if there is none yet) and say where."""
    session = app.session
    if session is None or not session.over:
        return
    if not app.team:
        app.show("team", lambda: hand_in(app) if app.team else None, True)
        return
    path, error = persist.hand_in(session, app.team)
    if error:
        app.message(_("The game was not saved for hand-in"), error[0].upper() + error[1:] + ".",
                    kicker=_("Save problem"),
                    accent="bad")
        return
    app.saved_turn = session.state.turn
    app.message(_("Saved for hand-in"),
                _("{team}'s finished game is saved as\n\n{path}\n\nGive that file to your instructor (a shared folder, "
                  "a USB stick, the course site). On a shared drive, the instructor runs `fairshare class {folder}` "
                  "on the whole folder.").format(team=app.team, path=path, folder=path.parent), kicker=_("Hand-in"))


def end_turn(app: "App") -> None:
    """Resolve the turn and show the turn report, what went wrong on top of it and the next turn's news under it;
    once that frame is on screen, autosave (the disk writes and fsync took a third of End turn to report) and, after
    the last turn, start the what-if (its thread would otherwise share the interpreter with the report's first
    frame)."""
    session = app.session
    if session is None or session.over:
        return
    session.execute(EndTurn())
    index = len(session.reports) - 1
    grave = [h for h in happenings(session.reports[index], session.history[index + 1]) if h.grave]
    when = session.campaign.calendar.label(index + 1) if not session.over else _("Final turn")
    # The news of the next turn (a campaign's events: a tutorial's lesson) waits under the report, to show once it is
    # closed: a lesson that says "read the turn report" must not cover it. What went wrong this turn (an attack, a
    # nuclear programme, a forced drawdown) shows on top of it at once.
    news = [h for h in grave if h.kind == "event"]
    alerts = [h for h in grave if h.kind != "event"]
    for n, h in reversed(list(enumerate(news))):
        app.show("event", h, n + 1, len(news), when)
    app.show("report", index, after_turn=True)
    for n, h in reversed(list(enumerate(alerts))):
        app.show("event", h, n + 1, len(alerts), when)
    app.after_present(lambda: autosave(app, session))
    app.after_present(lambda: whatif_job.prefetch(session))   # once over: worked out while the last report is read


def autosave(app: "App", session) -> None:
    """Write the autosave of `session` (every turn: Continue picks up from it) and say how it went."""
    if app.autosave_slot is None:
        app.autosave_slot = persist.autosave_slot()
    error = persist.autosave(session, app.autosave_slot, app.team or "")[1]
    if error:
        app.message(_("The autosave failed"),
                    _("The game goes on, but the autosave could not be written: {error}").format(error=error),
                    kicker=_("Save problem"), accent="bad")
    else:
        app.toast(_("Autosaved"))


def save_as(app: "App", slot: str) -> bool:
    if app.session is None:
        return False
    path, error = persist.save(app.session, slot, app.team or "", force=True)   # the Save-as screen asked first
    if error:
        app.message(_("The game was not saved"), error[0].upper() + error[1:] + ".", kicker=_("Save problem"),
                    accent="bad")
        return False
    app.saved_turn = app.session.state.turn
    app.toast(_("Saved as '{slot}'").format(slot=slot))
    return True


def load(app: "App", path, replay_changed: bool = False) -> bool:
    game, error = persist.load(path, replay_changed)
    if isinstance(error, persist.CampaignChanged):
        problem = f"{str(error)[0].upper()}{str(error)[1:]}"
        app.confirm(_("The campaign has changed"),
                    _("{problem}. Its orders can be replayed on the current version of the campaign file, as hot "
                      "reload does: the same seed and orders, with the orders the new version refuses left out, so "
                      "the game may turn out differently.\n\nThe save itself is left as it is.").format(
                        problem=problem),
                    lambda: load(app, path, replay_changed=True), yes=_("Replay it"), no=_("Cancel"), kicker=_("Load"))
        return False
    if error:
        app.message(_("This save cannot be loaded"),
                    error[0].upper() + error[1:] + _(".\n\nThe file was left as it is."),
                    kicker=_("Load problem"), accent="bad")
        return False
    session = game.session
    app.session, app.saved_turn = session, session.state.turn
    # an autosave goes on being this game's autosave; a game loaded from a named save gets one of its own
    app.autosave_slot = Path(path).stem if persist.is_autosave(Path(path).stem) else persist.autosave_slot()
    if game.team:
        app.team = game.team
    app.reset_to_title(resume=False)
    app.show("end" if session.over else "play")
    shown = session.campaign.calendar.label(min(session.state.turn, session.campaign.turns - 1))
    if game.changed:
        app.message(_("Replayed on the changed campaign"), game.note()[0].upper() + game.note()[1:] + ".",
                    kicker=_("Load"))
    else:
        app.toast(_("Loaded: {campaign}, {when}").format(campaign=session.campaign.name, when=shown))
    return True


def continue_latest(app: "App") -> bool:
    info = persist.latest()
    if info is None:
        app.message(_("Nothing to continue"), _("There is no saved game yet. Start a campaign: the game is saved "
                    "automatically after every turn."), kicker=_("Continue"))
        return False
    return load(app, info.path)


def leave_to_title(app: "App") -> None:
    """Back to the title, asking first if turns were played since the last save."""
    def go():
        app.session = None
        app.reset_to_title()
    if app.unsaved:
        app.confirm(_("Leave this game?"), _unsaved_text(app), go, yes=_("Leave"), no=_("Stay"),
                    kicker=_("Unsaved progress"))
    else:
        go()


def request_quit(app: "App") -> None:
    def go():
        app.running = False
    if app.unsaved:
        app.confirm(_("Quit Fair Share?"), _unsaved_text(app), go, yes=_("Quit"), no=_("Stay"),
                    kicker=_("Unsaved progress"))
    else:
        go()


def _unsaved_text(app: "App") -> str:
    n = app.session.state.turn - app.saved_turn
    text = ngettext("You have played {n} turn since you last saved this game by name. ",
                    "You have played {n} turns since you last saved this game by name. ", n).format(n=n)
    if persist.latest() is None:     # Continue is only offered where there is a save to continue
        return text + _("No save of it could be kept: press S in the game to save it by name.")
    return text + (_("The autosave keeps the latest turn (Continue on the title screen), but a named save is safer: "
                   "press S in the game to make one."))
