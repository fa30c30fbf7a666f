// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * fuzz_fdt.c - libFuzzer target: layout_parse_fdt() on blobs (fuzz.h says
 * what it checks; a blob has no lines, so every error is at line 0)
 *
 * libfdt is the system's library, not instrumented: neither coverage nor
 * ASan sees inside it, only a crash there (libfdt 1.6.1's fdt_check_full()
 * had one for old versions, which parse_fdt.c now refuses first).  What
 * the fuzzer drives and ASan checks is parse_fdt.c's own reading.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fuzz_parse_fdt(struct layout *lo, const char *text, size_t len,
			  const char *file, struct layout_error *err)
{
	int ret = layout_parse_fdt(lo, text, len, file, err);

	FUZZ_ASSERT(ret == 0 || err->line == 0);
	return ret;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_one(fuzz_parse_fdt, LAYOUT_FORMAT_DTB, data, size, NULL);
	return 0;
}
