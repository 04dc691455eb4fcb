"""The cluster tests' data session: a tiny page on ATRIUM_LISTEN (Python standard library only).

GET /healthz answers 200 without the proxy secret; everything else needs X-Atrium-Proxy-Secret.
GET / answers a page naming the session and the node that runs it.
"""
import hmac
import os
import socketserver
from http.server import BaseHTTPRequestHandler

SECRET = os.environ.get("ATRIUM_PROXY_SECRET", "")
SESSION = os.environ.get("ATRIUM_SESSION_ID", "?")


def node_name():
    try:
        with open(f"/proc/{os.getppid()}/environ", "rb") as environ:
            for item in environ.read().split(b"\0"):
                if item.startswith(b"ATRIUM_NODE="):
                    return item[len(b"ATRIUM_NODE="):].decode()
    except OSError:
        pass
    return "?"


NODE = node_name()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/healthz":
            return self.answer(200, "ok")
        if not hmac.compare_digest(self.headers.get("X-Atrium-Proxy-Secret", ""), SECRET):
            return self.answer(403, "forbidden")
        self.answer(200, f"<!doctype html><title>cluster</title><p id=session>{SESSION}</p><p id=node>{NODE}</p>\n",
                    "text/html; charset=utf-8")

    def answer(self, status, text, content_type="text/plain; charset=utf-8"):
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


class UnixHTTPServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


UnixHTTPServer(os.environ["ATRIUM_LISTEN"].removeprefix("unix:"), Handler).serve_forever()
