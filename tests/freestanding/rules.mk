# tests/freestanding: every model built as kernel code would be, over
# {gcc, clang} x {-m64, -m32} x {gnu89, gnu11} x {-O0, -O2} plus kernel
# flag rows; objects must reference only the hooks they declare (check.py).
TESTS += test-freestanding
.PHONY: test-freestanding
test-freestanding:
	$(Q)GCC=gcc CLANG=$(CLANG) $(PYTHON) tests/freestanding/check.py $(BUILD)
