# tend: build, test, demo. Everything a fresh Debian machine needs is
# installed by `make deps`, which `make check` and `make demo` run first.

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
CFLAGS ?= -O2 -g
PKGS := libgit2 libcmark inih yaml-0.1 sqlite3 jansson libsodium \
	libkeyutils
DEB_PKGS := gcc make pkg-config git util-linux tzdata sqlite3 \
	libgit2-dev libcmark-dev libinih-dev libyaml-dev libsqlite3-dev \
	libjansson-dev libsodium-dev libkeyutils-dev jq age \
	openssh-client openssh-server python3 mandoc zsh fish pandoc

# hugo and cmark (its CLI) are the baselines of tend render
BENCH_PKGS := time ripgrep sqlite3 git bc hugo cmark jq openssl
BENCH_SIZES ?= 1000 10000 100000

ifeq ($(SANITIZE),1)
BUILD ?= build/san
SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer
else
BUILD ?= build/rel
SAN :=
endif

ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror $(SAN) $(CPPFLAGS) \
	$(CFLAGS) \
	-Isrc -MMD -MP $(shell pkg-config --cflags $(PKGS))
LIBS = $(shell pkg-config --libs $(PKGS)) -lm -pthread

MODULES := $(filter-out src/main.c,$(wildcard src/*.c src/render/*.c))
COMMANDS := $(wildcard src/cmd/*.c)
TEMPLATES := $(sort $(shell find templates -type f ! -name '.*'))
UNIT_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%, \
	$(filter-out tests/unit/unit.c,$(wildcard tests/unit/test_*.c)))

MODULE_OBJS := $(MODULES:src/%.c=$(BUILD)/%.o) $(BUILD)/builtin_data.o
OBJS := $(MODULE_OBJS) $(COMMANDS:src/%.c=$(BUILD)/%.o) $(BUILD)/main.o

.PHONY: tend all deps check test unit regress-update demo bench install \
	uninstall clean fuzz fuzz-build torture check-browser completions deb \
	lint-man
.DEFAULT_GOAL := all

all: tend completions

tend: $(BUILD)/tend
	cmp -s $< $@ || cp $< $@

$(BUILD)/tend: $(OBJS)
	$(CC) $(SAN) $(LDFLAGS) -o $@ $(OBJS) $(LIBS)

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 -o $@ $<

$(BUILD)/builtin_data.c: $(BUILD)/embed $(TEMPLATES) Makefile
	$(BUILD)/embed -C templates $(TEMPLATES) > $@.tmp && mv $@.tmp $@

$(BUILD)/builtin_data.o: $(BUILD)/builtin_data.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit.h $(MODULE_OBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(MODULE_OBJS) $(LIBS)

unit: $(UNIT_TESTS) $(BUILD)/tests/libfault.so

# The fault injector the shell tests preload (tests/faults/fault.c): it
# is built without the sanitizers, whose runtime must come first.
$(BUILD)/tests/libfault.so: tests/faults/fault.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 -fPIC -shared -o $@ $< -ldl

# Write the golden files of tests/regress/ anew from what tend does now;
# read `git diff tests/regress` before committing them.
regress-update: all unit
	UPDATE_GOLDEN=1 $(BUILD)/tests/test_frontmatter
	UPDATE_GOLDEN=1 TEND=$(CURDIR)/$(BUILD)/tend sh tests/cli/t-render-golden.sh
	UPDATE_GOLDEN=1 TEND=$(CURDIR)/$(BUILD)/tend \
		TEND_FAULT_LIB=$(CURDIR)/$(BUILD)/tests/libfault.so \
		sh tests/cli/t-export-stream.sh

# Install the Debian packages tend builds and tests with, when missing.
deps:
	@sh tools/deps $(DEB_PKGS)

check: deps
	@$(MAKE) --no-print-directory all unit
	@tests/run $(BUILD)

test: all unit
	@tests/run $(BUILD)

demo: deps
	@$(MAKE) --no-print-directory all
	@sh tools/make-demo ./tend samples demo

# The browser test: the demo site opened over file:// in Debian's headless
# Chromium, screenshots in build/browser/shots/ (tests/browser/run). Node
# and npm come from Debian's nodejs and npm unless some node is there
# already; playwright-core and axe-core, pinned by
# tests/browser/package-lock.json, go into build/browser/ once, with no
# browser download of their own.
check-browser: deps
	@sh tools/deps chromium
	@command -v node >/dev/null && command -v npm >/dev/null || \
		sh tools/deps nodejs npm
	@$(MAKE) --no-print-directory all
	@mkdir -p build/browser
	@if ! cmp -s tests/browser/package-lock.json \
		build/browser/package-lock.json || \
		[ ! -d build/browser/node_modules/playwright-core ] || \
		[ ! -d build/browser/node_modules/axe-core ]; then \
		cp tests/browser/package.json tests/browser/package-lock.json \
			build/browser/ && \
		PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix build/browser \
			--ignore-scripts --no-audit --no-fund; \
	fi
	@TEND=$(CURDIR)/$(BUILD)/tend sh tests/browser/run

# Benchmarks: journals of 1,000, 10,000 and 100,000 entries, each figure
# beside its baseline in the same run (see bench/run).
bench: deps
	@sh tools/deps $(BENCH_PKGS)
	@$(MAKE) --no-print-directory all $(BUILD)/gen-journal
	@sh bench/run ./tend $(BUILD)/gen-journal $(BENCH_SIZES)

$(BUILD)/gen-journal: tools/gen-journal.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 -o $@ $<

# The shell completions, written by tend itself from its command table.
COMPLETIONS := $(BUILD)/completion/tend.bash $(BUILD)/completion/_tend \
	$(BUILD)/completion/tend.fish

completions: $(COMPLETIONS)

$(BUILD)/completion/tend.bash: $(BUILD)/tend
	@mkdir -p $(@D)
	$(BUILD)/tend completion bash > $@.tmp && mv $@.tmp $@

$(BUILD)/completion/_tend: $(BUILD)/tend
	@mkdir -p $(@D)
	$(BUILD)/tend completion zsh > $@.tmp && mv $@.tmp $@

$(BUILD)/completion/tend.fish: $(BUILD)/tend
	@mkdir -p $(@D)
	$(BUILD)/tend completion fish > $@.tmp && mv $@.tmp $@

# make install [PREFIX=/usr/local] [DESTDIR=]: the binary, the man pages
# and the completions where bash-completion, zsh and fish look for them.
# make uninstall removes exactly those files; with DESTDIR (a staging
# tree) also the folders they were in that this leaves empty, up to
# DESTDIR itself, which stays. Without DESTDIR no folder is removed:
# /usr/local/bin and the like are the system's, empty or not.
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
# make splits paths at spaces: one with a space would put files beside
# where they belong, and uninstall remove what is not tend's
empty :=
space := $(empty) $(empty)
ifneq ($(findstring $(space),$(DESTDIR)$(BINDIR)$(MANDIR)),)
$(error DESTDIR, PREFIX and the folders under it cannot have a space)
endif
ifneq ($(findstring $(space),$(BASHCOMPDIR)$(ZSHCOMPDIR)$(FISHCOMPDIR)),)
$(error DESTDIR, PREFIX and the folders under it cannot have a space)
endif
MAN1 := $(sort $(wildcard man/*.1))
MAN5 := $(sort $(wildcard man/*.5))
INSTALLED := $(BINDIR)/tend $(MAN1:man/%=$(MANDIR)/man1/%) \
	$(MAN5:man/%=$(MANDIR)/man5/%) $(BASHCOMPDIR)/tend \
	$(ZSHCOMPDIR)/_tend $(FISHCOMPDIR)/tend.fish

install: $(BUILD)/tend completions
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(BASHCOMPDIR) \
		$(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 0755 $(BUILD)/tend $(DESTDIR)$(BINDIR)/tend
	install -m 0644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m 0644 $(MAN5) $(DESTDIR)$(MANDIR)/man5
	install -m 0644 $(BUILD)/completion/tend.bash \
		$(DESTDIR)$(BASHCOMPDIR)/tend
	install -m 0644 $(BUILD)/completion/_tend $(DESTDIR)$(ZSHCOMPDIR)/_tend
	install -m 0644 $(BUILD)/completion/tend.fish \
		$(DESTDIR)$(FISHCOMPDIR)/tend.fish

uninstall:
	rm -f $(INSTALLED:%=$(DESTDIR)%)
ifneq ($(DESTDIR),)
	@for d in $(sort $(dir $(INSTALLED))); do \
		d=$${d%/}; \
		while [ -n "$$d" ] && rmdir "$(DESTDIR)$$d" 2>/dev/null; do \
			d=$${d%/*}; \
		done; \
	done
endif

# mandoc's lint of the man pages, which must say nothing. It runs in
# man/: mandoc looks for the pages an .Xr names in the folder it runs in
# and in the system's man path, so from elsewhere, before tend is
# installed, it would report every page of tend's as not found.
lint-man:
	@sh tools/deps mandoc
	@cd man && mandoc -Tlint *.[0-9]

# The Debian package, ../tend_VERSION_ARCH.deb copied to build/deb/
# (tools/make-deb: dpkg-buildpackage, then lintian).
deb:
	@sh tools/make-deb

clean:
	rm -rf build tend

# Fuzz with libFuzzer under ASan and UBSan, each target of FUZZ (all of
# FUZZERS unless named) for FUZZ_SECONDS: templates, front matter, the
# config file, WHEN dates, search queries, imports and age files
# (tests/fuzz/fuzz_NAME.c). Each starts from the seeds in
# tests/fuzz/corpus/NAME/ and the inputs that once failed in
# tests/fuzz/regress/NAME/, with its words in tests/fuzz/NAME.dict; what
# it learns stays in build/fuzz/corpus/NAME/ and what it finds in
# build/fuzz/NAME-crash-*.
# The modules are built once with clang into build/fuzz/libtend.a; the
# files the targets write go in /dev/shm when there is one. Lower
# render limits keep templates that repeat without end quick; stderr (the
# inputs' error messages) is closed, libFuzzer's and the sanitizers'
# reports are not.
FUZZ_SECONDS ?= 30
FUZZERS := template frontmatter config dates search import age
FUZZ ?= $(FUZZERS)
FUZZ_DIR := build/fuzz
FUZZ_CFLAGS = -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
	-std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror \
	-DTMPL_MAX_STEPS=20000 -DTMPL_MAX_OUTPUT=200000 -Isrc \
	$(shell pkg-config --cflags $(PKGS))
FUZZ_OBJS := $(MODULES:src/%.c=$(FUZZ_DIR)/obj/%.o) \
	$(COMMANDS:src/%.c=$(FUZZ_DIR)/obj/%.o) $(FUZZ_DIR)/obj/builtin_data.o

$(FUZZ_DIR)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_DIR)/obj/builtin_data.o: $(BUILD)/builtin_data.c
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/libtend.a: $(FUZZ_OBJS)
	rm -f $@
	ar rcs $@ $(FUZZ_OBJS)

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_DIR)/libtend.a
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< \
		$(FUZZ_DIR)/libtend.a $(LIBS)

fuzz-build:
	@sh tools/deps clang libclang-rt-14-dev
	@$(MAKE) --no-print-directory $(FUZZERS:%=$(FUZZ_DIR)/fuzz_%)

fuzz: fuzz-build
	@tmp=$${TMPDIR:-/tmp}; [ -w /dev/shm ] && tmp=/dev/shm; \
	for f in $(FUZZ); do \
		mkdir -p $(FUZZ_DIR)/corpus/$$f && \
		echo "fuzz_$$f for $(FUZZ_SECONDS) s" && \
		TMPDIR=$$tmp $(FUZZ_DIR)/fuzz_$$f \
			-max_total_time=$(FUZZ_SECONDS) \
			-timeout=10 -close_fd_mask=3 \
			-dict=tests/fuzz/$$f.dict \
			-artifact_prefix=$(FUZZ_DIR)/$$f- \
			$(FUZZ_DIR)/corpus/$$f tests/fuzz/corpus/$$f \
			$$(ls -d tests/fuzz/regress/$$f 2>/dev/null) || \
			exit 1; \
	done

# The torture: for TORTURE_SECONDS (10 minutes unless set), the
# sanitizer build of tend is killed at random moments and at chosen
# writes, given full and broken disks, and run on a full tmpfs, while
# after each blow the journal must have lost no committed word, be left
# with nothing stuck and pass git fsck and tend check; then every fuzz
# target gets a share of the time (tests/torture/run). TORTURE_SEED
# repeats a run; what failed is kept in build/torture/. Not part of
# `make check`.
TORTURE_SECONDS ?= 600

torture: deps
	@$(MAKE) --no-print-directory fuzz-build
	@$(MAKE) --no-print-directory all unit SANITIZE=1
	@sh tests/torture/run build/san $(TORTURE_SECONDS)

-include $(OBJS:.o=.d) $(FUZZ_OBJS:.o=.d)
