/* expect: pmm_freebsd.h is a model of pmm.h: define PMM_MODEL PMM_MODEL_FREEBSD_DENSE or _SPARSE and include pmm.h */
#ifdef FIX
#define PMM_MODEL PMM_MODEL_FREEBSD_DENSE
#include "pmm.h"
#else
#include "pmm_freebsd.h"
#endif
