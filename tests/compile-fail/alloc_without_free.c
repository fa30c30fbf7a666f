/* expect: PMM_ALLOC and PMM_FREE: define both or neither */
/* Memory from one allocator must go back to the same one. */
void *my_alloc(unsigned long bytes, unsigned long align, int nid);
void my_free(void *p, unsigned long bytes);
#define PMM_ALLOC(bytes, align, nid)	my_alloc((bytes), (align), (nid))
#ifdef FIX
#define PMM_FREE(p, bytes)		my_free((p), (bytes))
#endif
#include "pmm.h"
