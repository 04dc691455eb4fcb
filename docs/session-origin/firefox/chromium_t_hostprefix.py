# Chromium counterpart of Q5 (not in ../t_cookies.py): can abc.sessions.localhost overwrite or evict the __Host- cookie
# of def.sessions.localhost? Uses ../wd.py (chromedriver, private NSS db with the test CA), same requests as t_cookies.py.
import urllib.parse, time
from wd import *
w = WD(insecure=False, port=9518, profile="profile-hostprefix")
print("Chromium", w.caps.get("browserVersion"))
def setc(origin, *cs): w.get(origin + "/set?" + urllib.parse.urlencode([("c", c) for c in cs]))
def hits(n, tag): return [(e["method"], e["host"], e["cookie"], e["sfs"]) for e in log_since(n) if tag in e["path"]]
A = "https://abc.sessions.localhost:8443"; B = "https://def.sessions.localhost:8443"
w.clear()
setc(B, "__Host-pass=b; Path=/; Secure; HttpOnly; SameSite=Lax")
setc(A, "__Host-pass=evil1; Domain=sessions.localhost; Path=/; Secure", "__HOST-pass=evil2; Domain=sessions.localhost; Path=/; Secure",
        "__host-pass=evil3; Domain=sessions.localhost; Path=/; Secure", "__Host-pass=evil4; Path=/; Secure")
w.get(A + "/page")
w.js("""document.cookie = '__Host-pass=evil5; Domain=sessions.localhost; Path=/; Secure';
        document.cookie = '__Host-pass=evil6; Domain=def.sessions.localhost; Path=/; Secure';
        document.cookie = '__Host-pass=evil7; Path=/s/; Secure';""")
print("   jar:", w.cookies())
n = log_len(); w.get(B + "/me?t=h5"); print("   def receives:", hits(n, "t=h5"))
w.get(A + "/page")
w.js("for (let i = 0; i < 400; i++) document.cookie = 'flood' + i + '=1; Domain=sessions.localhost; Path=/; Secure';")
time.sleep(2)   # Chromium hands document.cookie writes to its network service asynchronously
jar = w.cookies()
print("   after abc sets 400 Domain=sessions.localhost cookies: jar has %d cookies, __Host-pass@def present: %s" %
      (len(jar), any(c.startswith("__Host-pass@def") for c in jar)))
n = log_len(); w.get(B + "/me?t=h6"); c = (hits(n, "t=h6") or [(0, 0, "", 0)])[0][2] or ""
print("   def receives __Host-pass:", [p for p in c.split("; ") if p.startswith("__Host-")], "(+ %d flood cookies)" % c.count("flood"))
print("   jar afterwards: %d cookies, __Host-pass@def present: %s" % (len(w.cookies()), any(c.startswith("__Host-pass@def") for c in w.cookies())))
w.quit()
