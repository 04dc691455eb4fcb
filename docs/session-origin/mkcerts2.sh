#!/bin/sh
# Extra leaf (same test CA) with DNS:*.localhost, to compare the <id>.localhost layout. Served on :8445 by server2.
set -e; cd "$(dirname "$0")"
openssl req -newkey rsa:2048 -nodes -keyout leaf2.key -out leaf2.csr -subj "/CN=localhost" 2>/dev/null
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost,DNS:*.localhost\n' > leaf2.ext
openssl x509 -req -in leaf2.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 -out leaf2.crt -extfile leaf2.ext
