/* expect: pmm_sparse_model.h is part of pmm_sparse.h: include pmm.h or pmm_sparse.h */
#ifdef FIX
#include "pmm_sparse.h"
#else
#include "pmm_sparse_model.h"
#endif
