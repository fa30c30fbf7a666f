/* expect: PMM_VMEMMAP_POPULATE_FROM applies to PMM_MODEL_SPARSEMEM_VMEMMAP only */
int my_populate_from(void *addr, unsigned long bytes, unsigned long pfn);
#ifdef FIX
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#else
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#endif
#define PMM_VMEMMAP_POPULATE_FROM(addr, bytes, pfn) my_populate_from((addr), (bytes), (pfn))
#include "pmm.h"
