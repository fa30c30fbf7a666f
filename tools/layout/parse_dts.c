// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * parse_dts.c - the memory of a device-tree source
 *
 * Enough of dtc's grammar to build the tree and find memory in it:
 * /dts-v1/, /plugin/ and /memreserve/ (ignored), root blocks "/ { ... };"
 * (several merge, as dtc merges them), "&label { ... };" and
 * "&{/path} { ... };" blocks, nodes "name@unit { ... };" with labels,
 * properties "name = <cells>, "string", [bytes], &ref, /bits/ N <...>;",
 * /delete-node/ and /delete-property/, and comments of both kinds.  The
 * source is dtc's (dtc -O dts) or the C preprocessor's (cpp -P); an
 * #include or /include/ is refused, as the parser cannot follow it, and so
 * is any other preprocessor directive.  cpp's "# 1 "file"" line markers
 * are skipped.
 *
 * Memory, as Linux's early_init_dt_scan_memory() and
 * fdt_scan_reserved_mem() read it:
 *  - a child of the root named memory or memory@..., or with device_type
 *    = "memory", whose status (if any) is "okay" or "ok", gives ram from
 *    linux,usable-memory when it has one, else from reg: (address, size)
 *    pairs of the root's #address-cells and #size-cells (2 and 1 when
 *    absent, the Devicetree Specification's defaults); size 0 is skipped;
 *    numa-node-id gives the node;
 *  - a child of /reserved-memory with reg and no-map (and status okay)
 *    gives reserved entries, in /reserved-memory's cells: holes in
 *    memblock on arm64 and riscv.
 *
 * Only the properties it reads have their values checked: an expression
 * in parentheses, a label reference or a word that is no number in them
 * is an error naming it (dtc -O dts writes numbers), while other
 * properties may hold anything cpp leaves, such as an interrupt
 * specifier "<0 (32 + 5) 4>".  The structure is checked everywhere.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "layout_internal.h"

#define DTS_NODES_MAX		(1U << 15)	/* nodes in a tree */
#define DTS_LABELS_MAX		(1U << 16)
#define DTS_DEPTH_MAX		64		/* nesting of nodes */
#define DTS_PAREN_MAX		64		/* nesting of an expression */
#define DTS_CELLS_MAX		(1U << 16)	/* cells in one property */
#define DTS_NAME_MAX		256

enum dts_kind {
	DTS_EOF, DTS_NAME, DTS_LABEL, DTS_STRING, DTS_CHAR, DTS_REF,
	DTS_DIRECTIVE, DTS_SLASH, DTS_PUNCT, DTS_OPERATOR,
};

struct dts_tok {
	enum dts_kind kind;
	struct layout_text t;		/* the token; a label without its ':' */
	unsigned int line;
};

/* The properties the parser reads. */
enum dts_prop_id {
	DTS_REG, DTS_USABLE, DTS_ADDR_CELLS, DTS_SIZE_CELLS, DTS_NUMA,
	DTS_DEVICE_TYPE, DTS_STATUS, DTS_MODEL, DTS_NO_MAP, DTS_NR_PROPS
};

static const char *const dts_prop_names[DTS_NR_PROPS] = {
	[DTS_REG]		= "reg",
	[DTS_USABLE]		= "linux,usable-memory",
	[DTS_ADDR_CELLS]	= "#address-cells",
	[DTS_SIZE_CELLS]	= "#size-cells",
	[DTS_NUMA]		= "numa-node-id",
	[DTS_DEVICE_TYPE]	= "device_type",
	[DTS_STATUS]		= "status",
	[DTS_MODEL]		= "model",
	[DTS_NO_MAP]		= "no-map",
};

/*
 * A property's value as far as the parser reads it: its 32-bit cells,
 * its first string, and the first thing in it that is not a plain cell.
 */
struct dts_prop {
	unsigned int line;
	unsigned int *cells;
	unsigned int nr_cells;
	struct layout_text string;	/* raw, escapes and all */
	int has_string;
	const char *issue;		/* what the first odd thing is, or NULL */
	struct layout_text issue_text;
	unsigned int issue_line;
};

struct dts_node {
	struct layout_text name;	/* "" for the root */
	unsigned int line;
	int parent, first_child, last_child, next;
	int deleted;
	int prop[DTS_NR_PROPS];		/* index in dts_parser.props, or -1 */
};

struct dts_label {
	struct layout_text name;
	int node;
	unsigned int line;
};

struct dts_parser {
	struct layout_builder b;
	const char *text;
	size_t len, pos;
	int line_start;			/* only blanks since the last newline */
	struct dts_tok tok;		/* the token looked at */
	struct dts_node *nodes;
	unsigned int nr_nodes, cap_nodes;
	struct dts_prop *props;
	unsigned int nr_props, cap_props;
	struct dts_label *labels;
	unsigned int nr_labels, cap_labels;
};

static int dts_grow(struct dts_parser *ps, void **array, unsigned int *cap,
		    unsigned int nr, size_t size, unsigned int max, const char *what)
{
	unsigned int n;
	void *grown;

	if (nr < *cap)
		return 0;
	if (nr >= max)
		return layout_fail(&ps->b, EINVAL, "more than %u %s", max, what);
	n = *cap ? *cap * 2 : 64;
	grown = realloc(*array, n * size);
	if (!grown)
		return layout_fail(&ps->b, ENOMEM, "out of memory");
	*array = grown;
	*cap = n;
	return 0;
}

/* ---- the lexer ---- */

static int dts_is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == ',' || c == '.' || c == '_' || c == '+' || c == '*' || c == '#' ||
	       c == '?' || c == '@' || c == '-';
}

static int dts_is_label_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

