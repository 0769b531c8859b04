#!/bin/bash
# Checks that imports point one way, from the commands down to the data
# model (docs/ARCHITECTURE.md, "Packages and the direction of imports"):
# every package may import only packages of a lower layer. A package that
# is in no layer below fails too, so a new package gets a place here.
set -euo pipefail

# layer prints the layer of a package of this module, the higher the
# nearer the user.
layer() {
	case $1 in
	catracker/cmd/catracker/locale) echo 6 ;;
	catracker/cmd/*) echo 7 ;;
	catracker/ui | catracker/internal/cli) echo 5 ;;
	catracker/internal/export | catracker/internal/report) echo 4 ;;
	catracker/internal/chart | catracker/internal/library | catracker/internal/synth) echo 3 ;;
	catracker/i18n | catracker/internal/atomicfile | catracker/assets | catracker/assets/*) echo 2 ;;
	catracker/data/*) echo 1 ;;
	catracker/data) echo 0 ;;
	*) echo "check-layers: $1 has no layer; give it one in $0" >&2; exit 1 ;;
	esac
}

bad=0
while read -r pkg imports; do
	from=$(layer "$pkg")
	for imp in $imports; do
		[[ $imp == catracker/* ]] || continue
		to=$(layer "$imp")
		if ((to >= from)); then
			echo "check-layers: $pkg (layer $from) imports $imp (layer $to), which is not below it" >&2
			bad=1
		fi
	done
done < <(go list -f '{{.ImportPath}} {{join .Imports " "}}' ./...)
exit $bad
