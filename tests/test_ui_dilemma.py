"""The window's side of "The dilemma in play": the relative verdict on the end screen, the Congress lever, Withdraw
where no U.S. forces are left, and the new factors in the report and help (headless)."""
from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame  # noqa: E402

from game.campaign.model import ORDERS  # noqa: E402
from game.sim.policies import adviser, adviser_us  # noqa: E402
from game.sim.session import SetOrder, SetUSAction  # noqa: E402
from game.sim.state import CONGRESS  # noqa: E402
from game.ui import flow  # noqa: E402
from game.ui.report.debrief import EndScene  # noqa: E402
from game.ui.report.scene import ReportScene  # noqa: E402
from game.ui.side.help import help_blocks  # noqa: E402
from game.ui.synth import Driver  # noqa: E402


def start(app, campaign: str, seed: int = 3) -> Driver:
    flow.start_campaign(app, campaign, seed)
    flow.begin_play(app)
    return Driver(app)


def back_to_play(app) -> None:
    """After a turn the report (and any event dialogs) sit on top of the play screen: show them (the loop then
    writes the autosave), and close them."""
    app.presented()
    while app.scene.name != "play" and not app.session.over:
        app.pop()


def finish(app, orders_for=None):
    """Play to the end, each turn giving the orders (and U.S. action) `orders_for(state)` returns."""
    s = app.session
    while not s.over:
        if orders_for is not None:
            orders, us = orders_for(s.state)
            for ally, order in zip(s.campaign.allies, orders):
                s.execute(SetOrder(ally.id, order))
            s.execute(SetUSAction(us))
        flow.end_turn(app)
        back_to_play(app)
    app.reset_to_title(resume=False)
    app.push(EndScene(app))
    app.render(force=True)
    return app.scene.data["verdict"]


def test_holding_everywhere_is_judged_no_better_than_doing_nothing(app):
    start(app, "tutorial")
    v = finish(app)
    assert v.title == "No better than doing nothing"
    assert v.score == v.hold                    # the same dice: holding is literally the comparison game
    assert f"holding every ally every turn scores {v.hold:.0f}" in v.sentence
    assert set(v.pillars) == {"deterrence", "burden", "influence", "cohesion"}
    assert "expected successful attacks" in app.scene.data["notes"]["deterrence"]
    assert "trust" in app.scene.data["notes"]["cohesion"] and "hedging" in app.scene.data["notes"]["cohesion"]


def test_the_advisers_own_orders_are_not_worse_than_doing_nothing(app):
    start(app, "tutorial")
    v = finish(app, lambda state: ([ORDERS[o] for o in adviser(state)[0][0]],
                                   "congress" if adviser_us(state)[0] == CONGRESS else "none"))
    assert v.title != "Worse than doing nothing"
    assert abs(v.score - v.adviser) < 1e-9      # the player who follows the adviser plays the adviser's game


def test_the_congress_toggle_goes_through_the_command_log(app):
    drive = start(app, "europe_2024")
    s = app.session
    drive.click("congress")
    assert s.log[-1] == SetUSAction("congress") and s.us_action == "congress"
    assert app.scene.button("congress").active
    before = list(s.log)
    app.render(force=True)                      # drawing the toggle changes nothing
    assert s.log == before and s.us_action == "congress"
    drive.press(pygame.K_RETURN)                # the confirmation names the pending action
    assert app.scene.name == "confirm" and "invoke Congress" in app.scene.text
    drive.press(pygame.K_ESCAPE)
    drive.press(pygame.K_g)
    assert s.log[-1] == SetUSAction("none") and s.us_action == "none"
    drive.press(pygame.K_g)
    drive.press(pygame.K_RETURN)
    drive.press(pygame.K_RETURN)                # confirm: the turn resolves with Congress invoked
    assert int(s.reports[-1].us_action[0]) == CONGRESS
    assert app.scene.name in ("report", "event")
    back_to_play(app)
    assert "Congress invoked" in ReportScene(app, 0).orders_text()
    assert s.us_action == "none" and not app.scene.button("congress").active   # one turn only


def test_withdraw_is_greyed_where_no_us_forces_are_left(app):
    drive = start(app, "europe_2024")
    s = app.session
    france = s.campaign.ally_index("france")
    s.execute(SetOrder("france", "withdraw"))
    flow.end_turn(app)
    back_to_play(app)
    assert float(s.state.presence[0, france]) == 0.0
    play = app.scene
    play.select(france)
    app.render(force=True)
    assert not play.button("order:withdraw").enabled
    assert "order:withdraw" not in play.targets()
    assert play.view()["refusal"] == "No U.S. forces left in France"
    before = list(s.log)
    app.toasts = []
    drive.press(pygame.K_w)
    assert s.log == before and s.order_of("france") == "hold"
    assert app.toasts and "France" in app.toasts[0][0]
    drive.press(pygame.K_w, pygame.KMOD_SHIFT)  # everywhere: France is skipped, the others withdraw
    assert s.order_of("france") == "hold"
    assert all(s.order_of(a.id) == "withdraw" for a in s.campaign.allies if a.id != "france")
    assert "skipped 1 ally" in app.toasts[0][0]


def test_the_new_factors_are_explained_in_help():
    keys = {b.key for b in help_blocks()[1]}
    assert {"Riding on partners", "Promise kept", "Third force", "G  Invoke Congress"} <= keys
