"""Launch latency and solves of `atrium serve` with the sandbox off and on, beside the reference
runtime started alone (its own cold start) and glpsol alone (issues 4 and 14). Reported, never
asserted. The three launch paths are measured interleaved (round robin, the order rotating each
round), so background load on the machine falls on all of them alike."""
import argparse, http.client, json, os, shutil, signal, socket, sqlite3, ssl, subprocess, time

p = argparse.ArgumentParser()
p.add_argument("--off", help="URL of the gateway with --sandbox off"); p.add_argument("--off-data")
p.add_argument("--on", help="URL of the gateway with --sandbox on"); p.add_argument("--on-data")
p.add_argument("--nocg", help="optional: URL of a gateway with --sandbox on that can make no cgroup"); p.add_argument("--nocg-data")
p.add_argument("--password"); p.add_argument("--n", type=int)
p.add_argument("--runtime"); p.add_argument("--demo"); p.add_argument("--work")
args = p.parse_args()
ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE


class Gateway:
    """One logged-on admin on one gateway, over one kept-alive HTTPS connection as a browser holds
    it: TLS handshakes are not launch time."""

    def __init__(self, url, data):
        host, port = url.split("//")[1].split(":")
        self.conn = http.client.HTTPSConnection(host, int(port), context=ctx)
        self.data = data
        self.csrf = self.cookie = None
        self.csrf = self.call("POST", "/session", {"name": "admin", "password": args.password})["csrfToken"]

    def call(self, method, path, body=None, content_type="application/json"):
        data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
        headers = {}
        if data is not None:
            headers["Content-Type"] = content_type
        if self.csrf:
            headers["X-CSRF-Token"] = self.csrf
        if self.cookie:
            headers["Cookie"] = self.cookie
        self.conn.request(method, "/api/v1" + path, body=data, headers=headers)
        r = self.conn.getresponse()
        text = r.read()
        if r.getheader("Set-Cookie"):
            self.cookie = r.getheader("Set-Cookie").split(";")[0]
        if r.status >= 400:
            raise RuntimeError("%s %s: %d %s" % (method, path, r.status, text[:300]))
        return json.loads(text) if text and (r.getheader("Content-Type") or "").startswith("application/json") else text

    def launch(self):
        """POST /sessions (answers once the runtime is ready), then DELETE it; the POST's ms."""
        t = time.perf_counter()
        s = self.call("POST", "/sessions", {"app": "transport"})
        ms = (time.perf_counter() - t) * 1000
        self.call("DELETE", "/sessions/" + s["id"])
        return ms

    def solve(self, case):
        """POST /jobs, polled every 10 ms until it ends: (submit -> solved ms, submit -> running ms
        from the catalog's millisecond timestamps; the API shows whole seconds)."""
        t = time.perf_counter()
        job = self.call("POST", "/jobs", {"case": case, "version": 1})
        while job["state"] in ("queued", "running"):
            time.sleep(0.01)
            job = self.call("GET", "/jobs/" + job["id"])
        total = (time.perf_counter() - t) * 1000
        if job["state"] != "succeeded":
            raise RuntimeError("job %s ended %s: %s" % (job["id"], job["state"], job.get("reason")))
        db = sqlite3.connect("file:" + os.path.join(self.data, "catalog.sqlite") + "?mode=ro", uri=True)
        row = db.execute("SELECT submitted_at, started_at FROM jobs WHERE id = ?", (job["id"],)).fetchone()
        db.close()
        return total, row[1] - row[0]


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def ready(path):
    """GET /healthz on the Unix socket, one attempt, as Sessions/ReadyProbe does."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as c:
            c.settimeout(2)
            c.connect(path)
            c.sendall(b"GET /healthz HTTP/1.1\r\nHost: session\r\nConnection: close\r\n\r\n")
            head = b""
            while len(head) < 12:
                chunk = c.recv(64)
                if not chunk:
                    return False
                head += chunk
            return head[9:10] == b"2"
    except OSError:
        return False


rounds = [0]


def alone(fine=False):
    """The runtime's own cold start: the same binary, the environment the gateway gives it
    (unsandboxed: host paths), listening on S/sock/serve.sock, polled every 2 ms backing off to
    10 ms like SessionManager.waitUntilReady; `fine`: every 0.5 ms, to show what that back-off
    adds (a ready time just past a poll waits for the next, up to 10 ms later)."""
    rounds[0] += 1
    s = os.path.join(args.work, "alone-%d" % rounds[0])
    work, sock = os.path.join(s, "work"), os.path.join(s, "sock")
    os.makedirs(work, mode=0o700); os.makedirs(sock, mode=0o700)
    listen = os.path.join(sock, "serve.sock")
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": work, "TMPDIR": work, "LANG": "C.UTF-8",
           "ATRIUM_SESSION_ID": "bench", "ATRIUM_SESSION_KIND": "data", "ATRIUM_APP": "transport", "ATRIUM_APP_VERSION": "1.0.0",
           "ATRIUM_APP_DIR": os.path.join(args.demo, "apps/transport"), "ATRIUM_RUNTIME_DIR": os.path.join(args.demo, "runtime"),
           "ATRIUM_WORK_DIR": work, "ATRIUM_LISTEN": "unix:" + listen, "ATRIUM_BASE_PATH": "/s/bench/",
           "ATRIUM_PROXY_SECRET": "x" * 48, "ATRIUM_API_URL": "http://atrium/api/v1",
           "ATRIUM_API_SOCKET": os.path.join(args.off_data, "run/api.sock"), "ATRIUM_TOKEN": "atr_x"}
    t = time.perf_counter()
    proc = subprocess.Popen([args.runtime, "serve"], env=env, cwd=work, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    delay = 0.0005 if fine else 0.002
    while not ready(listen):
        if proc.poll() is not None:
            raise RuntimeError("the runtime alone exited %d before it was ready" % proc.returncode)
        time.sleep(delay)
        if not fine:
            delay = min(0.01, delay * 2)
    ms = (time.perf_counter() - t) * 1000
    proc.send_signal(signal.SIGTERM); proc.wait()
    shutil.rmtree(s)
    return ms


def interleaved(paths, n):
    """n rounds of every path in `paths` (name -> function returning ms), order rotating."""
    names = list(paths)
    results = {name: [] for name in names}
    for i in range(n):
        for k in range(len(names)):
            name = names[(i + k) % len(names)]
            results[name].append(paths[name]())
    return results


off = Gateway(args.off, args.off_data)
on = Gateway(args.on, args.on_data)
# Optional: the sandbox without its per-session cgroup (a launch then joins none), to show the
# cost of that cgroup's join on this host.
nocg = Gateway(args.nocg, args.nocg_data) if args.nocg else None
gateways = {"off": off, "on": on}
if nocg:
    gateways["nocg"] = nocg
LABELS = {"off": "sandbox off", "on": "sandbox on", "nocg": "sandbox on, no cgroup"}
for name, g in gateways.items():
    try:
        g.launch()  # warm the runtime cache (extraction) and the ldd cache
    except RuntimeError as e:
        raise SystemExit("the first launch with %s failed (%s); its log is %s"
                         % (LABELS[name], e, os.path.join(os.path.dirname(g.data), "serve-%s.log" % name)))
alone()

launch = interleaved(dict({"alone": alone, "alone-fine": lambda: alone(fine=True)},
                          **{name: g.launch for name, g in gateways.items()}), args.n)
a50, a95 = pct(launch["alone"], .5), pct(launch["alone"], .95)
print("%-42s %7s  %7s   %s" % ("launch -> ready (ms, n=%d)" % args.n, "p50", "p95", "p50 / cold start"))
print("  %-40s %7.1f  %7.1f" % ("runtime alone (its own cold start)", a50, a95))
print("  %-40s %7.1f  %7.1f   (the same, polled every 0.5 ms)" % ("runtime alone, polled finely",
      pct(launch["alone-fine"], .5), pct(launch["alone-fine"], .95)))
for name in gateways:
    v = launch[name]
    print("  %-40s %7.1f  %7.1f   %5.2f x   (goal <= 1.2 x)" % ("atrium, " + LABELS[name], pct(v, .5), pct(v, .95), pct(v, .5) / a50))
for name in [n for n in gateways if n != "off"]:
    print("  %-40s %7.1f  %7.1f   (goal p50 <= 10 ms)" % ("%s adds (- off)" % LABELS[name],
          pct(launch[name], .5) - pct(launch["off"], .5), pct(launch[name], .95) - pct(launch["off"], .95)))

# Solves of the demo transport model: glpsol alone, the runtime's solve alone, and a job through
# each gateway (submit -> solved), interleaved like the launches.
app = os.path.join(args.demo, "apps/transport")
data = open(os.path.join(app, "data.json"), "rb").read()
case = json.loads(data)


def member(m):
    return "'" + m.replace("'", "''") + "'" if isinstance(m, str) else repr(m)


solve_dir = os.path.join(args.work, "solve"); os.makedirs(solve_dir)
with open(os.path.join(solve_dir, "case.dat"), "w") as dat:
    dat.write("data;\n")
    for name, members in case["sets"].items():
        dat.write("set %s := %s;\n" % (name, " ".join(member(m) for m in members)))
    for name, param in case["params"].items():
        dat.write("param %s :=%s;\n" % (name, "".join(" " + " ".join(member(m) for m in key) + " " + repr(value)
                                                        for key, value in param["values"])))
    dat.write("end;\n")


def glpsol():
    """glpsol on the same model and case as the runtime runs it (the runtime's flags)."""
    t = time.perf_counter()
    subprocess.run(["glpsol", "--math", os.path.join(app, "model.mod"), "--data", "case.dat", "--nopresol",
                    "--wglp", "problem.glp", "--write", "solution.txt"], cwd=solve_dir, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - t) * 1000


def runtime_solve():
    """`atrium-runtime-mathprog solve` alone, unsandboxed, with the environment a job gets."""
    open(os.path.join(solve_dir, "input.json"), "wb").write(data)
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": solve_dir, "TMPDIR": solve_dir, "LANG": "C.UTF-8",
           "ATRIUM_SESSION_KIND": "solve", "ATRIUM_APP": "transport", "ATRIUM_APP_DIR": app,
           "ATRIUM_RUNTIME_DIR": os.path.join(args.demo, "runtime"), "ATRIUM_WORK_DIR": solve_dir,
           "ATRIUM_INPUT": os.path.join(solve_dir, "input.json"), "ATRIUM_OUTPUT": os.path.join(solve_dir, "output.json")}
    t = time.perf_counter()
    subprocess.run([args.runtime, "solve"], env=env, cwd=solve_dir, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - t) * 1000


