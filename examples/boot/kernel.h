/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kernel.h - what the boot example's kernel files share: port I/O, the
 * serial console, the exit codes and the few libc functions a compiler
 * may call even in freestanding code (memset, memcpy, ...).
 */
#ifndef BOOT_KERNEL_H
#define BOOT_KERNEL_H

#include <stdarg.h>
#include <stdint.h>

/*
 * Values written to the isa-debug-exit port (iobase 0xf4); QEMU exits
 * with (value << 1) | 1, given in the second column.  run.sh and
 * README.md use the same table.
 */
#define BOOT_EXIT_PASS		0x10	/* 33: every check passed */
#define BOOT_EXIT_FAIL		0x11	/* 35: a check failed */
#define BOOT_EXIT_BUG		0x12	/* 37: PMM_BUG_ON fired */
#define BOOT_EXIT_TRAP		0x13	/* 39: a CPU exception */
#define BOOT_EXIT_NO_MAGIC	0x20	/* 65: not loaded by a multiboot loader */
#define BOOT_EXIT_NO_MMAP	0x21	/* 67: no memory map (info flag bit 6) */
#define BOOT_EXIT_BAD_MMAP	0x22	/* 69: a malformed or too long map */
#define BOOT_EXIT_NO_RAM	0x23	/* 71: no usable RAM in the map */
#define BOOT_EXIT_PHYSMEM	0x24	/* 73: RAM beyond MAX_PHYSMEM_BITS */
#define BOOT_EXIT_NO_ROOM	0x25	/* 75: no room for the memmap */
#define BOOT_EXIT_INIT		0x26	/* 77: pmm_init refused otherwise */

#define BOOT_DEBUG_EXIT_PORT	0xf4
#define BOOT_COM1		0x3f8

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outl(uint16_t port, uint32_t v)
{
	__asm__ __volatile__("outl %0, %1" : : "a"(v), "Nd"(port));
}

/* console.c */
void console_init(void);
void kputs(const char *s);
void kvprintf(const char *fmt, va_list ap);
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void boot_exit(uint32_t code) __attribute__((noreturn));

/* klib.c: what gcc may emit calls to, even with -ffreestanding */
void *memset(void *s, int c, unsigned int n);
void *memcpy(void *d, const void *s, unsigned int n);
void *memmove(void *d, const void *s, unsigned int n);
int memcmp(const void *a, const void *b, unsigned int n);

#endif /* BOOT_KERNEL_H */
