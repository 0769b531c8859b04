#!/usr/bin/env bash
# Measures the performance targets of docs/PERFORMANCE.md in one run, on
# generated data with a fixed seed, and prints every figure beside its
# target: the whole-process export at a million incidents and at the
# bundled dataset, the same chart drawn by gnuplot fed by the sqlite3
# shell and by Python with matplotlib, importing a million CSV rows (also
# when most bring a new source, and beside the sqlite3 shell's bare
# .import of the same file), the desktop app's memory and startup, and
# the in-process cost of a filter change.
#
# Usage: scripts/bench.sh            (from a checkout; `make bench` runs it)
# Environment: BENCH_ROWS (default 1000000), BENCH_SEED (1), BENCH_RUNS
# (11 timed runs per command), GO (go), TMPDIR (generated files are kept
# in $TMPDIR/catracker-bench and reused by later runs).
set -euo pipefail
shopt -s inherit_errexit

cd "$(dirname "$0")/.."
GO=${GO:-go}
ROWS=${BENCH_ROWS:-1000000}
SEED=${BENCH_SEED:-1}
RUNS=${BENCH_RUNS:-11}
WARMUP=3
CACHE="${TMPDIR:-/tmp}/catracker-bench"
BIN="$PWD/bin"
CLI="$BIN/catracker-cli"
APP="$BIN/catracker"
mkdir -p "$CACHE"
WORK=$(mktemp -d)
XVFB_PID=""

cleanup() {
  if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

heading() { printf '\n== %s ==\n' "$*"; }

# Rows of the summary table: figure, measured, target, ratio, verdict.
SUMMARY=()
row() { SUMMARY+=("$1|$2|$3|$4|$5"); }

# calc EXPR evaluates a floating-point expression with awk.
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }

# within MEASURED LIMIT prints "met" when MEASURED <= LIMIT.
within() { awk -v m="$1" -v l="$2" 'BEGIN { print (m <= l) ? "met" : "NOT MET" }'; }

# atleast MEASURED FLOOR prints "met" when MEASURED >= FLOOR.
atleast() { awk -v m="$1" -v f="$2" 'BEGIN { print (m >= f) ? "met" : "NOT MET" }'; }

# median reads numbers, one a line, and prints their median.
median() {
  sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) exit 1; if (NR % 2) print a[(NR + 1) / 2] + 0; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# png_size FILE prints the width and height of a PNG file from its header.
