/* archive: a folder of minutes.
 *
 * Data model: an array of entries, one per text file, each a summary of
 * the document (see archive.h).  A scan walks the folder (opendir/readdir,
 * depth-first, hidden entries skipped), takes each "*.txt" file's summary
 * from the cache when the file and its sidecar still have the size and
 * modification time recorded there, else opens it (store_open: text and
 * sidecar, for the actions' status) and summarises it.
 *
 * The cache is a text file, one line per file (by its absolute name, so
 * that scans of different folders, or of one folder by different names,
 * share it):
 *   path TAB size TAB mtime TAB side_size TAB side_mtime TAB date_iso TAB
 *   calendar TAB lang TAB actions TAB open TAB title TAB date
 * with backslash, tab and newline written \\ \t \n.  Because it is only a
 * cache, a line that does not read is ignored and the file is read again;
 * it is rewritten atomically after a scan that read anything. */
#include "mahdar/archive.h"
#include "mahdar/buf.h"
#include "mahdar/doc.h"
#include "mahdar/fio.h"
#include "mahdar/fold.h"
#include "mahdar/side.h"
#include "mahdar/store.h"
#include "mahdar/util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void archive_entry_free(struct archive_entry *e)
{
	free(e->path);
	free(e->key);
	free(e->title);
	free(e->date);
	free(e->date_iso);
}

void archive_free(struct archive *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->n; i++)
		archive_entry_free(&a->v[i]);
	free(a->v);
	free(a);
}

char *archive_cache_path(void)
{
	const char *x = getenv("XDG_CACHE_HOME");
	if (x != NULL && x[0] == '/')
		return xasprintf("%s/mahdar/archive.tsv", x);
	const char *h = getenv("HOME");
	if (h != NULL && h[0] != '\0')
		return xasprintf("%s/.cache/mahdar/archive.tsv", h);
	return NULL;
}

static int archive_cmp(const void *pa, const void *pb)
{
	const struct archive_entry *a = pa, *b = pb;
	int ha = a->date_iso[0] != '\0', hb = b->date_iso[0] != '\0';
	if (ha != hb)
		return hb - ha;	/* dated first */
	int c = strcmp(a->date_iso, b->date_iso);
	return c != 0 ? c : strcmp(a->path, b->path);
}

void archive_sort(struct archive *a)
{
	if (a->n > 1)
		qsort(a->v, a->n, sizeof *a->v, archive_cmp);
}

/* ------------------------------------------------------------ the cache */

struct archive_cache {
	struct archive_entry *v;
	size_t n, cap;
};

static void archive_put_field(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			buf_puts(b, "\\\\");
		else if (*s == '\t')
			buf_puts(b, "\\t");
		else if (*s == '\n')
			buf_puts(b, "\\n");
		else
			buf_putc(b, *s);
	}
}

/* The next field of the line at *p (up to a tab or the end), unescaped.
 * Caller frees. */
static char *archive_get_field(const char **p, const char *end)
{
	struct buf b = BUF_INIT;
	const char *s = *p;
	while (s < end && *s != '\t') {
		if (*s == '\\' && s + 1 < end) {
			s++;
			buf_putc(&b, *s == 't' ? '\t' : *s == 'n' ? '\n' : *s);
		} else {
			buf_putc(&b, *s);
		}
		s++;
	}
	*p = s < end ? s + 1 : s;
	if (b.s == NULL)
		return xstrdup("");
	return buf_steal(&b, NULL);
}

