# Central Asia War Tracker. The two commands: `make run` and `make test`.
# Each installs what a fresh Debian or Ubuntu machine is missing first.

SHELL     := /bin/bash
GO        ?= go
BIN       := bin
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev
TEST_PKGS  := xvfb xauth
STATICCHECK := $(shell $(GO) env GOPATH)/bin/staticcheck
STATICCHECK_VERSION := v0.8.2
GOCYCLO   := $(shell $(GO) env GOPATH)/bin/gocyclo
GOCYCLO_VERSION := v0.6.0
FYNE      := $(shell $(GO) env GOPATH)/bin/fyne
FYNE_VERSION := v2.7.1

.PHONY: run test setup setup-test build vet lint bench fuzz fuzz-short clean package package-check windows dist gallery samples

# How much each fuzz target runs: a number of inputs each, about ten
# seconds' worth in `make test` and thirty times as many in `make fuzz`.
# A count, not a duration: Go 1.26's fuzzer can fail a target with a bare
# "context deadline exceeded" when a duration runs out while a worker is
# busy (golang/go#75804, fixed in Go 1.27), and a count has no deadline.
# Each input found to reach new code is shortened in at most
# FUZZ_MINIMIZE runs: with the default, up to 60 s an input, a fresh
# cache's fuzzing stood still for half a minute shortening them.
FUZZ_MINIMIZE ?= 1000x
FUZZ_SCALE ?= 1
FUZZ_TARGETS := FuzzReader:150000 FuzzRoundTrip:150000 FuzzParseDate:500000 FuzzParseArea:250000

# The tests run in a locale Fyne can parse (under LANG=C it logs an error
# at start); they choose the app's language themselves where it matters.
test: export LANGUAGE := en_US

run: setup build
	$(BIN)/catracker

setup:
	@scripts/setup.sh $(BUILD_PKGS)
	@$(GO) mod download

setup-test: setup
	@scripts/setup.sh $(TEST_PKGS)

build:
	$(GO) build -o $(BIN)/ ./cmd/...

vet:
	@test -z "$$(gofmt -l .)" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) vet ./...

$(STATICCHECK):
	$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

$(GOCYCLO):
	$(GO) install github.com/fzipp/gocyclo/cmd/gocyclo@$(GOCYCLO_VERSION)

# gofmt, vet and staticcheck; every function outside tests at cyclomatic
# complexity 20 or less; imports pointing down the layers only.
lint: vet $(STATICCHECK) $(GOCYCLO)
	$(STATICCHECK) ./...
	$(GOCYCLO) -over 20 -ignore '_test' .
	scripts/check-layers.sh

# Every check and test but the package's (package-check): the tests of
# data/... and ui/..., whose goroutines share databases and the window,
# under the race detector, and the rest without it; then the short fuzzing
# and the smoke test of the app. While the plain tests run, the race
# detector's build of data/... and ui/... is compiled beside them (its
# output is dropped: the race run that follows compiles anything that is
# missing again and reports what fails).
#
# The app's tests each start a window and take most of the race run, on
# one core: they run as two processes beside the data packages' tests,
# one the tests UI_SHARD matches and one the others (go test's -run and
# -skip with the same pattern split them exactly), so that both cores
# work until the end.
RACE_PKGS := ./data/... ./ui/...
UI_SHARD  := ^Test[A-J]
test: setup-test build lint
	@$(GO) test -race -run '^$$' $(RACE_PKGS) >/dev/null 2>&1 & prebuild=$$!; \
	$(GO) test $$($(GO) list ./... | grep -v -e '/data' -e '/ui'); plain=$$?; \
	wait $$prebuild; exit $$plain
	$(GO) test -race ./data/... & data=$$!; \
	$(GO) test -race -run '$(UI_SHARD)' ./ui/ & ui=$$!; \
	$(GO) test -race -skip '$(UI_SHARD)' ./ui/; rest=$$?; \
	wait $$data; d=$$?; wait $$ui; u=$$?; exit $$(( d | u | rest ))
	@$(MAKE) --no-print-directory $(FUZZED)
	scripts/smoke.sh $(BIN)/catracker

