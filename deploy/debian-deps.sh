#!/bin/sh
# Installs the Debian packages fbaudit builds and tests with, when missing.
# As root it runs apt-get; otherwise it prints the exact command and fails,
# so a developer is never surprised by sudo.
# Usage: debian-deps.sh [build|demo|test]   (demo adds python3 for the
# fake marketplace; test adds what `make check` needs)
set -eu
pkgs="pkg-config libsqlite3-dev zlib1g-dev libxml2-dev libcurl4-openssl-dev
libssl-dev libjansson-dev libinih-dev"
# The demo runs the loopback fake marketplace, a Python script.
if [ "${1:-build}" = demo ]; then
	pkgs="$pkgs python3"
fi
# python3-yaml: tests/t_deploy.sh parses the Kubernetes manifest (Debian
# packages no Kubernetes schema validator: no kubeconform, no kubeval).
if [ "${1:-build}" = test ]; then
	pkgs="$pkgs libcmocka-dev python3 python3-yaml gzip sqlite3 clang
chromium"
fi
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "fbaudit needs these packages; run as root:" >&2
	echo "  apt-get install -y$missing" >&2
	exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
