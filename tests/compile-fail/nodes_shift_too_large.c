/* expect: PMM_NODES_SHIFT must be between 0 and 10 */
/* Linux's CONFIG_NODES_SHIFT stops at 10 (1024 nodes). */
#ifndef FIX
#define PMM_NODES_SHIFT 11
#endif
#include "pmm.h"
