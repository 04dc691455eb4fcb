"""Minimal chromedriver W3C client over urllib."""
import json, os, subprocess, time, urllib.request
HERE = os.path.dirname(os.path.abspath(__file__))
class WD:
    def __init__(self, port=9515, insecure=False, extra_args=(), profile="profile"):
        self.base = "http://127.0.0.1:%d" % port
        env = dict(os.environ, HOME=os.path.join(HERE, "home"))   # private NSS db holding the test CA
        self.proc = subprocess.Popen(["/usr/bin/chromedriver", "--port=%d" % port],
                                     env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(50):
            try: urllib.request.urlopen(self.base + "/status"); break
            except Exception: time.sleep(0.2)
        prof = os.path.join(HERE, profile); subprocess.run(["rm", "-rf", prof])
        caps = {"browserName": "chrome", "acceptInsecureCerts": insecure,
                "goog:chromeOptions": {"binary": "/usr/lib/chromium/chromium",
                    "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                             "--user-data-dir=" + prof, *extra_args]}}
        r = self.req("POST", "/session", {"capabilities": {"alwaysMatch": caps}})
        self.sid = r["sessionId"]; self.caps = r["capabilities"]
    def req(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        rq = urllib.request.Request(self.base + path, data=data, method=method,
                                    headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(rq, timeout=60) as f: return json.loads(f.read())["value"] if path != "/session" else json.loads(f.read())["value"]
        except urllib.error.HTTPError as e:
            return {"error": json.loads(e.read())["value"]}
    def s(self, method, path, body=None): return self.req(method, "/session/%s%s" % (self.sid, path), body)
    def get(self, url):
        r = self.s("POST", "/url", {"url": url}); return r
    def title(self): return self.s("GET", "/title")
    def url(self): return self.s("GET", "/url")
    def js(self, script, *args): return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})
    def ajs(self, script, *args): return self.s("POST", "/execute/async", {"script": script, "args": list(args)})
    def cdp(self, cmd, params=None): return self.s("POST", "/goog/cdp/execute", {"cmd": cmd, "params": params or {}})
    def cookies(self):
        r = self.cdp("Storage.getCookies")
        return sorted("%s@%s%s" % (c["name"], c["domain"], "" if c.get("session") is None else "") for c in r.get("cookies", []))
    def clear(self): self.cdp("Storage.clearCookies")
    def quit(self):
        try: self.s("DELETE", "")
        finally: self.proc.terminate(); self.proc.wait()
def log_since(n):
    with open(os.path.join(HERE, "requests.log")) as f: lines = f.readlines()
    return [json.loads(l) for l in lines[n:]]
def log_len():
    try:
        with open(os.path.join(HERE, "requests.log")) as f: return len(f.readlines())
    except FileNotFoundError: return 0