static void archive_cache_read(const char *path, struct archive_cache *c)
{
	char *data = NULL, *cause = NULL;
	size_t len;
	if (path == NULL || fio_read(path, &data, &len, &cause) < 0) {
		free(cause);
		return;
	}
	const char *s = data, *end = data + len;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *le = nl != NULL ? nl : end;
		char *f[13];
		const char *p = s;
		for (int k = 0; k < 13; k++)
			f[k] = archive_get_field(&p, le);
		if (f[0][0] != '\0' && f[12] != NULL) {
			c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
			struct archive_entry *e = &c->v[c->n++];
			memset(e, 0, sizeof *e);
			e->key = f[0];
			e->size = strtoll(f[1], NULL, 10);
			e->mtime = strtoll(f[2], NULL, 10);
			e->side_size = strtoll(f[3], NULL, 10);
			e->side_mtime = strtoll(f[4], NULL, 10);
			e->date_iso = f[5];
			e->calendar = atoi(f[6]);
			e->lang = atoi(f[7]);
			e->actions = (size_t)strtoul(f[8], NULL, 10);
			e->open = (size_t)strtoul(f[9], NULL, 10);
			e->title = f[10];
			e->date = f[11];
			for (int k = 1; k < 10; k++)
				if (k != 5)
					free(f[k]);
			free(f[12]);
		} else {
			for (int k = 0; k < 13; k++)
				free(f[k]);
		}
		s = le + 1;
	}
	free(data);
}

static void archive_cache_line(struct buf *b, const struct archive_entry *e)
{
	archive_put_field(b, e->key);
	buf_printf(b, "\t%lld\t%lld\t%lld\t%lld\t", e->size, e->mtime, e->side_size, e->side_mtime);
	archive_put_field(b, e->date_iso);
	buf_printf(b, "\t%d\t%d\t%zu\t%zu\t", e->calendar, e->lang, e->actions, e->open);
	archive_put_field(b, e->title);
	buf_putc(b, '\t');
	archive_put_field(b, e->date);
	buf_puts(b, "\t\n");
}

/* Does a hold path? */
static int archive_has(const struct archive *a, const char *path)
{
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].key, path) == 0)
			return 1;
	return 0;
}

/* The cache: this scan's files, then what the old cache knew of files
 * elsewhere (other folders scanned before) and that still exist. */
static void archive_cache_write(const char *path, const struct archive *a, const struct archive_cache *c)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < a->n; i++)
		archive_cache_line(&b, &a->v[i]);
	for (size_t i = 0; i < c->n; i++)
		if (!archive_has(a, c->v[i].key) && fio_exists(c->v[i].key))
			archive_cache_line(&b, &c->v[i]);
	/* The folder of the cache, once; a cache that cannot be written is
	 * no error (the next scan reads the files again). */
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash != NULL && slash != dir) {
		*slash = '\0';
		char *p2 = strrchr(dir, '/');
		if (p2 != NULL && p2 != dir) {
			*p2 = '\0';
			mkdir(dir, 0700);
			*p2 = '/';
		}
		mkdir(dir, 0700);
	}
	free(dir);
	char *cause = NULL;
	fio_write_atomic(path, b.s != NULL ? b.s : "", b.len, &cause);
	free(cause);
	buf_free(&b);
}

/* The cached entry for path with these stamps, or NULL. */
static struct archive_entry *archive_cache_find(struct archive_cache *c, const struct archive_entry *e)
{
	for (size_t i = 0; i < c->n; i++) {
		struct archive_entry *k = &c->v[i];
		if (strcmp(k->key, e->key) == 0 && k->size == e->size &&
		    k->mtime == e->mtime && k->side_size == e->side_size && k->side_mtime == e->side_mtime)
			return k;
	}
	return NULL;
}

/* ------------------------------------------------------------ scanning */

static void archive_summarise(struct archive_entry *e)
{
	struct store_info info = { 0 };
	char *cause = NULL;
	struct doc *d = store_open(e->path, 0, &info, &cause);
	free(cause);
	store_info_free(&info);
	const struct doc_field *f = d != NULL ? doc_field_get(d, DOC_KEY_DATE) : NULL;
	e->title = xstrdup(d != NULL && d->title != NULL ? d->title : "");
	e->date = xstrdup(f != NULL ? f->value : "");
	e->date_iso = xstrdup(d != NULL && d->date_iso != NULL ? d->date_iso : "");
	e->calendar = d != NULL ? d->calendar : DOC_CAL_GREGORIAN;
	e->lang = d != NULL ? doc_language(d) : DOC_LANG_NONE;
	e->actions = e->open = 0;
	for (size_t i = 0; d != NULL && i < d->nrecs; i++) {
		if (d->recs[i].kind != DOC_REC_ACTION)
			continue;
		const struct doc_attr *at = doc_attr_of(d, d->recs[i].line);
		e->actions++;
		e->open += at == NULL || at->status == DOC_ST_OPEN;
	}
	doc_free(d);
}

