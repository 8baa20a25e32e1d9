/* archive-find: across minutes files — the lines matching a search and the
 * action items with their meetings.  `mahdar search` / `mahdar actions`
 * print them; the archive browser lists them.  Data model: each file is
 * opened (text and sidecar, for the statuses), read and freed in turn; the
 * results own copies of what they hold. */
#include "mahdar/archive.h"
#include "mahdar/doc.h"
#include "mahdar/fold.h"
#include "mahdar/store.h"
#include "mahdar/util.h"

#include <stdlib.h>
#include <string.h>

/* store_open() for reading; NULL after telling fail. */
static struct doc *archive_find_open(const char *path, archive_fail_fn fail, void *ctx)
{
	char *cause = NULL;
	struct store_info info = { 0 };
	struct doc *d = store_open(path, 0, &info, &cause);
	store_info_free(&info);
	if (d == NULL && fail != NULL)
		fail(ctx, cause);
	else
		free(cause);
	return d;
}

static char *archive_find_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* What a line belongs to, for "FILE:LINE: section: text". */
static const char *archive_find_section(const struct doc *d, size_t line)
{
	const struct doc_line *l = &d->lines[line];
	if (l->kind == DOC_K_TITLE)
		return "title";
	int sec = doc_line_section(d, line);
	if (sec >= 0 && d->sections[sec].heading != NULL)
		return d->sections[sec].heading;
	return l->kind == DOC_K_HEADER ? "header" : "-";
}

struct archive_hit *archive_search(char *const *files, size_t n, const struct fold_pattern *fp, size_t *nhits,
				   archive_fail_fn fail, void *ctx)
{
	struct archive_hit *v = NULL;
	size_t cap = 0;
	*nhits = 0;
	for (size_t f = 0; f < n; f++) {
		struct doc *d = archive_find_open(files[f], fail, ctx);
		if (d == NULL)
			continue;
		for (size_t i = 0; i < d->nlines; i++) {
			const struct doc_line *l = &d->lines[i];
			size_t s, e;
			if (!fold_find(fp, doc_line_str(d, l), l->len, 0, &s, &e))
				continue;
			v = xgrow(v, &cap, *nhits + 1, sizeof *v);
			v[(*nhits)++] = (struct archive_hit){
				xstrdup(files[f]), i + 1, s, xstrdup(archive_find_section(d, i)),
				archive_find_dup(doc_line_section(d, i) >= 0 ?
						 doc_sec_name(d->sections[doc_line_section(d, i)].key) : NULL),
				xstrndup(doc_line_str(d, l), l->len),
			};
		}
		doc_free(d);
	}
	return v;
}

void archive_hits_free(struct archive_hit *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].section);
		free(v[i].section_key);
		free(v[i].text);
	}
	free(v);
}

static int archive_action_cmp(const void *pa, const void *pb)
{
	const struct archive_action *a = pa, *b = pb;
	int ha = a->due_iso != NULL, hb = b->due_iso != NULL;
	if (ha != hb)
		return hb - ha;	/* with a due date first */
	int c = ha ? strcmp(a->due_iso, b->due_iso) : 0;
	if (c == 0)
		c = strcmp(a->date_iso != NULL ? a->date_iso : "~", b->date_iso != NULL ? b->date_iso : "~");
	if (c == 0)
		c = strcmp(a->path, b->path);
	return c != 0 ? c : (a->line > b->line) - (a->line < b->line);
}

struct archive_action *archive_actions(char *const *files, size_t n, unsigned flags, const struct fold_pattern *owner,
				       const char *today, size_t *nact, archive_fail_fn fail, void *ctx)
{
	struct archive_action *v = NULL;
	size_t cap = 0;
	*nact = 0;
	for (size_t f = 0; f < n; f++) {
		struct doc *d = archive_find_open(files[f], fail, ctx);
		if (d == NULL)
			continue;
		for (size_t i = 0; i < d->nrecs; i++) {
			const struct doc_rec *r = &d->recs[i];
			if (r->kind != DOC_REC_ACTION)
				continue;
			const struct doc_attr *at = doc_attr_of(d, r->line);
			int st = at != NULL ? at->status : DOC_ST_OPEN;
			size_t s, e;
			if ((flags & (ARCHIVE_ACT_OPEN | ARCHIVE_ACT_OVERDUE)) && st != DOC_ST_OPEN)
				continue;
			if ((flags & ARCHIVE_ACT_OVERDUE) && (r->due_iso == NULL || strcmp(r->due_iso, today) >= 0))
				continue;
			if (owner != NULL && (r->owner == NULL || !fold_find(owner, r->owner, strlen(r->owner), 0, &s, &e)))
				continue;
			v = xgrow(v, &cap, *nact + 1, sizeof *v);
			v[(*nact)++] = (struct archive_action){
				xstrdup(files[f]), archive_find_dup(d->title), archive_find_dup(d->date_iso),
				xstrdup(r->text), archive_find_dup(r->owner), archive_find_dup(r->due),
				archive_find_dup(r->due_iso), archive_find_dup(at != NULL ? at->from : NULL),
				r->line + 1, st,
			};
		}
		doc_free(d);
	}
	if (*nact > 1)
		qsort(v, *nact, sizeof *v, archive_action_cmp);
	return v;
}

void archive_actions_free(struct archive_action *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].title);
		free(v[i].date_iso);
		free(v[i].text);
		free(v[i].owner);
		free(v[i].due);
		free(v[i].due_iso);
		free(v[i].from);
	}
	free(v);
}
