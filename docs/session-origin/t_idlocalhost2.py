# <id>.localhost layout, part 2: cert error code for *.localhost wildcard; then same-site tests with acceptInsecureCerts
import urllib.parse, re
from wd import *
w = WD(insecure=False)
w.get("https://abc.localhost:8445/page"); txt = w.js("return document.body.innerText")
print("abc.localhost with trusted *.localhost cert:", w.title(), re.findall(r"(?:NET::)?ERR_[A-Z_]+", txt)[:2])
w.quit()
w = WD(insecure=True, port=9517, profile="profile-insec")
def hits(n, tag): return [(e["host"], e["cookie"], e["sfs"]) for e in log_since(n) if tag in e["path"]]
w.get("https://def.localhost:8445/set?" + urllib.parse.urlencode([("c", "st=1; Path=/; Secure; SameSite=Strict")]))
w.get("https://abc.localhost:8445/set?" + urllib.parse.urlencode([("c", "t_domLH=1; Domain=localhost; Path=/; Secure"), ("c", "t_domabc=1; Domain=abc.localhost; Path=/; Secure")]))
w.js("document.cookie='j_domLH=1; Domain=localhost; Path=/; Secure'")
print("[insecure-certs] jar after abc.localhost sets Domain=localhost/abc.localhost:", w.cookies())
for dst in ["https://def.localhost:8445", "https://localhost:8445", "https://x.abc.localhost:8445"]:
    w.get("https://abc.localhost:8445/page"); n = log_len()
    w.ajs("fetch(arguments[0],{credentials:'include',mode:'no-cors'}).then(()=>arguments[1](1),()=>arguments[1](0))", dst + "/me?t=L1")
    print("[insecure-certs] fetch abc.localhost ->", dst, hits(n, "t=L1"))
w.quit()
