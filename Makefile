# The two commands: `make run` and `make test`. Everything else is a helper.
BUILD        ?= build
BUILD_ASAN   ?= build-asan
JOBS         ?= $(shell nproc)
EVIENT_DB    ?= data/evient.db
EVIENT_PORT  ?= 8080

.PHONY: run test test-asan build build-asan deps deps-test migrate seed bench format clean

deps:
	@scripts/install_deps.sh

deps-test:
	@scripts/install_deps.sh --test

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

build-asan: deps
	cmake -S . -B $(BUILD_ASAN) -DCMAKE_BUILD_TYPE=Debug -DEVIENT_SANITIZE=ON -DEVIENT_BUILD_BENCH=OFF -DEVIENT_BUILD_WEB=OFF
	cmake --build $(BUILD_ASAN) -j $(JOBS)

# Builds Release, migrates, seeds an empty database on first start, serves on :8080.
run: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release && cmake --build $(BUILD) -j $(JOBS) --target evient
	@mkdir -p $(dir $(EVIENT_DB))
	$(BUILD)/evient seed --db $(EVIENT_DB) --if-empty
	$(BUILD)/evient serve --db $(EVIENT_DB) --port $(EVIENT_PORT) --payment-provider sandbox

migrate: build
	$(BUILD)/evient migrate --db $(EVIENT_DB)

seed: build
	$(BUILD)/evient seed --db $(EVIENT_DB)

# Every test, on SQLite and on a throw-away PostgreSQL cluster, and the web app
# in Chromium; then the C++ tests again under AddressSanitizer + UBSan.
test: deps-test build build-asan
	scripts/with_test_postgres.sh ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  scripts/with_test_postgres.sh ctest --test-dir $(BUILD_ASAN) --output-on-failure -j $(JOBS)

test-asan: build-asan
	ASAN_OPTIONS=detect_leaks=1 scripts/with_test_postgres.sh ctest --test-dir $(BUILD_ASAN) --output-on-failure -j $(JOBS)

# Seeds the bench data set and measures every scenario against its limit on
# SQLite and PostgreSQL (about 8 minutes); writes bench/RESULTS.md.
bench: build
	BUILD=$(BUILD) bench/run.sh all

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
