#!/usr/bin/env bash
# The Debian packages the tests use: the real tools the product meets (openssl, xmlsec1, xmllint with the
# SAML XSDs, a SAML IdP in SimpleSAMLphp, a secret service for the keychain) and Chromium for the UI tests.
# Run once per machine, as root or as a user who may sudo: it asks for sudo itself when it needs it.
set -euo pipefail
as_root=()
if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi
packages=(
  chromium                      # the browser the end-to-end tests and the test sign-in drive
  openssl xmlsec1 libxml2-utils # certificates, XML signatures, schema validation
  simplesamlphp php8.2-cli php8.2-xml php8.2-mbstring # a real SAML 2.0 IdP (php8.2-xml is not pulled in by the package)
  libsecret-1-dev gnome-keyring dbus-x11 # keytar's build and a real secret service in a private D-Bus session
  python3 make g++              # node-gyp builds keytar from source
  unzip                         # tests check the AD FS bundle zip with unzip -t and zipinfo
  fonts-dejavu-core             # readable screenshots
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "system-deps: all ${#packages[@]} packages are installed."
  exit 0
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
