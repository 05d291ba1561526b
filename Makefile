# unknot — plain Makefile. `make run` builds and starts the app,
# `make check` builds and runs every test. Both install missing Debian
# packages first (see .ci/deps.sh).

PREFIX     ?= /usr/local
MANPREFIX  ?= $(PREFIX)/share/man
DESTDIR    ?=
PKG_CONFIG ?= pkg-config
CC         ?= cc
VERSION    := 0.2.0

BUILD ?= build

# Warnings are errors only in the developer and CI mode that make check and
# make check-asan turn on: a distribution's compiler or flags (gcc at -O3)
# may warn where ours does not, and that must not stop its build.
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wformat=2 -Wwrite-strings -Wpointer-arith -Wvla -Wcast-qual -Wcast-align \
       -Wundef -Wmissing-format-attribute -Wmissing-noreturn -Wfloat-equal \
       -Winit-self -Wredundant-decls
WERROR ?=
OPT ?= -O2 -g
# Our own flags live apart from CPPFLAGS/CFLAGS/LDFLAGS, which belong to
# whoever builds (make CFLAGS=-O3, a distribution's hardening flags): set on
# the command line they add to ours and, coming last, win; they never
# replace the -I. and feature macros the sources need.
UNKNOT_CPPFLAGS = -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -D_XOPEN_SOURCE_EXTENDED \
                  -DUNKNOT_VERSION='"$(VERSION)"' -I. $(CPPFLAGS)
UNKNOT_CFLAGS = -std=c11 $(OPT) $(WARN) $(WERROR) -MMD -MP $(SAN) $(CFLAGS)
UNKNOT_LDFLAGS = $(SAN) $(LDFLAGS)
STRICT = WERROR=-Werror

# Recursive (=) so that pkg-config is asked only when a recipe needs it,
# i.e. after the dependency check of `run` / `check` had its chance.
# Our feature macros win over the ones ncursesw.pc suggests (same meaning).
CURSES_CFLAGS = $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell $(PKG_CONFIG) --cflags ncursesw))
CURSES_LIBS   = $(shell $(PKG_CONFIG) --libs ncursesw)
SQLITE_CFLAGS = $(shell $(PKG_CONFIG) --cflags sqlite3)
SQLITE_LIBS   = $(shell $(PKG_CONFIG) --libs sqlite3)
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka)
CMOCKA_LIBS   = $(shell $(PKG_CONFIG) --libs cmocka)

