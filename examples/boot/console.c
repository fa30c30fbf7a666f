/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * console.c - COM1 at 115200 8n1, a printf for the formats the example
 * prints (%s %c %d %u %x and their l/ll forms, width, '0' and '-'), and
 * the way out through QEMU's isa-debug-exit device.
 */
#include "kernel.h"

void console_init(void)
{
	outb(BOOT_COM1 + 1, 0x00);	/* no interrupts */
	outb(BOOT_COM1 + 3, 0x80);	/* DLAB: divisor follows */
	outb(BOOT_COM1 + 0, 0x01);	/* 115200 baud */
	outb(BOOT_COM1 + 1, 0x00);
	outb(BOOT_COM1 + 3, 0x03);	/* 8 bits, no parity, one stop bit */
	outb(BOOT_COM1 + 2, 0xc7);	/* FIFO on, cleared */
	outb(BOOT_COM1 + 4, 0x03);	/* DTR, RTS */
}

static void kputc(char c)
{
	int spins = 100000;

	if (c == '\n')
		kputc('\r');
	/* wait for the transmit holding register, but never forever */
	while (!(inb(BOOT_COM1 + 5) & 0x20) && --spins)
		;
	outb(BOOT_COM1, (uint8_t)c);
}

void kputs(const char *s)
{
	while (*s)
		kputc(*s++);
}

/* One number, right- or left-aligned in @width, '0' or ' ' padded. */
static void put_num(unsigned long long v, unsigned int base, int width,
		    int zero, int left, int neg)
{
	char buf[24];
	int n = 0, pad;

	do {
		unsigned int d = (unsigned int)(v % base);

		buf[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
		v /= base;
	} while (v);
	if (neg)
		buf[n++] = '-';
	pad = width > n ? width - n : 0;
	if (zero && neg) {
		/* the sign goes before the zeroes */
		kputc('-');
		n--;
	}
	while (!left && pad-- > 0)
		kputc(zero ? '0' : ' ');
	while (n > 0)
		kputc(buf[--n]);
	while (left && pad-- > 0)
		kputc(' ');
}

void kvprintf(const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		int width = 0, zero = 0, left = 0, lng = 0;
		unsigned long long u;
		long long s;

		if (*fmt != '%') {
			kputc(*fmt);
			continue;
		}
		fmt++;
		if (*fmt == '-') {
			left = 1;
			fmt++;
		}
		if (*fmt == '0') {
			zero = 1;
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l') {
			lng++;
			fmt++;
		}
		switch (*fmt) {
		case 'd':
			s = lng >= 2 ? va_arg(ap, long long) :
			    lng ? va_arg(ap, long) : va_arg(ap, int);
			put_num(s < 0 ? -(unsigned long long)s : (unsigned long long)s,
				10, width, zero, left, s < 0);
			break;
		case 'u':
		case 'x':
			u = lng >= 2 ? va_arg(ap, unsigned long long) :
			    lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
			put_num(u, *fmt == 'u' ? 10 : 16, width, zero, left, 0);
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);
			int len = 0;

			if (!str)
				str = "(null)";
			while (str[len])
				len++;
			while (!left && width-- > len)
				kputc(' ');
			kputs(str);
			while (left && width-- > len)
				kputc(' ');
			break;
		}
		case 'c':
			kputc((char)va_arg(ap, int));
			break;
		case '%':
			kputc('%');
			break;
		default:
			/* an unknown conversion is shown, not skipped silently */
			kputc('%');
			kputc(*fmt ? *fmt : '?');
			if (!*fmt)
				return;
		}
	}
}

void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
}

/*
 * Leave QEMU with @code through isa-debug-exit.  Without the device the
 * write does nothing: halt with interrupts off, so that the caller's
 * timeout ends the run instead of a reboot loop.
 */
void boot_exit(uint32_t code)
{
	outl(BOOT_DEBUG_EXIT_PORT, code);
	for (;;)
		__asm__ __volatile__("cli; hlt");
}
