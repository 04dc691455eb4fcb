#!/usr/bin/env python3
"""Tiny HTTPS test server for the site-isolation facts of docs/session-origin.md. Listens on 127.0.0.1 on each port given.
Every request is appended as a JSON line to requests.log (port, method, path, host, cookie, origin, sec-fetch-site).
Routes: /page  /set?c=<raw Set-Cookie value>  /me  /post (POST)  /frame/{plain,xfo,csp}"""
import json, ssl, sys, threading, urllib.parse, os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
HERE = os.path.dirname(os.path.abspath(__file__))
LOG = os.path.join(HERE, "requests.log")
lock = threading.Lock()

class H(BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def rec(self):
        e = {"port": self.server.server_address[1], "method": self.command, "path": self.path,
             "host": self.headers.get("Host"), "cookie": self.headers.get("Cookie"),
             "origin": self.headers.get("Origin"), "sfs": self.headers.get("Sec-Fetch-Site")}
        with lock, open(LOG, "a") as f: f.write(json.dumps(e) + "\n")
    def send(self, body, ctype="text/html", headers=()):
        b = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", ctype); self.send_header("Content-Length", str(len(b)))
        self.send_header("Cache-Control", "no-store")
        for k, v in headers: self.send_header(k, v)
        self.end_headers(); self.wfile.write(b)
    def do_GET(self):
        self.rec()
        u = urllib.parse.urlparse(self.path); q = urllib.parse.parse_qs(u.query)
        if u.path == "/set":
            self.send("<title>set</title>set", headers=[("Set-Cookie", c) for c in q.get("c", [])])
        elif u.path == "/me":
            self.send('{"secret":"portal-data"}', "application/json")
        elif u.path.startswith("/frame/"):
            kind = u.path.split("/")[2]
            h = {"xfo": [("X-Frame-Options", "DENY")],
                 "csp": [("Content-Security-Policy", "frame-ancestors 'none'")]}.get(kind, [])
            self.send("<script>parent.postMessage('loaded:%s','*')</script>" % kind, headers=h)
        else:
            self.send("<title>page</title><form id=f></form>")
    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0); self.rfile.read(n); self.rec()
        self.send("<title>posted</title>posted")

def serve(port, leaf):
    s = ThreadingHTTPServer(("127.0.0.1", port), H)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(HERE, leaf + ".crt"), os.path.join(HERE, leaf + ".key"))
    s.socket = ctx.wrap_socket(s.socket, server_side=True)
    s.serve_forever()

if __name__ == "__main__":
    # server.py [--leaf NAME] PORT...: NAME.crt/NAME.key (default leaf; leaf2 is the *.localhost one)
    args = sys.argv[1:]
    leaf = "leaf"
    if args[:1] == ["--leaf"]: leaf, args = args[1], args[2:]
    ports = [int(p) for p in args] or [8443, 8444]
    for p in ports[1:]: threading.Thread(target=serve, args=(p, leaf), daemon=True).start()
    serve(ports[0], leaf)
