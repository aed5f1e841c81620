# Thin wrapper over CMake. `make demo` and `make test` set up what is missing first.
BUILD ?= build
JOBS  ?= $(shell nproc)

.PHONY: all deps configure build browser-deps test demo golden install clean

all: build

deps:
	@sh scripts/deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# the browser test's one npm package (playwright-core; it drives Debian's chromium)
browser-deps:
	@[ -d tests/browser/node_modules/playwright-core ] || npm ci --prefix tests/browser --no-audit --no-fund >/dev/null

test: build browser-deps
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

demo: build
	$(BUILD)/moonreel run scripts/demo.lua -o demo.mp4

# Regenerates the golden checksum files on purpose (review the diff before committing).
golden: build
	sh tests/golden/update.sh $(BUILD)/moonreel

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD)
