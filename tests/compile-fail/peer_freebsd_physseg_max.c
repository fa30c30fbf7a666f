/* expect: PMM_VM_PHYSSEG_MAX must be between 1 and BITS_PER_LONG */
/* FreeBSD keeps a domain's segments as the bits of a long (vmd_segs). */
#define PMM_MODEL PMM_MODEL_FREEBSD_SPARSE
#ifndef FIX
#define PMM_VM_PHYSSEG_MAX 200
#else
#define PMM_VM_PHYSSEG_MAX 32
#endif
#include "pmm.h"
