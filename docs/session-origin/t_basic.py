# Q1, Q2: name resolution + trusted wildcard cert (no cert-error bypass)
from wd import *
w = WD(insecure=False)
print("browser:", w.caps.get("browserVersion"), "acceptInsecureCerts:", w.caps.get("acceptInsecureCerts"))
for host in ["127.0.0.1", "localhost", "sessions.localhost", "abc.sessions.localhost", "x.y.sessions.localhost", "abc.localhost"]:
    n = log_len()
    r = w.get("https://%s:8443/page?t=q1" % host)
    hits = [e["host"] for e in log_since(n)]
    print("%-26s nav=%s title=%r server_saw=%s" % (host, "err:" + r["error"]["error"] if isinstance(r, dict) and "error" in r else "ok", w.title(), hits))
w.quit()
