"""Launch latency and job dispatch of `atrium serve` against the reference runtime alone."""
import argparse, http.client, json, os, signal, socket, ssl, statistics, subprocess, time, urllib.request

p = argparse.ArgumentParser()
p.add_argument("--url"); p.add_argument("--password"); p.add_argument("--n", type=int)
p.add_argument("--runtime"); p.add_argument("--demo"); p.add_argument("--work")
args = p.parse_args()
ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
csrf = None
cookie = None
host, port = args.url.split("//")[1].split(":")
# One kept-alive HTTPS connection, as a browser holds: TLS handshakes are not launch time.
conn = http.client.HTTPSConnection(host, int(port), context=ctx)


def call(method, path, body=None, content_type="application/json"):
    global cookie
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    headers = {}
    if data is not None:
        headers["Content-Type"] = content_type
    if csrf:
        headers["X-CSRF-Token"] = csrf
    if cookie:
        headers["Cookie"] = cookie
    conn.request(method, "/api/v1" + path, body=data, headers=headers)
    r = conn.getresponse()
    text = r.read()
    if r.getheader("Set-Cookie"):
        cookie = r.getheader("Set-Cookie").split(";")[0]
    if r.status >= 400:
        raise RuntimeError("%s %s: %d %s" % (method, path, r.status, text[:300]))
    return json.loads(text) if text and (r.getheader("Content-Type") or "").startswith("application/json") else text


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


csrf = call("POST", "/session", {"name": "admin", "password": args.password})["csrfToken"]

# launch -> ready through the gateway
call("DELETE", "/sessions/" + call("POST", "/sessions", {"app": "transport"})["id"])  # warm the runtime cache
gateway = []
for _ in range(args.n):
    t = time.perf_counter()
    s = call("POST", "/sessions", {"app": "transport"})
    gateway.append((time.perf_counter() - t) * 1000)
    call("DELETE", "/sessions/" + s["id"])

# the runtime alone: same binary, same environment shape, polled like the gateway does
def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close(); return port


def ready(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as c:
            c.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return c.recv(12)[9:10] == b"2"
    except OSError:
        return False


alone = []
for i in range(args.n):
    port = free_port()
    work = os.path.join(args.work, "alone-%d" % i); os.makedirs(work)
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": work, "TMPDIR": work, "LANG": "C.UTF-8",
           "ATRIUM_SESSION_ID": "bench", "ATRIUM_SESSION_KIND": "data", "ATRIUM_APP": "transport", "ATRIUM_APP_VERSION": "1.0.0",
           "ATRIUM_APP_DIR": os.path.join(args.demo, "apps/transport"), "ATRIUM_RUNTIME_DIR": os.path.join(args.demo, "runtime"),
           "ATRIUM_WORK_DIR": work, "ATRIUM_LISTEN": "127.0.0.1:%d" % port, "ATRIUM_BASE_PATH": "/s/bench/",
           "ATRIUM_PROXY_SECRET": "x" * 48, "ATRIUM_API_URL": args.url + "/api/v1", "ATRIUM_CA_FILE": "/dev/null", "ATRIUM_TOKEN": "atr_x"}
    t = time.perf_counter()
    proc = subprocess.Popen([args.runtime, "serve"], env=env, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    delay = 0.002
    while not ready(port):
        time.sleep(delay); delay = min(0.01, delay * 2)
    alone.append((time.perf_counter() - t) * 1000)
    proc.send_signal(signal.SIGTERM); proc.wait()

print("launch -> ready (ms, n=%d)      p50      p95" % args.n)
print("  through atrium           %7.1f  %7.1f" % (pct(gateway, .5), pct(gateway, .95)))
print("  runtime alone            %7.1f  %7.1f" % (pct(alone, .5), pct(alone, .95)))
print("  ratio atrium/alone       %7.2f  %7.2f   (goal p50 <= 1.2x and <= 150 ms)" % (pct(gateway, .5) / pct(alone, .5), pct(gateway, .95) / pct(alone, .95)))

# job submit -> running, on an idle node
data = open(os.path.join(args.demo, "apps/transport/data.json"), "rb").read()
case = call("POST", "/cases?app=transport&name=bench-jobs", data, "application/octet-stream")
dispatch, total = [], []
import sqlite3
db = sqlite3.connect("file:" + os.path.join(args.work, "data/catalog.sqlite") + "?mode=ro", uri=True)
for _ in range(args.n):
    t = time.perf_counter()
    job = call("POST", "/jobs", {"case": case["id"], "version": 1})
    while job["state"] in ("queued", "running"):
        time.sleep(0.01)
        job = call("GET", "/jobs/" + job["id"])
    total.append((time.perf_counter() - t) * 1000)
    if job["state"] != "succeeded":
        print("job failed:", job.get("reason"))
    # The API shows whole seconds; the catalog keeps milliseconds.
    row = db.execute("SELECT submitted_at, started_at FROM jobs WHERE id = ?", (job["id"],)).fetchone()
    dispatch.append(row[1] - row[0])
print("job (ms, n=%d)                  p50      p95" % args.n)
print("  submit -> running        %7.1f  %7.1f   (goal p50 <= 50 ms; catalog timestamps, 1 ms resolution)" % (pct(dispatch, .5), pct(dispatch, .95)))
print("  submit -> solved result  %7.1f  %7.1f   (transport, glpsol)" % (pct(total, .5), pct(total, .95)))
