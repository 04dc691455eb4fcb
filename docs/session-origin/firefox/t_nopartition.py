# Q3 without Total Cookie Protection (network.cookie.cookieBehavior=0, no partitioning): is it SameSite that keeps the
# portal's Lax/Strict cookies off requests from the session page? (the SameSite=None cookie is the control: it does go)
import urllib.parse, time
from ff import *
w = FF(port=2832, profile="ffprofile-cb0", prefs={"network.cookie.cookieBehavior": 0})
print("network.cookie.cookieBehavior =", w.pref("network.cookie.cookieBehavior"))
def hits(n, tag): return [(e["method"], e["host"], e["cookie"], e["sfs"]) for e in log_since(n) if tag in e["path"]]
PORTAL = "https://127.0.0.1:8443"; SESS = "https://abc.sessions.localhost:8443"
w.get(PORTAL + "/set?" + urllib.parse.urlencode([("c", c) for c in ["lax=1; Path=/; Secure; HttpOnly; SameSite=Lax",
      "strict=1; Path=/; Secure; SameSite=Strict", "none=1; Path=/; Secure; SameSite=None"]]))
w.get(SESS + "/page")
n = log_len(); w.ajs("fetch(arguments[0],{credentials:'include',mode:'no-cors'}).then(()=>arguments[1](1),()=>arguments[1](0))", PORTAL + "/me?t=n1")
print("no-cors GET fetch include ->", hits(n, "t=n1"))
n = log_len(); w.ajs("fetch(arguments[0],{method:'POST',body:'x',credentials:'include',mode:'no-cors'}).then(()=>arguments[1](1),()=>arguments[1](0))", PORTAL + "/post?t=n2")
print("no-cors POST fetch include ->", hits(n, "t=n2"))
n = log_len(); w.js("const f=document.getElementById('f'); f.method='POST'; f.action=arguments[0]; f.submit();", PORTAL + "/post?t=n3"); time.sleep(1.5)
print("top-level form POST       ->", hits(n, "t=n3"))
w.get(SESS + "/page"); n = log_len(); w.js("location.href=arguments[0]", PORTAL + "/me?t=n4"); time.sleep(1.5)
print("top-level GET link        ->", hits(n, "t=n4"))
w.quit()
