# A test runtime's data session. The app's `mode` file picks a behaviour:
# ok, crash, never-ready, ignore-term, flood.
import http.server, json, os, signal, socketserver, sys, time

mode = open(os.path.join(os.environ["ATRIUM_APP_DIR"], "mode")).read().strip()
print("serve starting in mode", mode, flush=True)
if mode == "crash":
    print("boom: the model file is broken", file=sys.stderr, flush=True)
    sys.exit(3)
if mode == "never-ready":
    while True:
        time.sleep(1)
if mode == "ignore-term":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
if mode == "flood":
    for i in range(100000):
        print("flood line", i, "x" * 60)
    sys.stdout.flush()
listen = os.environ["ATRIUM_LISTEN"]
assert listen.startswith("unix:"), "the contract's listen address is a Unix socket: " + listen
secret = os.environ["ATRIUM_PROXY_SECRET"]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/healthz":
            body = b"ok"
        elif self.headers.get("X-Atrium-Proxy-Secret") != secret:
            self.send_response(403)
            self.end_headers()
            return
        else:
            body = json.dumps({k: v for k, v in os.environ.items() if k != "ATRIUM_TOKEN"}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class UnixHTTPServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


UnixHTTPServer(listen.removeprefix("unix:"), Handler).serve_forever()
