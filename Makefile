# Run `make` (or `make help`) to list the targets.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

GO      ?= go
GOFMT   ?= gofmt
BIN     ?= bin/ledgersync
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)

# The race detector needs cgo, hence a C compiler; without one the tests
# still run, without it. CI installs gcc, so it always races there.
RACE ?= $(shell command -v gcc >/dev/null 2>&1 || command -v cc >/dev/null 2>&1 && echo -race)

PG_NOTE := NOTE: LEDGERSYNC_TEST_POSTGRES_URL is not set: the PostgreSQL suites are SKIPPED; only SQLite was tested. Run 'make test-postgres' or set it (e.g. postgres://postgres@127.0.0.1:5432/ledgersync_test?sslmode=disable).

.PHONY: help build test test-postgres soak lint e2e screenshots bench verify demo

help: ## List the targets
	@echo 'Usage: make <target>'
	@echo
	@awk 'BEGIN { FS = ":.*## " } /^[a-zA-Z0-9_-]+:.*## / { printf "  %-15s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

build: ## Build a static binary into bin/ledgersync
	CGO_ENABLED=0 $(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/ledgersync

test: ## Run all tests with the race detector (PostgreSQL suites need LEDGERSYNC_TEST_POSTGRES_URL)
	@if [ -z "$${LEDGERSYNC_TEST_POSTGRES_URL:-}" ]; then \
		echo "$(PG_NOTE)"; \
	else \
		printf 'PostgreSQL suites: running against %s\n' \
			"$$(printf '%s' "$$LEDGERSYNC_TEST_POSTGRES_URL" | sed -E -e 's|(://[^:/@]*):[^@/]*@|\1:***@|' -e 's|(password=)[^ &]*|\1***|g')"; \
	fi
	@if [ -z "$(RACE)" ]; then echo "NOTE: no C compiler found: running without the race detector (install gcc to enable it)."; fi
	CGO_ENABLED=$(if $(RACE),1,0) $(GO) test $(RACE) -shuffle=on -count=1 ./...
	@if [ -z "$${LEDGERSYNC_TEST_POSTGRES_URL:-}" ]; then echo; echo "$(PG_NOTE)"; fi

test-postgres: ## Run all tests including the PostgreSQL suites (starts a throwaway PostgreSQL if none answers)
	@if [ -z "$${LEDGERSYNC_TEST_POSTGRES_URL:-}" ]; then \
		url=$$(scripts/postgres-throwaway.sh start | tail -n 1); \
		if [ -z "$$url" ]; then echo 'test-postgres: no PostgreSQL URL obtained' >&2; exit 1; fi; \
		export LEDGERSYNC_TEST_POSTGRES_URL="$$url"; \
	fi; \
	$(MAKE) --no-print-directory test

SOAK_COMPANIES ?= 1000

soak: ## Run the scale-out test at full size: 1,000 companies due at once on three processes sharing PostgreSQL, one killed
	@if [ -z "$${LEDGERSYNC_TEST_POSTGRES_URL:-}" ]; then \
		url=$$(scripts/postgres-throwaway.sh start | tail -n 1); \
		if [ -z "$$url" ]; then echo 'soak: no PostgreSQL URL obtained' >&2; exit 1; fi; \
		export LEDGERSYNC_TEST_POSTGRES_URL="$$url"; \
	fi; \
	LEDGERSYNC_SOAK_COMPANIES=$(SOAK_COMPANIES) $(GO) test -count=1 -v -timeout 60m -run '^TestScaleOut$$' ./internal/scaletest/

STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2

lint: ## Run go vet, check gofmt, and run staticcheck
	$(GO) vet ./...
	@out=$$($(GOFMT) -l .); \
	if [ -n "$$out" ]; then echo 'gofmt: these files need formatting (run gofmt -w):'; echo "$$out"; exit 1; fi
	$(GO) run $(STATICCHECK) ./...

e2e: ## Run the browser tests of the merchant flow (needs Debian's chromium)
	LEDGERSYNC_TEST_BROWSER=required $(GO) test -count=1 -run 'Browser' ./internal/app/

screenshots: ## Refresh the screenshots in docs/flow/ from the browser test of the flow
	LEDGERSYNC_TEST_BROWSER=required LEDGERSYNC_SCREENSHOTS=$(CURDIR)/docs/flow $(GO) test -count=1 -run 'BrowserJourney' ./internal/app/

bench: ## Run the benchmarks on SQLite and PostgreSQL (starts a throwaway PostgreSQL if none answers); see docs/benchmarks.md
	@if [ -z "$${LEDGERSYNC_TEST_POSTGRES_URL:-}" ]; then \
		url=$$(scripts/postgres-throwaway.sh start | tail -n 1); \
		if [ -z "$$url" ]; then echo 'bench: no PostgreSQL URL obtained' >&2; exit 1; fi; \
		export LEDGERSYNC_TEST_POSTGRES_URL="$$url"; \
	fi; \
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./...

verify: ## Check that go.mod and go.sum are tidy
	$(GO) mod tidy
	git diff --exit-code go.mod go.sum

demo: ## Run the demo
	$(GO) run ./cmd/ledgersync demo
