# tests/compile-fail: every build-time rule of the headers fails the build
# with a message naming its parameter, under gcc and clang (run.sh).
TESTS += test-compile-fail
.PHONY: test-compile-fail
test-compile-fail:
	$(Q)GCC=gcc CLANG=$(CLANG) sh tests/compile-fail/run.sh $(BUILD)
