"""A class room served on a loopback port the system picks, and pages as scripts: what the room's tests, the load
script and the fault script drive (tools/room_load.py, tools/room_faults.py)."""
from __future__ import annotations

import asyncio
import contextlib
import json

import aiohttp

from game.room.server import Server


@contextlib.asynccontextmanager
async def served(room, path=None, host="127.0.0.1"):
    server = Server(room, path, host, 0)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


class Page:
    """One browser page's side of the WebSocket: send requests, read what the room sends back."""

    def __init__(self, http: aiohttp.ClientSession, ws):
        self.http, self.ws, self.token, self.state = http, ws, None, None

    @classmethod
    async def open(cls, address: str) -> "Page":
        http = aiohttp.ClientSession()
        try:
            ws = await http.ws_connect(address.replace("http://", "ws://") + "/ws")
        except BaseException:
            await http.close()
            raise
        return cls(http, ws)

    async def send(self, **message) -> None:
        await self.ws.send_str(json.dumps(message))

    async def next(self, timeout: float = 5.0) -> dict:
        message = await asyncio.wait_for(self.ws.receive(), timeout)
        if message.type != aiohttp.WSMsgType.TEXT:
            raise ConnectionError(f"the room closed the connection ({message.type.name}, {message.data})")
        data = json.loads(message.data)
        if data.get("t") == "state":
            self.state = data
        if data.get("t") == "welcome":
            self.token = data.get("token")
        return data

    async def until(self, test, timeout: float = 5.0) -> dict:
        """The next message that passes `test`."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while True:
            data = await self.next(max(0.01, end - loop.time()))
            if test(data):
                return data

    async def close(self) -> None:
        await self.ws.close()
        await self.http.close()


async def student(address: str, code: str, name: str = "", token: str | None = None) -> Page:
    page = await Page.open(address)
    await page.send(**({"t": "hello", "code": code, "token": token} if token else
                       {"t": "hello", "code": code, "name": name}))
    await page.until(lambda d: d["t"] == "state")
    return page


async def host(address: str, code: str, key: str) -> Page:
    page = await Page.open(address)
    await page.send(t="hello", role="host", code=code, key=key)
    await page.until(lambda d: d["t"] == "state")
    return page
