/* expect: PMM_RCU_READ_LOCK, PMM_RCU_READ_UNLOCK and PMM_SYNCHRONIZE_RCU: define all three or none */
void my_lock(void);
void my_unlock(void);
void my_sync(void);
#define PMM_RCU_READ_LOCK()	my_lock()
#define PMM_RCU_READ_UNLOCK()	my_unlock()
#ifdef FIX
#define PMM_SYNCHRONIZE_RCU()	my_sync()
#endif
#include "pmm.h"
