/* expect: pmm_xen_pdx.h is a model of pmm.h: define PMM_MODEL PMM_MODEL_XEN_PDX_MASK or _OFFSET and include pmm.h */
#ifdef FIX
#define PMM_MODEL PMM_MODEL_XEN_PDX_OFFSET
#include "pmm.h"
#else
#include "pmm_xen_pdx.h"
#endif
