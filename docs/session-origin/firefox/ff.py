"""Minimal Firefox driver for the site facts: starts firefox-esr --marionette --headless on a fresh
profile (the test CA imported into the profile's own NSS db with certutil, unless ca=False) and talks
to it with marionette_driver. Same surface as ../wd.py (get, title, js, ajs, cookies, clear, quit)."""
import atexit, json, os, signal, subprocess, time
from marionette_driver.marionette import Marionette
HERE = os.path.dirname(os.path.abspath(__file__))
FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")

class FF:
    def __init__(self, port=2828, insecure=False, ca=True, profile="ffprofile", prefs=None):
        prof = os.path.join(HERE, profile); subprocess.run(["rm", "-rf", prof]); os.makedirs(prof)
        if ca:   # trust comes only from this profile's cert9.db (no system store, no policy, no bypass)
            subprocess.run(["certutil", "-d", "sql:" + prof, "-N", "--empty-password"], check=True)
            subprocess.run(["certutil", "-d", "sql:" + prof, "-A", "-t", "C,,", "-n", "sitefactsca",
                            "-i", os.path.join(HERE, "ca.crt")], check=True)
        p = {"marionette.port": port, "browser.shell.checkDefaultBrowser": False,
             "datareporting.policy.dataSubmissionEnabled": False, "app.update.enabled": False}
        p.update(prefs or {})
        with open(os.path.join(prof, "user.js"), "w") as f:
            for k, v in p.items(): f.write("user_pref(%s, %s);\n" % (json.dumps(k), json.dumps(v)))
        env = dict(os.environ, HOME=os.path.join(HERE, "ffhome"), MOZ_HEADLESS="1")
        os.makedirs(env["HOME"], exist_ok=True)
        self.proc = subprocess.Popen([FIREFOX, "--marionette", "--headless", "--no-remote",
                                      "-remote-allow-system-access", "--profile", prof],   # system access: cookie jar, prefs
                                     env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        atexit.register(self.kill)
        self.m = Marionette(host="127.0.0.1", port=port)
        self.m.raise_for_port(timeout=60)
        self.caps = self.m.start_session({"acceptInsecureCerts": insecure})
        self.m.timeout.script = 30; self.m.timeout.page_load = 30
    def get(self, url):
        try: self.m.navigate(url); return "ok"
        except Exception as e: return "err:%s: %s" % (type(e).__name__, str(e).splitlines()[0][:120])
    def title(self): return self.m.title
    def url(self): return self.m.get_url()
    # scripts run in Marionette's default sandbox, whose prototype is the page's window: fetch,
    # document.cookie and forms act as the page (t_cookies.py checks one fetch against an injected <script>)
    def js(self, script, *args): return self.m.execute_script(script, script_args=list(args))
    def ajs(self, script, *args): return self.m.execute_async_script(script, script_args=list(args))
    def chrome(self, script, *args):
        with self.m.using_context("chrome"): return self.m.execute_script(script, script_args=list(args))
    def cookies(self):   # the whole jar, with the partition (Total Cookie Protection) when there is one
        r = self.chrome("""return Services.cookies.cookies.map(c => c.name + '@' + c.host +
            (c.originAttributes.partitionKey ? ' [partition ' + c.originAttributes.partitionKey + ']' : ''));""")
        return sorted(r)
    def clear(self): self.chrome("Services.cookies.removeAll();")
    def pref(self, name):
        return self.chrome("""const n = arguments[0], P = Services.prefs;
            switch (P.getPrefType(n)) { case P.PREF_BOOL: return P.getBoolPref(n); case P.PREF_INT: return P.getIntPref(n);
              case P.PREF_STRING: return P.getStringPref(n); default: return '<unset>'; }""", name)
    def prefs(self, prefix):
        names = self.chrome("return Services.prefs.getChildList(arguments[0]);", prefix)
        return {n: self.pref(n) for n in sorted(names)}
    def quit(self):
        try: self.m.delete_session()
        except Exception: pass
        self.kill()
    def kill(self):   # the browser and its content processes (own process group), never anything else
        if self.proc.poll() is None:
            try: os.killpg(self.proc.pid, signal.SIGTERM); self.proc.wait(15)
            except subprocess.TimeoutExpired: os.killpg(self.proc.pid, signal.SIGKILL); self.proc.wait()
            except ProcessLookupError: pass

def log_since(n):
    with open(os.path.join(HERE, "requests.log")) as f: lines = f.readlines()
    return [json.loads(l) for l in lines[n:]]
def log_len():
    try:
        with open(os.path.join(HERE, "requests.log")) as f: return len(f.readlines())
    except FileNotFoundError: return 0