static const char dts_give_source[] =
	"give the preprocessed source (dtc -O dts or cpp -P)";

/* A '#' that starts a line: a directive of cpp, a line marker, or a name. */
static int dts_hash(struct dts_parser *ps, int *skipped)
{
	static const char *const directives[] = {
		"define", "undef", "if", "ifdef", "ifndef", "elif", "else", "endif",
		"error", "pragma", "line", "warning",
	};
	const char *p = ps->text + ps->pos + 1, *end = ps->text + ps->len;
	struct layout_text word;
	unsigned int i;

	*skipped = 0;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < end && *p >= '0' && *p <= '9') {
		/* cpp's line marker: # 12 "board.dts" */
		while (ps->pos < ps->len && ps->text[ps->pos] != '\n')
			ps->pos++;
		*skipped = 1;
		return 0;
	}
	word.p = p;
	while (p < end && dts_is_label_char(*p))
		p++;
	word.n = (size_t)(p - word.p);
	/* "#address-cells" and the like are names, not directives */
	if (p < end && (dts_is_name_char(*p) || *p == '-'))
		return 0;
	if (layout_equals(word, "include"))
		return layout_fail(&ps->b, EINVAL, "cannot follow includes: %s", dts_give_source);
	for (i = 0; i < sizeof(directives) / sizeof(directives[0]); i++)
		if (layout_equals(word, directives[i]))
			return layout_fail(&ps->b, EINVAL, "preprocessor directive '#%s': %s",
					   directives[i], dts_give_source);
	return 0;
}

/* Past a comment, counting its lines; @ps->pos is at its '/'. */
static int dts_comment(struct dts_parser *ps)
{
	unsigned int line = ps->b.line;

	if (ps->text[ps->pos + 1] == '/') {
		while (ps->pos < ps->len && ps->text[ps->pos] != '\n')
			ps->pos++;
		return 0;
	}
	for (ps->pos += 2; ps->pos + 1 < ps->len; ps->pos++) {
		if (ps->text[ps->pos] == '\n')
			ps->b.line++;
		if (ps->text[ps->pos] == '*' && ps->text[ps->pos + 1] == '/') {
			ps->pos += 2;
			return 0;
		}
	}
	return layout_fail_at(&ps->b, line, EINVAL, "'/*' comment never closed");
}

/* A quoted string or character; @close is '"' or '\''. */
static int dts_quoted(struct dts_parser *ps, char close, struct dts_tok *tok)
{
	size_t start = ps->pos++;

	while (ps->pos < ps->len && ps->text[ps->pos] != close) {
		if (ps->text[ps->pos] == '\n')
			ps->b.line++;
		if (ps->text[ps->pos] == '\\' && ps->pos + 1 < ps->len)
			ps->pos++;
		ps->pos++;
	}
	if (ps->pos >= ps->len)
		return layout_fail_at(&ps->b, tok->line, EINVAL, "%s never closed",
				      close == '"' ? "string" : "character literal");
	ps->pos++;
	tok->kind = close == '"' ? DTS_STRING : DTS_CHAR;
	tok->t.p = ps->text + start + 1;
	tok->t.n = ps->pos - start - 2;
	return 0;
}

/* "&label" or "&{/path}". */
static int dts_ref(struct dts_parser *ps, struct dts_tok *tok)
{
	size_t start = ++ps->pos;

	if (ps->pos < ps->len && ps->text[ps->pos] == '{') {
		const char *close = memchr(ps->text + ps->pos, '}', ps->len - ps->pos);
		const char *nl = memchr(ps->text + ps->pos, '\n', ps->len - ps->pos);

		if (!close || (nl && nl < close))
			return layout_fail(&ps->b, EINVAL, "'&{' path never closed on its line");
		ps->pos = (size_t)(close - ps->text) + 1;
	} else {
		while (ps->pos < ps->len && dts_is_label_char(ps->text[ps->pos]))
			ps->pos++;
		if (ps->pos == start) {
			tok->kind = DTS_OPERATOR;	/* '&' in an expression */
			tok->t.p = ps->text + start - 1;
			tok->t.n = 1;
			return 0;
		}
	}
	tok->kind = DTS_REF;
	tok->t.p = ps->text + start;
	tok->t.n = ps->pos - start;
	return 0;
}

/* "/dts-v1/" and the like, or a lone '/' (the root, or a division). */
static void dts_slash(struct dts_parser *ps, struct dts_tok *tok)
{
	size_t i = ps->pos + 1;

	while (i < ps->len && ((ps->text[i] >= 'a' && ps->text[i] <= 'z') ||
			       (ps->text[i] >= '0' && ps->text[i] <= '9') || ps->text[i] == '-'))
		i++;
	if (i > ps->pos + 1 && i < ps->len && ps->text[i] == '/') {
		tok->kind = DTS_DIRECTIVE;
		tok->t.p = ps->text + ps->pos;
		tok->t.n = i + 1 - ps->pos;
		ps->pos = i + 1;
		return;
	}
	tok->kind = DTS_SLASH;
	tok->t.p = ps->text + ps->pos++;
	tok->t.n = 1;
}

