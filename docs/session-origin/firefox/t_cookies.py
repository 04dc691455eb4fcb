# Q3-Q7 in Firefox: cookies, CORS, SameSite, framing, __Host-, ports. Trusted CA, no cert-error bypass.
import urllib.parse, time
from ff import *
w = FF()
print("Firefox", w.caps.get("browserVersion"), "| cookieBehavior", w.pref("network.cookie.cookieBehavior"))
def setc(origin, *cs):   # top-level navigation to origin/set, server answers with Set-Cookie headers
    w.get(origin + "/set?" + urllib.parse.urlencode([("c", c) for c in cs]))
def hits(n, tag):
    return [(e["method"], e["host"], e["cookie"], e["sfs"]) for e in log_since(n) if tag in e["path"]]
FETCH = """const [u, opts, done] = arguments;
fetch(u, opts).then(r => r.text().then(t => done('status=' + r.status + ' type=' + r.type + ' body=' + t.slice(0,40))),
                 e => done('fetch rejected: ' + e)).catch(e => done('err ' + e));"""
def fetch(u, **opts):
    return w.ajs(FETCH, u, opts)
# the same fetch from a <script> element of the page itself (not Marionette's sandbox), to show both act as the page
PAGEFETCH = """const [u, done] = arguments; addEventListener('pf-done', e => done(e.detail), {once: true});
const s = document.createElement('script');
s.textContent = 'fetch(' + JSON.stringify(u) + ', {credentials:"include", mode:"no-cors"}).then(r => dispatchEvent(new CustomEvent("pf-done", {detail: "type=" + r.type})), e => dispatchEvent(new CustomEvent("pf-done", {detail: "rejected " + e})))';
document.body.appendChild(s);"""

for PORTAL in ["https://127.0.0.1:8443", "https://localhost:8443"]:
    SESS = "https://abc.sessions.localhost:8443"; OTHER = "https://def.sessions.localhost:8443"
    print("\n===== portal", PORTAL, "session page", SESS)
    w.clear()
    setc(PORTAL, "__Host-atrium_session=1; Path=/; Secure; HttpOnly; SameSite=Lax",
         "strict=1; Path=/; Secure; SameSite=Strict", "none=1; Path=/; Secure; SameSite=None")
    print("jar after portal login:", w.cookies())
    w.get(SESS + "/page")
    # 3a credentialed fetch
    n = log_len(); r = fetch(PORTAL + "/me?t=a1", credentials="include")
    print("3a cors fetch include  -> script sees:", r, "| server:", hits(n, "t=a1"))
    n = log_len(); r = fetch(PORTAL + "/me?t=a2", credentials="include", mode="no-cors")
    print("3a no-cors GET include -> script sees:", r, "| server:", hits(n, "t=a2"))
    n = log_len(); r = w.ajs(PAGEFETCH, PORTAL + "/me?t=a3")
    print("   same from a page <script> -> script sees:", r, "| server:", hits(n, "t=a3"))
    # 3c POST no-cors fetch and form POST
    n = log_len(); r = fetch(PORTAL + "/post?t=c1", method="POST", credentials="include", mode="no-cors", body="x=1")
    print("3c no-cors POST fetch  -> server:", hits(n, "t=c1"))
    n = log_len()
    w.js("const f=document.getElementById('f'); f.method='POST'; f.action=arguments[0]; f.submit();", PORTAL + "/post?t=c2")
    time.sleep(1.5); print("3c top-level form POST -> server:", hits(n, "t=c2"))
    w.get(SESS + "/page"); n = log_len()
    w.js("location.href=arguments[0]", PORTAL + "/me?t=c3"); time.sleep(1.5)
    print("   top-level GET link   -> server:", hits(n, "t=c3"))
    # 7 framing
    w.get(SESS + "/page"); n = log_len()
    r = w.ajs("""const [portal, done] = arguments; const got = [];
      addEventListener('message', e => got.push(e.data + ' from ' + e.origin));
      for (const k of ['plain','xfo','csp']) { const f = document.createElement('iframe'); f.src = portal + '/frame/' + k; document.body.appendChild(f); }
      setTimeout(() => done(got.sort()), 3000);""", PORTAL)
    print("7  frames of portal that executed (plain has no header):", r, "| server:", [(h[1], h[3]) for h in hits(n, "/frame/")])
    # 4 cookie tossing from the session origin
    w.clear()
    setc(SESS, "h_domIP=1; Domain=127.0.0.1; Path=/; Secure", "h_domLH=1; Domain=localhost; Path=/; Secure",
         "h_domSL=1; Domain=sessions.localhost; Path=/; Secure", "h_hostonly=1; Path=/; Secure",
         "h_domSLlax=1; Domain=.sessions.localhost; Path=/; Secure; SameSite=Lax")
    w.get(SESS + "/page")
    w.js("""for (const d of ['127.0.0.1','localhost','sessions.localhost']) document.cookie = 'j_' + d.replace(/\\W/g,'') + '=1; Domain=' + d + '; Path=/; Secure';""")
    print("4  jar after abc.sessions.localhost tries Domain= cookies:", w.cookies())
    for target in [PORTAL, "https://localhost:8443" if "127" in PORTAL else "https://127.0.0.1:8443", OTHER, "https://sessions.localhost:8443"]:
        n = log_len(); w.get(target + "/me?t=b-" + str(hash(target) % 1000)); print("   top-level GET", target, "-> Cookie:", [h[2] for h in hits(n, "t=b-")])

