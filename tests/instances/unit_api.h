/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * unit_api.h - what unit_a.c and unit_b.c each export: their unnamed pmm
 * instance (and a named one, "shared", that both define) behind function
 * pointers, since the pmm functions themselves are static.
 */
#ifndef UNIT_API_H
#define UNIT_API_H

struct pmm_range;
struct pmm_params;

struct unit_api {
	const char *unit;
	const struct pmm_params *params;	/* of the unnamed instance */
	int (*init)(const struct pmm_range *r, unsigned int nr);
	void (*exit)(void);
	int (*pfn_valid)(unsigned long pfn);
	int (*pfn_to_nid)(unsigned long pfn);
	unsigned long (*round_trip)(unsigned long pfn);	/* page_to_pfn(pfn_to_page()) */
	/* the named instance "shared": same name in both units */
	const struct pmm_params *shared_params;
	int (*shared_init)(const struct pmm_range *r, unsigned int nr);
	void (*shared_exit)(void);
	int (*shared_pfn_valid)(unsigned long pfn);
};

extern const struct unit_api unit_a, unit_b;

/* The body both units share, with their own pmm instances in scope. */
#define UNIT_API_DEFINE(name)						\
	static unsigned long name##_round_trip(unsigned long pfn)	\
	{								\
		return pmm_page_to_pfn(pmm_pfn_to_page(pfn));		\
	}								\
	const struct unit_api name = {					\
		#name, &pmm_params, pmm_init, pmm_exit, pmm_pfn_valid,	\
		pmm_pfn_to_nid, name##_round_trip,			\
		&pmm_shared_params, pmm_shared_init, pmm_shared_exit,	\
		pmm_shared_pfn_valid,					\
	}

#endif /* UNIT_API_H */
