/* expect: PMM_VMEMMAP_POPULATE_FROM applies to PMM_MODEL_SPARSEMEM_VMEMMAP only */
int my_populate(void *addr, unsigned long bytes, int nid);
void my_depopulate(void *addr, unsigned long bytes);
int my_populate_from(void *addr, unsigned long bytes, unsigned long pfn);
#ifdef FIX
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_VMEMMAP_POPULATE(addr, bytes, nid) my_populate((addr), (bytes), (nid))
#define PMM_VMEMMAP_DEPOPULATE(addr, bytes) my_depopulate((addr), (bytes))
#else
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#endif
#define PMM_VMEMMAP_POPULATE_FROM(addr, bytes, pfn) my_populate_from((addr), (bytes), (pfn))
#include "pmm.h"
