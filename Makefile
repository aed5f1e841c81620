# Thin wrapper over CMake. `make demo` and `make test` set up what is missing first.
BUILD ?= build
JOBS  ?= $(shell nproc)
SAN_BUILD    ?= build-sanitize
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 60

.PHONY: all deps deps-package deps-test configure build browser-deps test test-sanitize fuzz demo docs golden install package clean

all: build

# what building needs (scripts/deps.sh build), and what the tests need besides
deps:
	@sh scripts/deps.sh build

deps-package:
	@sh scripts/deps.sh package

deps-test:
	@sh scripts/deps.sh test

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# the browser test's one npm package (playwright-core; it drives Debian's chromium)
browser-deps:
	@[ -d tests/browser/node_modules/playwright-core ] || npm ci --prefix tests/browser --no-audit --no-fund >/dev/null

test: deps-test build browser-deps
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The unit, Lua, golden and end-to-end tests again, built with AddressSanitizer and
# UndefinedBehaviorSanitizer, leaks detected (tests/sanitize/lsan.supp names the third-party
# leaks it forgives, none of ours). Left out: the flat-memory tests (ASan's shadow memory and
# quarantine make RSS meaningless) and Slurm (a daemon test, nothing of ours more to check).
test-sanitize: deps-test
	@cmake -S . -B $(SAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMOONREEL_SANITIZE=ON -DMOONREEL_CUDA=OFF >/dev/null
	@cmake --build $(SAN_BUILD) -j $(JOBS)
	cd $(SAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitize/lsan.supp:print_suppressions=0 \
	  ctest --output-on-failure -j $(JOBS) -L 'unit|lua|golden|e2e' -E 'memory|slurm'

# libFuzzer targets (clang): past crashers and seeds replayed, then each target fuzzed for
# FUZZ_SECONDS from its seeds (tests/fuzz/run.sh prints the executions; a finding fails).
fuzz: deps-test
	@cmake -S . -B $(FUZZ_BUILD) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMOONREEL_FUZZ=ON \
	  -DMOONREEL_CUDA=OFF -DMOONREEL_GIF=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_parse fuzz_rows fuzz_script fuzz_media
	cd $(FUZZ_BUILD) && ctest --output-on-failure -L fuzz
	bash tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

demo: build
	$(BUILD)/moonreel run scripts/demo.lua -o demo.mp4

# Writes the operation reference of docs/api.md from the registry (a test checks they agree).
docs: build
	sh scripts/api_ops.sh $(BUILD)/moonreel docs/api.md

# Regenerates the golden checksum files on purpose (review the diff before committing).
golden: build
	sh tests/golden/update.sh $(BUILD)/moonreel

install: build
	cmake --install $(BUILD)

# a Debian package (build/moonreel_VERSION_ARCH.deb): install it with
#   sudo dpkg -i build/moonreel_*.deb; sudo apt-get -f install
package: deps-package build
	cd $(BUILD) && cpack -G DEB

clean:
	rm -rf $(BUILD)
