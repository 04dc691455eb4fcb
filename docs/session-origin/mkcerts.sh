#!/bin/sh
# Creates a test CA and a leaf cert with SANs; imports CA into a private NSS db (HOME=./home)
set -e
cd "$(dirname "$0")"
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout ca.key -out ca.crt -subj "/CN=atrium site-facts test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
openssl req -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr -subj "/CN=localhost"
cat > leaf.ext <<X
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:*.sessions.localhost,DNS:sessions.localhost
X
openssl x509 -req -in leaf.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 -out leaf.crt -extfile leaf.ext
rm -rf home && mkdir -p home/.pki/nssdb
certutil -d sql:home/.pki/nssdb -N --empty-password
certutil -d sql:home/.pki/nssdb -A -t "C,," -n sitefactsca -i ca.crt
certutil -d sql:home/.pki/nssdb -L