static int dts_lex(struct dts_parser *ps, struct dts_tok *tok)
{
	char q[LAYOUT_QUOTE_BUF];
	int err;

	for (;;) {
		char c;

		while (ps->pos < ps->len && (layout_is_space(ps->text[ps->pos]) ||
					     ps->text[ps->pos] == '\n')) {
			if (ps->text[ps->pos] == '\n') {
				ps->b.line++;
				ps->line_start = 1;
			}
			ps->pos++;
		}
		tok->line = ps->b.line;
		if (ps->pos >= ps->len) {
			tok->kind = DTS_EOF;
			tok->t.p = ps->text + ps->len;
			tok->t.n = 0;
			return 0;
		}
		c = ps->text[ps->pos];
		if (c == '\0')
			return layout_fail(&ps->b, EINVAL, "NUL byte in the source");
		if (c == '/' && ps->pos + 1 < ps->len &&
		    (ps->text[ps->pos + 1] == '*' || ps->text[ps->pos + 1] == '/')) {
			err = dts_comment(ps);
			if (err)
				return err;
			continue;
		}
		if (c == '#' && ps->line_start) {
			int skipped;

			err = dts_hash(ps, &skipped);
			if (err)
				return err;
			if (skipped)
				continue;
		}
		ps->line_start = 0;
		break;
	}

	switch (ps->text[ps->pos]) {
	case '"':
	case '\'':
		return dts_quoted(ps, ps->text[ps->pos], tok);
	case '&':
		return dts_ref(ps, tok);
	case '/':
		dts_slash(ps, tok);
		return 0;
	case '{': case '}': case ';': case '=': case ',': case '<': case '>':
	case '[': case ']': case '(': case ')':
		tok->kind = DTS_PUNCT;
		tok->t.p = ps->text + ps->pos++;
		tok->t.n = 1;
		return 0;
	case '!': case '~': case '^': case '|': case '%': case ':':
		tok->kind = DTS_OPERATOR;
		tok->t.p = ps->text + ps->pos++;
		tok->t.n = 1;
		return 0;
	default:
		break;
	}
	if (!dts_is_name_char(ps->text[ps->pos])) {
		struct layout_text t = { ps->text + ps->pos, 1 };

		return layout_fail(&ps->b, EINVAL, "unexpected character '%s'",
				   layout_quote(t, q, sizeof(q)));
	}
	tok->t.p = ps->text + ps->pos;
	while (ps->pos < ps->len && dts_is_name_char(ps->text[ps->pos]))
		ps->pos++;
	tok->t.n = (size_t)(ps->text + ps->pos - tok->t.p);
	if (tok->t.n > DTS_NAME_MAX)
		return layout_fail(&ps->b, EINVAL, "a name longer than %u characters: '%s'",
				   DTS_NAME_MAX, layout_quote(tok->t, q, sizeof(q)));
	tok->kind = DTS_NAME;
	if (ps->pos < ps->len && ps->text[ps->pos] == ':') {
		ps->pos++;
		tok->kind = DTS_LABEL;
	}
	return 0;
}

/* Move to the next token. */
static int dts_next(struct dts_parser *ps)
{
	return dts_lex(ps, &ps->tok);
}

static int dts_is(const struct dts_parser *ps, enum dts_kind kind, const char *text)
{
	return ps->tok.kind == kind && (!text || layout_equals(ps->tok.t, text));
}

static int dts_punct(const struct dts_parser *ps, char c)
{
	return ps->tok.kind == DTS_PUNCT && ps->tok.t.p[0] == c;
}

/* How a token reads in a message. */
static const char *dts_what(const struct dts_parser *ps, char *q, size_t size)
{
	if (ps->tok.kind == DTS_EOF)
		return "the end of the file";
	if (ps->tok.kind == DTS_STRING)
		return "a string";
	return layout_quote(ps->tok.t, q, size);
}

/* The current token must be @c; step past it. */
static int dts_expect(struct dts_parser *ps, char c, const char *after)
{
	char q[LAYOUT_QUOTE_BUF];

	if (!dts_punct(ps, c))
		return layout_fail_at(&ps->b, ps->tok.line, EINVAL, "expected '%c' %s, found '%s'",
				      c, after, dts_what(ps, q, sizeof(q)));
	return dts_next(ps);
}

/* ---- the tree ---- */

static int dts_new_node(struct dts_parser *ps, int parent, struct layout_text name,
			unsigned int line)
{
	struct dts_node *n;
	int err, i;

	err = dts_grow(ps, (void **)&ps->nodes, &ps->cap_nodes, ps->nr_nodes,
		       sizeof(*ps->nodes), DTS_NODES_MAX, "nodes");
	if (err)
		return err;
	n = &ps->nodes[ps->nr_nodes];
	memset(n, 0, sizeof(*n));
	n->name = name;
	n->line = line;
	n->parent = parent;
	n->first_child = n->last_child = n->next = -1;
	for (i = 0; i < DTS_NR_PROPS; i++)
		n->prop[i] = -1;
	if (parent >= 0) {
		struct dts_node *p = &ps->nodes[parent];

		if (p->last_child >= 0)
			ps->nodes[p->last_child].next = (int)ps->nr_nodes;
		else
			p->first_child = (int)ps->nr_nodes;
		p->last_child = (int)ps->nr_nodes;
	}
	return (int)ps->nr_nodes++;
}

/* The child @name of @parent (a unit-less name matches "name@unit"). */
static int dts_child(const struct dts_parser *ps, int parent, struct layout_text name,
		     int exact)
{
	int c;

	for (c = ps->nodes[parent].first_child; c >= 0; c = ps->nodes[c].next) {
		const struct dts_node *n = &ps->nodes[c];

		if (n->deleted)
			continue;
		if (n->name.n == name.n && !memcmp(n->name.p, name.p, name.n))
			return c;
		if (!exact && !memchr(name.p, '@', name.n) && n->name.n > name.n &&
		    n->name.p[name.n] == '@' && !memcmp(n->name.p, name.p, name.n))
			return c;
	}
	return -1;
}

