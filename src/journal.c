/* journal: the recovery journal; see journal.h for the file.
 *
 * Data model: struct journal remembers the base (its line ids in order as
 * runs of consecutive ids, its size and hash), the doc generation written
 * last, the runs written last (so an unchanged order is written as "="),
 * and the open file with its length (a failed append is cut back to it,
 * so the file never holds half a record followed by a whole one).  A sync
 * costs one pass over the line array plus the bytes of the changed lines:
 * well under a millisecond on a 400,000-line document.  A whole text (an
 * inline base) is written by a forked child when the editor's loop asks
 * (journal_*_bg); the journal then remembers the child and the file it
 * writes, and opens that file for appending once the child is done. */
#define _POSIX_C_SOURCE 200809L

#include "mahdar/journal.h"
#include "mahdar/buf.h"
#include "mahdar/doc.h"
#include "mahdar/fio.h"
#include "mahdar/txt.h"
#include "mahdar/util.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define JOURNAL_MAGIC "mahdar-journal 1\n"
/* A journal larger than this plus four times its base is compacted. */
#define JOURNAL_COMPACT_AT ((size_t)64 << 20)
/* The hash of an inline base (not needed to read it back). */
#define JOURNAL_NO_SHA "0000000000000000000000000000000000000000000000000000000000000000"

struct journal {
	int fd;			/* the journal file, or -1 before the first change */
	off_t size;		/* its length after the last complete record */
	size_t nlines;		/* the doc's lines when last written (or at the base) */
	int wrote;		/* records were written since the base */
	int need_inline;	/* a file was dropped after records: start inline */
	int attrs;		/* item data was written since the base: write it every sync */
	size_t base_size;
	char sha[65];
	pid_t child;		/* writing a whole text (journal_base_inline_bg), or 0 */
	int child_failed;	/* the last one failed: the next whole text is written here */
	char *child_path;	/* the file it writes */
};

struct journal *journal_new(void)
{
	struct journal *j = xcalloc(1, sizeof *j);
	j->fd = -1;
	return j;
}

static void journal_close(struct journal *j)
{
	if (j->fd >= 0)
		close(j->fd);
	j->fd = -1;
}

/* The child writing a whole text: 1 while it runs (without block); else 0,
 * its file open for appending — or, when it failed, the next sync
 * writing the whole text again itself (and saying why it cannot). */
static int journal_wait(struct journal *j, int block)
{
	if (j->child <= 0)
		return 0;
	int status;
	pid_t r;
	do
		r = waitpid(j->child, &status, block ? 0 : WNOHANG);
	while (r < 0 && errno == EINTR);
	if (r == 0)
		return 1;
	j->child = 0;
	int ok = r > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
	struct stat st;
	if (ok && (j->fd = open(j->child_path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW)) >= 0 &&
	    fstat(j->fd, &st) == 0) {
		j->size = st.st_size;
		j->wrote = 1;
	} else {
		journal_close(j);
		j->need_inline = j->child_failed = 1;
	}
	free(j->child_path);
	j->child_path = NULL;
	return 0;
}

void journal_free(struct journal *j)
{
	if (j == NULL)
		return;
	journal_wait(j, 1);
	journal_close(j);
	free(j);
}

void journal_detach(struct journal *j)
{
	journal_wait(j, 1);
	journal_close(j);
	/* Because what changed before is no longer anywhere but in the
	 * document, a new file starts from its whole text. */
	j->need_inline = j->wrote;
}

int journal_started(const struct journal *j)
{
	return j != NULL && j->fd >= 0;
}

void journal_base(struct journal *j, struct doc *d, size_t size, const char *sha)
{
	journal_wait(j, 1);
	journal_close(j);
	doc_mark_clear(d);
	j->nlines = d->nlines;
	j->wrote = j->need_inline = j->attrs = j->child_failed = 0;
	j->base_size = size;
	snprintf(j->sha, sizeof j->sha, "%s", sha);
}

/* The header of a new journal, with the base text when inline. */
static void journal_put_head(const struct journal *j, struct buf *b, const char *text)
{
	buf_puts(b, JOURNAL_MAGIC);
	buf_printf(b, "B %zu %s %d\n", j->base_size, j->sha, text != NULL);
	if (text != NULL)
		buf_append(b, text, j->base_size);
}

