#!/usr/bin/env bash
# Checks the Linux package made by `make package`: the archive holds the
# program, its icon and a desktop entry that names the app, so that desktop
# menus list it as "Central Asia War Tracker".
# Usage: scripts/check-package.sh dist/catracker-linux.tar.xz
set -euo pipefail

pkg=${1:?usage: check-package.sh PACKAGE.tar.xz}
want_name="Central Asia War Tracker"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

tar -xJf "$pkg" -C "$tmp"
desktop=$(find "$tmp" -name '*.desktop' | head -n 1)
if [ -z "$desktop" ]; then
  echo "check-package: no desktop entry in $pkg" >&2
  exit 1
fi
fail=0
grep -qx "Name=$want_name" "$desktop" || { echo "check-package: the desktop entry does not name the app ($desktop):" >&2; cat "$desktop" >&2; fail=1; }
grep -q '^Exec=' "$desktop" || { echo "check-package: the desktop entry has no Exec line" >&2; fail=1; }
icon=$(sed -n 's/^Icon=//p' "$desktop")
if [ -z "$icon" ] || [ -z "$(find "$tmp" -name "$(basename "$icon")*" -path '*icons*' -o -name "$(basename "$icon")*" -path '*pixmaps*' | head -n 1)" ]; then
  echo "check-package: the icon named by the desktop entry ($icon) is not in the package" >&2
  fail=1
fi
exe=$(find "$tmp" -type f -path '*/bin/*' -perm -u+x | head -n 1)
[ -n "$exe" ] || { echo "check-package: no program in the package" >&2; fail=1; }
[ $fail -eq 0 ] && echo "check-package: $pkg names \"$want_name\" with its icon and program"
exit $fail
