/* cli-review: the subcommands for minutes after the meeting —
 * `search`, `actions`, `finalize`, `amend`, and `new --from`'s carry-over.
 *
 * A folder argument is read through the archive module (every minutes
 * file under it, in meeting-date order); file arguments are taken as
 * given.  Matching (search, --owner) is the editor's script-aware fold. */
#include "mahdar/cli.h"
#include "mahdar/archive.h"
#include "mahdar/buf.h"
#include "mahdar/date.h"
#include "mahdar/doc.h"
#include "mahdar/fold.h"
#include "mahdar/review.h"
#include "mahdar/side.h"
#include "mahdar/store.h"
#include "mahdar/txt.h"
#include "mahdar/util.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The minutes files named by args (folders expanded, in date order; "."
 * when there are none), or NULL after an error message. */
static char **cli_review_files(const char *const *args, size_t nargs, size_t *n)
{
	static const char *const here[] = { "." };
	if (nargs == 0) {
		args = here;
		nargs = 1;
	}
	char **v = NULL;
	size_t cap = 0;
	*n = 0;
	char *cache = archive_cache_path();
	for (size_t i = 0; i < nargs; i++) {
		struct stat st;
		if (stat(args[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			char *cause = NULL;
			struct archive *a = archive_scan(args[i], cache, &cause);
			if (a == NULL) {
				cli_fail(cause);
				continue;
			}
			for (size_t k = 0; k < a->n; k++) {
				v = xgrow(v, &cap, *n + 2, sizeof *v);
				v[(*n)++] = xstrdup(a->v[k].path);
			}
			archive_free(a);
		} else {
			v = xgrow(v, &cap, *n + 2, sizeof *v);
			v[(*n)++] = xstrdup(args[i]);
		}
	}
	free(cache);
	if (v == NULL)
		v = xcalloc(1, sizeof *v);
	v[*n] = NULL;
	return v;
}

static void cli_review_files_free(char **v)
{
	for (size_t i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

/* A file search or actions could not read: say so, and exit 1 at the end. */
static void cli_review_fail(void *ctx, char *cause)
{
	*(int *)ctx = cli_fail(cause);
}

/* A list of rows of strings, for the --json output. */
struct cli_rows {
	char **v;
	size_t n, cap, width;
};

static void cli_rows_add(struct cli_rows *r, const char *const *row)
{
	r->v = xgrow(r->v, &r->cap, (r->n + 1) * r->width, sizeof *r->v);
	for (size_t k = 0; k < r->width; k++)
		r->v[r->n * r->width + k] = row[k] != NULL ? xstrdup(row[k]) : NULL;
	r->n++;
}

static void cli_rows_free(struct cli_rows *r)
{
	for (size_t i = 0; i < r->n * r->width; i++)
		free(r->v[i]);
	free(r->v);
}

static int cli_rows_json(const struct cli_rows *r, const char *const *keys)
{
	size_t len;
	char *js = side_list(keys, r->width, (const char *const *)r->v, r->n, &len);
	int rc = cli_json_stdout(js, len);
	free(js);
	return rc;
}

/* ------------------------------------------------------------ search */

int cli_search(int argc, char **argv)
{
	const char *pattern = NULL;
	const char **args = xcalloc((size_t)argc + 1, sizeof *args);
	size_t nargs = 0;
	int json = 0, rc = CLI_OK;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (argv[i][0] == '-' && argv[i][1] != '\0' && pattern != NULL) {
			free(args);
			return cli_usage_error(_("search: unknown option '%s'"), argv[i]);
		} else if (pattern == NULL)
			pattern = argv[i];
		else
			args[nargs++] = argv[i];
	}
	if (pattern == NULL) {
		free(args);
		return cli_usage_error("%s", _("search: what? (mahdar search PATTERN [DIR|FILE...])"));
	}
	struct fold_pattern *fp = fold_pattern_new(pattern, strlen(pattern), FOLD_LOOSE);
	if (fold_pattern_empty(fp)) {
		fold_pattern_free(fp);
		free(args);
		return cli_usage_error(_("search: '%s' has nothing to search for"), pattern);
	}
	size_t nfiles;
	char **files = cli_review_files(args, nargs, &nfiles);
	struct cli_rows rows = { .width = 5 };
	size_t hits;
	struct archive_hit *v = archive_search(files, nfiles, fp, &hits, cli_review_fail, &rc);
	for (size_t i = 0; i < hits; i++) {
		const struct archive_hit *h = &v[i];
		if (json) {
			char num[24];
			snprintf(num, sizeof num, "%zu", h->line);
			const char *row[5] = { h->path, num, h->section, h->section_key, h->text };
			cli_rows_add(&rows, row);
		} else {
			cli_printf(stdout, "%s:%zu: %s: %s\n", h->path, h->line, h->section, h->text);
		}
	}
	archive_hits_free(v, hits);
	if (json) {
		static const char *const keys[] = { "file", "#line", "section", "section_key", "text" };
		int r = cli_rows_json(&rows, keys);
		rc = r != CLI_OK ? r : rc;
	}
	cli_rows_free(&rows);
	cli_review_files_free(files);
	fold_pattern_free(fp);
	free(args);
	if (rc == CLI_OK && hits == 0)
		rc = CLI_PROBLEMS;	/* like grep: 1 when nothing matched */
	return rc;
}

/* ------------------------------------------------------------ actions */

int cli_actions(int argc, char **argv)
{
	const char **args = xcalloc((size_t)argc + 1, sizeof *args);
	size_t nargs = 0;
	int json = 0, open_only = 0, overdue = 0, rc = CLI_OK;
	const char *owner = NULL;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--json") == 0) {
			json = 1;
		} else if (strcmp(a, "--open") == 0) {
			open_only = 1;
		} else if (strcmp(a, "--overdue") == 0) {
			overdue = 1;
		} else if (strcmp(a, "--owner") == 0) {
			if (++i >= argc) {
				free(args);
				return cli_usage_error("%s", _("--owner: needs a name"));
			}
			owner = argv[i];
		} else if (a[0] == '-' && a[1] != '\0') {
			free(args);
			return cli_usage_error(_("actions: unknown option '%s'"), a);
		} else {
			args[nargs++] = a;
		}
	}
	struct fold_pattern *fp = owner != NULL ? fold_pattern_new(owner, strlen(owner), FOLD_LOOSE) : NULL;
	int y, m, dd;
	util_today(&y, &m, &dd);
	char today[16];
	snprintf(today, sizeof today, "%04d-%02d-%02d", y, m, dd);
	size_t nfiles;
	char **files = cli_review_files(args, nargs, &nfiles);
	size_t n;
	unsigned flags = (open_only ? ARCHIVE_ACT_OPEN : 0) | (overdue ? ARCHIVE_ACT_OVERDUE : 0);
	struct archive_action *v = archive_actions(files, nfiles, flags, fp, today, &n, cli_review_fail, &rc);
	struct cli_rows rows = { .width = 10 };
	for (size_t i = 0; i < n; i++) {
		const struct archive_action *a = &v[i];
		if (json) {
			char num[24];
			snprintf(num, sizeof num, "%zu", a->line);
			const char *row[10] = { a->due, a->due_iso, doc_status_name(a->status), a->owner, a->text,
						a->date_iso, a->title, a->path, num, a->from };
			cli_rows_add(&rows, row);
		} else {
			cli_printf(stdout, "%s  %s  %s: %s  (%s:%zu, %s “%s”)\n",
				   a->due_iso != NULL ? a->due_iso : a->due != NULL ? a->due : "-",
				   doc_status_name(a->status), a->owner != NULL ? a->owner : "", a->text, a->path,
				   a->line, a->date_iso != NULL ? a->date_iso : "-", a->title != NULL ? a->title : "");
		}
	}
	if (json) {
		static const char *const keys[] = { "due", "due_iso", "status", "owner", "text",
						    "meeting_date", "meeting_title", "file", "#line", "from" };
		int r = cli_rows_json(&rows, keys);
		rc = r != CLI_OK ? r : rc;
	}
	archive_actions_free(v, n);
	cli_rows_free(&rows);
	cli_review_files_free(files);
	fold_pattern_free(fp);
	free(args);
	return rc;
}

/* ------------------------------------------------------------ finalize, amend */

/* The ISO form of a date given on the command line (any form date_read
 * takes), or today's. */
static int cli_review_date(const char *s, char iso[11])
{
	if (s == NULL) {
		int y, m, d;
		util_today(&y, &m, &d);
		char buf[32];
		snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
		memcpy(iso, buf, 10);
		iso[10] = '\0';
		return 0;
	}
	struct date_value v;
	if (date_read(s, strlen(s), DOC_LANG_NONE, &v) < 0)
		return -1;
	memcpy(iso, v.iso, 11);
	return 0;
}

/* Shared by finalize and amend: FILE --by NAME [--on DATE] [--reason TEXT]. */
static int cli_review_change(int argc, char **argv, int amend)
{
	const char *path = NULL, *by = NULL, *on = NULL, *reason = NULL;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char **opt = strcmp(a, "--by") == 0 ? &by : strcmp(a, "--on") == 0 ? &on
				 : strcmp(a, "--reason") == 0 && amend ? &reason : NULL;
		if (opt != NULL) {
			if (++i >= argc)
				return cli_usage_error(_("%s: needs a value"), a);
			*opt = argv[i];
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_usage_error(_("unknown option '%s'"), a);
		} else if (path == NULL) {
			path = a;
		} else {
			return cli_usage_error(_("one file at a time ('%s' is one too many)"), a);
		}
	}
	if (path == NULL || (!amend && by == NULL) || (amend && reason == NULL))
		return cli_usage_error("%s", amend ? _("amend: mahdar amend FILE --reason TEXT [--by NAME] [--on DATE]")
						   : _("finalize: mahdar finalize FILE --by NAME [--on DATE]"));
	char iso[11];
	if (cli_review_date(on, iso) < 0)
		return cli_usage_error(_("--on: '%s' is not a date mahdar can read"), on);
	char *cause = NULL;
	struct store_info info = { 0 };
	struct doc *d = store_open(path, 0, &info, &cause);
	if (d == NULL) {
		store_info_free(&info);
		return cli_fail(cause);
	}
	int r = amend ? review_amend(d, iso, by, reason, &cause) : review_finalize(d, iso, by, &cause);
	int rc = CLI_OK;
	if (r < 0) {
		cli_printf(stderr, "mahdar: %s: %s\n", path, cause);
		free(cause);
		rc = CLI_PROBLEMS;
	} else {
		char now[32];
		util_now_iso(now);
		int s = store_save(d, &info, now, &cause);
		if (s != 0)
			rc = cli_fail(cause);
		else if (amend)
			cli_printf(stdout, _("%s: amendment of %s recorded\n"), path, iso);
		else
			cli_printf(stdout, _("%s: final, approved on %s by %s\n"), path, iso, by);
		if (s == 0)
			free(cause);
	}
	doc_free(d);
	store_info_free(&info);
	return rc;
}

int cli_finalize(int argc, char **argv)
{
	return cli_review_change(argc, argv, 0);
}

int cli_amend(int argc, char **argv)
{
	return cli_review_change(argc, argv, 1);
}

/* ------------------------------------------------------------ new --from */

struct doc *cli_review_prev(const char *path, int *lang)
{
	char *cause = NULL;
	struct store_info info = { 0 };
	struct doc *prev = store_open(path, 0, &info, &cause);
	store_info_free(&info);
	if (prev == NULL) {
		cli_fail(cause);
		return NULL;
	}
	if (*lang == DOC_LANG_NONE && doc_language(prev) != DOC_LANG_NONE)
		*lang = doc_language(prev);
	return prev;
}

void cli_review_carry(struct doc *d, struct doc *prev, const char *prev_path)
{
	const char *base = strrchr(prev_path, '/');
	base = base != NULL ? base + 1 : prev_path;
	size_t n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".txt") == 0)
		n -= 4;
	char *id = xstrndup(base, n);
	size_t k = review_carry_over(d, prev, id);
	cli_printf(stdout, _("%s: %zu open action(s) carried over\n"), prev_path, k);
	free(id);
	doc_free(prev);
}