static int journal_append(struct journal *j, const struct buf *b, const char *path, char **cause);

static size_t journal_strlen(const char *s)
{
	return s != NULL ? strlen(s) : 0;
}

/* The "A" record: every line's item data, as it is now. */
static void journal_put_attrs(struct buf *b, const struct doc *d)
{
	buf_printf(b, "A %zu\n", d->nattrs);
	for (size_t k = 0; k < d->nattrs; k++) {
		size_t i = d->attrs[k].line;
		const struct doc_attr *a = d->attrs[k].a;
		buf_printf(b, "I %zu %d %zu %zu %zu\n", i, a->status, journal_strlen(a->id), journal_strlen(a->from),
			   journal_strlen(a->stamp));
		buf_puts(b, a->id != NULL ? a->id : "");
		buf_puts(b, a->from != NULL ? a->from : "");
		buf_puts(b, a->stamp != NULL ? a->stamp : "");
		buf_putc(b, '\n');
	}
	buf_puts(b, "E\n");
}

/* Write a new journal file holding b (atomically, 0600) and open it for
 * appending. */
static int journal_create(struct journal *j, const char *path, const struct buf *b, char **cause)
{
	journal_close(j);
	fio_ignore_sigxfsz();
	/* Not through a temporary and an fsync, which would make the
	 * first key after a save wait for the disk: the flush comes after,
	 * off the main loop, and a copy cut short reads as no copy. */
	j->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (j->fd < 0) {
		util_set_cause(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	j->size = 0;
	if (fchmod(j->fd, 0600) < 0 || journal_append(j, b, path, cause) < 0) {
		if (cause != NULL && *cause == NULL)
			util_set_cause(cause, "%s: %s", path, strerror(errno));
		journal_close(j);
		unlink(path);
		return -1;
	}
	return 0;
}

int journal_base_inline(struct journal *j, struct doc *d, const char *path, char **cause)
{
	journal_wait(j, 1);
	size_t len;
	char *text = txt_write(d, &len);
	int attrs = j->attrs || d->attrs_changed;
	journal_base(j, d, len, JOURNAL_NO_SHA);
	struct buf b = BUF_INIT;
	journal_put_head(j, &b, text);
	free(text);
	if (attrs) {	/* the base is the text alone: the items' data follows it */
		buf_puts(&b, "S 0 0 0\nE\n");
		journal_put_attrs(&b, d);
		j->attrs = 1;
		d->attrs_changed = 0;
	}
	/* Atomically: the journal it replaces may hold the only copy of
	 * words (a restore, a compaction). */
	int r = fio_write_mode(path, b.s, b.len, 0600, cause);
	if (r == 0) {
		j->fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW);
		if (j->fd < 0) {
			util_set_cause(cause, "%s: %s", path, strerror(errno));
			r = -1;
		}
		j->size = (off_t)b.len;
	}
	if (r < 0)
		j->need_inline = 1;	/* the next sync tries the whole text again */
	buf_free(&b);
	return r;
}

int journal_base_inline_bg(struct journal *j, struct doc *d, const char *path, char **cause)
{
	journal_wait(j, 1);
	/* Because serialising 20 MB and writing it with its fsync takes
	 * the loop 25-80 ms, a child writes it from its copy-on-write view
	 * of the document as it is now; what changes meanwhile stays marked
	 * in d for the first sync after it. */
	pid_t pid = fork();
	if (pid < 0)
		return journal_base_inline(j, d, path, cause) < 0 ? -1 : 0;
	if (pid == 0) {
		util_set_oom_hook(NULL);	/* the terminal is the parent's */
		signal(SIGHUP, SIG_IGN);	/* a closed terminal: finish the copy */
		signal(SIGTERM, SIG_IGN);
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		_exit(journal_base_inline(j, d, path, NULL) == 0 ? 0 : 1);
	}
	/* What the child's journal_base_inline() does to its copies. */
	int attrs = j->attrs || d->attrs_changed;
	journal_base(j, d, 0, JOURNAL_NO_SHA);
	if (attrs) {
		j->attrs = 1;
		d->attrs_changed = 0;
	}
	j->child = pid;
	j->child_path = xstrdup(path);
	return JOURNAL_PENDING;
}

/* A flush is running (one at a time: a write waits for a flush of the
 * same file, so flushes must not pile up behind fast syncs). */
static _Atomic int journal_flushing;

/* fdatasync() a descriptor (a dup of the journal's), off the main loop. */
static void *journal_flusher(void *arg)
{
	int fd = (int)(intptr_t)arg;
	fdatasync(fd);
	close(fd);
	journal_flushing = 0;
	return NULL;
}

/* Because a record must also survive a power cut, but a key typed while
 * the disk flushes must not wait: the flush runs in a short-lived thread
 * (a kill -9 needs none: what was written is in the kernel already). */
static void journal_flush(struct journal *j)
{
	if (journal_flushing)
		return;	/* the next sync flushes this record too */
	int fd = dup(j->fd);
	if (fd < 0)
		return;
	journal_flushing = 1;
	pthread_t t;
	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &a, journal_flusher, (void *)(intptr_t)fd) != 0) {
		close(fd);
		journal_flushing = 0;
	}
	pthread_attr_destroy(&a);
}

