"""Screenshots of every scene, rendered headless:
`python -m game.ui.shots [FOLDER] [WIDTHxHEIGHT] [TEXT_SCALE] [CAMPAIGN]` (e.g. `shots out 1280x720 1.5`).

With no folder it writes the README's screenshots (title, play, report, end, whatif and projector, and play_130
and end_130 at text size 130 %) into assets/screenshots/ at 1920x1080. Saves go to a temporary folder, never to
the player's own.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pygame

from game.authoring.live import Broken
from game.campaign.errors import Problem
from game.i18n import N_, _, take_option
from game.paths import asset_path
from game.settings import Settings
from game.sim.explain import happenings
from game.sim.session import SetOrder, SetUSAction
from game.ui import flow
from game.ui.app import App
from game.ui.report import whatif_job

README_SHOTS = ("title", "play", "report", "end", "whatif", "projector")
README_SHOTS_130 = ("play", "end")      # as projected
# The event dialog and a message as the shots and the layout check show them (the event: title, text, kind,
# which of how many, the date).
EVENT = (("Russian jets over the Baltic", "Russian aircraft fly close to Baltic airspace again, and the front-line "
          "allies ask what Washington will do.", "aggression"), 1, 2, "2026")
MESSAGE = (N_("Nothing to continue"), N_("There is no saved game yet. Start a campaign: the game is saved "
                                         "automatically after every turn."), N_("Continue"))
# What a campaign author's typo looks like in the reload overlay (the wording of game.campaign's checks).
RELOAD_PROBLEMS = ("allies.poland.spending: expected a number from 0 to 20, got 'two'",
                   "events.reservists.turn: 14 is past the campaign's last turn (12)",
                   "allies.germany.theatre: unknown theatre 'europ' (did you mean 'europe'?)")


def _headless() -> None:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


TEAM = "Team Adams"


def scripted_game(app, campaign: str = "europe_2024", seed: int = 7, turns: int = 4):
    """Start `campaign` and play a few turns with a plausible mix of orders (through session.execute only), as a team
    whose name was given at the briefing."""
    app.team = TEAM
    flow.start_campaign(app, campaign, seed)
    flow.begin_play(app)
    s = app.session
    ids = [a.id for a in s.campaign.allies]
    plan = ["pressure", "reassure", "hold", "criticize", "pressure", "withdraw"]
    for t in range(turns):
        for i, ally in enumerate(ids):
            s.execute(SetOrder(ally, plan[(i + t) % len(plan)] if (i + t) % 3 == 0 else "hold"))
        flow.end_turn(app)
        app.presented()          # as the loop does once the report is on screen: the autosave
        app.reset_to_title()
        flow.begin_play(app)
    return s


def set_orders(app, orders: dict[str, str]) -> None:
    for ally, order in orders.items():
        app.session.execute(SetOrder(ally, order))
    app.scene._sync_buttons()


def render_all(folder: Path, size=(1920, 1080), campaign: str = "europe_2024",
               text_scale: float = 1.0) -> dict[str, Path]:
    """Every scene as a PNG in `folder`; returns {scene name: path}."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    app = App(size=size, settings=Settings(text_scale=text_scale, window_size=size))

    def shot(name: str) -> None:
        app.toasts = []
        app.render(force=True)
        path = folder / f"{name}.png"
        pygame.image.save(app.screen, str(path))
        out[name] = path

    shot("title")
    flow.start_campaign(app, campaign, 7)
    shot("briefing")
    app.reset_to_title()
    scripted_game(app, campaign, turns=5)
    play = app.scene
    ids = [a.id for a in app.session.campaign.allies]
    play.select(min(4, len(ids) - 1))
    app.session.execute(SetUSAction("congress"))     # the README shows the U.S.-level lever in use
    set_orders(app, {ids[min(4, len(ids) - 1)]: "pressure", ids[0]: "reassure", ids[-1]: "criticize"})
    play.mouse = (0, 0)
    shot("play")
    for key, name in ((pygame.K_2, "trust"), (pygame.K_3, "spending"), (pygame.K_5, "hedging")):
        app.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=""))
        shot(f"play_{name}")
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_1, mod=0, unicode=""))
    s = app.session
    busiest = max(range(len(s.reports)), key=lambda i: (len(happenings(s.reports[i], s.history[i + 1])), i))
    app.show("report", busiest)
    shot("report")
    app.pop()
    app.show("event", *EVENT)
    shot("event")
    app.pop()
    app.show("save")
    shot("save_as")
    app.pop()
    flow.request_quit(app)            # turns played since the last named save: it asks first
    shot("quit")
    app.pop()
    app.message(*(_(m) for m in MESSAGE))
    shot("message")
    app.pop()
    app.show("seed")
    shot("seed")
    app.pop()
    app.show("inject")
    shot("inject")
    app.pop()
    app.show("team", lambda: None)
    shot("team")
    app.pop()
    app.hot_reload.watched = app.session     # as if the author had just saved a broken campaign file
    app.hot_reload.broken = Broken(tuple(Problem(f"{app.session.campaign.id}.yaml", 12 + 7 * i, 5, message)
                                         for i, message in enumerate(RELOAD_PROBLEMS)))
    shot("reload")
    app.hot_reload.broken = None
    app.show("help")
    shot("help")
    app.pop()
    app.show("settings")
    shot("settings")
    app.pop()
    app.show("load")
    shot("load")
    app.pop()
    while not app.session.over:
        flow.end_turn(app)
        app.presented()
    app.reset_to_title()
    app.show("end")
    whatif_job.start(app.session).result()   # worked out on its thread: wait, so the shots show it
    shot("end")
    app.show("whatif")
    shot("whatif")
    app.show("projector", busiest)   # the turn with most happenings, as the README's report shot
    shot("projector")
    return out


def main(argv: list[str] | None = None) -> int:
    argv = take_option(sys.argv[1:] if argv is None else argv)
    _headless()
    folder = Path(argv[0]) if argv else None
    size = tuple(int(x) for x in argv[1].split("x")) if len(argv) > 1 else (1920, 1080)
    scale = float(argv[2]) if len(argv) > 2 else 1.0
    campaign = argv[3] if len(argv) > 3 else "europe_2024"
    with tempfile.TemporaryDirectory() as home:
        os.environ["FAIRSHARE_HOME"] = home
        pygame.init()
        try:
            if folder is None:
                target = Path(asset_path("screenshots")) if Path(asset_path("screenshots")).exists() else \
                    Path(__file__).resolve().parents[2] / "assets" / "screenshots"
                target.mkdir(parents=True, exist_ok=True)
                with tempfile.TemporaryDirectory() as tmp:
                    shots = render_all(Path(tmp) / "100", size)
                    projector = render_all(Path(tmp) / "130", size, text_scale=1.3)
                    chosen = [(name, shots[name]) for name in README_SHOTS]
                    chosen += [(f"{name}_130", projector[name]) for name in README_SHOTS_130]
                    for name, path in chosen:
                        (target / f"{name}.png").write_bytes(path.read_bytes())
                        print(target / f"{name}.png")
            else:
                for path in render_all(folder, size, campaign, scale).values():
                    print(path)
        finally:
            pygame.quit()
    return 0

if __name__ == "__main__":
    sys.exit(main())