png_size() {
  local w h
  w=$(od -An -tu1 -j16 -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
  h=$(od -An -tu1 -j20 -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
  echo "${w}x${h}"
}

# time_median NAME CMD... runs CMD WARMUP times untimed, then RUNS times,
# and prints the median wall time in seconds; the fastest run goes to
# $WORK/NAME.min. It uses hyperfine when present and otherwise a loop over
# date +%s%N.
time_median() {
  local name=$1
  shift
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --shell=none --style basic --warmup "$WARMUP" --runs "$RUNS" \
      --export-json "$WORK/$name.json" "$(printf '%q ' "$@")" >"$WORK/$name.log" 2>&1 || {
      cat "$WORK/$name.log" >&2
      return 1
    }
    grep -Eo '"min": *[0-9.eE+-]+' "$WORK/$name.json" | head -n1 | sed 's/.*: *//' >"$WORK/$name.min"
    grep -Eo '"median": *[0-9.eE+-]+' "$WORK/$name.json" | head -n1 | sed 's/.*: *//' 
  else
    local i t0 t1
    for ((i = 0; i < WARMUP; i++)); do "$@" >/dev/null 2>&1; done
    for ((i = 0; i < RUNS; i++)); do
      t0=$(date +%s%N)
      "$@" >/dev/null 2>&1
      t1=$(date +%s%N)
      echo "$(((t1 - t0) / 1000))e-6"
    done >"$WORK/$name.times"
    sort -g "$WORK/$name.times" | head -n1 >"$WORK/$name.min"
    median <"$WORK/$name.times"
  fi
}

# ms SECONDS prints SECONDS as milliseconds.
ms() { calc "$1 * 1000"; }

# fastest NAME prints the fastest run of time_median NAME in milliseconds.
fastest() { ms "$(cat "$WORK/$1.min")"; }

heading "Machine"
echo "cpus:   $(nproc), $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')"
echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "go:     $($GO env GOVERSION)"
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the figures)"

heading "Tools"
# The comparison tools come from Debian's packages; without root the
# figures that need a missing one are skipped with a reason.
scripts/setup.sh time sqlite3 gnuplot-nox python3-matplotlib hyperfine xvfb xdotool ||
  echo "bench: some packages could not be installed; the figures that need them are skipped"
for t in /usr/bin/time sqlite3 gnuplot hyperfine Xvfb xdotool; do
  printf '%-14s %s\n' "$t" "$(command -v "$t" >/dev/null 2>&1 && echo present || echo missing)"
done
HAVE_MPL=no
if /usr/bin/python3 -c 'import matplotlib' >/dev/null 2>&1; then HAVE_MPL=yes; fi
printf '%-14s %s\n' "matplotlib" "$([ $HAVE_MPL = yes ] && echo present || echo missing)"
if command -v sqlite3 >/dev/null 2>&1; then echo "sqlite3 shell: $(sqlite3 -version | cut -d' ' -f1)"; fi

heading "Build"
$GO build -o "$BIN/" ./cmd/catracker-cli
echo "built $CLI"
if $GO build -o "$BIN/" ./cmd/catracker 2>"$WORK/app-build.log"; then
  echo "built $APP"
else
  echo "the desktop app did not build (make setup installs its system packages); its figures are skipped"
fi

heading "Data: $ROWS generated incidents, seed $SEED"
CSV="$CACHE/gen-$ROWS-seed$SEED.csv"
if [ ! -s "$CSV" ]; then
  "$CLI" generate --rows "$ROWS" --seed "$SEED" --out "$CSV"
fi
echo "csv: $CSV ($(du -h "$CSV" | cut -f1))"

heading "Import of $ROWS CSV rows into a new database (/usr/bin/time -v, median of 3)"
DB="$CACHE/import-$ROWS-seed$SEED.db"
if [ -x /usr/bin/time ]; then
  times=() peaks=()
  for i in 1 2 3; do
    rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-journal"
    /usr/bin/time -v -o "$WORK/import.time" "$CLI" import --db "$DB" "$CSV"
    times+=("$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$WORK/import.time")")
    peaks+=("$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/import.time")")
  done
  IMPORT_S=$(printf '%s\n' "${times[@]}" | median)
  IMPORT_MB=$(printf '%s\n' "${peaks[@]}" | sort -n | tail -n1)
  echo "wall ${times[*]} s (median ${IMPORT_S} s), peak RSS ${peaks[*]} MB (largest ${IMPORT_MB} MB)"
  row "import $ROWS rows: wall time" "${IMPORT_S} s" "<= 10 s" "$(calc "$IMPORT_S / 10")x" "$(within "$IMPORT_S" 10)"
  row "import $ROWS rows: peak RSS" "${IMPORT_MB} MB" "<= 100 MB" "$(calc "$IMPORT_MB / 100")x" "$(within "$IMPORT_MB" 100)"
else
  rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-journal"
  "$CLI" import --db "$DB" "$CSV"
  echo "not measured: /usr/bin/time is missing (Debian package time)"
  row "import $ROWS rows" "not measured" "<= 10 s, <= 100 MB" "-" "/usr/bin/time missing"
fi
echo "this database is the one every figure below reads"
# Let the kernel write the new database out now rather than during the
# timed runs.
sync

heading "Import of $ROWS rows of which most bring a new source (/usr/bin/time -v, median of 3)"
# The same file with each title followed by " part 1", " part 2" or
# " part 3" by row: about 590,000 distinct sources in a million rows
# instead of about 280,000, more than the writer's map of sources holds.
MANY_CSV="$CACHE/gen-$ROWS-seed$SEED-many-sources.csv"
if [ ! -s "$MANY_CSV" ]; then
  awk -F, -v OFS=, 'NR > 1 { $14 = $14 " part " (NR % 3 + 1) } { print }' "$CSV" >"$MANY_CSV.new"
  mv "$MANY_CSV.new" "$MANY_CSV"
fi
MANY_DB="$WORK/many-sources.db"
# bare_once CSV runs the sqlite3 shell's bare .import of CSV (see below)
# once and prints its wall time in seconds.
bare_once() {
  local db="$WORK/bare.db" t0 t1
  rm -f "$db"
  t0=$(date +%s%N)
  sqlite3 "$db" ".mode csv" ".import '$1' incidents"
  t1=$(date +%s%N)
  rm -f "$db"
  awk -v us=$(((t1 - t0) / 1000)) 'BEGIN { printf "%.2f\n", us / 1e6 }'
}
if [ -x /usr/bin/time ]; then
  # Each of our imports is followed at once by the shell's .import of the
  # same file, so that both of a pair meet the same load: the ratio of
  # each pair moves less with other work than the two medians do.
  times=() peaks=() ratios=()
  for i in 1 2 3; do
    rm -f "$MANY_DB" "$MANY_DB-wal" "$MANY_DB-shm" "$MANY_DB-journal"
    /usr/bin/time -v -o "$WORK/many.time" "$CLI" import --db "$MANY_DB" "$MANY_CSV"
    times+=("$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$WORK/many.time")")
    peaks+=("$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/many.time")")
    if command -v sqlite3 >/dev/null 2>&1; then
      bare=$(bare_once "$MANY_CSV")
      ratios+=("$(calc "${times[-1]} / $bare")")
      echo "pair $i: ours ${times[-1]} s, sqlite3 .import ${bare} s: ${ratios[-1]}x (load $(cut -d' ' -f1 /proc/loadavg))"
    fi
  done
  echo "sources: $(sqlite3 "$MANY_DB" 'SELECT COUNT(*) FROM sources' 2>/dev/null || echo '?')"
  MANY_S=$(printf '%s\n' "${times[@]}" | median)
  MANY_MB=$(printf '%s\n' "${peaks[@]}" | sort -n | tail -n1)
  echo "wall ${times[*]} s (median ${MANY_S} s), peak RSS ${peaks[*]} MB (largest ${MANY_MB} MB)"
  if [ "${#ratios[@]}" -gt 0 ]; then
    MANY_RATIO=$(printf '%s\n' "${ratios[@]}" | median)
    echo "ours against the shell's .import, pair by pair: ${ratios[*]} (median ${MANY_RATIO}x)"
    row "import $ROWS rows, most with a new source, vs sqlite3 .import, back to back" "${MANY_RATIO}x the time" "<= 4x" \
      "$(calc "$MANY_RATIO / 4")x" "$(within "$MANY_RATIO" 4)"
  fi
  row "import $ROWS rows, most with a new source: peak RSS" "${MANY_MB} MB" "<= 100 MB" "$(calc "$MANY_MB / 100")x" "$(within "$MANY_MB" 100)"
else
  echo "not measured: /usr/bin/time is missing (Debian package time)"
  row "import, most rows with a new source" "not measured" "<= 100 MB" "-" "/usr/bin/time missing"
fi
rm -f "$MANY_DB" "$MANY_DB-wal" "$MANY_DB-shm" "$MANY_DB-journal"

heading "The same CSV files by the sqlite3 shell's bare .import (median of 3)"
# The floor for an import: the shell reads the file and inserts every row
# as text into a table it makes from the header, with no checks, no
# indexes and no sources; ours checks every cell, stores the sources
# apart and builds the indexes and summaries.
# bare_import NAME CSV runs the shell's .import of CSV three times and
# prints the median wall time in seconds.
bare_import() {
  for i in 1 2 3; do
    bare_once "$2"
  done >"$WORK/$1.times"
  echo "sqlite3 .import of $(basename "$2"): $(tr '\n' ' ' <"$WORK/$1.times")s" >&2
  median <"$WORK/$1.times"
}
# compare NAME OURS CSV prints our import's time OURS beside the shell's
# import of CSV and adds the ratio to the summary.
compare() {
  local bare ratio
  bare=$(bare_import "bare-$1" "$3")
  ratio=$(calc "$2 / $bare")
  echo "$1: catracker-cli import median $2 s, sqlite3 .import median $bare s: ${ratio}x"
  row "import vs sqlite3 .import, $1 ($bare s)" "${ratio}x the time" "<= 4x" "$(calc "$ratio / 4")x" "$(within "$ratio" 4)"
}
if command -v sqlite3 >/dev/null 2>&1 && [ -n "${IMPORT_S:-}" ] && [ -n "${MANY_S:-}" ]; then
  compare "$ROWS rows" "$IMPORT_S" "$CSV"
  compare "$ROWS rows, most with a new source" "$MANY_S" "$MANY_CSV"
else
  echo "not measured: the sqlite3 shell (Debian package sqlite3) or the import's time is missing"
  row "import vs sqlite3 .import" "not measured" "<= 4x" "-" "sqlite3 or /usr/bin/time missing"
fi

heading "Export: deaths stacked bars, PNG 1600x900, whole process, median of $RUNS"
OURS_PNG="$WORK/ours.png"
"$CLI" export --db "$DB" --chart deaths --width 1600 --height 900 --out "$OURS_PNG"
echo "our chart: $(png_size "$OURS_PNG") PNG, $(du -h "$OURS_PNG" | cut -f1)"
OURS_S=$(time_median export-1m "$CLI" export --db "$DB" --chart deaths --width 1600 --height 900 --out "$OURS_PNG")
echo "catracker-cli export at $ROWS incidents: median $(ms "$OURS_S") ms, fastest $(fastest export-1m) ms"
row "export deaths PNG 1600x900, $ROWS incidents" "$(ms "$OURS_S") ms" "<= 100 ms" "$(calc "$OURS_S / 0.1")x" "$(within "$OURS_S" 0.1)"

# The bundled dataset: the default database, created in an empty data
# folder on first use, before the timed runs.
BUNDLED_S=$(
  export XDG_DATA_HOME="$WORK/data"
  "$CLI" stats >/dev/null
  time_median export-bundled "$CLI" export --chart deaths --width 1600 --height 900 --out "$WORK/bundled.png"
)
echo "catracker-cli export at the bundled dataset: median $(ms "$BUNDLED_S") ms, fastest $(fastest export-bundled) ms"
row "export deaths PNG 1600x900, bundled dataset" "$(ms "$BUNDLED_S") ms" "<= 40 ms" "$(calc "$BUNDLED_S / 0.04")x" "$(within "$BUNDLED_S" 0.04)"

heading "The same chart by gnuplot fed by the sqlite3 shell"
# Per-month deaths by area from the incidents table (the covering index
# serves it), stacked by gnuplot's rowstacked histogram.
cat >"$WORK/deaths.sql" <<'EOF'
SELECT printf('%d-%02d', month / 12, month % 12 + 1) AS month,
  SUM(CASE WHEN area = 'KZ' THEN count ELSE 0 END) AS KZ,
  SUM(CASE WHEN area = 'KG' THEN count ELSE 0 END) AS KG,
  SUM(CASE WHEN area = 'TJ' THEN count ELSE 0 END) AS TJ,
  SUM(CASE WHEN area = 'UZ' THEN count ELSE 0 END) AS UZ,
  SUM(CASE WHEN area = 'TM' THEN count ELSE 0 END) AS TM,
  SUM(CASE WHEN area = 'CA' THEN count ELSE 0 END) AS CA
FROM incidents WHERE kind = 'death' AND basis = 'event' AND count IS NOT NULL
GROUP BY month ORDER BY month;
EOF
cat >"$WORK/deaths.gp" <<'EOF'
set terminal pngcairo size 1600,900 font "sans,12"
set output OUT
set datafile separator ","
set title "Deaths of Central Asian nationals per month"
set ylabel "Deaths"
set style data histogram
set style histogram rowstacked
set style fill solid 1.0 border -1
set boxwidth 0.8
set key outside right top
set yrange [0:*]
set xtics rotate by 90 right font ",9"
plot for [i=2:7] $d using i:xtic(1) title columnheader(i)
EOF
cat >"$WORK/gnuplot.sh" <<'EOF'
#!/usr/bin/env bash
# The pipeline: the sqlite3 shell's CSV into a gnuplot data block.
set -euo pipefail
db=$1 out=$2 dir=$(dirname "$0")
{
  echo '$d << EOD'
  sqlite3 -readonly -csv -header "$db" <"$dir/deaths.sql"
  echo 'EOD'
  echo "OUT = '$out'"
  cat "$dir/deaths.gp"
} | gnuplot
EOF
GNUPLOT_S=""
if command -v gnuplot >/dev/null 2>&1 && command -v sqlite3 >/dev/null 2>&1; then
  bash "$WORK/gnuplot.sh" "$DB" "$WORK/gnuplot.png"
  echo "gnuplot's chart: $(png_size "$WORK/gnuplot.png") PNG"
  GNUPLOT_S=$(time_median gnuplot bash "$WORK/gnuplot.sh" "$DB" "$WORK/gnuplot.png")
  echo "sqlite3 | gnuplot at $ROWS incidents: median $(ms "$GNUPLOT_S") ms, fastest $(fastest gnuplot) ms"
  SPEEDUP=$(calc "$GNUPLOT_S / $OURS_S")
  row "export vs gnuplot ($(ms "$GNUPLOT_S") ms)" "${SPEEDUP}x faster" ">= 3x faster" "$(calc "$SPEEDUP / 3")x" "$(atleast "$SPEEDUP" 3)"
else
  echo "not measured: gnuplot or the sqlite3 shell is missing (Debian packages gnuplot-nox, sqlite3)"
  row "export vs gnuplot" "not measured" ">= 3x faster" "-" "gnuplot or sqlite3 missing"
fi

heading "The same chart by Python and matplotlib"
cat >"$WORK/deaths.py" <<'EOF'
"""Per-month deaths by area from the incidents table, as stacked bars."""
import sqlite3
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

db, query_file, out = sys.argv[1:4]
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
cur = con.execute(open(query_file).read())
areas = [d[0] for d in cur.description][1:]
rows = cur.fetchall()
months = [r[0] for r in rows]
fig, ax = plt.subplots(figsize=(16, 9), dpi=100)
bottom = [0] * len(rows)
for i, area in enumerate(areas):
    values = [r[i + 1] for r in rows]
    ax.bar(months, values, bottom=bottom, label=area)
    bottom = [b + v for b, v in zip(bottom, values)]
ax.set_title("Deaths of Central Asian nationals per month")
ax.set_ylabel("Deaths")
ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
ax.tick_params(axis="x", labelrotation=90, labelsize=8)
fig.tight_layout()
fig.savefig(out, dpi=100)
EOF
MPL_S=""
if [ $HAVE_MPL = yes ]; then
  export MPLCONFIGDIR="$CACHE/matplotlib"
  /usr/bin/python3 "$WORK/deaths.py" "$DB" "$WORK/deaths.sql" "$WORK/mpl.png"
  echo "matplotlib's chart: $(png_size "$WORK/mpl.png") PNG"
  MPL_S=$(time_median matplotlib /usr/bin/python3 "$WORK/deaths.py" "$DB" "$WORK/deaths.sql" "$WORK/mpl.png")
  echo "python3 + matplotlib at $ROWS incidents: median $(ms "$MPL_S") ms, fastest $(fastest matplotlib) ms"
  SPEEDUP=$(calc "$MPL_S / $OURS_S")
  row "export vs matplotlib ($(ms "$MPL_S") ms)" "${SPEEDUP}x faster" ">= 8x faster" "$(calc "$SPEEDUP / 8")x" "$(atleast "$SPEEDUP" 8)"
else
  echo "not measured: /usr/bin/python3 with matplotlib is missing (Debian package python3-matplotlib)"
  row "export vs matplotlib" "not measured" ">= 8x faster" "-" "matplotlib missing"
fi

heading "Desktop app with the $ROWS-incident database: memory and startup"
# run_app N runs the app's screenshot mode once and records the time from
# launch to its "first chart on screen" line, its wall time and its peak
# memory. A throw-away home keeps the app's preferences out of the user's.
run_app() {
  local home="$WORK/home$1" start
  mkdir -p "$home"
  start=$(date +%s%N)
  HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
    /usr/bin/time -v -o "$WORK/app$1.time" "$APP" --db "$DB" --screenshot "$WORK/app$1.png" 2>&1 |
    while IFS= read -r line; do
      echo "  app: $line"
      case $line in
      *"first chart on screen"*) echo $((($(date +%s%N) - start) / 1000000)) >"$WORK/first$1.ms" ;;
      esac
    done
  [ -s "$WORK/first$1.ms" ]
}

