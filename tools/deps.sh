#!/bin/sh
# Installs the Debian packages aisubsidy needs to build and test, with sudo
# when not run as root.  Packages already installed are left alone.
# (chromium: make report-check opens the report page in it, headless.)
set -e
pkgs="build-essential pkg-config libcjson-dev libyaml-dev libcmocka-dev libunistring-dev valgrind parallel clang python3-yaml python3-jsonschema zsh jq faketime chromium"
need=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || need="$need $p"
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need
