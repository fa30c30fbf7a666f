# examples/hello.c: the README's first example, as a whole program.
#
# test-hello builds it three ways and runs each build, which must exit 0
# (every answer as its comment says):
#
#	readme     exactly the README's command, `$(CC) -I. examples/hello.c`:
#	           the example needs no flag, hook or library beyond it
#	cc-san     $(CC) with the tests' warnings as errors, ASan and UBSan
#	clang-san  the same with $(CLANG); skipped when it is not installed
#	           or is $(CC) already
#
# Each build and run is a case; a failure shows the compiler's or the
# program's output and the rest still run.

HELLO_OUT    := $(BUILD)/hello
HELLO_CFLAGS := -std=gnu11 -O1 -g $(WARN) $(SAN) -I.

TESTS += test-hello
.PHONY: test-hello
HELP_test-hello := examples/hello.c as the README builds it, and with -Werror under ASan and UBSan (gcc, clang)

# hello NAME COMPILER FLAGS...: build and run one case, counting it
test-hello: examples/hello.c $(HEADERS)
	@mkdir -p $(HELLO_OUT)
	$(Q)pass=0; fail=0; skip=0; \
	hello() { name=$$1; shift; \
		if "$$@" examples/hello.c -o $(HELLO_OUT)/$$name > $(HELLO_OUT)/$$name.log 2>&1 && \
		   $(HELLO_OUT)/$$name >> $(HELLO_OUT)/$$name.log 2>&1; then \
			pass=$$((pass + 1)); \
		else \
			fail=$$((fail + 1)); cat $(HELLO_OUT)/$$name.log; \
			echo "test-hello: $$name failed: $$*"; \
		fi; }; \
	hello readme $(CC) -I.; \
	hello cc-san $(CC) $(HELLO_CFLAGS) $(TEST_LDFLAGS); \
	if [ "$(notdir $(CC))" != "$(notdir $(CLANG))" ] && command -v $(CLANG) > /dev/null; then \
		hello clang-san $(CLANG) $(HELLO_CFLAGS) $(TEST_LDFLAGS); \
	else \
		skip=$$((skip + 1)); echo "test-hello: clang-san skipped: no $(CLANG), or CC is $(CLANG)"; \
	fi; \
	echo "test-hello: $$pass passed, $$fail failed, $$skip skipped"; \
	[ $$fail -eq 0 ]