static int archive_is_minutes_name(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && strcmp(name + n - 4, ".txt") == 0;
}

/* Walk dir, whose absolute name is abs. */
static int archive_walk(struct archive *a, struct archive_cache *c, const char *dir, const char *abs,
			int depth, char **cause)
{
	DIR *dp = opendir(dir);
	if (dp == NULL) {
		util_set_cause(cause, "%s: %s", dir, strerror(errno));
		return -1;
	}
	struct dirent *de;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char *path = strcmp(dir, ".") == 0 ? xstrdup(de->d_name) : xasprintf("%s/%s", dir, de->d_name);
		struct stat st;
		if (stat(path, &st) != 0) {
			free(path);
			continue;
		}
		char *key = xasprintf("%s/%s", abs, de->d_name);
		if (S_ISDIR(st.st_mode)) {
			if (depth < 16)
				archive_walk(a, c, path, key, depth + 1, NULL);
			free(path);
			free(key);
			continue;
		}
		if (!S_ISREG(st.st_mode) || !archive_is_minutes_name(de->d_name)) {
			free(path);
			free(key);
			continue;
		}
		a->v = xgrow(a->v, &a->cap, a->n + 1, sizeof *a->v);
		struct archive_entry *e = &a->v[a->n++];
		memset(e, 0, sizeof *e);
		e->path = path;
		e->key = key;
		e->size = (long long)st.st_size;
		e->mtime = (long long)st.st_mtime;
		char *sp = side_path(path);
		if (stat(sp, &st) == 0) {
			e->side_size = (long long)st.st_size;
			e->side_mtime = (long long)st.st_mtime;
		}
		free(sp);
		struct archive_entry *k = archive_cache_find(c, e);
		if (k != NULL) {
			e->title = xstrdup(k->title);
			e->date = xstrdup(k->date);
			e->date_iso = xstrdup(k->date_iso);
			e->calendar = k->calendar;
			e->lang = k->lang;
			e->actions = k->actions;
			e->open = k->open;
			a->cached++;
		} else {
			archive_summarise(e);
			a->parsed++;
		}
	}
	closedir(dp);
	return 0;
}

struct archive *archive_scan(const char *dir, const char *cache, char **cause)
{
	struct archive *a = xcalloc(1, sizeof *a);
	struct archive_cache c = { 0 };
	archive_cache_read(cache, &c);
	char *abs = realpath(dir, NULL);
	int r = archive_walk(a, &c, dir, abs != NULL ? abs : dir, 0, cause);
	free(abs);
	if (r == 0) {
		archive_sort(a);
		if (cache != NULL && a->parsed > 0)
			archive_cache_write(cache, a, &c);
	}
	for (size_t i = 0; i < c.n; i++)
		archive_entry_free(&c.v[i]);
	free(c.v);
	if (r < 0) {
		archive_free(a);
		return NULL;
	}
	return a;
}

/* ------------------------------------------------------------ filters, actions */

int archive_entry_matches(const struct archive_entry *e, const struct fold_pattern *p)
{
	const char *const fields[] = { e->title, e->date, e->date_iso, e->path };
	for (size_t i = 0; i < UTIL_ARRAY_LEN(fields); i++) {
		size_t s, t;
		if (fields[i] != NULL && fold_find(p, fields[i], strlen(fields[i]), 0, &s, &t))
			return 1;
	}
	return 0;
}
