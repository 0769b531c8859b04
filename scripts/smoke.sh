#!/usr/bin/env bash
# Smoke test of the desktop app. Starts the real binary twice on a
# temporary data folder: first with no --db, which creates the default
# database from the bundled dataset, then with --db naming that file. Each
# run draws the first chart, saves the window with --screenshot and quits;
# the PNG must have the window's size and must not be blank.
#
# Needs a display: if DISPLAY is unset it starts Xvfb on a free display
# number and stops it at the end.
# Usage: scripts/smoke.sh [BINARY]   (default: bin/catracker)
# Set SMOKE_SHOTS=DIR to keep the screenshots.
set -euo pipefail

bin=${1:-bin/catracker}
go=${GO:-go}
here=$(cd "$(dirname "$0")" && pwd)
# The window's size at scale 1 (ui.windowSize).
width=1200 height=760
limit=120 # seconds per run

tmp=$(mktemp -d)
xvfb_pid=
cleanup() {
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

if [ -z "${DISPLAY:-}" ]; then
  if ! command -v Xvfb >/dev/null 2>&1; then
    echo "smoke: no DISPLAY and no Xvfb; install it with: sudo apt-get install -y xvfb" >&2
    exit 1
  fi
  n=99
  while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
  Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 50); do
    [ -e "/tmp/.X11-unix/X$n" ] && break
    sleep 0.1
  done
  if [ ! -e "/tmp/.X11-unix/X$n" ]; then
    echo "smoke: Xvfb did not start:" >&2
    cat "$tmp/xvfb.log" >&2
    exit 1
  fi
  export DISPLAY=":$n"
fi

export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" LANG=en_US.UTF-8 FYNE_SCALE=1

shoot() { # shoot NAME [ARGS...]: one run of the app, then check its PNG
  local name=$1
  shift
  local png="$tmp/$name.png"
  if ! timeout "$limit" "$bin" "$@" --screenshot "$png" 2>"$tmp/$name.log"; then
    echo "smoke: $name: the app failed:" >&2
    cat "$tmp/$name.log" >&2
    exit 1
  fi
  grep -h "first chart" "$tmp/$name.log" || true
  "$go" run "$here/pngcheck.go" "$png" "$width" "$height"
  if [ -n "${SMOKE_SHOTS:-}" ]; then
    mkdir -p "$SMOKE_SHOTS"
    cp "$png" "$SMOKE_SHOTS/"
  fi
}

shoot first-start
db="$XDG_DATA_HOME/catracker/catracker.db"
if [ ! -s "$db" ]; then
  echo "smoke: the first start made no default database at $db" >&2
  exit 1
fi
shoot with-db --db "$db"
echo "smoke: ok"