# session_memory runs the app as a user would, with the database open,
# clicks through every chart family and every tab with xdotool, and
# records the peak resident memory (VmHWM) after each step. The clicks
# are at the places of the controls in the default 1200x760 window.
session_memory() {
  if ! command -v xdotool >/dev/null 2>&1; then
    echo "session memory not measured: xdotool is missing (Debian package xdotool)"
    row "app: peak RSS over a session, $ROWS incidents" "not measured" "<= 250 MB" "-" "xdotool missing"
    return
  fi
  local home="$WORK/session" pid step peak=0 kb
  mkdir -p "$home"
  HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" "$APP" --db "$DB" >"$WORK/session.log" 2>&1 &
  pid=$!
  if ! xdotool search --sync --onlyvisible --name "Central Asia War Tracker" >/dev/null 2>&1; then
    kill "$pid" 2>/dev/null || true
    row "app: peak RSS over a session, $ROWS incidents" "not measured" "<= 250 MB" "-" "no window"
    return
  fi
  sleep 3
  echo "session (peak resident memory after each step):"
  for step in "start" "prosecutions 77 135" "recruitment-channels 107 170" "recruitment-timeline 104 205" \
    "deaths 59 100" "incidents-tab 391 61" "sources-tab 470 61" "chart-tab 319 61"; do
    set -- $step
    if [ $# -eq 3 ]; then
      xdotool mousemove "$2" "$3" click 1
      sleep 3
    fi
    kb=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
    peak=$((kb / 1024))
    echo "  $1: $peak MB"
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  row "app: peak RSS over a session, $ROWS incidents" "$peak MB" "<= 250 MB" "$(calc "$peak / 250")x" "$(within "$peak" 250)"
}

APP_REASON=""
APP_HELP=""
if [ -x "$APP" ]; then APP_HELP=$("$APP" -help 2>&1 || true); fi
if [ ! -x "$APP" ]; then
  APP_REASON="bin/catracker was not built"
elif [[ $APP_HELP != *-screenshot* ]]; then
  APP_REASON="bin/catracker has no --screenshot flag"
elif [ ! -x /usr/bin/time ]; then
  APP_REASON="/usr/bin/time is missing (Debian package time)"
elif [ -z "${DISPLAY:-}" ]; then
  if command -v Xvfb >/dev/null 2>&1; then
    Xvfb :97 -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    export DISPLAY=:97
    sleep 1
    kill -0 "$XVFB_PID" 2>/dev/null || APP_REASON="Xvfb :97 did not start (is display 97 taken?)"
  else
    APP_REASON="there is no display and no Xvfb (Debian package xvfb)"
  fi
fi
if [ -z "$APP_REASON" ]; then
  firsts=() walls=() rss=()
  for i in 1 2 3; do
    if ! run_app "$i"; then
      APP_REASON="the app failed or drew no chart (its output is above)"
      break
    fi
    firsts+=("$(cat "$WORK/first$i.ms")")
    walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$WORK/app$i.time")")
    rss+=("$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/app$i.time")")
  done
