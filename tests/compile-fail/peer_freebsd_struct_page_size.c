/* expect: PMM_STRUCT_PAGE_SIZE must be a multiple of 8 from 24 to 256 for FreeBSD's models */
#define PMM_MODEL PMM_MODEL_FREEBSD_DENSE
#ifndef FIX
#define PMM_STRUCT_PAGE_SIZE 100
#else
#define PMM_STRUCT_PAGE_SIZE 88
#endif
#include "pmm.h"