# Three archives, one per layer below the UI (DESIGN.md: core <- db <- app
# <- ui). A core suite links libcore.a alone, with neither SQLite nor curses,
# so a stray SQL or curses call in the core is a link error; check-layers
# catches the #include lines that the linker cannot see.
CORE_SRC = $(wildcard src/*.c)
DB_SRC   = $(wildcard db/*.c)
APP_SRC  = $(filter-out src/app/main.c,$(wildcard src/app/*.c))
# ui/headless.c drives the screens for the screen suites; the program has no use for it.
UI_SRC   = $(filter-out ui/headless.c,$(wildcard ui/*.c))
TEST_SRC = $(wildcard tests/unit/test_*.c)
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)

# Suites above the core, by layer; every other suite is a core suite.
DB_TESTS  = test_store test_sessions test_migrate test_store_health test_readings test_questions
APP_TESTS = test_cli test_cli_report test_report_period test_store_io test_history test_outfile \
            test_pain test_cli_table test_cli_checkin test_report_brief test_cli_question
UI_TESTS  = test_screens test_screen_sizes

# The built-in routines, in menu order: compiled into the core from one
# generated C file, and installed as examples for the user's own.
ROUTINE_FILES = share/routines/first-aid-lower.routine share/routines/first-aid-upper.routine \
                share/routines/first-aid-neck.routine share/routines/mobility.routine \
                share/routines/daily.routine share/routines/neck.routine
ROUTINES_GEN  = $(BUILD)/gen/routines_builtin.c

CORE_OBJ = $(CORE_SRC:%.c=$(BUILD)/%.o) $(ROUTINES_GEN:.c=.o)
DB_OBJ   = $(DB_SRC:%.c=$(BUILD)/%.o)
APP_OBJ  = $(APP_SRC:%.c=$(BUILD)/%.o)
UI_OBJ   = $(UI_SRC:%.c=$(BUILD)/%.o)
HEADLESS_OBJ = $(BUILD)/ui/headless.o
MAIN_OBJ = $(BUILD)/src/app/main.o
TESTS    = $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZERS  = $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
CORE_LIB = $(BUILD)/libcore.a
DB_LIB   = $(BUILD)/libdb.a
APP_LIB  = $(BUILD)/libapp.a
BIN      = unknot
# The shell completions, printed by the built program from its command
# table (unknot completions SHELL), so they list what this build accepts.
COMPLETIONS = $(BUILD)/completions/unknot.bash $(BUILD)/completions/_unknot \
              $(BUILD)/completions/unknot.fish
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  = $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR = $(PREFIX)/share/fish/vendor_completions.d

.PHONY: all run check check-unit check-e2e check-man check-keys check-layers check-asan bench \
        fuzz deps dist distcheck install uninstall clean completions

all: $(BIN) completions

completions: $(COMPLETIONS)

$(BUILD)/completions/unknot.bash: $(BIN)
	@mkdir -p $(@D)
	./$(BIN) completions bash > $@.tmp && mv $@.tmp $@
$(BUILD)/completions/_unknot: $(BIN)
	@mkdir -p $(@D)
	./$(BIN) completions zsh > $@.tmp && mv $@.tmp $@
$(BUILD)/completions/unknot.fish: $(BIN)
	@mkdir -p $(@D)
	./$(BIN) completions fish > $@.tmp && mv $@.tmp $@

deps:
	@sh .ci/deps.sh

run: deps
	@$(MAKE) --no-print-directory $(BIN)
	./$(BIN)

check: deps
	@$(MAKE) --no-print-directory $(STRICT) check-layers check-unit check-man check-keys check-e2e

# The include rules of DESIGN.md's layers; prints each offending line.
check-layers:
	@sh tests/check-layers.sh

check-unit: $(TESTS) $(FUZZERS) $(BIN)
	@set -e; for t in $(TESTS); do echo "== $$t"; $$t; done
	@set -e; for f in $(FUZZERS); do n=$${f##*/fuzz_}; \
	  echo "== $$f: replaying tests/fuzz/corpus_$$n"; $$f tests/fuzz/corpus_$$n/*; done

check-man:
	@if ! command -v mandoc >/dev/null 2>&1; then echo "SKIP: check-man: needs mandoc, not installed"; exit 0; fi; \
	 out=$$(mandoc -Tlint -W style man/unknot.1 2>&1 | grep -v 'mandoc\.db'); \
	 if [ -n "$$out" ]; then echo "$$out"; exit 1; fi; echo "== mandoc -Tlint -W style man/unknot.1: clean"

# The keys each screen's table lists against the man page's KEYS lists.
check-keys:
	@CC="$(CC)" CURSES_CFLAGS="$(CURSES_CFLAGS)" sh tests/check-keys.sh

check-e2e: $(BIN)
	@failed=""; for t in tests/e2e/test_*.sh; do echo "== $$t"; \
	  UNKNOT=./$(BIN) UNKNOT_BUILD=$(BUILD) bash $$t || failed="$$failed $$t"; done; \
	 if [ -n "$$failed" ]; then echo "FAILED:$$failed"; exit 1; fi

# Same tests, built with AddressSanitizer and UndefinedBehaviorSanitizer.
check-asan: deps
	@$(MAKE) --no-print-directory $(STRICT) BUILD=build-asan OPT='-O1 -g -fno-omit-frame-pointer' \
	  SAN='-fsanitize=address,undefined -fno-sanitize-recover=all' \
	  BIN=unknot-asan check-unit check-e2e

bench: deps
	@$(MAKE) --no-print-directory $(BIN)
	@set -e; for b in tests/bench/bench_*.sh; do echo "== $$b"; UNKNOT=./$(BIN) bash $$b; done

$(BIN): $(MAIN_OBJ) $(UI_OBJ) $(APP_LIB) $(DB_LIB) $(CORE_LIB)
	$(CC) $(UNKNOT_LDFLAGS) -o $@ $(MAIN_OBJ) $(UI_OBJ) $(APP_LIB) $(DB_LIB) $(CORE_LIB) \
	  $(CURSES_LIBS) $(SQLITE_LIBS)

$(CORE_LIB): $(CORE_OBJ)
$(DB_LIB): $(DB_OBJ)
$(APP_LIB): $(APP_OBJ)
$(CORE_LIB) $(DB_LIB) $(APP_LIB):
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/db/%.o: db/%.c
	@mkdir -p $(@D)
	$(CC) $(UNKNOT_CPPFLAGS) $(UNKNOT_CFLAGS) $(SQLITE_CFLAGS) -c -o $@ $<

$(BUILD)/ui/%.o: ui/%.c
	@mkdir -p $(@D)
	$(CC) $(UNKNOT_CPPFLAGS) $(UNKNOT_CFLAGS) $(CURSES_CFLAGS) -c -o $@ $<

$(BUILD)/src/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(UNKNOT_CPPFLAGS) $(UNKNOT_CFLAGS) -c -o $@ $<

$(ROUTINES_GEN): tools/embed-routines.sh $(ROUTINE_FILES)
	@mkdir -p $(@D)
	sh tools/embed-routines.sh $(ROUTINE_FILES) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(UNKNOT_CPPFLAGS) $(UNKNOT_CFLAGS) -c -o $@ $<

# A suite links the archives of its layer and those below it, nothing more.
$(BUILD)/tests/%: tests/unit/%.c $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(UNKNOT_CPPFLAGS) $(UNKNOT_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $< $(CORE_LIB) \
	  $(UNKNOT_LDFLAGS) $(CMOCKA_LIBS)

$(DB_TESTS:%=$(BUILD)/tests/%): $(BUILD)/tests/%: tests/unit/%.c $(DB_LIB) $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(UNKNOT_CPPFLAGS) $(UNKNOT_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $< $(DB_LIB) $(CORE_LIB) \
	  $(UNKNOT_LDFLAGS) $(CMOCKA_LIBS) $(SQLITE_LIBS)

$(APP_TESTS:%=$(BUILD)/tests/%): $(BUILD)/tests/%: tests/unit/%.c $(APP_LIB) $(DB_LIB) $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(UNKNOT_CPPFLAGS) $(UNKNOT_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $< $(APP_LIB) $(DB_LIB) \
	  $(CORE_LIB) $(UNKNOT_LDFLAGS) $(CMOCKA_LIBS) $(SQLITE_LIBS)

# The screen suites run the real UI headless (ui/headless.h): every layer.
$(UI_TESTS:%=$(BUILD)/tests/%): $(BUILD)/tests/%: tests/unit/%.c $(HEADLESS_OBJ) $(UI_OBJ) \
  $(APP_LIB) $(DB_LIB) $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(UNKNOT_CPPFLAGS) $(UNKNOT_CFLAGS) $(CURSES_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $< \
	  $(HEADLESS_OBJ) $(UI_OBJ) $(APP_LIB) $(DB_LIB) $(CORE_LIB) $(UNKNOT_LDFLAGS) $(CMOCKA_LIBS) \
	  $(CURSES_LIBS) $(SQLITE_LIBS)

# Each fuzz target also has a main() that replays its corpus (a regression
# test under gcc); clang -DFUZZ_LIBFUZZER -fsanitize=fuzzer builds the real
# fuzzer. Every parser is core code: the core archive alone.
$(BUILD)/fuzz/%: tests/fuzz/%.c $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(UNKNOT_CPPFLAGS) $(UNKNOT_CFLAGS) -o $@ $< $(CORE_LIB) $(UNKNOT_LDFLAGS)

# `make fuzz`: every target under libFuzzer with ASan and UBSan (clang; not
# part of check), FUZZ_SECONDS each, from a copy of its corpus (new inputs
# stay in build-fuzz/, the committed corpus is read only). A crash, a leak
# or an abort of the target's own checks stops it with the input saved as
# build-fuzz/crash-*; replay it with build/fuzz/fuzz_NAME FILE.
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=undefined
fuzz:
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { echo "make fuzz needs clang: apt-get install -y clang"; exit 1; }
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=$(FUZZ_CC) OPT="-O1 -g" \
	  SAN="-fsanitize=fuzzer-no-link $(FUZZ_SAN)" build-fuzz/libcore.a
	@set -e; for src in $(FUZZ_SRC); do n=$${src##*/fuzz_}; n=$${n%.c}; \
	  echo "== fuzz_$$n: $(FUZZ_SECONDS) s"; \
	  $(FUZZ_CC) $(UNKNOT_CPPFLAGS) -std=c11 -O1 -g $(WARN) -DFUZZ_LIBFUZZER \
	    -fsanitize=fuzzer $(FUZZ_SAN) -o build-fuzz/fuzz_$$n $$src build-fuzz/libcore.a; \
	  mkdir -p build-fuzz/corpus_$$n; cp tests/fuzz/corpus_$$n/* build-fuzz/corpus_$$n/; \
	  build-fuzz/fuzz_$$n -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=build-fuzz/ build-fuzz/corpus_$$n 2>build-fuzz/fuzz_$$n.log \
	    || { tail -40 build-fuzz/fuzz_$$n.log; exit 1; }; \
	  grep -E '^stat::number_of_executed_units|^Done' build-fuzz/fuzz_$$n.log; done

# The release tarball: every file git tracks (so it holds exactly what the
# repository does, tests and fixtures included) under unknot-$(VERSION)/.
DIST = unknot-$(VERSION)
dist:
	@git rev-parse --git-dir >/dev/null 2>&1 || { echo "make dist needs the git repository"; exit 1; }
	rm -rf $(DIST) $(DIST).tar.gz
	git ls-files -z | xargs -0 tar --transform 's,^,$(DIST)/,' -czf $(DIST).tar.gz --
	@echo "== $(DIST).tar.gz: $$(tar -tzf $(DIST).tar.gz | wc -l) files"

# Proves the tarball stands alone: unpacked in an empty directory, it builds
# and passes make check there. Slow (a whole make check), so not part of it.
distcheck: dist
	@set -e; tmp=$$(mktemp -d /tmp/unknot-distcheck.XXXXXX); \
	 trap 'rm -rf "$$tmp"' EXIT; \
	 tar -xzf $(DIST).tar.gz -C "$$tmp"; \
	 $(MAKE) --no-print-directory -C "$$tmp/$(DIST)" check; \
	 echo "== distcheck: $(DIST).tar.gz unpacks, builds and passes make check"

# The routines go along as examples to copy into ~/.config/unknot/routines;
# the program itself needs none of them (they are compiled in).
ROUTINES_DIR = $(PREFIX)/share/unknot/routines
install: $(BIN) $(COMPLETIONS)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(ROUTINES_DIR)
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/unknot
	install -m 0644 man/unknot.1 $(DESTDIR)$(MANPREFIX)/man1/unknot.1
	install -m 0644 $(ROUTINE_FILES) $(DESTDIR)$(ROUTINES_DIR)
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 0644 $(BUILD)/completions/unknot.bash $(DESTDIR)$(BASHCOMPDIR)/unknot
	install -m 0644 $(BUILD)/completions/_unknot $(DESTDIR)$(ZSHCOMPDIR)/_unknot
	install -m 0644 $(BUILD)/completions/unknot.fish $(DESTDIR)$(FISHCOMPDIR)/unknot.fish

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/unknot $(DESTDIR)$(MANPREFIX)/man1/unknot.1
	rm -f $(ROUTINE_FILES:share/routines/%=$(DESTDIR)$(ROUTINES_DIR)/%)
	-rmdir $(DESTDIR)$(ROUTINES_DIR) $(DESTDIR)$(PREFIX)/share/unknot
	rm -f $(DESTDIR)$(BASHCOMPDIR)/unknot $(DESTDIR)$(ZSHCOMPDIR)/_unknot \
	  $(DESTDIR)$(FISHCOMPDIR)/unknot.fish

clean:
	rm -rf build build-asan build-fuzz unknot unknot-asan unknot-*.tar.gz

# Every object, suite and fuzzer has its .d: touching a test header rebuilds its suites.
-include $(CORE_OBJ:.o=.d) $(DB_OBJ:.o=.d) $(APP_OBJ:.o=.d) $(UI_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) \
         $(HEADLESS_OBJ:.o=.d) \
         $(TESTS:=.d) $(FUZZERS:=.d)
