#!/usr/bin/env python3
"""Opens and closes COUNT WebSockets to URL (TLS, trusting CA_FILE), LANES at a time: each one
connects, sends a text frame, waits for its echo and closes with 1000. Prints
`churned N failed F seconds S` when done. With CONNECT_TO set (an IP address), connects there
whatever URL's host resolves to (a session's own host is loopback to a browser, not necessarily to
this machine's resolver).

    [CONNECT_TO=127.0.0.1] proxy-churn.py URL COUNT LANES CA_FILE ORIGIN [COOKIE]
"""
import asyncio
import os
import ssl
import sys
import time

import websockets

URL, COUNT, LANES, CA, ORIGIN = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
COOKIE = sys.argv[6] if len(sys.argv) > 6 else None


async def one(context, headers, where):
    async with websockets.connect(URL, ssl=context, origin=ORIGIN, extra_headers=headers, compression=None,
                                  ping_interval=None, open_timeout=60, close_timeout=10, **where) as socket:
        await socket.send("x")
        if await socket.recv() != "x":
            raise RuntimeError("wrong echo")


async def lane(count, context, headers, where, tally):
    for _ in range(count):
        try:
            await one(context, headers, where)
            tally[0] += 1
        except Exception:
            tally[1] += 1


async def main():
    context = ssl.create_default_context(cafile=CA)
    context.check_hostname = False
    headers = {"Cookie": COOKIE} if COOKIE else {}
    where = {"host": os.environ["CONNECT_TO"]} if os.environ.get("CONNECT_TO") else {}
    tally = [0, 0]
    start = time.monotonic()
    shares = [COUNT // LANES + (1 if i < COUNT % LANES else 0) for i in range(LANES)]
    await asyncio.gather(*(lane(n, context, headers, where, tally) for n in shares))
    print(f"churned {tally[0]} failed {tally[1]} seconds {time.monotonic() - start:.1f}", flush=True)


asyncio.run(main())
