/* expect: _must_be_an_integer_constant */
/* Any parameter named by a variable: #if checks it as 0, the code reads
 * the variable.  Every parameter has this rule (PMM__CONSTANT). */
extern int max_order;
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#ifndef FIX
#define PMM_MAX_PAGE_ORDER max_order
#else
#define PMM_MAX_PAGE_ORDER 10
#endif
#include "pmm.h"
