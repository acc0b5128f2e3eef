"""The class room under load, and under kill -9 (issue 25's targets), on this machine only (loopback).

    python -m tools.room_load                       # 120 students vote on 10 allies for 12 turns
    python -m tools.room_load --kills 20            # the same, the server killed -9 at 20 random moments and
                                                    # restarted with `serve --resume` each time
    python -m tools.room_load --students 30 --turns 3 --json

The server runs as `fairshare serve` in its own process (a temporary FAIRSHARE_HOME); the students and the
projector are WebSocket pages in this one. Each student votes on every ally of the ballot each turn, at a moment
of its own within the first seconds of the turn; the projector closes the votes once every vote is acknowledged,
breaks ties with the first leader, and plays the turn.

Checked, every turn: the projector's tally equals the votes the students cast (none lost, none counted twice);
after every kill, the journal on disk holds every vote a page saw acknowledged; at the end, the game the journal
records replays to the same state as the game the votes should have made, bit for bit. Measured: how long after a
vote was sent the projector's tally counted it (p50, p95, max), and the same for each turn's last vote.
Bounded: every wait has a time limit, and the whole run stops after --limit seconds.
"""
from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import aiohttp
import numpy as np
from room_client import Page

from game.catalog import find_campaign
from game.room.room import token_id
from game.sim import votes
from game.sim.session import Command, EndTurn, Session, Vote