static int dts_add_label(struct dts_parser *ps, const struct dts_tok *label, int node)
{
	char q[LAYOUT_QUOTE_BUF];
	unsigned int i;
	int err;

	for (i = 0; i < ps->nr_labels; i++) {
		struct dts_label *l = &ps->labels[i];

		if (l->name.n != label->t.n || memcmp(l->name.p, label->t.p, l->name.n))
			continue;
		if (l->node == node || ps->nodes[l->node].deleted) {
			l->node = node;
			return 0;
		}
		return layout_fail_at(&ps->b, label->line, EINVAL,
				      "label '%s' is already on another node (line %u)",
				      layout_quote(label->t, q, sizeof(q)), l->line);
	}
	err = dts_grow(ps, (void **)&ps->labels, &ps->cap_labels, ps->nr_labels,
		       sizeof(*ps->labels), DTS_LABELS_MAX, "labels");
	if (err)
		return err;
	ps->labels[ps->nr_labels].name = label->t;
	ps->labels[ps->nr_labels].node = node;
	ps->labels[ps->nr_labels].line = label->line;
	ps->nr_labels++;
	return 0;
}

/* Is @node (or a parent of it) deleted? */
static int dts_gone(const struct dts_parser *ps, int node)
{
	for (; node >= 0; node = ps->nodes[node].parent)
		if (ps->nodes[node].deleted)
			return 1;
	return 0;
}

/* The node "&label" or "&{/path}" refers to. */
static int dts_resolve(struct dts_parser *ps, const struct dts_tok *ref, int *node)
{
	char q[LAYOUT_QUOTE_BUF];
	struct layout_text t = ref->t;
	unsigned int i;

	if (t.n && t.p[0] == '{') {
		struct layout_text path = { t.p + 1, t.n - 2 };
		int at = 0;

		if (!path.n || path.p[0] != '/')
			return layout_fail_at(&ps->b, ref->line, EINVAL,
					      "path '%s' does not start at the root '/'",
					      layout_quote(path, q, sizeof(q)));
		path = layout_skip(path, 1);
		while (path.n) {
			const char *slash = memchr(path.p, '/', path.n);
			struct layout_text part = { path.p, slash ? (size_t)(slash - path.p) : path.n };

			if (part.n)
				at = dts_child(ps, at, part, 0);
			if (at < 0) {
				char q2[LAYOUT_QUOTE_BUF];

				return layout_fail_at(&ps->b, ref->line, EINVAL,
						      "no node '%s' for path '&%s'",
						      layout_quote(part, q, sizeof(q)),
						      layout_quote(t, q2, sizeof(q2)));
			}
			path = layout_skip(path, part.n + (slash != NULL));
		}
		*node = at;
		return 0;
	}
	for (i = 0; i < ps->nr_labels; i++) {
		const struct dts_label *l = &ps->labels[i];

		if (l->name.n == t.n && !memcmp(l->name.p, t.p, t.n) && !dts_gone(ps, l->node)) {
			*node = l->node;
			return 0;
		}
	}
	return layout_fail_at(&ps->b, ref->line, EINVAL, "no label '%s' defined before this",
			      layout_quote(t, q, sizeof(q)));
}

/* ---- values ---- */

/* A C integer literal as dtc takes it: 0x.., 0.. (octal) or decimal, U/L. */
static int dts_number(struct layout_text t, unsigned long long *v)
{
	unsigned long long value = 0;
	unsigned int base = 10;
	size_t i = 0;

	while (t.n && (t.p[t.n - 1] == 'u' || t.p[t.n - 1] == 'U' ||
		       t.p[t.n - 1] == 'l' || t.p[t.n - 1] == 'L'))
		t.n--;
	if (!t.n)
		return -EINVAL;
	if (t.n > 2 && t.p[0] == '0' && (t.p[1] == 'x' || t.p[1] == 'X'))
		return layout_hex_digits(layout_skip(t, 2), v);
	if (t.n > 1 && t.p[0] == '0') {
		base = 8;
		i = 1;
	}
	for (; i < t.n; i++) {
		unsigned int d;

		if (t.p[i] < '0' || t.p[i] > (base == 8 ? '7' : '9'))
			return -EINVAL;
		d = (unsigned int)(t.p[i] - '0');
		if (value > (~0ULL - d) / base)
			return -ERANGE;
		value = value * base + d;
	}
	*v = value;
	return 0;
}

/* Note the first thing in a value that is not a plain cell. */
static void dts_issue(struct dts_prop *p, const char *what, struct layout_text t,
		      unsigned int line)
{
	if (p->issue)
		return;
	p->issue = what;
	p->issue_text = t;
	p->issue_line = line;
}

static int dts_push_cell(struct dts_parser *ps, struct dts_prop *p, unsigned int cell)
{
	unsigned int cap = p->nr_cells;

	if (p->nr_cells >= DTS_CELLS_MAX)
		return layout_fail(&ps->b, EINVAL, "more than %u cells in one property",
				   DTS_CELLS_MAX);
	/* grow at powers of two */
	if (!(cap & (cap - 1))) {
		unsigned int *grown = realloc(p->cells, (cap ? cap * 2 : 4) * sizeof(*grown));

		if (!grown)
			return layout_fail(&ps->b, ENOMEM, "out of memory");
		p->cells = grown;
	}
	p->cells[p->nr_cells++] = cell;
	return 0;
}

/* "( ... )", nested, as one thing; the token is at the '('. */
static int dts_expression(struct dts_parser *ps, struct dts_prop *p)
{
	struct layout_text t = ps->tok.t;
	unsigned int line = ps->tok.line, depth = 0;
	int err;

	do {
		if (dts_punct(ps, '('))
			depth++;
		else if (dts_punct(ps, ')'))
			depth--;
		else if (ps->tok.kind == DTS_EOF || dts_punct(ps, ';') || dts_punct(ps, '{') ||
			 dts_punct(ps, '}'))
			return layout_fail_at(&ps->b, line, EINVAL, "'(' never closed");
		if (depth > DTS_PAREN_MAX)
			return layout_fail_at(&ps->b, line, EINVAL,
					      "an expression nested more than %u deep",
					      DTS_PAREN_MAX);
		t.n = (size_t)(ps->tok.t.p + ps->tok.t.n - t.p);
		err = dts_next(ps);
		if (err)
			return err;
	} while (depth);
	dts_issue(p, "an expression", t, line);
	return 0;
}

