/* expect: PMM_ALLOC and PMM_FREE: define both or neither */
void *my_alloc(unsigned long bytes, unsigned long align, int nid);
void my_free(void *p, unsigned long bytes);
#ifdef FIX
#define PMM_ALLOC(bytes, align, nid)	my_alloc((bytes), (align), (nid))
#endif
#define PMM_FREE(p, bytes)		my_free((p), (bytes))
#include "pmm.h"