# fuzz-short fuzzes every target. `make test` runs it through FUZZED, a
# stamp file remade when a file of the fuzzed packages (data and
# data/csvio, their seed corpus included) or go.sum is newer: like go
# test's cached results, the fuzzing runs again when what it checks
# changed, and always in a fresh clone.
FUZZED := $(BIN)/.fuzzed
$(FUZZED): $(wildcard data/*.go data/csvio/*.go data/csvio/testdata/fuzz/*/*) go.sum
	@$(MAKE) --no-print-directory fuzz-short
	@mkdir -p $(BIN) && touch $@

fuzz-short:
	@for t in $(FUZZ_TARGETS); do \
		name=$${t%%:*}; n=$$(( $${t##*:} * $(FUZZ_SCALE) )); \
		echo "fuzz $$name for $$n inputs"; \
		$(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime "$${n}x" -fuzzminimizetime $(FUZZ_MINIMIZE) ./data/csvio || exit 1; \
	done

fuzz:
	@$(MAKE) --no-print-directory fuzz-short FUZZ_SCALE=30

# The README's gallery: docs/gallery/*.png, one picture per chart family
# (as `catracker-cli charts` lists them) drawn from the bundled dataset,
# and the table of them in README.md. Run it after changing the charts or
# the dataset, and commit what it changes.
gallery:
	$(GO) build -o $(BIN)/ ./cmd/catracker-cli
	scripts/gallery.sh $(BIN)/catracker-cli

# Sample charts to look at, not checked: every family in realistic data,
# the layout's edge cases and the panel charts, in PNG (the samples in SVG
# and PDF too), written into SAMPLES.
SAMPLES ?= $(BIN)/samples
samples:
	$(GO) test -tags samples -run '^TestWrite(Panel)?Samples$$' -count=1 ./internal/chart/ -args -samples "$(abspath $(SAMPLES))"

# Go benchmarks (query, counting and render at 10k, 100k and 1M incidents;
# import), then every figure of docs/PERFORMANCE.md beside its target.
bench: setup build
	$(GO) test -run '^$$' -bench . -benchmem ./data/... ./internal/chart/ ./internal/export/
	scripts/bench.sh

# The Linux package, dist/catracker-linux.tar.xz, described by the top-level
# FyneApp.toml. fyne package reads FyneApp.toml from the main package's
# folder and bumps the build number in it, so it gets a copy there that is
# removed afterwards.
package: setup $(FYNE)
	$(call fyne_package,linux,Central Asia War Tracker.tar.xz,catracker-linux.tar.xz)

# The Linux package built and checked: the archive holds the program, its
# icon and a desktop entry naming the app. A release build of its own, so
# it is not part of `make test`; .ci/run runs both.
package-check: package
	scripts/check-package.sh dist/catracker-linux.tar.xz

# The Windows program, dist/catracker-windows.exe, cross-compiled with
# mingw-w64, with the icon and version of FyneApp.toml embedded.
windows: setup $(FYNE)
	@scripts/setup.sh gcc-mingw-w64-x86-64
	$(call fyne_package,windows,Central Asia War Tracker.exe,catracker-windows.exe,CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1)

# Both packages.
dist: package windows
	@ls -l dist

$(FYNE):
	$(GO) install fyne.io/fyne/v2/cmd/fyne@$(FYNE_VERSION)

# fyne_package OS, file fyne writes, name in dist/, environment.
define fyne_package
	cp FyneApp.toml cmd/catracker/FyneApp.toml
	cd cmd/catracker && $(4) $(FYNE) package -os $(1) --release --icon "$(CURDIR)/assets/icon.png"; \
		status=$$?; rm -f FyneApp.toml; exit $$status
	mkdir -p dist
	mv "cmd/catracker/$(2)" dist/$(3)
	@echo "package: dist/$(3)"
endef

clean:
	rm -rf $(BIN) dist