/* "<...>" of @bits-bit values; the token is at the '<'. */
static int dts_cells(struct dts_parser *ps, struct dts_prop *p, unsigned int bits)
{
	char q[LAYOUT_QUOTE_BUF];
	unsigned int line = ps->tok.line;
	int err = dts_next(ps);

	while (!err && !dts_punct(ps, '>')) {
		unsigned long long v = 0;

		switch (ps->tok.kind) {
		case DTS_NAME:
			err = dts_number(ps->tok.t, &v);
			if (err) {
				dts_issue(p, err == -ERANGE ? "a number beyond 64 bits" : "a word that is not a number",
					  ps->tok.t, ps->tok.line);
				err = 0;
				break;
			}
			if (bits < 64 && v >> bits) {
				dts_issue(p, "a number too large for its cell", ps->tok.t, ps->tok.line);
				break;
			}
			if (bits == 64) {
				err = dts_push_cell(ps, p, (unsigned int)(v >> 32));
				if (!err)
					err = dts_push_cell(ps, p, (unsigned int)v);
			} else if (bits == 32) {
				err = dts_push_cell(ps, p, (unsigned int)v);
			} else {
				dts_issue(p, "cells narrower than 32 bits", ps->tok.t, ps->tok.line);
			}
			break;
		case DTS_CHAR:
			dts_issue(p, "a character literal", ps->tok.t, ps->tok.line);
			break;
		case DTS_REF:
			dts_issue(p, "a reference", ps->tok.t, ps->tok.line);
			break;
		case DTS_LABEL:
			break;
		case DTS_PUNCT:
			if (dts_punct(ps, '(')) {
				err = dts_expression(ps, p);
				continue;
			}
			/* fall through */
		default:
			if (ps->tok.kind == DTS_EOF || dts_punct(ps, ';') || dts_punct(ps, '{') ||
			    dts_punct(ps, '}'))
				return layout_fail_at(&ps->b, line, EINVAL, "'<' never closed by '>'");
			return layout_fail_at(&ps->b, ps->tok.line, EINVAL, "'%s' in cells",
					      dts_what(ps, q, sizeof(q)));
		}
		if (!err)
			err = dts_next(ps);
	}
	return err ? err : dts_next(ps);
}

/* "[00 11 22]"; the token is at the '['. */
static int dts_bytes(struct dts_parser *ps, struct dts_prop *p)
{
	struct layout_text t = ps->tok.t;
	unsigned int line = ps->tok.line;
	int err = dts_next(ps);

	while (!err && !dts_punct(ps, ']')) {
		if (ps->tok.kind != DTS_NAME && ps->tok.kind != DTS_LABEL)
			return layout_fail_at(&ps->b, line, EINVAL, "'[' never closed by ']'");
		err = dts_next(ps);
	}
	dts_issue(p, "bytes", t, line);
	return err ? err : dts_next(ps);
}

/* One value of a property, the token at its start. */
static int dts_value(struct dts_parser *ps, struct dts_prop *p)
{
	char q[LAYOUT_QUOTE_BUF];
	unsigned long long bits = 32;
	int err = 0;

	while (!err && ps->tok.kind == DTS_LABEL)
		err = dts_next(ps);
	if (err)
		return err;
	switch (ps->tok.kind) {
	case DTS_STRING:
		if (!p->has_string) {
			p->string = ps->tok.t;
			p->has_string = 1;
		}
		dts_issue(p, "a string", ps->tok.t, ps->tok.line);
		err = dts_next(ps);
		break;
	case DTS_REF:
		dts_issue(p, "a reference", ps->tok.t, ps->tok.line);
		err = dts_next(ps);
		break;
	case DTS_DIRECTIVE:
		if (!layout_equals(ps->tok.t, "/bits/"))
			goto bad;
		err = dts_next(ps);
		if (!err && (ps->tok.kind != DTS_NAME || dts_number(ps->tok.t, &bits) ||
			     (bits != 8 && bits != 16 && bits != 32 && bits != 64)))
			return layout_fail_at(&ps->b, ps->tok.line, EINVAL,
					      "/bits/ takes 8, 16, 32 or 64, found '%s'",
					      dts_what(ps, q, sizeof(q)));
		if (!err)
			err = dts_next(ps);
		if (!err && !dts_punct(ps, '<'))
			return layout_fail_at(&ps->b, ps->tok.line, EINVAL,
					      "expected '<' after /bits/, found '%s'",
					      dts_what(ps, q, sizeof(q)));
		if (!err)
			err = dts_cells(ps, p, (unsigned int)bits);
		break;
	case DTS_PUNCT:
		if (dts_punct(ps, '<')) {
			err = dts_cells(ps, p, 32);
			break;
		}
		if (dts_punct(ps, '[')) {
			err = dts_bytes(ps, p);
			break;
		}
		/* fall through */
	default:
bad:
		return layout_fail_at(&ps->b, ps->tok.line, EINVAL,
				      "expected a value ('<cells>', '\"string\"', '[bytes]' or '&ref'), found '%s'",
				      dts_what(ps, q, sizeof(q)));
	}
	while (!err && ps->tok.kind == DTS_LABEL)
		err = dts_next(ps);
	return err;
}

