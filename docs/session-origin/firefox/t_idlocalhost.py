# Alternative layout <id>.localhost (cert with DNS:*.localhost on :8445): wildcard accepted? same-site between ids? Domain=localhost?
import urllib.parse
from ff import *
w = FF()
def errcode():
    try: return w.js("return document.getFailedCertSecurityInfo().errorCodeString")
    except Exception as e: return "url " + w.url()[:60]
for h in ["abc.localhost", "localhost", "abc.sessions.localhost"]:
    r = w.get("https://%s:8445/page" % h)
    print("trusted *.localhost cert for %-22s nav=%s title=%r %s" % (h, r[:45], w.title(), "" if r == "ok" else errcode()))
w.quit()
w = FF(port=2831, insecure=True, profile="ffprofile-insec")
print("[insecure-certs] acceptInsecureCerts:", w.caps.get("acceptInsecureCerts"))
def hits(n, tag): return [(e["host"], e["cookie"], e["sfs"]) for e in log_since(n) if tag in e["path"]]
w.get("https://def.localhost:8445/set?" + urllib.parse.urlencode([("c", "st=1; Path=/; Secure; SameSite=Strict")]))
w.get("https://abc.localhost:8445/set?" + urllib.parse.urlencode([("c", "t_domLH=1; Domain=localhost; Path=/; Secure"), ("c", "t_domabc=1; Domain=abc.localhost; Path=/; Secure")]))
w.js("document.cookie='j_domLH=1; Domain=localhost; Path=/; Secure'")
print("[insecure-certs] jar after abc.localhost sets Domain=localhost/abc.localhost:", w.cookies())
for dst in ["https://def.localhost:8445", "https://localhost:8445", "https://x.abc.localhost:8445"]:
    w.get("https://abc.localhost:8445/page"); n = log_len()
    w.ajs("fetch(arguments[0],{credentials:'include',mode:'no-cors'}).then(()=>arguments[1](1),()=>arguments[1](0))", dst + "/me?t=L1")
    print("[insecure-certs] fetch abc.localhost ->", dst, hits(n, "t=L1"))
n = log_len(); w.get("https://localhost:8445/me?t=L2"); print("[insecure-certs] top-level localhost sees:", hits(n, "t=L2"))
w.quit()
