/* expect: PMM_PAGE_TYPE does not apply to FreeBSD's models */
/* Their descriptor must keep phys_addr and segind. */
#ifndef FIX
struct host_page { unsigned long flags; unsigned long pad[12]; };
#define PMM_PAGE_TYPE struct host_page
#define PMM_PAGE_FLAGS(page) ((page)->flags)
#define PMM_STRUCT_PAGE_SIZE 104
#endif
#define PMM_MODEL PMM_MODEL_FREEBSD_DENSE
#include "pmm.h"
