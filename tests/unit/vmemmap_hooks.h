/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * vmemmap_hooks.h - vmemmap hooks that count, check and fail on demand
 *
 * They wrap the hosted defaults (pmm_hosted_reserve, pmm_hosted_populate
 * and their undo), keep a record of every populated piece, and let a test
 *
 *	- make the Nth populate from now fail (vm_populate_fail_at = N),
 *	- refuse reservations above vm_reserve_limit bytes,
 *	- prove that a failed init gave back every piece and reservation
 *	  (vm_check_nothing_held()),
 *	- catch a piece populated twice, or undone without being populated,
 *	  or not page aligned (vm_bad_calls).
 *
 * Use with
 *	#define PMM_VMEMMAP_RESERVE VM_RESERVE
 *	#define PMM_VMEMMAP_UNRESERVE VM_UNRESERVE
 *	#define PMM_VMEMMAP_POPULATE VM_POPULATE
 *	#define PMM_VMEMMAP_DEPOPULATE VM_DEPOPULATE
 */
#ifndef PMM_UNIT_VMEMMAP_HOOKS_H
#define PMM_UNIT_VMEMMAP_HOOKS_H

#include "unit_hooks.h"
#include "test.h"

#define VM_MAX_PIECES	1024

struct vm_piece {
	unsigned long addr, bytes;
};

static struct vm_piece vm_pieces[VM_MAX_PIECES];
static unsigned int vm_nr_pieces;
static long long vm_populated_bytes;
static long vm_populate_calls, vm_populate_fail_at;
static long vm_reserve_calls, vm_live_reservations;
static unsigned long vm_reserve_limit;	/* 0: no limit */
static unsigned long vm_last_reserve_bytes;
static long vm_bad_calls;

UNIT_HELPER void *vm_reserve(unsigned long bytes)
{
	void *p;

	vm_reserve_calls++;
	if (vm_reserve_limit && bytes > vm_reserve_limit)
		return NULL;
	p = pmm_hosted_reserve(bytes);
	if (p) {
		vm_live_reservations++;
		vm_last_reserve_bytes = bytes;
	}
	return p;
}

UNIT_HELPER void vm_unreserve(void *addr, unsigned long bytes)
{
	vm_live_reservations--;
	pmm_hosted_unreserve(addr, bytes);
}

UNIT_HELPER int vm_populate(void *addr, unsigned long bytes, int nid)
{
	unsigned long a = (unsigned long)addr;
	unsigned int i;
	int err;

	vm_populate_calls++;
	if (vm_populate_fail_at && --vm_populate_fail_at == 0)
		return -ENOMEM;
	/* mprotect works on whole host pages; pmm pages are at least that */
	if ((a | bytes) & 4095 || !bytes)
		vm_bad_calls++;
	for (i = 0; i < vm_nr_pieces; i++)
		if (a < vm_pieces[i].addr + vm_pieces[i].bytes &&
		    vm_pieces[i].addr < a + bytes)
			vm_bad_calls++;	/* backing the same page twice */
	if (vm_nr_pieces == VM_MAX_PIECES) {
		vm_bad_calls++;
		return -ENOMEM;
	}
	err = pmm_hosted_populate(addr, bytes, nid);
	if (err)
		return err;
	vm_pieces[vm_nr_pieces].addr = a;
	vm_pieces[vm_nr_pieces].bytes = bytes;
	vm_nr_pieces++;
	vm_populated_bytes += (long long)bytes;
	return 0;
}

UNIT_HELPER void vm_depopulate(void *addr, unsigned long bytes)
{
	unsigned long a = (unsigned long)addr;
	unsigned int i;

	for (i = 0; i < vm_nr_pieces; i++)
		if (vm_pieces[i].addr == a && vm_pieces[i].bytes == bytes)
			break;
	if (i == vm_nr_pieces) {
		vm_bad_calls++;	/* never populated as such */
		return;
	}
	vm_pieces[i] = vm_pieces[--vm_nr_pieces];
	vm_populated_bytes -= (long long)bytes;
	pmm_hosted_depopulate(addr, bytes);
}

/* A failed or undone init holds no vmemmap backing nor address space. */
UNIT_HELPER void vm_check_nothing_held(void)
{
	ASSERT_EQ(0, vm_populated_bytes);
	ASSERT_EQ(0, vm_nr_pieces);
	ASSERT_EQ(0, vm_live_reservations);
	ASSERT_EQ(0, vm_bad_calls);
}

#define VM_RESERVE(bytes)		vm_reserve((bytes))
#define VM_UNRESERVE(addr, bytes)	vm_unreserve((addr), (bytes))
#define VM_POPULATE(addr, bytes, nid)	vm_populate((addr), (bytes), (nid))
#define VM_DEPOPULATE(addr, bytes)	vm_depopulate((addr), (bytes))

#endif /* PMM_UNIT_VMEMMAP_HOOKS_H */
