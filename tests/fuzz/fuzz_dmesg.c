// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * fuzz_dmesg.c - libFuzzer target: layout_parse_dmesg() (fuzz.h says what it checks)
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_one(layout_parse_dmesg, LAYOUT_FORMAT_DMESG, data, size, NULL);
	return 0;
}
