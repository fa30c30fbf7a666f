// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * fuzz_dts.c - libFuzzer target: layout_parse_dts() (fuzz.h says what it checks)
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_one(layout_parse_dts, LAYOUT_FORMAT_DTS, data, size, NULL);
	return 0;
}
