#!/bin/sh
# Observes, in headless Chromium, which loopback names are separate sites (docs/session-origin.md).
# Works in a fresh temporary directory (certificates, NSS db, profiles, request log), prints the
# facts to stdout. Needs openssl, certutil (libnss3-tools), chromium and chromedriver; uses
# ports 8443-8445 on 127.0.0.1.
set -e
SRC="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/atrium-site-facts.XXXXXX")"
cp "$SRC"/*.py "$SRC"/mkcerts*.sh "$WORK"/
cd "$WORK"
./mkcerts.sh >/dev/null 2>&1; ./mkcerts2.sh >/dev/null 2>&1
python3 server.py 8443 8444 > server.out 2>&1 & S1=$!
python3 server.py --leaf leaf2 8445 > server2.out 2>&1 & S2=$!
trap 'kill $S1 $S2 2>/dev/null; rm -rf "$WORK"' EXIT
sleep 1; rm -f requests.log
python3 t_basic.py; python3 t_control.py; python3 t_cookies.py; python3 t_idlocalhost.py; python3 t_idlocalhost2.py
