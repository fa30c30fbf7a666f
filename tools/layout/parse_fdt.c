// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * parse_fdt.c - the memory of a flattened device tree (a blob)
 *
 * The blob is what dtc -O dtb writes and what the kernel was booted with
 * (/sys/firmware/fdt).  It is never trusted: a file shorter than its
 * header's totalsize is refused before libfdt sees it, and so is a version
 * before 16 (see layout_parse_fdt()); libfdt is handed an aligned copy of
 * exactly totalsize bytes, and fdt_check_full() checks the
 * whole of it (header, blocks inside totalsize, every tag, node name and
 * property name in bounds, nodes nested as they close) before any node is
 * read, so that no later libfdt call can read outside the copy.  Only
 * the root's children and /reserved-memory's are visited, with
 * fdt_first_subnode() and fdt_next_subnode(): no recursion, whatever the
 * depth of the tree.
 *
 * Memory, as Linux 6.1 reads it (drivers/of/fdt.c):
 *  - a child of the root with device_type = "memory"
 *    (early_init_dt_scan_memory()), or named memory or memory@... (the
 *    name alone is this reader's own rule, kept from the source parser
 *    this file replaced), whose status is absent, "okay" or "ok"
 *    (of_fdt_device_is_available()), gives ram from linux,usable-memory
 *    when it has one, else from reg: (address, size) pairs of the root's
 *    #address-cells and #size-cells; a size of 0 is skipped; numa-node-id
 *    gives the node;
 *  - a child of /reserved-memory that is available and has reg and
 *    no-map gives reserved entries, in /reserved-memory's own cells
 *    (fdt_scan_reserved_mem(), __reserved_mem_reserve_reg()): memblock
 *    marks them nomap, holes on arm64 and riscv.  A child without no-map,
 *    and each /memreserve/ entry of the header
 *    (early_init_fdt_scan_reserved_mem()), is only memblock_reserve()d
 *    and stays RAM: no entry.  The /memreserve/ entries are checked all
 *    the same, as a malformed blob is refused whole.
 *
 * Cells: absent, #address-cells is 2 and #size-cells 1, the Devicetree
 * Specification's defaults and those of libfdt's fdt_address_cells() and
 * fdt_size_cells() (Linux 6.1's early_init_dt_scan_root() assumes 1 and 1
 * instead).  Each must be one cell holding 1 or 2: an address or a size
 * wider than 64 bits is none this reader or memblock can hold.  A reg
 * must be whole cells, in whole (address, size) pairs; a range may not
 * run past the 64-bit space; numa-node-id is one cell, at most INT_MAX.
 *
 * Strings (device_type, status, model) are compared by their first
 * string, NUL-terminated inside the property, as Linux's strcmp() of the
 * property reads it; a property with no NUL in it is no string.
 *
 * A blob has no lines: every error is at line 0 and names the node
 * ("/memory@0: reg has 4 cells, not pairs of 2 address and 1 size
 * cells"), an overlap both nodes.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "layout.h"
#include "layout_internal.h"

/* How much of a node's path a message quotes. */
#define FDT_PATH_QUOTE	48

struct fdt_parser {
	struct layout_builder b;
	const void *fdt;		/* the checked, aligned copy */
};

/*
 * While the map is built, an entry's line holds its node's offset in the
 * structure block plus one, so that an overlap can name both nodes; the
 * lines are cleared before the map is handed over, as a blob has none.
 */

/* The path of @node for a message: printable, cut short, "?" if unknown. */
static const char *fdt_where(const struct fdt_parser *ps, int node, char *buf, size_t size)
{
	char path[256];
	size_t i, n;

	if (fdt_get_path(ps->fdt, node, path, sizeof(path)) < 0) {
		/* deeper than 256 bytes of path: its own name will do */
		const char *name = fdt_get_name(ps->fdt, node, NULL);

		snprintf(path, sizeof(path), ".../%s", name ? name : "?");
	}
	n = strlen(path);
	for (i = 0; i < n && i < FDT_PATH_QUOTE && i + 4 < size; i++) {
		unsigned char c = (unsigned char)path[i];

		buf[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	strcpy(buf + i, i < n ? "..." : "");
	return buf;
}

/* Fail at line 0 with "<node path>: reason". */
static int __attribute__((format(printf, 3, 4)))
fdt_fail(struct fdt_parser *ps, int node, const char *fmt, ...)
{
	char where[FDT_PATH_QUOTE + 4], reason[LAYOUT_REASON_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	return layout_fail_at(&ps->b, 0, EINVAL, "%s: %s",
			      fdt_where(ps, node, where, sizeof(where)), reason);
}

/* libfdt said no: the blob is malformed. */
static int fdt_fail_libfdt(struct fdt_parser *ps, const char *what, int fdt_err)
{
	return layout_fail_at(&ps->b, 0, EINVAL, "not a valid device-tree blob: %s: %s",
			      what, fdt_strerror(fdt_err));
}

/*
 * The first string of property @name of @node, NUL-terminated inside the
 * property; NULL when the property is absent or holds no NUL.  libfdt's
 * other failures cannot follow fdt_check_full(); they read as absent, as
 * Linux's of_get_flat_dt_prop() has them.
 */
static const char *fdt_first_string(const struct fdt_parser *ps, int node, const char *name,
				    int *present)
{
	int len;
	const char *p = fdt_getprop(ps->fdt, node, name, &len);

	*present = p != NULL;
	if (!p || len <= 0 || !memchr(p, '\0', (size_t)len))
		return NULL;
	return p;
}

/* Is string property @name of @node @value?  @def when it is absent. */
static int fdt_string_is(const struct fdt_parser *ps, int node, const char *name,
			 const char *value, int def)
{
	int present;
	const char *s = fdt_first_string(ps, node, name, &present);

	if (!present)
		return def;
	return s && !strcmp(s, value);
}

/* of_fdt_device_is_available(): no status, "okay" or "ok". */
static int fdt_available(const struct fdt_parser *ps, int node)
{
	return fdt_string_is(ps, node, "status", "okay", 1) ||
	       fdt_string_is(ps, node, "status", "ok", 0);
}

/*
 * A one-cell property: *@v its value, or @def when absent; *@given
 * whether it was there (may be NULL).
 */
static int fdt_u32(struct fdt_parser *ps, int node, const char *name, uint32_t def,
		   uint32_t *v, int *given)
{
	int len;
	const fdt32_t *p = fdt_getprop(ps->fdt, node, name, &len);

	*v = def;
	if (given)
		*given = p != NULL;
	if (!p)
		return 0;
	if (len % 4)
		return fdt_fail(ps, node, "%s is %d bytes, not one cell", name, len);
	if (len != 4)
		return fdt_fail(ps, node, "%s has %d cells, not 1", name, len / 4);
	*v = fdt32_ld(p);
	return 0;
}

/*
 * #address-cells and #size-cells of @parent, as a reg under it reads
 * them (fdt_address_cells() and fdt_size_cells() of the parent).
 */
static int fdt_cells_of(struct fdt_parser *ps, int parent, uint32_t *ac, uint32_t *sc)
{
	int err = fdt_u32(ps, parent, "#address-cells", 2, ac, NULL);

	if (!err)
		err = fdt_u32(ps, parent, "#size-cells", 1, sc, NULL);
	if (err)
		return err;
	if (*ac < 1 || *ac > 2)
		return fdt_fail(ps, parent,
				"#address-cells = <%u>: memory addresses take 1 or 2 cells", *ac);
	if (*sc < 1 || *sc > 2)
		return fdt_fail(ps, parent, "#size-cells = <%u>: memory sizes take 1 or 2 cells",
				*sc);
	return 0;
}

/* A big-endian number of @n cells (dt_mem_next_cell()). */
static unsigned long long fdt_number(const fdt32_t *cell, uint32_t n)
{
	unsigned long long v = 0;
	uint32_t k;

	for (k = 0; k < n; k++)
		v = v << 32 | fdt32_ld(&cell[k]);
	return v;
}

/* The (address, size) pairs of property @name, @len bytes at @p. */
static int fdt_ranges(struct fdt_parser *ps, int node, const char *name, const fdt32_t *p,
		      int len, uint32_t ac, uint32_t sc, enum layout_type type,
		      int nid, int node_given)
{
	uint32_t nr, i;

	if (len % 4)
		return fdt_fail(ps, node, "%s is %d bytes, not whole cells", name, len);
	nr = (uint32_t)len / 4;
	if (nr % (ac + sc))
		return fdt_fail(ps, node, "%s has %u cells, not pairs of %u address and %u size cells",
				name, nr, ac, sc);
	for (i = 0; i < nr; i += ac + sc) {
		unsigned long long base = fdt_number(p + i, ac), size = fdt_number(p + i + ac, sc);
		struct layout_entry e;
		int err;

		if (!size)
			continue;
		if (size - 1 > ~0ULL - base)
			return fdt_fail(ps, node, "%s 0x%llx size 0x%llx runs past the 64-bit space",
					name, base, size);
		memset(&e, 0, sizeof(e));
		e.start = base;
		e.end = base + size - 1;
		e.type = type;
		e.node = nid;
		e.node_given = node_given;
		e.line = (unsigned int)node + 1;
		err = layout_add(&ps->b, &e);
		if (err)
			return err;
	}
	return 0;
}

/* Is root child @node, named @name, a memory node? */
static int fdt_is_memory(const struct fdt_parser *ps, int node, const char *name)
{
	return !strcmp(name, "memory") || !strncmp(name, "memory@", 7) ||
	       fdt_string_is(ps, node, "device_type", "memory", 0);
}

/* A memory node's RAM (early_init_dt_scan_memory()). */
static int fdt_memory(struct fdt_parser *ps, int node, uint32_t ac, uint32_t sc)
{
	const char *name = "linux,usable-memory";
	uint32_t nid;
	int len, given, err;
	const fdt32_t *reg = fdt_getprop(ps->fdt, node, name, &len);

	/* kdump's kernel and ppc64's firmware: what Linux may use of reg */
	if (!reg) {
		name = "reg";
		reg = fdt_getprop(ps->fdt, node, name, &len);
	}
	if (!reg)
		return 0;
	err = fdt_u32(ps, node, "numa-node-id", 0, &nid, &given);
	if (err)
		return err;
	if (nid > INT_MAX)
		return fdt_fail(ps, node, "numa-node-id = <%u> is too large", nid);
	return fdt_ranges(ps, node, name, reg, len, ac, sc, LAYOUT_RAM, (int)nid, given);
}

/* /reserved-memory's available no-map children with reg. */
static int fdt_reserved(struct fdt_parser *ps, int rmem)
{
	uint32_t ac, sc;
	int child, err = fdt_cells_of(ps, rmem, &ac, &sc);

	if (err)
		return err;
	fdt_for_each_subnode(child, ps->fdt, rmem) {
		int len;
		const fdt32_t *reg = fdt_getprop(ps->fdt, child, "reg", &len);

		if (!reg || !fdt_getprop(ps->fdt, child, "no-map", NULL) ||
		    !fdt_available(ps, child))
			continue;
		err = fdt_ranges(ps, child, "reg", reg, len, ac, sc, LAYOUT_RESERVED, 0, 0);
		if (err)
			return err;
	}
	if (child != -FDT_ERR_NOTFOUND)
		return fdt_fail_libfdt(ps, "the children of /reserved-memory", child);
	return 0;
}

/*
 * The header's /memreserve/ entries: only checked.  fdt_num_mem_rsv()
 * walks them to the terminating zero-size entry, which must be inside the
 * blob.
 */
static int fdt_memreserve(struct fdt_parser *ps)
{
	int n = fdt_num_mem_rsv(ps->fdt), i;

	if (n < 0)
		return fdt_fail_libfdt(ps, "the /memreserve/ entries", n);
	for (i = 0; i < n; i++) {
		uint64_t base, size;
		int err = fdt_get_mem_rsv(ps->fdt, i, &base, &size);

		if (err)
			return fdt_fail_libfdt(ps, "a /memreserve/ entry", err);
		if (size && size - 1 > ~(uint64_t)0 - base)
			return layout_fail_at(&ps->b, 0, EINVAL,
					      "/memreserve/ entry %d: 0x%llx size 0x%llx runs past the 64-bit space",
					      i, (unsigned long long)base,
					      (unsigned long long)size);
	}
	return 0;
}

/* The root's model, when it is a string, as the description. */
static int fdt_model(struct fdt_parser *ps)
{
	int present;
	const char *model = fdt_first_string(ps, 0, "model", &present);

	if (!model)
		return 0;
	return layout_set_string(&ps->b, &ps->b.lo.desc, layout_text_of(model));
}

static int fdt_cmp_start(const void *a, const void *b)
{
	const struct layout_entry *x = *(const struct layout_entry *const *)a;
	const struct layout_entry *y = *(const struct layout_entry *const *)b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/*
 * Two RAM entries may not share a byte (layout_check_ram_overlap() says
 * so by line): blame the node later in the blob, name the earlier one.
 */
static int fdt_check_overlap(struct fdt_parser *ps)
{
	struct layout *lo = &ps->b.lo;
	const struct layout_entry **ram;
	unsigned int i, nr = 0;
	int err = 0;

	ram = malloc((lo->nr_entries + 1) * sizeof(*ram));
	if (!ram)
		return layout_fail_at(&ps->b, 0, ENOMEM, "out of memory");
	for (i = 0; i < lo->nr_entries; i++)
		if (lo->entries[i].type == LAYOUT_RAM)
			ram[nr++] = &lo->entries[i];
	qsort(ram, nr, sizeof(*ram), fdt_cmp_start);
	for (i = 1; i < nr && !err; i++) {
		const struct layout_entry *x = ram[i - 1], *y = ram[i];
		char where[FDT_PATH_QUOTE + 4];

		if (y->start > x->end)
			continue;
		if (x->line > y->line) {
			const struct layout_entry *t = x;

			x = y;
			y = t;
		}
		err = fdt_fail(ps, (int)y->line - 1,
			       "ram 0x%llx-0x%llx overlaps ram 0x%llx-0x%llx of %s",
			       y->start, y->end, x->start, x->end,
			       fdt_where(ps, (int)x->line - 1, where, sizeof(where)));
	}
	free(ram);
	return err;
}

/* The root's children: memory nodes and /reserved-memory. */
static int fdt_collect(struct fdt_parser *ps)
{
	unsigned int found = 0, i;
	uint32_t ac, sc;
	int node, err = fdt_memreserve(ps);

	if (!err)
		err = fdt_cells_of(ps, 0, &ac, &sc);
	if (err)
		return err;
	fdt_for_each_subnode(node, ps->fdt, 0) {
		const char *name = fdt_get_name(ps->fdt, node, NULL);

		if (!name)
			return fdt_fail_libfdt(ps, "a node's name", -FDT_ERR_BADSTRUCTURE);
		if (fdt_is_memory(ps, node, name)) {
			found++;
			if (fdt_available(ps, node))
				err = fdt_memory(ps, node, ac, sc);
		} else if (!strcmp(name, "reserved-memory")) {
			err = fdt_reserved(ps, node);
		}
		if (err)
			return err;
	}
	if (node != -FDT_ERR_NOTFOUND)
		return fdt_fail_libfdt(ps, "the root's children", node);
	if (!found)
		return layout_fail_at(&ps->b, 0, EINVAL,
				      "no memory node (a root node named memory@... or with device_type = \"memory\")");
	err = fdt_model(ps);
	if (!err)
		err = fdt_check_overlap(ps);
	for (i = 0; i < ps->b.lo.nr_entries; i++)
		ps->b.lo.entries[i].line = 0;
	return err;
}

/* The header as far as the file is concerned: magic and totalsize. */
static int fdt_check_file(struct fdt_parser *ps, const unsigned char *p, size_t len,
			  size_t *total)
{
	uint32_t magic, size;

	if (len < 8)
		return layout_fail_at(&ps->b, 0, EINVAL,
				      "%zu bytes: too short for a device-tree blob's header", len);
	magic = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	size = (uint32_t)p[4] << 24 | (uint32_t)p[5] << 16 | (uint32_t)p[6] << 8 | p[7];
	if (magic != FDT_MAGIC)
		return layout_fail_at(&ps->b, 0, EINVAL,
				      "not a device-tree blob: magic 0x%08x, not 0x%08x", magic,
				      FDT_MAGIC);
	if (size > len)
		return layout_fail_at(&ps->b, 0, EINVAL,
				      "truncated: the header's totalsize is %u bytes, the file holds %zu",
				      size, len);
	*total = size;
	return 0;
}

int layout_parse_fdt(struct layout *lo, const void *blob, size_t len,
		     const char *file, struct layout_error *err)
{
	struct fdt_parser ps;
	size_t total = 0;
	void *copy = NULL;
	int ret;

	memset(&ps, 0, sizeof(ps));
	layout_builder_init(&ps.b, LAYOUT_FORMAT_DTB, file, err);
	ret = fdt_check_file(&ps, blob, len, &total);
	if (!ret) {
		/*
		 * libfdt wants the blob 8-byte aligned, and reads a whole
		 * header before it compares totalsize with the header's
		 * size: zeros past a short blob, never its neighbours.
		 */
		size_t size = total > sizeof(struct fdt_header) ? total : sizeof(struct fdt_header);

		copy = malloc(size);
		if (!copy)
			ret = layout_fail_at(&ps.b, 0, ENOMEM, "out of memory");
	}
	if (!ret) {
		int fdt_err;

		memset(copy, 0, sizeof(struct fdt_header));
		memcpy(copy, blob, total);
		/*
		 * Versions before 16 name nodes by their full path, and
		 * libfdt 1.6.1's fdt_check_full() dereferences the NULL that
		 * fdt_get_name() gives for a root without a '/': refused
		 * first.  dtc and Linux's builds write 17.
		 */
		if (fdt_version(copy) < 16)
			ret = layout_fail_at(&ps.b, 0, EINVAL,
					     "device-tree blob version %u: this reader takes 16 and later (dtc writes 17)",
					     fdt_version(copy));
		fdt_err = ret ? 0 : fdt_check_full(copy, total);
		if (fdt_err)
			ret = fdt_fail_libfdt(&ps, "fdt_check_full", fdt_err);
	}
	if (!ret) {
		ps.fdt = copy;
		ret = fdt_collect(&ps);
	}
	free(copy);
	ret = layout_finish(&ps.b, ret, lo);
	if (ret)
		err->line = 0;
	return ret;
}
