# Q1, Q2 in Firefox: name resolution of *.localhost without DNS/hosts, trusted wildcard cert (no cert-error bypass)
import subprocess
from ff import *
r = subprocess.run(["getent", "hosts", "abc.sessions.localhost"], capture_output=True)
print("getent hosts abc.sessions.localhost (system resolver, /etc/hosts):", "rc=%d" % r.returncode, r.stdout.decode().strip() or "<nothing>")
def probe(w, label):
    for host in ["127.0.0.1", "localhost", "sessions.localhost", "abc.sessions.localhost", "x.y.sessions.localhost", "abc.localhost"]:
        n = log_len(); r = w.get("https://%s:8443/page?t=q1" % host)
        print("%s %-24s nav=%s title=%r server_saw=%s" % (label, host, r, w.title(), [e["host"] for e in log_since(n) if "t=q1" in e["path"]]))
w = FF()
print("Firefox", w.caps.get("browserVersion"), "acceptInsecureCerts:", w.caps.get("acceptInsecureCerts"))
print("defaults:", {k: w.pref(k) for k in ["network.dns.native-is-localhost", "network.dns.localDomains", "network.dns.disabled",
      "network.dns.offline-localhost", "network.proxy.allow_hijacking_localhost", "network.trr.mode",
      "network.cookie.cookieBehavior", "network.cookie.sameSite.laxByDefault", "network.cookie.sameSite.noneRequiresSecure",
      "network.cookie.sameSite.schemeful", "security.enterprise_roots.enabled", "network.lna.enabled"]})
probe(w, "[default prefs]")
w.quit()
# the name never reaches a resolver: with Firefox's DNS switched off entirely, *.localhost still connects to loopback
w = FF(port=2829, profile="ffprofile-nodns", prefs={"network.dns.disabled": True})
print("network.dns.disabled =", w.pref("network.dns.disabled"))
probe(w, "[dns disabled ]")
n = log_len(); print("[dns disabled ] control example.org nav=%s" % w.get("https://example.org/"))
w.quit()
# the pref that turns it off: network.proxy.allow_hijacking_localhost (lets a proxy have localhost names). Firefox's
# IsLoopbackHostname() answers false for *.localhost when it is true and network.proxy.testing_localhost_is_secure_when_hijacked
# is false; then the names go to the ordinary resolver (here getent fails, so no connection; localhost is in /etc/hosts)
for label, prefs in [("[hijack only  ]", {"network.proxy.allow_hijacking_localhost": True}),
                     ("[hijack+notsec]", {"network.proxy.allow_hijacking_localhost": True,
                                          "network.proxy.testing_localhost_is_secure_when_hijacked": False})]:
    w = FF(port=2833, profile="ffprofile-hijack", prefs=prefs)
    for n in ["network.proxy.allow_hijacking_localhost", "network.proxy.testing_localhost_is_secure_when_hijacked"]:
        print("%s %s = %s (default %s, set in this profile: %s)" % (label, n, w.pref(n),
              w.chrome("return Services.prefs.getDefaultBranch('').getBoolPref(arguments[0], null)", n),
              w.chrome("return Services.prefs.prefHasUserValue(arguments[0])", n)))
    probe(w, label)
    w.quit()
