# schemawatch: `make demo` runs the whole flow on an embedded default,
# `make test` runs every check CI runs.

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
GO      ?= go
BIN     := bin/schemawatch
LDFLAGS := -s -w -X main.version=$(VERSION)

.PHONY: build test lint vet fmt-check bench demo clean

# A static binary: the image copies exactly this file.
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/schemawatch

lint: fmt-check vet

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# Tests talk to the real PostgreSQL and MariaDB (see .ci/run) and Chromium.
test: lint build
	$(GO) test -count=1 -timeout 40m ./...

# Benchmarks print figures beside their peers measured in the same run
# (pg_dump, mysqldump, sqlite3), one package at a time so that they do not
# compete for the CPU. The 5,000-table cases take a few minutes each to set
# up; SCHEMAWATCH_BENCH_LARGE=0 leaves them out. BENCH narrows the set, e.g.
# make bench BENCH=Inspect PKG=./inspect/postgres.
BENCH ?= .
PKG   ?= ./...
SCHEMAWATCH_BENCH_LARGE ?= 1
export SCHEMAWATCH_BENCH_LARGE
bench: build
	$(GO) test -p 1 -run '^$$' -bench '$(BENCH)' -benchtime 1x -timeout 90m $(PKG)

demo: build
	$(GO) run ./examples/demo -bin $(BIN) $(DEMOFLAGS)

clean:
	rm -rf bin