/* Append b to the open journal; a failure cuts the file back, so that a
 * half record is never followed by a whole one. */
static int journal_append(struct journal *j, const struct buf *b, const char *path, char **cause)
{
	const char *p = b->s;
	size_t left = b->len;
	while (left > 0) {
		ssize_t w = write(j->fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = w < 0 ? errno : ENOSPC;
			util_set_cause(cause, "%s: %s", path, strerror(e));
			if (ftruncate(j->fd, j->size) < 0)
				journal_close(j);
			errno = e;
			return -1;
		}
		p += w;
		left -= (size_t)w;
	}
	j->size += (off_t)b->len;
	journal_flush(j);
	return 0;
}

/* Is the whole text due (a new start, or compacted once the journal is
 * far larger than the text it stands for)? */
static int journal_whole_due(const struct journal *j, const struct doc *d)
{
	return (j->fd < 0 && j->need_inline) ||
	       (j->fd >= 0 && (size_t)j->size > JOURNAL_COMPACT_AT + 4 * j->base_size && d->marked);
}

int journal_sync_bg(struct journal *j, struct doc *d, const char *path, char **cause)
{
	if (journal_wait(j, 0))
		return JOURNAL_PENDING;
	if (journal_whole_due(j, d) && !j->child_failed)
		return journal_base_inline_bg(j, d, path, cause);
	return journal_sync(j, d, path, cause);
}

int journal_sync(struct journal *j, struct doc *d, const char *path, char **cause)
{
	journal_wait(j, 1);
	if (journal_whole_due(j, d))
		return journal_base_inline(j, d, path, cause) < 0 ? -1 : (j->wrote = 1, 0);
	if (!d->marked && !d->attrs_changed && j->fd >= 0)
		return 0;
	int attrs = j->attrs || d->attrs_changed;
	/* The marked lines replace what was there: the lines after them are
	 * the same as after the old range. */
	size_t lo = d->marked ? d->mark_lo : 0, hi = d->marked ? d->mark_hi : 0;
	size_t old_hi = hi + j->nlines - d->nlines;
	struct buf b = BUF_INIT;
	if (j->fd < 0)
		journal_put_head(j, &b, NULL);
	buf_printf(&b, "S %zu %zu %zu\n", lo, old_hi, hi - lo);
	for (size_t i = lo; i < hi; i++) {
		const struct doc_line *l = &d->lines[i];
		buf_printf(&b, "L %d %zu\n", l->eol, (size_t)l->len);
		buf_append(&b, doc_line_str(d, l), l->len);
		buf_putc(&b, '\n');
	}
	buf_puts(&b, "E\n");
	if (attrs)
		journal_put_attrs(&b, d);
	int r = j->fd < 0 ? journal_create(j, path, &b, cause) : journal_append(j, &b, path, cause);
	if (r == 0) {
		doc_mark_clear(d);
		j->nlines = d->nlines;
		j->wrote = 1;
		j->attrs = attrs;
		d->attrs_changed = 0;
	}
	buf_free(&b);
	return r;
}

/* ------------------------------------------------------------ reading */

/* A cursor over the journal's bytes. */
struct journal_in {
	const char *p, *end;
};

/* The next line (without its '\n') into [*s, *s + *n); 0 at the end or
 * when the line is not complete. */
