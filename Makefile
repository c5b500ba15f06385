# Safeboard — developer tasks (GNU make). `make` alone lists them.

# go.mod asks for toolchain go1.26.11; let go fetch it from the module proxy even
# where the installed Go defaults to GOTOOLCHAIN=local.
GOTOOLCHAIN ?= auto
export GOTOOLCHAIN

# Every recipe runs in bash and stops at the first failing command.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules

GO ?= go
BIN := bin/safeboard

.DEFAULT_GOAL := help
.PHONY: help run check test generate build assets loadtest db-stop fuzz \
	check-go test-go check-generate check-fmt vet

help: ## List the targets
	@echo "Usage: make TARGET"
	@echo
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "} {printf "  %-15s %s\n", $$1, $$2}'

# The database `make run` loads the demo board into (created if needed, owned by
# safeboard_owner; the server connects as safeboard_app).
RUN_DB ?= safeboard

run: build ## Build, load the demo board into database "safeboard" (or RUN_DB) and serve it
	@SAFEBOARD_MIGRATE_DATABASE_URL="$$(scripts/pg-env.sh --db $(RUN_DB) --role owner)"; export SAFEBOARD_MIGRATE_DATABASE_URL; \
	DATABASE_URL="$$(scripts/pg-env.sh --db $(RUN_DB) --role app)"; export DATABASE_URL; \
	SAFEBOARD_SECURE_COOKIES="$${SAFEBOARD_SECURE_COOKIES:-false}"; export SAFEBOARD_SECURE_COOKIES; \
	echo "make run: SAFEBOARD_MIGRATE_DATABASE_URL=$$SAFEBOARD_MIGRATE_DATABASE_URL (the schema owner: migrations)"; \
	echo "make run: DATABASE_URL=$$DATABASE_URL (the server)"; \
	$(BIN) demo; \
	addr="$${SAFEBOARD_ADDR:-:8080}"; case "$$addr" in :*) addr="localhost$$addr";; esac; \
	echo "make run: serving on http://$$addr as safeboard_app (Ctrl-C to stop; 'make db-stop' stops a private database)"; \
	unset SAFEBOARD_MIGRATE_DATABASE_URL; \
	exec $(BIN) serve

# How many tests of a package run side by side. Each test has a database of its
# own and spends most of its time waiting on PostgreSQL, so more than the cores.
TEST_PARALLEL ?= 8

check: ## Quick checks: every test but the browser journeys, without -race; templ, gofmt and go vet
	@$(MAKE) --no-print-directory check-generate
	@$(MAKE) --no-print-directory check-fmt
	@$(MAKE) --no-print-directory check-go
	@$(MAKE) --no-print-directory vet

check-go:
	@DATABASE_URL="$$(scripts/pg-env.sh)"; export DATABASE_URL; \
	echo "make check: DATABASE_URL=$$DATABASE_URL"; \
	pkgs="$$($(GO) list ./... | grep -v '/internal/e2e$$')"; \
	echo "$(GO) test -count=1 -parallel $(TEST_PARALLEL) ./... (but internal/e2e, the browser journeys)"; \
	$(GO) test -count=1 -parallel $(TEST_PARALLEL) $$pkgs

test: ## Run every test with -race, the browser journeys too, each fuzz target for FUZZTIME (10s), the templ generate check, gofmt and go vet
	scripts/install-deps.sh
	@$(MAKE) --no-print-directory test-go
	@$(MAKE) --no-print-directory fuzz
	@$(MAKE) --no-print-directory check-generate
	@$(MAKE) --no-print-directory check-fmt
	@$(MAKE) --no-print-directory vet

test-go:
	@DATABASE_URL="$$(scripts/pg-env.sh)"; export DATABASE_URL; \
	echo "make test: DATABASE_URL=$$DATABASE_URL"; \
	echo "$(GO) test -race -count=1 -parallel $(TEST_PARALLEL) -timeout 50m ./..."; \
	$(GO) test -race -count=1 -parallel $(TEST_PARALLEL) -timeout 50m ./...