/* "= value, value;" or ";" after a property's name, into @p. */
static int dts_values(struct dts_parser *ps, struct dts_prop *p)
{
	int err = 0;

	if (dts_punct(ps, ';'))
		return 0;
	err = dts_next(ps);		/* the '=' */
	while (!err) {
		err = dts_value(ps, p);
		if (err || !dts_punct(ps, ','))
			break;
		err = dts_next(ps);
	}
	return err;
}

/* A property: read into the node when it is one of ours, else checked only. */
static int dts_property(struct dts_parser *ps, int node, const struct dts_tok *name)
{
	struct dts_prop p;
	int id, err;

	memset(&p, 0, sizeof(p));
	p.line = name->line;
	err = dts_values(ps, &p);
	if (!err)
		err = dts_expect(ps, ';', "after a property");
	for (id = 0; id < DTS_NR_PROPS; id++)
		if (layout_equals(name->t, dts_prop_names[id]))
			break;
	if (err || id == DTS_NR_PROPS) {
		free(p.cells);
		return err;
	}
	err = dts_grow(ps, (void **)&ps->props, &ps->cap_props, ps->nr_props,
		       sizeof(*ps->props), DTS_NODES_MAX * DTS_NR_PROPS, "properties");
	if (err) {
		free(p.cells);
		return err;
	}
	ps->props[ps->nr_props] = p;
	ps->nodes[node].prop[id] = (int)ps->nr_props++;
	return 0;
}

/* "/delete-property/ name;" or "/delete-node/ name;" inside a node. */
static int dts_delete(struct dts_parser *ps, int node)
{
	char q[LAYOUT_QUOTE_BUF];
	int is_node = layout_equals(ps->tok.t, "/delete-node/"), err, id;

	err = dts_next(ps);
	if (err)
		return err;
	if (is_node && ps->tok.kind == DTS_REF) {
		int target;

		err = dts_resolve(ps, &ps->tok, &target);
		if (err)
			return err;
		ps->nodes[target].deleted = 1;
	} else if (ps->tok.kind == DTS_NAME) {
		if (is_node) {
			int child = dts_child(ps, node, ps->tok.t, 1);

			if (child >= 0)
				ps->nodes[child].deleted = 1;
		} else {
			for (id = 0; id < DTS_NR_PROPS; id++)
				if (layout_equals(ps->tok.t, dts_prop_names[id]))
					ps->nodes[node].prop[id] = -1;
		}
	} else {
		return layout_fail_at(&ps->b, ps->tok.line, EINVAL, "expected a name after %s, found '%s'",
				      is_node ? "/delete-node/" : "/delete-property/",
				      dts_what(ps, q, sizeof(q)));
	}
	err = dts_next(ps);
	return err ? err : dts_expect(ps, ';', "after a deletion");
}

/* "{ ... }" of @node, the token at the '{'; then the ';'. */
static int dts_body(struct dts_parser *ps, int node, unsigned int depth)
{
	char q[LAYOUT_QUOTE_BUF];
	unsigned int line = ps->tok.line;
	struct dts_tok labels[8];
	unsigned int nr_labels = 0, i;
	int err;

	if (depth > DTS_DEPTH_MAX)
		return layout_fail_at(&ps->b, line, EINVAL, "nodes nested more than %u deep",
				      DTS_DEPTH_MAX);
	err = dts_expect(ps, '{', "to open a node");
	while (!err && !dts_punct(ps, '}')) {
		struct dts_tok name = ps->tok;

		if (ps->tok.kind == DTS_LABEL) {
			if (nr_labels == sizeof(labels) / sizeof(labels[0]))
				return layout_fail_at(&ps->b, ps->tok.line, EINVAL,
						      "more than 8 labels on one thing");
			labels[nr_labels++] = ps->tok;
			err = dts_next(ps);
			continue;
		}
		if (ps->tok.kind == DTS_DIRECTIVE &&
		    (layout_equals(ps->tok.t, "/delete-node/") ||
		     layout_equals(ps->tok.t, "/delete-property/"))) {
			err = dts_delete(ps, node);
			nr_labels = 0;
			continue;
		}
		if (ps->tok.kind == DTS_DIRECTIVE && layout_equals(ps->tok.t, "/omit-if-no-ref/")) {
			err = dts_next(ps);
			continue;
		}
		if (ps->tok.kind == DTS_EOF)
			return layout_fail_at(&ps->b, line, EINVAL, "'{' never closed by '}'");
		if (ps->tok.kind != DTS_NAME)
			return layout_fail_at(&ps->b, ps->tok.line, EINVAL,
					      "expected a property or a node, found '%s'",
					      dts_what(ps, q, sizeof(q)));
		err = dts_next(ps);
		if (err)
			break;
		if (dts_punct(ps, '{')) {
			int child = dts_child(ps, node, name.t, 1);

			if (child < 0)
				child = dts_new_node(ps, node, name.t, name.line);
			if (child < 0)
				return child;
			for (i = 0; i < nr_labels && !err; i++)
				err = dts_add_label(ps, &labels[i], child);
			if (!err)
				err = dts_body(ps, child, depth + 1);
		} else if (dts_punct(ps, '=') || dts_punct(ps, ';')) {
			err = dts_property(ps, node, &name);
		} else {
			return layout_fail_at(&ps->b, ps->tok.line, EINVAL,
					      "expected '{', '=' or ';' after '%s'",
					      layout_quote(name.t, q, sizeof(q)));
		}
		nr_labels = 0;
	}
	if (!err)
		err = dts_next(ps);	/* the '}' */
	return err ? err : dts_expect(ps, ';', "after '}'");
}

