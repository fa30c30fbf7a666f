/* expect: pmm_sparse_hotplug.h is part of pmm_sparse.h */
/* The hotplug body has no configuration of its own to stand on. */
#ifndef FIX
#include "pmm_sparse_hotplug.h"
#else
#include "pmm_sparse.h"
#endif
