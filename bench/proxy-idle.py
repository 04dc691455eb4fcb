#!/usr/bin/env python3
"""Opens COUNT idle WebSockets to URL (TLS, trusting CA_FILE), prints `open N` and holds them
until killed. Pings from the server are answered by the library. With CONNECT_TO set (an IP
address), connects there whatever URL's host resolves to: a session's own host
(`<id>.sessions.localhost`) is loopback to a browser, not necessarily to this machine's resolver.

    [CONNECT_TO=127.0.0.1] proxy-idle.py URL COUNT CA_FILE ORIGIN [COOKIE]
"""
import os
import asyncio
import ssl
import sys

import websockets

URL, COUNT, CA, ORIGIN = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
COOKIE = sys.argv[5] if len(sys.argv) > 5 else None


async def main():
    context = ssl.create_default_context(cafile=CA)
    context.check_hostname = False
    headers = {"Cookie": COOKIE} if COOKIE else {}
    sockets, failed = [], 0
    for start in range(0, COUNT, 100):
        where = {"host": os.environ["CONNECT_TO"]} if os.environ.get("CONNECT_TO") else {}
        batch = [websockets.connect(URL, ssl=context, origin=ORIGIN, extra_headers=headers, compression=None,
                                    ping_interval=None, open_timeout=60, **where) for _ in range(start, min(COUNT, start + 100))]
        for result in await asyncio.gather(*batch, return_exceptions=True):
            if isinstance(result, Exception):
                failed += 1
            else:
                sockets.append(result)
    print(f"open {len(sockets)} failed {failed}", flush=True)
    await asyncio.Future()


asyncio.run(main())