/* The top level: directives, root blocks, &label blocks. */
static int dts_file(struct dts_parser *ps)
{
	char q[LAYOUT_QUOTE_BUF];
	int err = dts_next(ps);

	while (!err && ps->tok.kind != DTS_EOF) {
		int node;

		if (ps->tok.kind == DTS_LABEL) {
			/* "label: / { ... };" labels the root */
			err = dts_add_label(ps, &ps->tok, 0);
			if (!err)
				err = dts_next(ps);
		} else if (ps->tok.kind == DTS_SLASH) {
			err = dts_next(ps);
			if (!err)
				err = dts_body(ps, 0, 1);
		} else if (ps->tok.kind == DTS_REF) {
			err = dts_resolve(ps, &ps->tok, &node);
			if (!err)
				err = dts_next(ps);
			if (!err)
				err = dts_body(ps, node, 1);
		} else if (dts_is(ps, DTS_DIRECTIVE, "/include/")) {
			return layout_fail(&ps->b, EINVAL, "cannot follow includes: %s",
					   dts_give_source);
		} else if (dts_is(ps, DTS_DIRECTIVE, "/delete-node/")) {
			err = dts_next(ps);
			if (!err && ps->tok.kind != DTS_REF)
				return layout_fail_at(&ps->b, ps->tok.line, EINVAL,
						      "expected '&label' after /delete-node/, found '%s'",
						      dts_what(ps, q, sizeof(q)));
			if (!err)
				err = dts_resolve(ps, &ps->tok, &node);
			if (!err && node == 0)
				return layout_fail_at(&ps->b, ps->tok.line, EINVAL,
						      "cannot delete the root");
			if (!err) {
				ps->nodes[node].deleted = 1;
				err = dts_next(ps);
			}
			if (!err)
				err = dts_expect(ps, ';', "after /delete-node/");
		} else if (ps->tok.kind == DTS_DIRECTIVE) {
			/* /dts-v1/; /plugin/; /memreserve/ a b; /omit-if-no-ref/ &x; */
			unsigned int line = ps->tok.line;

			while (!err && !dts_punct(ps, ';')) {
				if (ps->tok.kind == DTS_EOF || dts_punct(ps, '{'))
					return layout_fail_at(&ps->b, line, EINVAL,
							      "expected ';' to end the directive");
				err = dts_next(ps);
			}
			if (!err)
				err = dts_next(ps);
		} else {
			return layout_fail_at(&ps->b, ps->tok.line, EINVAL,
					      "expected '/dts-v1/;', a root node '/ {' or '&label {', found '%s'",
					      dts_what(ps, q, sizeof(q)));
		}
	}
	return err;
}

/* ---- memory ---- */

static const struct dts_prop *dts_prop(const struct dts_parser *ps, int node,
				       enum dts_prop_id id)
{
	int i = ps->nodes[node].prop[id];

	return i < 0 ? NULL : &ps->props[i];
}

/* The property must be plain cells: an error naming what is not. */
static int dts_plain(struct dts_parser *ps, const struct dts_prop *p, enum dts_prop_id id)
{
	char q[LAYOUT_QUOTE_BUF];

	if (!p->issue)
		return 0;
	return layout_fail_at(&ps->b, p->issue_line, EINVAL,
			      "%s '%s' in %s: memory is read from plain numbers (dtc -O dts writes them)",
			      p->issue, layout_quote(p->issue_text, q, sizeof(q)), dts_prop_names[id]);
}

/* A one-cell property, or @def when absent. */
static int dts_u32(struct dts_parser *ps, int node, enum dts_prop_id id,
		   unsigned int def, unsigned int *v)
{
	const struct dts_prop *p = dts_prop(ps, node, id);
	int err;

	*v = def;
	if (!p)
		return 0;
	err = dts_plain(ps, p, id);
	if (err)
		return err;
	if (p->nr_cells != 1)
		return layout_fail_at(&ps->b, p->line, EINVAL, "%s has %u cells, not 1",
				      dts_prop_names[id], p->nr_cells);
	*v = p->cells[0];
	return 0;
}

/* A string property is @value (absent: @def). */
static int dts_string_is(const struct dts_parser *ps, int node, enum dts_prop_id id,
			 const char *value, int def)
{
	const struct dts_prop *p = dts_prop(ps, node, id);

	if (!p)
		return def;
	return p->has_string && layout_equals(p->string, value);
}

static int dts_available(const struct dts_parser *ps, int node)
{
	return dts_string_is(ps, node, DTS_STATUS, "okay", 1) ||
	       dts_string_is(ps, node, DTS_STATUS, "ok", 0);
}

/* #address-cells and #size-cells of @parent, as reg under it reads them. */
static int dts_cells_of(struct dts_parser *ps, int parent, unsigned int *ac,
			unsigned int *sc)
{
	int err = dts_u32(ps, parent, DTS_ADDR_CELLS, 2, ac);

	if (!err)
		err = dts_u32(ps, parent, DTS_SIZE_CELLS, 1, sc);
	if (err)
		return err;
	if (*ac < 1 || *ac > 2)
		return layout_fail_at(&ps->b, ps->props[ps->nodes[parent].prop[DTS_ADDR_CELLS]].line,
				      EINVAL, "#address-cells = <%u>: memory addresses take 1 or 2 cells",
				      *ac);
	if (*sc < 1 || *sc > 2)
		return layout_fail_at(&ps->b, ps->props[ps->nodes[parent].prop[DTS_SIZE_CELLS]].line,
				      EINVAL, "#size-cells = <%u>: memory sizes take 1 or 2 cells", *sc);
	return 0;
}

