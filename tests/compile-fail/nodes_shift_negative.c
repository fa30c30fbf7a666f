/* expect: PMM_NODES_SHIFT must be between 0 and 10 */
#ifndef FIX
#define PMM_NODES_SHIFT -1
#endif
#include "pmm.h"
