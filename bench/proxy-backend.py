#!/usr/bin/env python3
"""The benchmark's stand-in data session: a WebSocket echo server on the Unix socket SOCKET (where a
runtime listens) that, like a runtime, refuses every handshake without the proxy secret (403).
Same for nginx and the gateway.

    proxy-backend.py SOCKET SECRET
"""
import asyncio
import http
import sys

import websockets

SOCKET, SECRET = sys.argv[1], sys.argv[2]


async def check_secret(path, headers):
    if headers.get("X-Atrium-Proxy-Secret") != SECRET:
        return http.HTTPStatus.FORBIDDEN, [], b"no secret\n"
    return None


async def echo(socket, path=None):
    async for message in socket:
        await socket.send(message)


async def main():
    async with websockets.unix_serve(echo, SOCKET, process_request=check_secret, max_size=16 << 20,
                                ping_interval=None, compression=None, backlog=4096):
        print("ready", flush=True)
        await asyncio.Future()


asyncio.run(main())
