"""Two real headless Chromium pages (selenium, Debian's chromium and chromium-driver) play the class room: a
student joins with the code, votes, and the facilitator's page closes the vote; in the allies mode a student takes
a seat and answers for its government, and Washington's page shows the message, as text. Skips, saying why, where
no browser is present."""
from __future__ import annotations

import time

import pytest
from browser import chromium, why_not

from game.catalog import find_campaign
from game.room.launch import RoomThread
from game.room.room import ALLIES, VOTE, Room
from game.sim.session import AnswerAlly, Session, Vote

pytestmark = [pytest.mark.slow, pytest.mark.skipif(why_not() is not None, reason=why_not() or "")]
EVIL = "<script>window.hacked=1</script>"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path / "home"))
    return tmp_path


@pytest.fixture
def browsers():
    pages = [chromium(360, 740), chromium(1366, 768)]
    yield pages
    for page in pages:
        page.quit()


def serve(mode: str) -> RoomThread:
    thread = RoomThread(Room(Session(find_campaign("tutorial"), 4), mode), None, "127.0.0.1", 0)
    thread.start()
    return thread


def wait(driver, css: str, timeout: float = 15, text: str | None = None):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            found = [e for e in driver.find_elements(By.CSS_SELECTOR, css) if e.is_displayed()]
            found = [e for e in found if text is None or text.lower() in e.text.lower()]
            if found:
                return found[0]
        except StaleElementReferenceException:
            pass
        time.sleep(0.1)
    raise AssertionError(f"nothing matched {css!r}{' with ' + repr(text) if text else ''} in {timeout} s:\n"
                         + driver.find_element(By.TAG_NAME, "body").text[:1500])


def join(driver, address: str, code: str, name: str) -> None:
    driver.get(f"{address}/#code={code}")
    wait(driver, "#name").send_keys(name)
    assert driver.find_element("css selector", "#code").get_attribute("value") == code   # from the QR code's link
    wait(driver, "#join-button").click()
    wait(driver, "#game .card")


def click(driver, css: str, text: str | None = None) -> None:
    from selenium.common.exceptions import StaleElementReferenceException
    for _ in range(20):        # a page redrawn between finding and clicking: find it again
        try:
            wait(driver, css, text=text).click()
            return
        except StaleElementReferenceException:
            time.sleep(0.1)
    raise AssertionError(f"could not click {css}")


def test_a_student_votes_and_the_facilitator_closes_the_vote(home, browsers):
    phone, projector = browsers
    thread = serve(VOTE)
    room, address = thread.server.room, thread.server.address
    try:
        projector.get(f"{address}/host#code={room.code}&key={room.host_key}")
        wait(projector, "[data-code]", text=room.code)
        join(phone, address, room.code, EVIL)
        click(phone, '[data-ally="poland"] button[data-order="pressure"]')
        wait(phone, '[data-ally="poland"] button[data-order="pressure"][aria-pressed="true"]')
        wait(projector, '[data-ally="poland"] [data-count="pressure"]', text="1")
        names = wait(projector, ".names", text="<script>")
        assert EVIL[:24] in names.text                       # shown as text, never run
        assert projector.execute_script("return window.hacked === undefined")
        assert phone.execute_script("return window.hacked === undefined")
        click(projector, "#close-votes")
        wait(projector, ".dim", text="closed")
        assert Vote("poland", "pressure", "pressure:1") in room.session.log
        click(projector, "#end-turn")
        wait(phone, ".kicker", text="Turn 2")
        assert room.session.state.turn == 1
    finally:
        thread.stop()


def test_a_government_answers_and_washington_reads_its_message(home, browsers):
    phone, projector = browsers
    thread = serve(ALLIES)
    room, address = thread.server.room, thread.server.address
    try:
        projector.get(f"{address}/host#code={room.code}&key={room.host_key}")
        wait(projector, "[data-code]", text=room.code)
        join(phone, address, room.code, "Team Madrid")
        click(phone, 'button[data-seat="spain"]')
        wait(phone, ".map svg path.mine")                    # the theatre's map, with Spain marked
        from selenium.webdriver.support.ui import Select
        Select(wait(projector, 'select[data-ally="spain"]')).select_by_value("pressure")
        time.sleep(0.5)
        click(projector, "#show-orders")
        wait(phone, "p", text="Washington's order to you this turn: pressure")
        wait(phone, ".bars .bar")                            # the cabinet's advice, as factor bars
        click(phone, 'button[data-spending="surge"]')
        click(phone, 'button[data-stance="follow"]')
        wait(phone, 'textarea[data-message="spain"]').send_keys("We pay more. " + EVIL)
        click(phone, "form.answer button[type=submit]")
        wait(phone, ".mine", text="Answer sent")
        message = wait(projector, '[data-seat="spain"] .quote', text="We pay more.")
        assert EVIL in message.text and projector.execute_script("return window.hacked === undefined")
        assert AnswerAlly("spain", "surge", "follow", "We pay more. " + EVIL) in room.session.log
        # the phone sleeps and wakes: the page comes back to its seat by itself
        phone.refresh()
        wait(phone, ".mine", text="You play Spain")
    finally:
        thread.stop()


def test_a_mistyped_code_then_the_right_one_leaves_one_connection(home, browsers):
    """A refused hello closes the page's connection for good (no reconnecting with the same wrong code every time
    the room closes a connection that never joined), and the second try replaces it rather than adding one."""
    phone, _ = browsers
    thread = serve(VOTE)
    room, address = thread.server.room, thread.server.address
    try:
        phone.get(f"{address}/#code=WRONG9")
        wait(phone, "#name").send_keys("Ann")
        wait(phone, "#join-button").click()
        wait(phone, "#join-error", text="code")
        time.sleep(1.0)                                     # a reconnecting page would be back by now
        assert len(thread.server.clients) == 0
        code_box = wait(phone, "#code")
        code_box.clear()
        code_box.send_keys(room.code)
        wait(phone, "#join-button").click()
        wait(phone, "#game .card")
        time.sleep(1.0)
        assert len(thread.server.clients) == 1 and [s.name for s in room.students.values()] == ["Ann"]
    finally:
        thread.stop()