static int journal_line(struct journal_in *in, const char **s, size_t *n)
{
	const char *nl = memchr(in->p, '\n', (size_t)(in->end - in->p));
	if (nl == NULL)
		return 0;
	*s = in->p;
	*n = (size_t)(nl - in->p);
	in->p = nl + 1;
	return 1;
}

/* Numbers on one line, after its tag: "T n n n"; returns how many were read. */
static int journal_nums(const char *s, size_t n, unsigned long long *v, int max)
{
	char tmp[128];
	if (n >= sizeof tmp)
		return 0;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	int k = 0;
	char *p = tmp;
	while (k < max && *p != '\0') {
		while (*p == ' ')
			p++;
		if (*p < '0' || *p > '9')
			break;
		char *e;
		errno = 0;
		v[k++] = strtoull(p, &e, 10);
		if (errno != 0)
			return 0;
		p = e;
	}
	return k;
}

/* A line of the text being rebuilt. */
struct journal_line {
	const char *s;
	size_t len;
	int eol;
};

/* The header line "B size sha inline" at in: 1 and *h. */
static int journal_head_line(struct journal_in *in, struct journal_head *h)
{
	const char *s;
	size_t n;
	char tmp[160];
	int inl;
	if (!journal_line(in, &s, &n) || n >= sizeof tmp)
		return 0;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (sscanf(tmp, "B %zu %64s %d", &h->base_size, h->base_sha, &inl) != 3 || strlen(h->base_sha) != 64)
		return 0;
	h->inline_base = inl == 1;
	return 1;
}

int journal_head(const char *data, size_t len, struct journal_head *h)
{
	size_t m = strlen(JOURNAL_MAGIC);
	if (len < m || memcmp(data, JOURNAL_MAGIC, m) != 0)
		return 0;
	struct journal_in in = {data + m, data + len};
	return journal_head_line(&in, h);
}

/* One whole record at *in ("S lo old_hi n", n lines, "E"): 1 and the
 * record applied to *v (*n lines), or 0 (in and v untouched) when the
 * record is cut short or does not fit. */
static int journal_record(struct journal_in *in, struct journal_line **v, size_t *n, size_t *cap)
{
	struct journal_in at = *in;
	const char *s;
	size_t len;
	unsigned long long h[3], l[2];
	if (!journal_line(&at, &s, &len) || len < 2 || s[0] != 'S' || journal_nums(s + 1, len - 1, h, 3) != 3 ||
	    h[0] > h[1] || h[1] > *n || h[2] > (unsigned long long)(at.end - at.p))
		return 0;
	struct journal_line *nw = xcalloc((size_t)h[2] + 1, sizeof *nw);
	for (size_t i = 0; i < h[2]; i++) {
		if (!journal_line(&at, &s, &len) || len < 2 || s[0] != 'L' || journal_nums(s + 1, len - 1, l, 2) != 2 ||
		    l[1] >= (unsigned long long)(at.end - at.p) || at.p[l[1]] != '\n') {
			free(nw);
			return 0;
		}
		nw[i] = (struct journal_line){at.p, (size_t)l[1], (int)l[0]};
		at.p += l[1] + 1;
	}
	if (!journal_line(&at, &s, &len) || len != 1 || s[0] != 'E') {
		free(nw);
		return 0;
	}
	size_t lo = (size_t)h[0], old_hi = (size_t)h[1], add = (size_t)h[2];
	size_t nn = *n - (old_hi - lo) + add;
	*v = xgrow(*v, cap, nn + 1, sizeof **v);
	memmove(*v + lo + add, *v + old_hi, (*n - old_hi) * sizeof **v);
	memcpy(*v + lo, nw, add * sizeof *nw);
	*n = nn;
	free(nw);
	*in = at;
	return 1;
}

/* One whole "A" record at *in: 1 and where its entries start (*at) and
 * how many there are (*n), in moved past it; 0 (in untouched) when it is
 * cut short or malformed. */
