/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * glue.h - GLUE: what Linux's own text needs around it, written by hand
 *
 * The comparison's Linux side is Linux 6.1's text, lifted at build time
 * from Debian's linux-source-6.1 into the build folder by scripts/linux-lift
 * (bench/linux/ARCH.spec and common.spec say what): none of it is in this
 * repository.  This
 * header is everything else, and nothing of it is a conversion: the
 * CONFIG_* lines of one configuration, the constants Kconfig and
 * generated/bounds.h would give, types, and the few kernel helpers the
 * lifted text calls, each as a kernel without debugging options compiles
 * it.  Include it, then the lifted header.
 *
 * The includer picks the configuration:
 *	LINUX_MODEL_FLATMEM, LINUX_MODEL_DISCONTIGMEM (with
 *	LINUX_DISCONTIG_TABLE or LINUX_DISCONTIG_SEARCH and
 *	LINUX_PHYSNODE_CHUNK_SHIFT, discontig-5.10.h), LINUX_MODEL_SPARSEMEM
 *	or LINUX_MODEL_VMEMMAP
 *	LINUX_EXTREME		1 for SPARSEMEM_EXTREME (classic SPARSEMEM)
 *	LINUX_PAGE_EXTENSION	1 for CONFIG_PAGE_EXTENSION (SPARSEMEM models)
 *	LINUX_ARCH_X86 (x86's test_bit: x86_64 and i686), LINUX_ARCH_X86_64
 *				LINUX_ARCH_ARM64 or LINUX_ARCH_RISCV64 (their
 *				vmemmap), as the
 *				arch's specs lift them, or LINUX_ARCH_S390
 *				(its vmemmap a variable, declared below); else
 *				the generic ones
 *	LINUX_PAGE_SHIFT, LINUX_SECTION_SIZE_BITS, LINUX_MAX_PHYSMEM_BITS,
 *	LINUX_NODES_SHIFT, LINUX_STRUCT_PAGE_SIZE, LINUX_NR_PAGEFLAGS,
 *	LINUX_MAX_NR_ZONES, LINUX_MAX_PAGE_ORDER, LINUX_ARCH_PFN_OFFSET,
 *	and LINUX_VMEMMAP_START
 *	for a constant x86_64 vmemmap (else vmemmap_base, a variable)
 */
#ifndef BENCH_LINUX_GLUE_H
#define BENCH_LINUX_GLUE_H

/* --- the configuration (Kconfig) ------------------------------------- */
#if defined(LINUX_MODEL_FLATMEM)
#define CONFIG_FLATMEM 1
#elif defined(LINUX_MODEL_SPARSEMEM)
#define CONFIG_SPARSEMEM 1
#if LINUX_EXTREME
#define CONFIG_SPARSEMEM_EXTREME 1
#endif
#elif defined(LINUX_MODEL_VMEMMAP)
#define CONFIG_SPARSEMEM 1
#define CONFIG_SPARSEMEM_EXTREME 1
#define CONFIG_SPARSEMEM_VMEMMAP 1
#define CONFIG_ZONE_DEVICE 1		/* SECTION_TAINT_ZONE_DEVICE, as pmm's */
#elif defined(LINUX_MODEL_DISCONTIGMEM)
/* 5.10's model, gone from 6.1's text: discontig-5.10.h converts */
#define CONFIG_DISCONTIGMEM 1
#else
#error "glue.h: define LINUX_MODEL_FLATMEM, LINUX_MODEL_DISCONTIGMEM, LINUX_MODEL_SPARSEMEM or LINUX_MODEL_VMEMMAP"
#endif
/* struct mem_section's page_ext and pad, as distributions build it */
#if defined(LINUX_PAGE_EXTENSION) && LINUX_PAGE_EXTENSION
#define CONFIG_PAGE_EXTENSION 1
#endif
#if __SIZEOF_LONG__ == 8
#define CONFIG_64BIT 1
#define BITS_PER_LONG		64
#else
#define BITS_PER_LONG		32
#endif
#if LINUX_NODES_SHIFT
#define CONFIG_NUMA 1
#endif
#define CONFIG_NODES_SHIFT LINUX_NODES_SHIFT
#if defined(LINUX_ARCH_X86_64) && !defined(LINUX_VMEMMAP_START)
#define CONFIG_DYNAMIC_MEMORY_LAYOUT 1	/* KASLR: vmemmap_base */
#endif
#ifdef LINUX_ARCH_ARM64
#define CONFIG_ARM64_VA_BITS 48
#endif
#ifdef LINUX_ARCH_RISCV64
#define CONFIG_MMU 1
#endif

/* generated/bounds.h and linux/numa.h */
#define NR_PAGEFLAGS	LINUX_NR_PAGEFLAGS
#define MAX_NR_ZONES	LINUX_MAX_NR_ZONES
#define NR_CPUS_BITS	6
#define LRU_GEN_WIDTH	0	/* bounds.c without CONFIG_LRU_GEN */
#define __LRU_REFS_WIDTH 0
#define NODES_SHIFT	CONFIG_NODES_SHIFT
#define MAX_NUMNODES	(1 << NODES_SHIFT)

/* asm/page.h, asm/sparsemem.h, linux/mmzone.h's MAX_ORDER (6.1: orders below it) */
#define PAGE_SHIFT		LINUX_PAGE_SHIFT
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define SECTION_SIZE_BITS	LINUX_SECTION_SIZE_BITS
#define MAX_PHYSMEM_BITS	LINUX_MAX_PHYSMEM_BITS
#define MAX_ORDER		(LINUX_MAX_PAGE_ORDER + 1)
#define pageblock_order		(PAGE_SHIFT - 3 < MAX_ORDER - 1 ? PAGE_SHIFT - 3 : MAX_ORDER - 1)
#define NR_PAGEBLOCK_BITS	4
#ifdef LINUX_ARCH_PFN_OFFSET
#define ARCH_PFN_OFFSET		((unsigned long)(LINUX_ARCH_PFN_OFFSET))
#endif

/* --- types ------------------------------------------------------------ */
typedef _Bool bool;
typedef unsigned long long u64;
typedef long long s64;
typedef u64 phys_addr_t;
typedef unsigned long uintptr_t;
#define true 1
#define false 0

struct rcu_head {
	void *next, *func;
};
struct page_ext;
struct folio;

/* The descriptor: flags first, as pmm's; the rest is padding here. */
struct page {
	unsigned long flags;
	unsigned long glue_pad[LINUX_STRUCT_PAGE_SIZE / sizeof(unsigned long) - 1];
};

/* --- kernel helpers, as a kernel without debugging options has them ------ */
#undef __always_inline		/* the C library's, if it has one */
#define __always_inline		inline __attribute__((__always_inline__))
#define __force
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define UL(x)			(x##UL)
#define _AC(x, y)		(x##y)
#define BIT(nr)			(1UL << (nr))
#define BIT_WORD(nr)		((nr) / BITS_PER_LONG)
#define BIT_MASK(nr)		(1UL << ((nr) % BITS_PER_LONG))
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define BITS_TO_LONGS(nr)	DIV_ROUND_UP(nr, BITS_PER_LONG)
#define DECLARE_BITMAP(name, bits)	unsigned long name[BITS_TO_LONGS(bits)]
#define ALIGN(x, a)		(((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define barrier()		__asm__ __volatile__("" ::: "memory")
/* rwonce.h: a volatile access of the scalar */
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
/* rcu_read_lock_sched is preempt_disable: a barrier without preemption */
#define rcu_read_lock_sched()	barrier()
#define rcu_read_unlock_sched()	barrier()
/* page-flags.h without CONFIG_DEBUG_VM_PGFLAGS */
#define PF_POISONED_CHECK(page)	(page)
/* instrumented-non-atomic.h without KASAN or KCSAN */
#define _test_bit		arch_test_bit
#ifndef LINUX_ARCH_X86
/* non-instrumented-non-atomic.h: the generic bit test */
#define arch_test_bit		generic_test_bit
#endif

/* what the lifted text declares extern, and this file's tables stand for */
extern struct page *mem_map;
extern unsigned long max_mapnr;		/* mm.h, without NUMA */
#ifdef LINUX_ARCH_X86_64
extern unsigned long vmemmap_base;
#define __VMEMMAP_BASE_L4	LINUX_VMEMMAP_START
#endif
#ifdef LINUX_ARCH_ARM64
extern s64 memstart_addr;
#define STRUCT_PAGE_MAX_SHIFT	6
#endif
#ifdef LINUX_ARCH_RISCV64
typedef struct {
	unsigned long pgd;
} pgd_t;
#define STRUCT_PAGE_MAX_SHIFT	6
#endif
#ifdef LINUX_ARCH_S390
/*
 * s390's vmemmap is a pointer variable the decompressor hands over
 * (asm/pgtable.h declares it through __bootdata_preserved, a section
 * attribute); memory_model.h's vmemmap + pfn then reads it.
 */
extern struct page *vmemmap;
#endif

#endif /* BENCH_LINUX_GLUE_H */
