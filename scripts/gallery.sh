#!/usr/bin/env bash
# The README's gallery: one 1200x675 PNG per chart family in docs/gallery,
# drawn by the command line from the bundled dataset, and the gallery
# table in README.md between its two gallery markers written afresh.
#
# The families come from `catracker-cli charts`, so a new family appears
# here without a change to this script. The families named in CUMULATIVE
# get a second picture, cumulative. The footer's date is the date of the
# last commit that changed the dataset (SOURCE_DATE_EPOCH), so the pictures
# change only when the data or the drawing does.
# Usage: scripts/gallery.sh [CLI]   (default: bin/catracker-cli)
set -euo pipefail

cli=${1:-bin/catracker-cli}
out=docs/gallery
readme=README.md
cumulative=${CUMULATIVE:-deaths}
start='<!-- gallery: made by `make gallery`, do not edit by hand -->'
end='<!-- end of gallery -->'

grep -qxF "$start" "$readme" && grep -qxF "$end" "$readme" || {
	echo "gallery: $readme lacks the lines $start and $end" >&2
	exit 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/bundled-dataset.db"
"$cli" import --db "$db" data/dataset/incidents.csv >/dev/null
if [[ -z ${SOURCE_DATE_EPOCH:-} ]]; then
	SOURCE_DATE_EPOCH=$(git log -1 --format=%ct -- data/dataset/incidents.csv 2>/dev/null || true)
	SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date +%s)}
fi
export SOURCE_DATE_EPOCH

mkdir -p "$out"
rm -f "$out"/*.png
cells=()
# picture NAME CAPTION ARGS...: draws one picture and adds its cell.
picture() {
	local name=$1 caption=$2
	shift 2
	"$cli" export --db "$db" "$@" --width 1200 --height 675 --out "$out/$name.png"
	cells+=("![$caption]($out/$name.png)<br>**$caption** (\`catracker-cli export $*\`)")
	echo "gallery: $out/$name.png"
}
while IFS=$'\t' read -r family title; do
	picture "$family" "$title" --chart "$family"
	if [[ " ${cumulative//,/ } " == *" $family "* ]]; then
		picture "$family-cumulative" "$title, cumulative" --chart "$family" --cumulative
	fi
done < <("$cli" charts)

{
	echo "| | |"
	echo "| --- | --- |"
	for ((i = 0; i < ${#cells[@]}; i += 2)); do
		echo "| ${cells[i]} | ${cells[i + 1]:-} |"
	done
} >"$tmp/table.md"
awk -v start="$start" -v end="$end" -v table="$tmp/table.md" '
	$0 == start { print; while ((getline line < table) > 0) print line; skip = 1; next }
	$0 == end { skip = 0 }
	!skip { print }
' "$readme" >"$tmp/README.md"
cat "$tmp/README.md" >"$readme"
