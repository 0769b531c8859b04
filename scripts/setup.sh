#!/usr/bin/env bash
# Installs the system packages the build needs on Debian or Ubuntu, if any
# are missing: as root directly, through sudo when it needs no password, or
# else prints the exact command to run. Usage: scripts/setup.sh PKG...
set -euo pipefail

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "setup: not a Debian or Ubuntu system; make sure a C compiler and the OpenGL and X11 development headers are installed." >&2
  exit 0
fi

missing=()
for pkg in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup: these system packages are missing: ${missing[*]}" >&2
  echo "setup: install them with:  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
