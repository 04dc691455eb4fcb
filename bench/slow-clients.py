#!/usr/bin/env python3
"""Holds N slow connections to an Atrium gateway as one user, for bench/gateway's run under
abuse (issue 16): a third each of uploads trickled a byte a second, downloads never read, and
request heads sent in part. A connection the server closes or answers (429 past the user's
transfer share) is opened again a second later, so N are held all the time. Runs until killed;
prints what happened to stderr when it ends.

    slow-clients.py PORT TOKEN CASE_ID [N]
"""
import signal
import socket
import ssl
import sys
import threading
import time

port, token, case_id = int(sys.argv[1]), sys.argv[2], sys.argv[3]
count = int(sys.argv[4]) if len(sys.argv) > 4 else 64
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
stats = {"opened": 0, "closed by the server": 0, "answered": 0}
lock = threading.Lock()


def note(what):
    with lock:
        stats[what] += 1


def connect(small_buffer=False):
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if small_buffer:
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.connect(("127.0.0.1", port))
    note("opened")
    return context.wrap_socket(raw)


def answered(sock):
    """Whether the server answered or closed (without blocking for long)."""
    sock.settimeout(0.01)
    try:
        data = sock.recv(1)
        note("answered" if data else "closed by the server")
        return True
    except (socket.timeout, ssl.SSLWantReadError):
        return False
    except OSError:
        note("closed by the server")
        return True


def upload():
    sock = connect()
    sock.sendall((f"POST /api/v1/cases/{case_id}/versions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
                  "Content-Type: application/octet-stream\r\nContent-Length: 1048576\r\n\r\n").encode())
    while not answered(sock):
        sock.sendall(b"x")
        time.sleep(1)


def download():
    sock = connect(small_buffer=True)
    sock.sendall(f"GET /api/v1/cases/{case_id}/versions/1/content HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\r\n".encode())
    time.sleep(1)
    # Never reads the body: peek only whether a refusal came (a 429 is short).
    sock.settimeout(0.5)
    try:
        head = sock.recv(12)
    except (socket.timeout, ssl.SSLWantReadError):
        head = b""
    if head.startswith(b"HTTP/1.1 429"):
        note("answered")
        return
    # The server cuts it off once it has waited transferIdleSeconds on it; the client cannot
    # tell without reading, so it lets go after a minute and comes back.
    time.sleep(60)
    sock.close()


def half_head():
    sock = connect()
    sock.sendall(b"GET /api/v1/apps HTTP/1.1\r\nHost: x\r\nAccept: ")
    while not answered(sock):
        time.sleep(1)


def hold(kind):
    while True:
        try:
            kind()
        except OSError:
            note("closed by the server")
        time.sleep(1)


def report(*_):
    print("slow clients: " + ", ".join(f"{key} {value}" for key, value in stats.items()), file=sys.stderr)
    sys.exit(0)


signal.signal(signal.SIGTERM, report)
kinds = [upload, download, half_head]
for i in range(count):
    threading.Thread(target=hold, args=(kinds[i % 3],), daemon=True).start()
while True:
    time.sleep(1)
