# Control for Q2: same browser with an EMPTY NSS db must show a cert error (proves trust came from the imported CA)
import os, wd
os.makedirs(os.path.join(wd.HERE, "emptyhome"), exist_ok=True)
orig = wd.os.path.join
class W2(wd.WD): pass
import subprocess
env_home = os.path.join(wd.HERE, "emptyhome")
_P = subprocess.Popen
def P(*a, **k):
    if "env" in k: k["env"] = dict(k["env"], HOME=env_home)
    return _P(*a, **k)
wd.subprocess.Popen = P
w = wd.WD(insecure=False, port=9516, profile="profile-ctl")
w.get("https://abc.sessions.localhost:8443/page?t=ctl"); print("empty NSS db, abc.sessions.localhost title:", repr(w.title()))
w.quit()
