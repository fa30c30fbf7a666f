/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * wrappers.h - out-of-line, external wrappers around every public function
 * of an instance, so that each one is compiled and kept in the object
 * (static inline functions nobody calls would leave no code to inspect).
 *
 *	FS_COMMON(fs_flat_, pmm_flat_, struct pmm_flat_page)
 *
 * defines fs_flat_init() calling pmm_flat_init(), and so on.  Each wrapper
 * has a prototype, for -Wmissing-prototypes.
 */
#ifndef FS_WRAPPERS_H
#define FS_WRAPPERS_H

/*
 * One wrapper: ret fs##fn(type arg), prototype and definition, calling
 * pmm##fn(arg).  The calls of other shapes are written out below.
 */
#define FS_WRAP(ret, fs, pmm, fn, type)					\
	ret fs##fn(type arg);						\
	ret fs##fn(type arg) { return pmm##fn(arg); }

/* The API every model has. */
#define FS_COMMON(fs, pmm, page)					\
	int fs##init(const struct pmm_range *r, unsigned int nr);	\
	int fs##init(const struct pmm_range *r, unsigned int nr)	\
	{ return pmm##init(r, nr); }					\
	void fs##exit(void);						\
	void fs##exit(void) { pmm##exit(); }				\
	FS_WRAP(page *, fs, pmm, pfn_to_page, unsigned long)		\
	FS_WRAP(unsigned long, fs, pmm, page_to_pfn, const page *)	\
	FS_WRAP(int, fs, pmm, pfn_valid, unsigned long)			\
	FS_WRAP(int, fs, pmm, page_to_nid, const page *)		\
	FS_WRAP(int, fs, pmm, pfn_to_nid, unsigned long)		\
	void fs##stats(struct pmm_stats *st);				\
	void fs##stats(struct pmm_stats *st) { pmm##stats(st); }	\
	const struct pmm_params *fs##params(void);			\
	const struct pmm_params *fs##params(void) { return &pmm##params; }

/* SPARSEMEM's section API (both flavours). */
#define FS_SECTIONS(fs, pmm, section)					\
	FS_WRAP(unsigned long, fs, pmm, pfn_to_section_nr, unsigned long) \
	FS_WRAP(unsigned long, fs, pmm, section_nr_to_pfn, unsigned long) \
	FS_WRAP(section *, fs, pmm, nr_to_section, unsigned long)	\
	FS_WRAP(section *, fs, pmm, pfn_to_section, unsigned long)	\
	FS_WRAP(int, fs, pmm, present_section_nr, unsigned long)	\
	FS_WRAP(int, fs, pmm, valid_section_nr, unsigned long)		\
	FS_WRAP(int, fs, pmm, online_section_nr, unsigned long)		\
	FS_WRAP(int, fs, pmm, early_section_nr, unsigned long)		\
	FS_WRAP(int, fs, pmm, pfn_in_present_section, unsigned long)

/* Classic SPARSEMEM only: the section number in page->flags. */
#define FS_PAGE_TO_SECTION(fs, pmm, page)				\
	FS_WRAP(unsigned long, fs, pmm, page_to_section, const page *)

/* DISCONTIGMEM's node spans. */
#define FS_NODES(fs, pmm)						\
	FS_WRAP(unsigned long, fs, pmm, node_start_pfn, int)		\
	FS_WRAP(unsigned long, fs, pmm, node_spanned_pages, int)

#endif /* FS_WRAPPERS_H */