cases = {g: g.call("POST", "/cases?app=transport&name=bench-jobs", data, "application/octet-stream")["id"] for g in gateways.values()}
dispatch = {g: [] for g in gateways.values()}


def job(g):
    def run():
        total, running = g.solve(cases[g])
        dispatch[g].append(running)
        return total
    return run


for g in gateways.values():
    job(g)(); dispatch[g].clear()
solves = interleaved(dict({"glpsol": glpsol, "runtime": runtime_solve}, **{name: job(g) for name, g in gateways.items()}), args.n)
g50 = pct(solves["glpsol"], .5)
print("%-42s %7s  %7s   %s" % ("solve of transport (ms, n=%d)" % args.n, "p50", "p95", "p50 / glpsol"))
print("  %-40s %7.1f  %7.1f" % ("glpsol alone", g50, pct(solves["glpsol"], .95)))
v = solves["runtime"]
print("  %-40s %7.1f  %7.1f   %5.2f x" % ("runtime solve alone (+ glpsol)", pct(v, .5), pct(v, .95), pct(v, .5) / g50))
for name in gateways:
    v = solves[name]
    print("  %-40s %7.1f  %7.1f   %5.2f x" % ("submit -> solved, " + LABELS[name], pct(v, .5), pct(v, .95), pct(v, .5) / g50))
for name in [n for n in gateways if n != "off"]:
    print("  %-40s %7.1f  %7.1f" % ("%s adds (- off)" % LABELS[name],
          pct(solves[name], .5) - pct(solves["off"], .5), pct(solves[name], .95) - pct(solves["off"], .95)))
for name, g in gateways.items():
    print("  %-40s %7.1f  %7.1f   (goal p50 <= 50 ms; catalog timestamps, 1 ms)"
          % ("submit -> running, " + LABELS[name], pct(dispatch[g], .5), pct(dispatch[g], .95)))