check-generate:
	$(GO) tool templ generate
	@if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
		echo "make: not a git work tree; skipping the generated-files check" >&2; exit 0; \
	fi; \
	if ! git diff --exit-code -- '*_templ.go'; then \
		echo "make: 'go tool templ generate' changed the *_templ.go files above:" >&2; \
		echo "  run 'make generate' and commit the result" >&2; exit 1; \
	fi; \
	untracked="$$(git status --porcelain --untracked-files=all -- '*_templ.go' | sed -n 's/^?? //p')"; \
	if [ -n "$$untracked" ]; then \
		echo "make: generated files not in git (git add and commit them):" >&2; \
		printf '  %s\n' $$untracked >&2; exit 1; \
	fi

check-fmt:
	@files="$$(git ls-files --cached --others --exclude-standard -- '*.go' | \
		while read -r f; do if [ -f "$$f" ]; then printf '%s\n' "$$f"; fi; done)"; \
	[ -n "$$files" ] || exit 0; \
	gofmt="$$($(GO) env GOROOT)/bin/gofmt"; \
	unformatted="$$($$gofmt -l $$files)"; \
	if ! test -z "$$unformatted"; then \
		echo "make: these files are not gofmt-formatted:" >&2; \
		printf '  %s\n' $$unformatted >&2; \
		echo "  fix with: gofmt -w $$(echo $$unformatted)" >&2; exit 1; \
	fi

vet:
	$(GO) vet ./...

generate: ## Regenerate the templ Go files (go tool templ generate)
	$(GO) tool templ generate

build: ## Build bin/safeboard
	$(GO) build -o $(BIN) ./cmd/safeboard

assets: ## Rebuild the front-end assets in web/static (needs node and npm)
	scripts/build-assets.sh

# The load benchmark's flags; see docs/PERFORMANCE.md and `bin/loadtest -h`.
LOADTEST_FLAGS ?= -c 50 -d 30s
# The database the load test loads the demo board into (created if needed).
LOADTEST_DB ?= safeboard_loadtest

loadtest: build ## Load benchmark on the demo board (database safeboard_loadtest, or LOADTEST_DB); not part of make test
	$(GO) build -o bin/loadtest ./cmd/loadtest
	@SAFEBOARD_MIGRATE_DATABASE_URL="$$(scripts/pg-env.sh --db $(LOADTEST_DB) --role owner)"; export SAFEBOARD_MIGRATE_DATABASE_URL; \
	DATABASE_URL="$$(scripts/pg-env.sh --db $(LOADTEST_DB) --role app)"; export DATABASE_URL; \
	echo "make loadtest: DATABASE_URL=$$DATABASE_URL (migrations: $$SAFEBOARD_MIGRATE_DATABASE_URL)"; \
	echo "bin/loadtest -bin $(BIN) $(LOADTEST_FLAGS)"; \
	bin/loadtest -bin $(BIN) $(LOADTEST_FLAGS)

db-stop: ## Stop the private PostgreSQL cluster under .data/pg, if running
	scripts/pg-env.sh --stop

# How long each fuzz target runs, in make fuzz and so in make test (and CI):
# four targets, under two minutes in all with their builds.
FUZZTIME ?= 10s

fuzz: ## Fuzz the form decoding and the import readers, FUZZTIME (10s) each (make test runs it too)
	$(GO) test -run '^$$' -fuzz '^FuzzFormDecoding$$' -fuzztime $(FUZZTIME) ./internal/web/
	$(GO) test -run '^$$' -fuzz '^FuzzReadCSV$$' -fuzztime $(FUZZTIME) ./internal/perfio/
	$(GO) test -run '^$$' -fuzz '^FuzzReadXLSX$$' -fuzztime $(FUZZTIME) ./internal/perfio/
	$(GO) test -run '^$$' -fuzz '^FuzzNeutralise$$' -fuzztime $(FUZZTIME) ./internal/perfio/
