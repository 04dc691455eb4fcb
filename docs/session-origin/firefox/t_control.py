# Control for Q2: the same Firefox with a profile WITHOUT the test CA must show a certificate error,
# proving that the trust in t_basic.py came from the CA imported into the profile (not a system store or bypass)
from ff import *
w = FF(port=2830, ca=False, profile="ffprofile-ctl")
print("profile without CA, abc.sessions.localhost nav=%s" % w.get("https://abc.sessions.localhost:8443/page?t=ctl"))
w.quit()
