/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * start.S - multiboot (v1) entry: a header the loader finds in the first
 * 8 KiB, our own flat GDT (the spec leaves GDTR undefined), an IDT whose
 * every vector reports and exits (a fault must never hang or reboot
 * silently), a cleared .bss, a stack, then kmain(magic, info).
 */
#define MB_HEADER_MAGIC	0x1BADB002
/* bit 0: modules page-aligned; bit 1: mem_* and the memory map wanted */
#define MB_HEADER_FLAGS	0x00000003

	.section .multiboot, "a"
	.align 4
	.long MB_HEADER_MAGIC
	.long MB_HEADER_FLAGS
	.long -(MB_HEADER_MAGIC + MB_HEADER_FLAGS)

	.section .text
	.global _start
	.type _start, @function
_start:
	cli
	cld
	/* keep the loader's eax/ebx (magic, info) while segments change */
	movl %eax, %esi
	movl %ebx, %edi
	lgdt gdt_desc
	ljmp $0x08, $1f
1:	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %fs
	movw %ax, %gs
	movw %ax, %ss
	/* .bss: the loader zeroes it (ELF memsz), but do not rely on it */
	movl $__bss_start, %edx
2:	cmpl $__bss_end, %edx
	jae 3f
	movb $0, (%edx)
	incl %edx
	jmp 2b
3:	movl $stack_top, %esp
	call idt_setup
	pushl %edi
	pushl %esi
	call kmain
4:	cli
	hlt
	jmp 4b
	.size _start, . - _start

/* Fill the 32 exception gates with the stubs below and load the IDT. */
	.type idt_setup, @function
idt_setup:
	xorl %ecx, %ecx
5:	movl isr_table(, %ecx, 4), %eax
	movw %ax, idt(, %ecx, 8)		/* offset 15:0 */
	movw $0x08, idt + 2(, %ecx, 8)		/* selector */
	movw $0x8e00, idt + 4(, %ecx, 8)	/* present, ring 0, 32-bit interrupt gate */
	shrl $16, %eax
	movw %ax, idt + 6(, %ecx, 8)		/* offset 31:16 */
	incl %ecx
	cmpl $32, %ecx
	jb 5b
	lidt idt_desc
	ret
	.size idt_setup, . - idt_setup

/*
 * One stub per vector: push a dummy error code where the CPU pushes none,
 * then the vector, and hand both with the faulting eip to trap_report().
 * Vectors 8, 10-14, 17 and 21 push an error code themselves.
 */
.macro ISR vec
isr\vec:
	.if (\vec == 8) || (\vec >= 10 && \vec <= 14) || (\vec == 17) || (\vec == 21)
	.else
	pushl $0
	.endif
	pushl $\vec
	jmp isr_common
.endm

	.altmacro
	.set vec, 0
	.rept 32
	ISR %vec
	.set vec, vec + 1
	.endr

isr_common:
	/* stack: vector, error code, eip, cs, eflags */
	movl (%esp), %eax
	movl 4(%esp), %edx
	movl 8(%esp), %ecx
	pushl %ecx
	pushl %edx
	pushl %eax
	call trap_report
6:	cli
	hlt
	jmp 6b

.macro ISR_ADDR vec
	.long isr\vec
.endm

	.section .rodata
	.align 4
isr_table:
	.set vec, 0
	.rept 32
	ISR_ADDR %vec
	.set vec, vec + 1
	.endr

	.align 8
gdt:
	.quad 0
	.quad 0x00cf9a000000ffff	/* 0x08: code, base 0, limit 4 GiB */
	.quad 0x00cf92000000ffff	/* 0x10: data, base 0, limit 4 GiB */
gdt_end:
gdt_desc:
	.word gdt_end - gdt - 1
	.long gdt

	.section .data
	.align 4
idt_desc:
	.word 32 * 8 - 1
	.long idt

	.section .bss
	.align 16
idt:
	.skip 32 * 8
stack_bottom:
	.skip 32768
stack_top:

	.section .note.GNU-stack, "", @progbits
