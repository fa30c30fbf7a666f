// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * fuzz_iomem.c - libFuzzer target: layout_parse_iomem() (fuzz.h says what it checks)
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_one(layout_parse_iomem, LAYOUT_FORMAT_IOMEM, data, size, NULL);
	return 0;
}
