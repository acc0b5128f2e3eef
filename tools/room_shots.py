"""Screenshots of the class room's pages in headless Chromium, at a phone's size (360x740) and a laptop's
(1366x768), to look at: the student's vote, a government's seat with its brief, map, advice and answer, the
facilitator's projector with a live tally, and the scores at the end.

    python -m tools.room_shots FOLDER
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium, viewport, why_not

from game.catalog import find_campaign
from game.room.launch import RoomThread
from game.room.room import ALLIES, VOTE, Room
from game.sim.session import Session

SIZES = ((360, 740), (1366, 768))


def shoot(driver, url: str, out: Path, name: str, ready: str, full: bool = False) -> None:
    for w, h in SIZES:
        viewport(driver, w, h)
        driver.get(url)
        time.sleep(0.5)
        form = driver.find_elements("css selector", "#join")
        if form and form[0].is_displayed():           # a student's page that has not joined yet: join as Ana
            driver.find_element("css selector", "#name").send_keys("Ana")
            driver.find_element("css selector", "#join-button").click()
        end = time.monotonic() + 15
        while time.monotonic() < end and not driver.find_elements("css selector", ready):
            time.sleep(0.1)
        time.sleep(0.6)
        if full:     # the whole page, as a phone scrolls it
            height = driver.execute_script("return document.documentElement.scrollHeight")
            viewport(driver, w, min(height, 4000))
            time.sleep(0.3)
        driver.save_screenshot(str(out / f"{name}_{w}x{h}.png"))


def main() -> int:
    if why_not():
        print(f"no screenshots: {why_not()}")
        return 1
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "room_shots")
    out.mkdir(parents=True, exist_ok=True)
    os.environ["FAIRSHARE_HOME"] = tempfile.mkdtemp(prefix="fairshare-shots-")
    driver = chromium()
    try:
        vote = RoomThread(Room(Session(find_campaign("europe_2024"), 5), VOTE), None, "127.0.0.1", 0)
        vote.start()
        room = vote.server.room
        for k in range(23):
            _, s = room.join(f"student {k}")
            for j, ally in enumerate(room.ballot[:6]):
                room.vote(s, ally, ("pressure", "reassure", "hold", "withdraw")[(k * (j + 1)) % 4 % (2 + j % 3)], 0)
        vote.kick()
        token, me = room.join("Ana")
        room.vote(me, room.ballot[0], "pressure", 0)
        shoot(driver, f"{vote.server.address}/#code={room.code}", out, "student_vote", "[data-ally]")
        shoot(driver, f"{vote.server.address}/host#code={room.code}&key={room.host_key}", out, "host_vote",
              "[data-count]")
        vote.stop()
        allies = RoomThread(Room(Session(find_campaign("europe_2024"), 5), ALLIES), None, "127.0.0.1", 0)
        allies.start()
        room = allies.server.room
        room.set_order("poland", "pressure")
        room.show_orders()
        for k, seat in enumerate(room.seats[:5]):
            _, s = room.join(f"team {k}")
            room.take_seat(s, seat.id)
            if k:
                room.answer(s, seat.allies[0], "raise", "follow", "We hear you; our parliament needs time.", 0)
        driver.get(f"{allies.server.address}/#code={room.code}")
        driver.find_element("css selector", "#name").send_keys("Team Warsaw")
        driver.find_element("css selector", "#join-button").click()
        time.sleep(1)
        driver.find_element("css selector", 'button[data-seat="poland"]').click()
        time.sleep(1)
        shoot(driver, f"{allies.server.address}/#code={room.code}", out, "student_seat", ".map svg", full=True)
        shoot(driver, f"{allies.server.address}/host#code={room.code}&key={room.host_key}", out, "host_allies",
              "[data-seat]")
        while not room.session.over:
            room.end_turn()
            if not room.session.over:
                room.show_orders()
        allies.kick()
        shoot(driver, f"{allies.server.address}/#code={room.code}", out, "student_scores", "table")
        allies.stop()
    finally:
        driver.quit()
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