class ServerProcess:
    """`fairshare serve` in a process of its own, started and killed by this script."""

    def __init__(self, campaign: str, seed: int, port: int, home: str):
        self.args = [sys.executable, str(ROOT / "main.py"), "serve", campaign, "--port", str(port)]
        self.seed, self.home, self.proc = seed, home, None
        self.code = self.key = self.journal = None

    async def start(self, resume: bool) -> None:
        args = self.args + (["--resume"] if resume else ["--seed", str(self.seed), "--mode", "vote"])
        env = dict(os.environ, FAIRSHARE_HOME=self.home, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
        end = time.monotonic() + 60
        while time.monotonic() < end:
            line = await asyncio.to_thread(self.proc.stdout.readline)
            if not line:
                raise RuntimeError(f"the server stopped: {self.proc.wait()}")
            found = re.search(r"host#code=(\w+)&key=(\S+)", line)
            if found:
                self.code, self.key = found.groups()
            found = re.search(r"journal: (\S+\.json)", line)
            if found:
                self.journal = Path(found.group(1))
            if line.startswith("Press Ctrl+C"):
                return
        raise TimeoutError("the server did not start")

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


class Class:
    def __init__(self, args):
        self.args = args
        self.campaign = find_campaign(args.campaign)
        self.allies = [a.id for a in self.campaign.allies][:args.allies]
        self.rng = random.Random(args.seed)
        self.tokens: list[str | None] = [None] * args.students
        self.pages: list[Page | None] = [None] * args.students
        self.acked: dict[tuple[int, str], str] = {}          # (student, ally) -> order acknowledged this turn
        self.sent_at: dict[tuple[int, str], float] = {}
        self.expected: list[dict[str, dict[str, int]]] = []  # per turn: ally -> {order: votes}
        self.latencies: list[float] = []
        self.last_latencies: list[float] = []
        self.kills = 0
        self.turn = 0
        self.lost: list[str] = []
        self.page: Page | None = None                         # the projector's
        self.state: dict = {}
        self.counted_at: list[tuple[float, dict[str, int]]] = []

    def seen(self, state: dict) -> None:
        self.state = state
        self.counted_at.append((time.monotonic(), {a["id"]: a["votes"] for a in state["allies"]}))

    def choice(self, student: int, ally: str, turn: int, orders: list[str]) -> str:
        digest = hashlib.sha256(f"{student}/{ally}/{turn}".encode()).digest()
        return orders[digest[0] % len(orders)]


async def connect_student(c: Class, server: ServerProcess, k: int) -> Page:
    for _ in range(100):
        page = None
        try:
            page = await Page.open(f"http://127.0.0.1:{c.args.port}")
            hello = {"t": "hello", "code": server.code, **({"token": c.tokens[k]} if c.tokens[k]
                                                           else {"name": f"student {k}"})}
            await page.send(**hello)
            await page.until(lambda d: d["t"] == "state", 20)
            c.tokens[k] = page.token
            return page
        except (OSError, ConnectionError, asyncio.TimeoutError, aiohttp.ClientError):
            if page is not None:
                await page.close()
            await asyncio.sleep(0.2)
    raise RuntimeError(f"student {k} could not join")


async def student_turn(c: Class, server: ServerProcess, k: int, turn: int, orders: dict[str, list[str]]) -> None:
    """Vote on every ally of the ballot, each vote resent after a reconnection until it is acknowledged."""
    await asyncio.sleep(c.rng.uniform(0, c.args.spread))
    todo = [a for a in c.allies]
    c.rng.shuffle(todo)
    while todo:
        page = c.pages[k]
        try:
            if page is None or page.ws.closed:
                page = c.pages[k] = await connect_student(c, server, k)
            for ally in list(todo):
                order = c.choice(k, ally, turn, orders[ally])
                c.sent_at.setdefault((k, ally), time.monotonic())
                await page.send(t="vote", ally=ally, order=order, turn=turn)
                ack = await page.until(lambda d: d["t"] in ("ack", "error"), 20)
                if ack["t"] == "error":
                    raise ConnectionError(ack["text"])
                c.acked[(k, ally)] = order
                todo.remove(ally)
        except (OSError, ConnectionError, asyncio.TimeoutError, RuntimeError, aiohttp.ClientError):
            if c.pages[k] is not None:
                await c.pages[k].close()
            c.pages[k] = None
            await asyncio.sleep(0.2)


async def connect_host(c: Class, server: ServerProcess) -> Page:
    for _ in range(100):
        page = None
        try:
            page = await Page.open(f"http://127.0.0.1:{c.args.port}")
            await page.send(t="hello", role="host", code=server.code, key=server.key)
            await page.until(lambda d: d["t"] == "state", 20)
            return page
        except (OSError, ConnectionError, asyncio.TimeoutError, aiohttp.ClientError):
            if page is not None:
                await page.close()
            await asyncio.sleep(0.2)
    raise RuntimeError("the projector could not join")


async def projector(c: Class, server: ServerProcess) -> None:
    """The projector's page for the whole game: every state it is sent, with the moment it arrived (reconnecting
    by itself after a restart, as the real page does)."""
    while True:
        try:
            if c.page is None or c.page.ws.closed:
                c.page = await connect_host(c, server)
                c.page.state and c.seen(c.page.state)
            c.seen(await c.page.until(lambda d: d["t"] == "state", 5))
        except asyncio.TimeoutError:
            continue
        except (ConnectionError, OSError, RuntimeError, aiohttp.ClientError):
            if c.page is not None:
                await c.page.close()
            c.page = None
            await asyncio.sleep(0.2)


async def play(args) -> dict:
    c = Class(args)
    home = tempfile.mkdtemp(prefix="fairshare-load-")
    server = ServerProcess(args.campaign, args.seed, args.port, home)
    await server.start(resume=False)
    c.page = await connect_host(c, server)
    await c.page.send(t="ballot", allies=c.allies)
    reader = asyncio.create_task(projector(c, server))
    session = Session(c.campaign, args.seed)      # the game the votes should make, played here
    kill_plan = sorted(c.rng.uniform(1, args.turns * (args.spread + 1.5)) for _ in range(args.kills))
    started = time.monotonic()
    try:
        for turn in range(args.turns):
            orders = {a: [o for o in ("hold", "pressure", "reassure", "withdraw", "criticize")
                          if o != "withdraw" or session.can_withdraw(a)] for a in c.allies}
            c.acked, c.sent_at, c.counted_at = {}, {}, []
            voting = asyncio.gather(*(student_turn(c, server, k, turn, orders) for k in range(args.students)))
            c.turn = turn
            killer = asyncio.create_task(kills(c, server, kill_plan, started))
            await asyncio.wait_for(voting, args.limit)
            if turn == args.turns - 1 and kill_plan:
                # Kills planned past the game's end (a quick machine played it sooner than the plan expected) fall
                # now, as the projector is about to close the last votes: every planned kill happens.
                killer.cancel()
                await asyncio.gather(killer, return_exceptions=True)
                await kills(c, server, [0.0] * len(kill_plan), started)
                kill_plan.clear()
            expected = {a: {} for a in c.allies}
            for (k, ally), order in c.acked.items():
                expected[ally][order] = expected[ally].get(order, 0) + 1
            await settle(c, turn, expected)
            measure(c)
            for ally in c.allies:
                counts = expected[ally]
                session.execute(Vote(ally, votes.leaders(counts)[0], votes.tally_text(counts)))
            session.execute(EndTurn())
            await host_end_turn(c, turn)
            killer.cancel()
            await asyncio.gather(killer, return_exceptions=True)
            if time.monotonic() - started > args.limit:
                raise TimeoutError(f"over the {args.limit} s limit")
    finally:
        reader.cancel()
        for page in [*c.pages, c.page]:
            if page is not None:
                await page.close()
        server.stop()
    return verdict(c, server, session)


async def kills(c: Class, server: ServerProcess, plan: list[float], started: float) -> None:
    """kill -9 the server at the planned moments of this turn (while the class votes, or while the projector closes
    the votes and plays the turn), each time restarted with --resume at once; before the restart, the journal must
    hold every vote of this turn acknowledged so far (once the turn is played, its tallies are in the log, which
    the end compares)."""
    while plan:
        wait = plan[0] - (time.monotonic() - started)
        if wait > 0:
            await asyncio.sleep(min(wait, 0.5))
            continue
        plan.pop(0)
        acked = dict(c.acked)
        server.kill()
        c.kills += 1
        on_disk = json.loads(server.journal.read_text())
        for (k, ally), order in acked.items() if on_disk["turn"] == c.turn else ():
            if on_disk["ballots"].get(ally, {}).get(token_id(c.tokens[k])) != order:
                c.lost.append(f"kill {c.kills}: student {k}'s acknowledged vote on {ally} is not in the journal")
        await server.start(resume=True)


async def settle(c: Class, turn: int, expected: dict) -> None:
    """Wait until the projector shows every vote, then check its tally against the votes cast."""
    end = time.monotonic() + 60
    while time.monotonic() < end:
        data = c.state
        tallies = {a["id"]: a["tally"] for a in data["allies"] if a["id"] in c.allies}
        if data["turn"] == turn and all(sum(t.values()) == c.args.students for t in tallies.values()):
            for ally in c.allies:
                if tallies[ally] != expected[ally]:
                    c.lost.append(f"turn {turn + 1}, {ally}: projector {tallies[ally]}, cast {expected[ally]}")
            return
        await asyncio.sleep(0.02)
    c.lost.append(f"turn {turn + 1}: the projector never showed every vote")


def measure(c: Class) -> None:
    """Each vote's latency: from its sending to the first projector state counting as many votes for its ally."""
    by_ally: dict[str, list[float]] = {}
    for (k, ally), sent in c.sent_at.items():
        by_ally.setdefault(ally, []).append(sent)
    seen = sorted(c.counted_at)
    last = 0.0
    for ally, sends in by_ally.items():
        sends.sort()
        for n, sent in enumerate(sends, 1):
            shown = next((t for t, counts in seen if counts.get(ally, 0) >= n and t >= sent), None)
            if shown is not None:
                c.latencies.append(shown - sent)
                last = max(last, sent)
    final = max(c.sent_at.values())
    shown = next((t for t, counts in seen if t >= final and
                  sum(counts.get(a, 0) for a in c.allies) >= len(c.allies) * c.args.students), None)
    if shown is not None:
        c.last_latencies.append(shown - final)


async def host_end_turn(c: Class, turn: int) -> None:
    """Close the votes, break ties with the first leader, play the turn: each step asked again until the projector
    shows it done (a restart in between loses nothing but the request)."""
    end = time.monotonic() + 60
    while time.monotonic() < end:
        state = c.state
        if state["turn"] > turn or state["phase"] == "over":
            return
        try:
            if state["phase"] == "voting":
                await c.page.send(t="close_votes")
            elif state["phase"] == "ties":
                for ally in state["allies"]:
                    if ally["tie"]:
                        await c.page.send(t="break_tie", ally=ally["id"], order=ally["tie"][0])
            elif state["phase"] == "closed":
                await c.page.send(t="end_turn")
        except (ConnectionError, OSError, AttributeError):
            pass
        await asyncio.sleep(0.1)
    raise TimeoutError(f"turn {turn + 1} could not be played")


def verdict(c: Class, server: ServerProcess, session: Session) -> dict:
    doc = json.loads(server.journal.read_text())
    replayed = Session.replay(c.campaign, doc["seed"], [Command.from_list(x) for x in doc["log"]])
    same = all(np.array_equal(getattr(a, v), getattr(b, v)) for a, b in zip(replayed.history, session.history)
               for v in ("spending", "trust", "alignment", "hedging", "threat", "presence")) \
        and len(replayed.history) == len(session.history)
    lat = np.array(c.latencies) * 1000
    last = np.array(c.last_latencies) * 1000
    return {"students": c.args.students, "allies": len(c.allies), "turns": c.args.turns, "kills": c.kills,
            "votes": len(c.latencies), "lost_or_double": c.lost, "same_game": bool(same),
            "journal_votes_match": replayed.votes == session.votes,
            "latency_ms": {"p50": round(float(np.percentile(lat, 50)), 1), "p95": round(float(np.percentile(lat, 95)),
                           1), "max": round(float(lat.max()), 1)},
            "last_vote_ms": {"p50": round(float(np.percentile(last, 50)), 1),
                             "p95": round(float(np.percentile(last, 95)), 1), "max": round(float(last.max()), 1)}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--campaign", default="europe_2024")
    parser.add_argument("--students", type=int, default=120)
    parser.add_argument("--allies", type=int, default=10)
    parser.add_argument("--turns", type=int, default=12)
    parser.add_argument("--kills", type=int, default=0)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--port", type=int, default=18765)
    parser.add_argument("--spread", type=float, default=2.0, help="seconds over which a turn's votes arrive")
    parser.add_argument("--limit", type=float, default=900.0, help="the whole run's time limit, seconds")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = asyncio.run(asyncio.wait_for(play(args), args.limit + 60))
    print(json.dumps(result, indent=1) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))
    return 0 if not result["lost_or_double"] and result["same_game"] and result["journal_votes_match"] else 1


if __name__ == "__main__":
    sys.exit(main())