fi
if [ -z "$APP_REASON" ]; then
  FIRST_MS=$(printf '%s\n' "${firsts[@]}" | median)
  WALL_S=$(printf '%s\n' "${walls[@]}" | median)
  RSS_MB=$(printf '%s\n' "${rss[@]}" | median)
  echo "screenshot: $(png_size "$WORK/app1.png") PNG"
  echo "launch to first chart on screen: ${firsts[*]} ms (median $FIRST_MS ms)"
  echo "whole --screenshot run: ${walls[*]} s (median $WALL_S s; adds a 300 ms settle, the capture, the PNG and exit)"
  echo "max RSS of the --screenshot run: ${rss[*]} MB (median $RSS_MB MB; its software capture of the window adds about 50 MB)"
  row "app: launch to first chart, $ROWS incidents" "$FIRST_MS ms" "<= 1500 ms" "$(calc "$FIRST_MS / 1500")x" "$(within "$FIRST_MS" 1500)"
  row "app: whole --screenshot run (wall)" "$WALL_S s" "<= 1.5 s" "$(calc "$WALL_S / 1.5")x" "$(within "$WALL_S" 1.5)"
  session_memory
else
  echo "not measured: $APP_REASON"
  row "app: startup and memory" "not measured" "<= 1.5 s, <= 250 MB" "-" "$APP_REASON"
