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

/* The API every model has. */
#define FS_COMMON(fs, pmm, page)					\
	int fs##init(const struct pmm_range *r, unsigned int nr);	\
	int fs##init(const struct pmm_range *r, unsigned int nr)	\
	{ return pmm##init(r, nr); }					\
	void fs##exit(void);						\
	void fs##exit(void) { pmm##exit(); }				\
	page *fs##pfn_to_page(unsigned long pfn);			\
	page *fs##pfn_to_page(unsigned long pfn)			\
	{ return pmm##pfn_to_page(pfn); }				\
	unsigned long fs##page_to_pfn(const page *p);			\
	unsigned long fs##page_to_pfn(const page *p)			\
	{ return pmm##page_to_pfn(p); }					\
	int fs##pfn_valid(unsigned long pfn);				\
	int fs##pfn_valid(unsigned long pfn) { return pmm##pfn_valid(pfn); } \
	int fs##page_to_nid(const page *p);				\
	int fs##page_to_nid(const page *p) { return pmm##page_to_nid(p); } \
	int fs##pfn_to_nid(unsigned long pfn);				\
	int fs##pfn_to_nid(unsigned long pfn) { return pmm##pfn_to_nid(pfn); } \
	void fs##stats(struct pmm_stats *st);				\
	void fs##stats(struct pmm_stats *st) { pmm##stats(st); }	\
	const struct pmm_params *fs##params(void);			\
	const struct pmm_params *fs##params(void) { return &pmm##params; }

/* SPARSEMEM's section API (both flavours). */
#define FS_SECTIONS(fs, pmm, section)					\
	unsigned long fs##pfn_to_section_nr(unsigned long pfn);		\
	unsigned long fs##pfn_to_section_nr(unsigned long pfn)		\
	{ return pmm##pfn_to_section_nr(pfn); }				\
	unsigned long fs##section_nr_to_pfn(unsigned long sec);		\
	unsigned long fs##section_nr_to_pfn(unsigned long sec)		\
	{ return pmm##section_nr_to_pfn(sec); }				\
	section *fs##nr_to_section(unsigned long nr);			\
	section *fs##nr_to_section(unsigned long nr)			\
	{ return pmm##nr_to_section(nr); }				\
	section *fs##pfn_to_section(unsigned long pfn);			\
	section *fs##pfn_to_section(unsigned long pfn)			\
	{ return pmm##pfn_to_section(pfn); }				\
	int fs##present_section_nr(unsigned long nr);			\
	int fs##present_section_nr(unsigned long nr)			\
	{ return pmm##present_section_nr(nr); }				\
	int fs##valid_section_nr(unsigned long nr);			\
	int fs##valid_section_nr(unsigned long nr)			\
	{ return pmm##valid_section_nr(nr); }				\
	int fs##online_section_nr(unsigned long nr);			\
	int fs##online_section_nr(unsigned long nr)			\
	{ return pmm##online_section_nr(nr); }				\
	int fs##early_section_nr(unsigned long nr);			\
	int fs##early_section_nr(unsigned long nr)			\
	{ return pmm##early_section_nr(nr); }				\
	int fs##pfn_in_present_section(unsigned long pfn);		\
	int fs##pfn_in_present_section(unsigned long pfn)		\
	{ return pmm##pfn_in_present_section(pfn); }

/* Classic SPARSEMEM only: the section number in page->flags. */
#define FS_PAGE_TO_SECTION(fs, pmm, page)				\
	unsigned long fs##page_to_section(const page *p);		\
	unsigned long fs##page_to_section(const page *p)		\
	{ return pmm##page_to_section(p); }

/* DISCONTIGMEM's node spans. */
#define FS_NODES(fs, pmm)						\
	unsigned long fs##node_start_pfn(int nid);			\
	unsigned long fs##node_start_pfn(int nid)			\
	{ return pmm##node_start_pfn(nid); }				\
	unsigned long fs##node_spanned_pages(int nid);			\
	unsigned long fs##node_spanned_pages(int nid)			\
	{ return pmm##node_spanned_pages(nid); }

#endif /* FS_WRAPPERS_H */
