/* expect: PMM_VMEMMAP_POPULATE and PMM_VMEMMAP_DEPOPULATE: define both or neither */
int my_populate(void *addr, unsigned long bytes, int nid);
void my_depopulate(void *addr, unsigned long bytes);
#define PMM_VMEMMAP_POPULATE(addr, bytes, nid)	my_populate((addr), (bytes), (nid))
#ifdef FIX
#define PMM_VMEMMAP_DEPOPULATE(addr, bytes)	my_depopulate((addr), (bytes))
#endif
#include "pmm.h"