fi

heading "Interactive: query + counting + 1200x700 PNG in process, 1M incidents (go test -bench)"
# The benchmark's database is built once by synth.CachedDB in the same
# folder (about a minute the first time).
$GO test -run '^$' -bench 'BenchmarkInteractive/rows=1000000/' -benchtime 2s ./internal/export/ | tee "$WORK/gobench.txt"
while read -r name _ ns _; do
  family=$(sed -e 's|^BenchmarkInteractive/rows=1000000/||' -e 's/-[0-9]*$//' <<<"$name")
  MS=$(calc "$ns / 1000000")
  row "filter change in process: $family, 1M" "$MS ms" "<= 100 ms" "$(calc "$MS / 100")x" "$(within "$MS" 100)"
done < <(grep '^BenchmarkInteractive/rows=1000000/' "$WORK/gobench.txt")

heading "Summary: every figure beside its target (ratio = measured / target; for speed-ups, speed-up / target)"
{
  echo "figure|measured|target|ratio|verdict"
  printf '%s\n' "${SUMMARY[@]}"
} | awk -F'|' '
  { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } n = NR }
  END {
    for (r = 1; r <= n; r++) {
      line = ""
      for (i = 1; i <= 5; i++) line = line sprintf("%-" w[i] "s  ", cell[r, i])
      sub(/ +$/, "", line)
      print line
      if (r == 1) { line = ""; for (i = 1; i <= 5; i++) { d = ""; for (j = 0; j < w[i]; j++) d = d "-"; line = line d "  " } sub(/ +$/, "", line); print line }
    }
  }'
