// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * dtc.c - device-tree source, compiled to a blob by dtc, then read as one
 *
 * dtc is the one reader of its grammar that is right by definition (the
 * kernel's build runs it on every .dts), so a source is handed to it
 * rather than parsed here: dtc -q -I dts -O dtb -o - - (-q: no warnings,
 * which boards' sources are full of; its errors stay), with the text on
 * its standard input through a socket (send() with MSG_NOSIGNAL: a dtc
 * that stops reading early cannot kill the caller with SIGPIPE) and the
 * blob and its complaints read back through two pipes, all three served
 * by one poll() loop so that neither side waits on a full pipe.  dtc is
 * found on PATH and started with posix_spawnp(): no shell, and nothing of
 * the input in its arguments.
 *
 * The blob then goes to layout_parse_fdt().  When dtc refuses the source,
 * its first line of complaint is the reason, and the line it names (in
 * "<stdin>:LINE.COL") is the error's line.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "layout.h"
#include "layout_internal.h"

extern char **environ;

#define DTC_FIRST_BUF	(64U << 10)	/* the blob's first buffer; doubled */
#define DTC_SAID_MAX	1024		/* of dtc's complaints, what is kept */
#define DTC_SEND_MAX	(64U << 10)	/* written at a time */

/* One run of dtc: our ends of its standard streams, -1 once closed. */
struct dtc_job {
	pid_t pid;
	int in, out, err;
	const char *text;
	size_t len, sent;
	char *blob;
	size_t blob_len, blob_cap;
	char said[DTC_SAID_MAX];
	size_t said_len;
};

static void dtc_close(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static int dtc_cloexec(int fd)
{
	int flags = fcntl(fd, F_GETFD);

	return flags < 0 || fcntl(fd, F_SETFD, flags | FD_CLOEXEC) < 0 ? -errno : 0;
}

/*
 * Start dtc on three new channels; @dir (may be NULL) is searched for
 * /include/ files.  Return: 0, or the -errno of what failed (posix_spawnp's
 * -ENOENT: no dtc on PATH).
 */
static int dtc_start(struct dtc_job *job, const char *dir)
{
	const char *argv[] = {
		"dtc", "-q", "-I", "dts", "-O", "dtb", "-o", "-", "-", NULL, NULL, NULL,
	};
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 }, i, ret = 0;
	posix_spawn_file_actions_t fa;

	if (dir) {
		/* "-i DIR -": the input stays the last argument */
		argv[8] = "-i";
		argv[9] = dir;
		argv[10] = "-";
	}
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, in) || pipe(out) || pipe(err))
		ret = -errno;
	for (i = 0; !ret && i < 2; i++) {
		ret = dtc_cloexec(in[i]);
		if (!ret)
			ret = dtc_cloexec(out[i]);
		if (!ret)
			ret = dtc_cloexec(err[i]);
	}
	if (!ret && fcntl(in[0], F_SETFL, fcntl(in[0], F_GETFL) | O_NONBLOCK) < 0)
		ret = -errno;
	if (!ret) {
		ret = -posix_spawn_file_actions_init(&fa);
		if (!ret) {
			/* dup2 clears FD_CLOEXEC on the copies: dtc keeps 0, 1, 2 only */
			ret = -posix_spawn_file_actions_adddup2(&fa, in[1], 0);
			if (!ret)
				ret = -posix_spawn_file_actions_adddup2(&fa, out[1], 1);
			if (!ret)
				ret = -posix_spawn_file_actions_adddup2(&fa, err[1], 2);
			if (!ret)
				ret = -posix_spawnp(&job->pid, "dtc", &fa, NULL,
						    (char *const *)argv, environ);
			posix_spawn_file_actions_destroy(&fa);
		}
	}
	dtc_close(&in[1]);
	dtc_close(&out[1]);
	dtc_close(&err[1]);
	if (ret) {
		dtc_close(&in[0]);
		dtc_close(&out[0]);
		dtc_close(&err[0]);
		return ret;
	}
	job->in = in[0];
	job->out = out[0];
	job->err = err[0];
	return 0;
}

/* Send dtc more of the source; close its input at the end. */
static void dtc_feed(struct dtc_job *job)
{
	size_t n = job->len - job->sent;
	ssize_t got;

	if (n > DTC_SEND_MAX)
		n = DTC_SEND_MAX;
	got = n ? send(job->in, job->text + job->sent, n, MSG_NOSIGNAL) : 0;
	if (got < 0) {
		if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)
			return;
		/* dtc stopped reading (EPIPE): it exits and says why */
		dtc_close(&job->in);
		return;
	}
	job->sent += (size_t)got;
	if (job->sent == job->len)
		dtc_close(&job->in);
}

