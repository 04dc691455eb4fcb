# Alternative layout <id>.localhost (cert *.localhost on :8445): wildcard accepted? same-site between ids? Domain=localhost?
import urllib.parse, time
from wd import *
w = WD(insecure=False)
def hits(n, tag): return [(e["host"], e["cookie"], e["sfs"]) for e in log_since(n) if tag in e["path"]]
for h in ["abc.localhost", "localhost"]:
    w.get("https://%s:8445/page" % h); print("trusted *.localhost cert for", h, "title:", repr(w.title()))
w.clear()
w.get("https://def.localhost:8445/set?" + urllib.parse.urlencode([("c", "st=1; Path=/; Secure; SameSite=Strict")]))
w.get("https://abc.localhost:8445/set?" + urllib.parse.urlencode([("c", "t_domLH=1; Domain=localhost; Path=/; Secure")]))
w.js("document.cookie='j_domLH=1; Domain=localhost; Path=/; Secure'")
print("jar:", w.cookies())
w.get("https://abc.localhost:8445/page"); n = log_len()
w.ajs("fetch(arguments[0],{credentials:'include',mode:'no-cors'}).then(()=>arguments[1](1),()=>arguments[1](0))", "https://def.localhost:8445/me?t=L1")
print("abc.localhost -> def.localhost fetch:", hits(n, "t=L1"))
n = log_len(); w.get("https://localhost:8445/me?t=L2"); print("top-level localhost sees:", hits(n, "t=L2"))
w.quit()