/* (address, size) pairs of @p as entries of @type on @node. */
static int dts_ranges(struct dts_parser *ps, const struct dts_prop *p, enum dts_prop_id id,
		      unsigned int ac, unsigned int sc, enum layout_type type,
		      int node, int node_given)
{
	unsigned int i, k;
	int err = dts_plain(ps, p, id);

	if (err)
		return err;
	if (p->nr_cells % (ac + sc))
		return layout_fail_at(&ps->b, p->line, EINVAL,
				      "%s has %u cells, not pairs of %u address and %u size cells",
				      dts_prop_names[id], p->nr_cells, ac, sc);
	for (i = 0; i < p->nr_cells; i += ac + sc) {
		unsigned long long base = 0, size = 0;
		struct layout_entry e;

		for (k = 0; k < ac; k++)
			base = base << 32 | p->cells[i + k];
		for (k = 0; k < sc; k++)
			size = size << 32 | p->cells[i + ac + k];
		if (!size)
			continue;
		if (size - 1 > ~0ULL - base)
			return layout_fail_at(&ps->b, p->line, EINVAL,
					      "%s 0x%llx size 0x%llx runs past the 64-bit space",
					      dts_prop_names[id], base, size);
		memset(&e, 0, sizeof(e));
		e.start = base;
		e.end = base + size - 1;
		e.type = type;
		e.node = node;
		e.node_given = node_given;
		e.line = p->line;
		err = layout_add(&ps->b, &e);
		if (err)
			return err;
	}
	return 0;
}

static int dts_is_memory(const struct dts_parser *ps, int node)
{
	struct layout_text name = ps->nodes[node].name;

	return layout_equals(name, "memory") || layout_starts_with(name, "memory@") ||
	       dts_string_is(ps, node, DTS_DEVICE_TYPE, "memory", 0);
}

/* A memory node's RAM. */
static int dts_memory(struct dts_parser *ps, int node, unsigned int ac, unsigned int sc)
{
	const struct dts_prop *reg = dts_prop(ps, node, DTS_USABLE);
	enum dts_prop_id id = DTS_USABLE;
	unsigned int nid = 0;
	int err;

	if (!reg) {
		reg = dts_prop(ps, node, DTS_REG);
		id = DTS_REG;
	}
	if (!reg)
		return 0;
	err = dts_u32(ps, node, DTS_NUMA, 0, &nid);
	if (err)
		return err;
	if (nid > INT_MAX)
		return layout_fail_at(&ps->b, dts_prop(ps, node, DTS_NUMA)->line, EINVAL,
				      "numa-node-id = <%u> is too large", nid);
	return dts_ranges(ps, reg, id, ac, sc, LAYOUT_RAM, (int)nid,
			  dts_prop(ps, node, DTS_NUMA) != NULL);
}

/* /reserved-memory's no-map children. */
static int dts_reserved(struct dts_parser *ps, int rmem)
{
	unsigned int ac, sc;
	int c, err = dts_cells_of(ps, rmem, &ac, &sc);

	for (c = ps->nodes[rmem].first_child; c >= 0 && !err; c = ps->nodes[c].next) {
		const struct dts_prop *reg = dts_prop(ps, c, DTS_REG);

		if (ps->nodes[c].deleted || !dts_available(ps, c) || !reg ||
		    !dts_prop(ps, c, DTS_NO_MAP))
			continue;
		err = dts_ranges(ps, reg, DTS_REG, ac, sc, LAYOUT_RESERVED, 0, 0);
	}
	return err;
}

/* The model string, unescaped as far as a description needs. */
static int dts_model(struct dts_parser *ps)
{
	const struct dts_prop *p = dts_prop(ps, 0, DTS_MODEL);
	int err;

	if (!p || !p->has_string)
		return 0;
	err = layout_set_string(&ps->b, &ps->b.lo.desc, p->string);
	if (!err) {
		char *s = ps->b.lo.desc, *d = s;

		for (; *s; s++) {
			if (*s == '\\' && s[1])
				s++;
			*d++ = *s;
		}
		*d = '\0';
	}
	return err;
}

static int dts_collect(struct dts_parser *ps)
{
	unsigned int ac, sc, found = 0;
	int c, err = dts_cells_of(ps, 0, &ac, &sc);

	for (c = ps->nodes[0].first_child; c >= 0 && !err; c = ps->nodes[c].next) {
		if (ps->nodes[c].deleted)
			continue;
		if (dts_is_memory(ps, c)) {
			found++;
			if (dts_available(ps, c))
				err = dts_memory(ps, c, ac, sc);
		} else if (layout_equals(ps->nodes[c].name, "reserved-memory")) {
			err = dts_reserved(ps, c);
		}
	}
	if (!err && !found)
		err = layout_fail_at(&ps->b, 0, EINVAL,
				     "no memory node (a root node named memory@... or with device_type = \"memory\")");
	if (!err)
		err = dts_model(ps);
	return err;
}

int layout_parse_dts(struct layout *lo, const char *text, size_t len,
		     const char *file, struct layout_error *err)
{
	struct layout_text root = { "", 0 };
	struct dts_parser ps;
	unsigned int i;
	int ret;

	memset(&ps, 0, sizeof(ps));
	layout_builder_init(&ps.b, LAYOUT_FORMAT_DTS, file, err);
	ps.text = text;
	ps.len = len;
	ps.line_start = 1;
	ps.b.line = 1;
	ret = dts_new_node(&ps, -1, root, 1);
	if (ret >= 0)
		ret = dts_file(&ps);
	if (!ret)
		ret = dts_collect(&ps);
	for (i = 0; i < ps.nr_props; i++)
		free(ps.props[i].cells);
	free(ps.props);
	free(ps.nodes);
	free(ps.labels);
	return layout_finish(&ps.b, ret, lo);
}
