/* expect: PMM_VMEMMAP_RESERVE and PMM_VMEMMAP_UNRESERVE: define both or neither */
void *my_reserve(unsigned long bytes);
void my_unreserve(void *addr, unsigned long bytes);
#ifdef FIX
#define PMM_VMEMMAP_RESERVE(bytes)		my_reserve((bytes))
#endif
#define PMM_VMEMMAP_UNRESERVE(addr, bytes)	my_unreserve((addr), (bytes))
#include "pmm.h"
