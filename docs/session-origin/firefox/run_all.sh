#!/bin/sh
# Observes, in headless Firefox ESR, which loopback names are separate sites (FINDINGS.md here; the Chromium
# counterpart is ../run_all.sh and docs/session-origin.md). Same method as the Chromium scripts: a throw-away CA
# (../mkcerts*.sh) trusted only in a fresh Firefox profile's NSS db, the logging HTTPS server ../server.py on
# 127.0.0.1:8443-8445, and the browser driven over Marionette. Works in a fresh temporary directory and prints the
# facts to stdout. Needs openssl, certutil (libnss3-tools), firefox-esr and `pip install marionette_driver`;
# uses Marionette ports 2828-2834. If chromium and chromedriver are there, also runs the Chromium counterpart of
# the __Host- test (chromium_t_hostprefix.py, with ../wd.py on port 9518).
set -e
SRC="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/atrium-site-facts-ff.XXXXXX")"
cp "$SRC"/*.py "$SRC"/../server.py "$SRC"/../wd.py "$SRC"/../mkcerts*.sh "$WORK"/
cd "$WORK"
./mkcerts.sh >/dev/null 2>&1; ./mkcerts2.sh >/dev/null 2>&1
python3 server.py 8443 8444 > server.out 2>&1 & S1=$!
python3 server.py --leaf leaf2 8445 > server2.out 2>&1 & S2=$!
# SITE_FACTS_LOG=/some/file keeps the server's request log (one JSON line per request) after the run
trap 'kill $S1 $S2 2>/dev/null; [ -n "$SITE_FACTS_LOG" ] && cp requests.log "$SITE_FACTS_LOG"; rm -rf "$WORK"' EXIT
sleep 1; rm -f requests.log
for t in t_basic t_control t_cookies t_nopartition t_idlocalhost; do echo "### $t"; python3 $t.py; done
if [ -x /usr/bin/chromedriver ] && [ -x /usr/lib/chromium/chromium ]; then
  echo "### chromium_t_hostprefix"; python3 chromium_t_hostprefix.py
fi