static int journal_attr_record(struct journal_in *in, const char **at, size_t *n)
{
	struct journal_in p = *in;
	const char *s;
	size_t len;
	unsigned long long cnt, e[5];
	if (!journal_line(&p, &s, &len) || len < 2 || s[0] != 'A' || journal_nums(s + 1, len - 1, &cnt, 1) != 1 ||
	    cnt > (unsigned long long)(p.end - p.p))
		return 0;
	const char *first = p.p;
	for (unsigned long long i = 0; i < cnt; i++) {
		if (!journal_line(&p, &s, &len) || len < 2 || s[0] != 'I' || journal_nums(s + 1, len - 1, e, 5) != 5)
			return 0;
		unsigned long long bytes = e[2] + e[3] + e[4];
		if (e[2] > (size_t)-1 / 4 || e[3] > (size_t)-1 / 4 || e[4] > (size_t)-1 / 4 ||
		    bytes >= (unsigned long long)(p.end - p.p) || p.p[bytes] != '\n')
			return 0;
		p.p += bytes + 1;
	}
	if (!journal_line(&p, &s, &len) || len != 1 || s[0] != 'E')
		return 0;
	*at = first;
	*n = (size_t)cnt;
	*in = p;
	return 1;
}

/* The n entries of a whole "A" record, in [at, end) (already checked by
 * journal_attr_record()). */
static struct journal_attr *journal_attrs_read(const char *at, const char *end, size_t n)
{
	struct journal_attr *v = xcalloc(n + 1, sizeof *v);
	struct journal_in p = {at, end};
	for (size_t i = 0; i < n; i++) {
		const char *s = NULL;
		size_t len = 0;
		unsigned long long e[5] = {0};
		if (!journal_line(&p, &s, &len) || len < 2 || journal_nums(s + 1, len - 1, e, 5) != 5)
			break;
		v[i].line = (size_t)e[0];
		v[i].status = (int)e[1];
		char **dst[3] = {&v[i].id, &v[i].from, &v[i].stamp};
		for (int k = 0; k < 3; k++) {
			/* A NUL never comes from mahdar: such a field is left out. */
			size_t fl = (size_t)e[2 + k];
			*dst[k] = fl > 0 && memchr(p.p, '\0', fl) == NULL ? xstrndup(p.p, fl) : NULL;
			p.p += e[2 + k];
		}
		p.p++;	/* the newline */
	}
	return v;
}

void journal_attrs_free(struct journal_attr *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].id);
		free(v[i].from);
		free(v[i].stamp);
	}
	free(v);
}

int journal_replay(const char *data, size_t len, const char *base, size_t base_len, char **text,
		   size_t *tlen, char **cause)
{
	return journal_replay_attrs(data, len, base, base_len, text, tlen, NULL, NULL, cause);
}

int journal_replay_attrs(const char *data, size_t len, const char *base, size_t base_len, char **text,
			 size_t *tlen, struct journal_attr **attrs, size_t *nattrs, char **cause)
{
	struct journal_head h;
	struct journal_in in = {data + strlen(JOURNAL_MAGIC), data + len};
	if (!journal_head(data, len, &h) || !journal_head_line(&in, &h)) {
		util_set_cause(cause, "not a recovery journal");
		return -1;
	}
	if (h.inline_base) {
		if ((size_t)(in.end - in.p) < h.base_size) {
			util_set_cause(cause, "the recovery journal is damaged (its text is cut short)");
			return -1;
		}
		base = in.p;
		base_len = h.base_size;
		in.p += h.base_size;
	}
	/* The base's lines, split as txt_read() splits them. */
	struct doc *bd = txt_read(base, base_len);
	struct journal_line *v = NULL;
	size_t n = bd->nlines, cap = 0;
	v = xgrow(v, &cap, n + 1, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = (struct journal_line){doc_line_text(bd, i), bd->lines[i].len, bd->lines[i].eol};
	/* The whole records, in order; one cut short by a crash ends it. */
	const char *last_a = NULL, *last_end = NULL, *at;
	size_t last_n = 0, an;
	for (;;) {
		if (journal_record(&in, &v, &n, &cap))
			continue;
		if (!journal_attr_record(&in, &at, &an))
			break;
		last_a = at, last_n = an, last_end = in.p;
	}
	if (attrs != NULL) {
		*attrs = last_a != NULL ? journal_attrs_read(last_a, last_end, last_n) : NULL;
		*nattrs = last_a != NULL ? last_n : 0;
	}
	struct buf out = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		buf_append(&out, v[i].s, v[i].len);
		if (v[i].eol == DOC_EOL_CRLF)
			buf_puts(&out, "\r\n");
		else if (v[i].eol == DOC_EOL_LF)
			buf_putc(&out, '\n');
	}
	*text = buf_steal(&out, tlen);
	free(v);
	doc_free(bd);
	return 0;
}