/*
 * Read more of the blob.  The buffer grows only when full, by doubling,
 * so how often it grows depends on the blob's size alone, never on how
 * the pipe cuts it (tests fail each allocation in turn).
 */
static int dtc_take(struct dtc_job *job)
{
	ssize_t got;

	if (job->blob_len == job->blob_cap) {
		size_t cap = job->blob_cap ? job->blob_cap * 2 : DTC_FIRST_BUF;
		char *grown;

		if (job->blob_cap >= LAYOUT_FILE_MAX)
			return -EFBIG;
		grown = realloc(job->blob, cap);
		if (!grown)
			return -ENOMEM;
		job->blob = grown;
		job->blob_cap = cap;
	}
	got = read(job->out, job->blob + job->blob_len, job->blob_cap - job->blob_len);
	if (got < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : -errno;
	if (!got)
		dtc_close(&job->out);
	job->blob_len += (size_t)got;
	return 0;
}

/* Keep the first DTC_SAID_MAX - 1 bytes of dtc's complaints, drop the rest. */
static void dtc_listen(struct dtc_job *job)
{
	char drop[256];
	size_t room = sizeof(job->said) - 1 - job->said_len;
	ssize_t got;

	if (room)
		got = read(job->err, job->said + job->said_len, room);
	else
		got = read(job->err, drop, sizeof(drop));
	if (got < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (got <= 0) {
		dtc_close(&job->err);
		return;
	}
	if (room)
		job->said_len += (size_t)got;
}

/* Serve dtc's three streams until it has closed its output and errors. */
static int dtc_pump(struct dtc_job *job)
{
	if (!job->len)
		dtc_close(&job->in);
	while (job->in >= 0 || job->out >= 0 || job->err >= 0) {
		struct pollfd p[3];
		int *fd[3];
		nfds_t n = 0, k;
		int ret = 0;

		if (job->in >= 0) {
			p[n] = (struct pollfd){ .fd = job->in, .events = POLLOUT };
			fd[n++] = &job->in;
		}
		if (job->out >= 0) {
			p[n] = (struct pollfd){ .fd = job->out, .events = POLLIN };
			fd[n++] = &job->out;
		}
		if (job->err >= 0) {
			p[n] = (struct pollfd){ .fd = job->err, .events = POLLIN };
			fd[n++] = &job->err;
		}
		if (poll(p, n, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		for (k = 0; k < n && !ret; k++) {
			if (!p[k].revents)
				continue;
			if (fd[k] == &job->in)
				dtc_feed(job);
			else if (fd[k] == &job->out)
				ret = dtc_take(job);
			else
				dtc_listen(job);
		}
		if (ret)
			return ret;
	}
	return 0;
}

/* How many lines @text has, as the other parsers count them. */
static unsigned int dtc_lines(const char *text, size_t len)
{
	unsigned int lines = len && text[len - 1] != '\n';
	size_t i;

	for (i = 0; i < len; i++)
		lines += text[i] == '\n' && lines < UINT_MAX;
	return lines;
}

/* Does a line of @text start with a C preprocessor directive dtc does not run? */
static int dtc_has_cpp(const char *text, size_t len)
{
	static const char *const words[] = { "include", "define", "if", "undef", "error" };
	size_t i = 0;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len, k;

		while (i < end && layout_is_space(text[i]))
			i++;
		if (i < end && text[i] == '#') {
			struct layout_text t = { text + i + 1, end - i - 1 };

			t = layout_trim(t);
			for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
				if (layout_starts_with(t, words[k]))
					return 1;
		}
		i = end + 1;
	}
	return 0;
}

/*
 * dtc's first line of complaint as the error: "Error: <stdin>:5.56-57
 * syntax error" is "dtc: syntax error" at line 5; a place in another file
 * (after a cpp line marker) stays in the words.  Then a hint where dtc's
 * words alone would puzzle.
 */
static int dtc_refused(struct layout_builder *b, const struct dtc_job *job, int status)
{
	static const char stdin_at[] = "<stdin>:";
	const char *s = job->said, *end = job->said + job->said_len, *nl;
	const char *hint = "";
	unsigned long long at = 0;
	struct layout_text words;
	char q[96];
	size_t i;

	/* the first line that is not blank */
	for (;;) {
		nl = memchr(s, '\n', (size_t)(end - s));
		words.p = s;
		words.n = (size_t)((nl ? nl : end) - s);
		words = layout_trim(words);
		if (words.n || !nl)
			break;
		s = nl + 1;
	}
	if (layout_starts_with(words, "Error: "))
		words = layout_skip(words, 7);
	if (layout_starts_with(words, stdin_at)) {
		struct layout_text num = layout_skip(words, sizeof(stdin_at) - 1);

		/* digits past 10^8 are ignored: no text has that many lines */
		for (i = 0; i < num.n && num.p[i] >= '0' && num.p[i] <= '9'; i++)
			if (at < 100000000ULL)
				at = at * 10 + (unsigned long long)(num.p[i] - '0');
		/* past "LINE.COL-COL" and the ':' or blank after it */
		while (i < num.n && ((num.p[i] >= '0' && num.p[i] <= '9') || num.p[i] == '.' ||
				     num.p[i] == '-'))
			i++;
		if (i < num.n && num.p[i] == ':')
			i++;
		words = layout_trim(layout_skip(num, i));
		/* a cpp line marker naming <stdin> may claim any line */
		if (at > dtc_lines(job->text, job->len))
			at = 0;
	}
	if (layout_find((struct layout_text){ job->text, job->len }, 0, "/dts-v1/") < 0)
		hint = " (dtc wants '/dts-v1/;' first)";
	else if (dtc_has_cpp(job->text, job->len))
		hint = " (a cpp directive: dtc takes cpp -P output)";
	/* layout_quote() cuts at 24: dtc's words deserve more */
	for (i = 0; i < words.n && i + 4 < sizeof(q); i++) {
		unsigned char c = (unsigned char)words.p[i];

		q[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	strcpy(q + i, i < words.n ? "..." : "");
	if (WIFSIGNALED(status))
		return layout_fail_at(b, 0, EINVAL, "dtc was killed by signal %d",
				      WTERMSIG(status));
	if (!words.n)
		return layout_fail_at(b, 0, EINVAL, "dtc refused the source (exit %d) and said nothing",
				      WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return layout_fail_at(b, (unsigned int)at, EINVAL, "dtc: %s%s", q, hint);
}

/* Compile @text with dtc into job->blob.  Return: 0, -EINVAL, -ENOMEM. */
static int dtc_compile(struct layout_builder *b, struct dtc_job *job, const char *dir)
{
	int ret, status = 0;

	ret = dtc_start(job, dir);
	if (ret == -ENOENT)
		return layout_fail_at(b, 0, EINVAL,
				      "no dtc on PATH: install device-tree-compiler to read device-tree source, or give a .dtb");
	if (ret)
		return layout_fail_at(b, 0, EINVAL, "cannot run dtc: %s", strerror(-ret));
	ret = dtc_pump(job);
	dtc_close(&job->in);
	dtc_close(&job->out);
	dtc_close(&job->err);
	if (ret)
		kill(job->pid, SIGKILL);	/* ours, started above */
	while (waitpid(job->pid, &status, 0) < 0 && errno == EINTR)
		;
	if (ret == -ENOMEM)
		return layout_fail_at(b, 0, ENOMEM, "out of memory");
	if (ret == -EFBIG)
		return layout_fail_at(b, 0, EINVAL, "dtc's blob is larger than %lu MiB: not a memory map",
				      LAYOUT_FILE_MAX >> 20);
	if (ret)
		return layout_fail_at(b, 0, EINVAL, "reading from dtc: %s", strerror(-ret));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return dtc_refused(b, job, status);
	if (!job->blob_len)
		return layout_fail_at(b, 0, EINVAL, "dtc wrote no blob");
	return 0;
}

int layout_parse_dts_file(struct layout *lo, const char *text, size_t len,
			  const char *file, const char *path,
			  struct layout_error *err)
{
	struct layout_builder b;
	struct dtc_job job;
	char dir[4096];
	const char *slash = path ? strrchr(path, '/') : NULL;
	int ret;

	memset(&job, 0, sizeof(job));
	job.in = job.out = job.err = -1;
	job.text = text;
	job.len = len;
	if (path && !slash) {
		strcpy(dir, ".");
	} else if (slash && (size_t)(slash - path) < sizeof(dir)) {
		/* "/x.dts" is in "/" */
		memcpy(dir, path, (size_t)(slash - path) + (slash == path));
		dir[(size_t)(slash - path) + (slash == path)] = '\0';
	} else {
		path = NULL;
	}
	layout_builder_init(&b, LAYOUT_FORMAT_DTS, file, err);
	ret = dtc_compile(&b, &job, path ? dir : NULL);
	if (!ret) {
		ret = layout_parse_fdt(lo, job.blob, job.blob_len, file, err);
		if (!ret)
			lo->format = LAYOUT_FORMAT_DTS;
	}
	free(job.blob);
	return ret;
}

int layout_parse_dts(struct layout *lo, const char *text, size_t len,
		     const char *file, struct layout_error *err)
{
	return layout_parse_dts_file(lo, text, len, file, NULL, err);
}