print("\n===== Q4 same-site: Strict cookie on def.sessions.localhost, request initiated by abc.sessions.localhost")
w.clear()
setc("https://def.sessions.localhost:8443", "st=1; Path=/; Secure; SameSite=Strict", "lx=1; Path=/; Secure; SameSite=Lax")
setc("https://localhost:8443", "lhst=1; Path=/; Secure; SameSite=Strict")
setc("https://127.0.0.1:8443", "ipst=1; Path=/; Secure; SameSite=Strict")
for src, dst in [("https://abc.sessions.localhost:8443", "https://def.sessions.localhost:8443"),
                 ("https://abc.sessions.localhost:8443", "https://localhost:8443"),
                 ("https://abc.sessions.localhost:8443", "https://127.0.0.1:8443"),
                 ("https://localhost:8443", "https://127.0.0.1:8443"),
                 ("https://127.0.0.1:8444", "https://127.0.0.1:8443"),
                 ("https://def.sessions.localhost:8443", "https://def.sessions.localhost:8443")]:
    w.get(src + "/page"); n = log_len(); fetch(dst + "/me?t=ss", credentials="include", mode="no-cors")
    print("  %-38s -> %-38s %s" % (src, dst, hits(n, "t=ss")))

print("\n===== Q5 __Host- cookie of def.sessions.localhost: can abc.sessions.localhost overwrite, shadow or evict it?")
A = "https://abc.sessions.localhost:8443"; B = "https://def.sessions.localhost:8443"
w.clear()
setc(B, "__Host-pass=b; Path=/; Secure; HttpOnly; SameSite=Lax")
setc(A, "__Host-pass=evil1; Domain=sessions.localhost; Path=/; Secure",          # prefix forbids Domain
        "__HOST-pass=evil2; Domain=sessions.localhost; Path=/; Secure",          # prefix in other case
        "__host-pass=evil3; Domain=sessions.localhost; Path=/; Secure",
        "__Host-pass=evil4; Path=/; Secure")                                      # host-only on abc: allowed, abc only
w.get(A + "/page")
w.js("""document.cookie = '__Host-pass=evil5; Domain=sessions.localhost; Path=/; Secure';
        document.cookie = '__Host-pass=evil6; Domain=def.sessions.localhost; Path=/; Secure';
        document.cookie = '__Host-pass=evil7; Path=/s/; Secure';""")
print("   jar:", w.cookies())
n = log_len(); w.get(B + "/me?t=h5"); print("   def receives:", hits(n, "t=h5"))
# eviction: abc fills the sessions.localhost cookie quota (network.cookie.maxPerHost) with Domain cookies
print("   network.cookie.maxPerHost =", w.pref("network.cookie.maxPerHost"), "quotaPerHost =", w.pref("network.cookie.quotaPerHost"))
w.get(A + "/page")
w.js("for (let i = 0; i < 400; i++) document.cookie = 'flood' + i + '=1; Domain=sessions.localhost; Path=/; Secure';")
time.sleep(2)   # Chromium hands document.cookie writes to its network service asynchronously
jar = w.cookies()
print("   after abc sets 400 Domain=sessions.localhost cookies: jar has %d cookies, __Host-pass@def present: %s" %
      (len(jar), any(c.startswith("__Host-pass@def") for c in jar)))
n = log_len(); w.get(B + "/me?t=h6"); c = (hits(n, "t=h6") or [(0, 0, "", 0)])[0][2] or ""
print("   def receives __Host-pass:", [p for p in c.split("; ") if p.startswith("__Host-")], "(+ %d flood cookies)" % c.count("flood"))
print("   jar afterwards: %d cookies, __Host-pass@def present: %s" % (len(w.cookies()), any(c.startswith("__Host-pass@def") for c in w.cookies())))

print("\n===== Q6 ports: host-only cookie set by 127.0.0.1:8444, sent to 127.0.0.1:8443?")
w.clear(); setc("https://127.0.0.1:8444", "p8444=1; Path=/; Secure")
n = log_len(); w.get("https://127.0.0.1:8443/me?t=p5"); print("  ", hits(n, "t=p5"))
setc("https://127.0.0.1:8443", "__Host-atrium_session=1; Path=/; Secure; HttpOnly; SameSite=Lax")
n = log_len(); w.get("https://127.0.0.1:8444/me?t=p6"); print("   portal __Host- cookie seen on :8444:", hits(n, "t=p6"))
w.quit()
