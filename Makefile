# ml-connector. go-sqlite3 is a cgo package: every target needs gcc.
GO      ?= go
BIN     := bin/ml-connector
export CGO_ENABLED := 1

# What `ml-connector --version` prints, stamped at link time.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
DATE    ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
LDFLAGS := -X main.version=$(VERSION) -X main.commit=$(COMMIT) -X main.date=$(DATE)

.PHONY: build test demo bench lint clean release chaos

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/ml-connector

# Unit and loopback integration tests; deterministic, no network beyond 127.0.0.1.
test:
	$(GO) test -count=1 -timeout 10m ./...

# The whole program on the built-in simulators of Sage X3 and Stedi: the
# terminal UI in a terminal (q quits), 30 s of logs otherwise.
demo: build
	rm -f demo.db demo.db-wal demo.db-shm
	@if [ -t 0 ] && [ -t 1 ]; then $(BIN) demo --db demo.db; \
	else $(BIN) demo --headless --for 30s --db demo.db; fi
	$(BIN) status --db demo.db

# Throughput figures, printed side by side with their raw baselines.
bench:
	$(GO) test -run '^$$' -bench . -benchtime 1x -count 1 ./bench/

# The crash test of the daemon (internal/chaos): the standalone simulators and
# --daemon as processes, SIGKILLs at random moments, compared with a run of
# the same seed without kills. Minutes, not part of make test.
CHAOS_POS   ?= 3200
CHAOS_KILLS ?= 20
CHAOS_SEED  ?= 0
chaos: build
	$(GO) run ./cmd/chaos --bin $(BIN) --pos $(CHAOS_POS) --kills $(CHAOS_KILLS) --seed $(CHAOS_SEED) $(CHAOS_FLAGS)

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# Release binaries for linux/amd64 and windows/amd64 in dist/. go-sqlite3 is
# cgo, so Windows is cross-compiled with Debian's mingw-w64 gcc (installed
# here when missing and apt-get is at hand).
MINGW_CC ?= x86_64-w64-mingw32-gcc
release:
	rm -rf dist && mkdir -p dist
	GOOS=linux GOARCH=amd64 $(GO) build -trimpath -ldflags "-s -w $(LDFLAGS)" -o dist/ml-connector-linux-amd64 ./cmd/ml-connector
	@command -v $(MINGW_CC) >/dev/null || { apt-get update && apt-get install -y gcc-mingw-w64-x86-64; } || \
		{ echo "release: $(MINGW_CC) is missing: apt-get install gcc-mingw-w64-x86-64"; exit 1; }
	GOOS=windows GOARCH=amd64 CC=$(MINGW_CC) $(GO) build -trimpath -ldflags "-s -w $(LDFLAGS)" -o dist/ml-connector-windows-amd64.exe ./cmd/ml-connector
	@test "$$(head -c 2 dist/ml-connector-windows-amd64.exe)" = MZ || { echo "release: the Windows binary is not a PE executable"; exit 1; }
	cp assets/ml-connector.service assets/windows-service.md assets/ml-connector.example.toml dist/
	@command -v file >/dev/null && file dist/ml-connector-linux-amd64 dist/ml-connector-windows-amd64.exe || ls -l dist

clean:
	rm -rf bin demo.db demo.db-wal demo.db-shm dist
