# ml-connector. go-sqlite3 is a cgo package: every target needs gcc.
GO      ?= go
BIN     := bin/ml-connector
export CGO_ENABLED := 1

.PHONY: build test demo bench lint clean

build:
	$(GO) build -o $(BIN) ./cmd/ml-connector

# Unit and loopback integration tests; deterministic, no network beyond 127.0.0.1.
test:
	$(GO) test -count=1 ./...

# The whole outbound loop on the built-in simulators of Sage X3 and Stedi.
demo: build
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN) demo --headless --for 30s --db demo.db
	$(BIN) status --db demo.db

# Throughput figures, printed side by side with their raw baselines.
bench:
	$(GO) test -run '^$$' -bench . -benchtime 1x -count 1 ./bench/

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

clean:
	rm -rf bin demo.db demo.db-wal demo.db-shm
