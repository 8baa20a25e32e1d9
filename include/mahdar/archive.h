/* archive: a folder of minutes — every minutes file under it, what its
 * header says (title, date as written and in ISO, calendar, language) and
 * how many of its actions are open, sorted by meeting date whatever the
 * calendar it was written in.  Used by `mahdar search` and `mahdar actions`
 * over a folder, and by the archive browser.
 *
 * Reading a file is cached by the size and modification time of the file
 * and of its sidecar, in a cache file (one line per file, tab-separated;
 * see archive.c), so a folder of 1,000 minutes lists in a few milliseconds
 * the second time. */
#ifndef MAHDAR_ARCHIVE_H
#define MAHDAR_ARCHIVE_H

#include <stddef.h>

struct archive_entry {
	char *path;		/* the text file, as found under the folder */
	char *title;		/* or "" */
	char *date;		/* the Date field as written, or "" */
	char *date_iso;		/* Gregorian "YYYY-MM-DD", or "" when unreadable */
	int calendar;		/* enum doc_cal */
	int lang;		/* enum doc_lang */
	size_t actions, open;	/* action items, and those still open */
	/* What the cache knows the file by: its absolute name, and stamps. */
	char *key;
	long long size, mtime, side_size, side_mtime;
};

struct archive {
	struct archive_entry *v;
	size_t n, cap;
	size_t parsed, cached;	/* how many files were read, and taken from the cache */
};

/* Every "*.txt" file under dir (subfolders too, hidden ones skipped),
 * sorted by meeting date (files without a readable date last, then by
 * path).  cache: the cache file to read and rewrite, or NULL for none.
 * NULL and *cause when dir cannot be read.  Free with archive_free(). */
struct archive *archive_scan(const char *dir, const char *cache, char **cause);
void archive_free(struct archive *a);

/* The default cache file: $XDG_CACHE_HOME/mahdar/archive.tsv, else
 * $HOME/.cache/mahdar/archive.tsv; NULL when neither is set.  Caller frees. */
char *archive_cache_path(void);

/* Sort entries by meeting date, then path. */
void archive_sort(struct archive *a);

/* ---- across the files (archive-find.c): what `mahdar search` and
 * `mahdar actions` print, and the browser lists ---- */

struct fold_pattern;

/* Does the entry's title, date (as written or ISO) or file name match the
 * pattern (script-aware, fold.h)?  For a browser's filter. */
int archive_entry_matches(const struct archive_entry *e, const struct fold_pattern *p);

/* Told about a file that could not be read (cause is the callee's to free). */
typedef void (*archive_fail_fn)(void *ctx, char *cause);

/* A line that matched a search. */
struct archive_hit {
	char *path;
	size_t line;		/* 1-based */
	size_t off;		/* byte offset of the first match in the line */
	char *section;		/* "title", the section's heading as written, "header" or "-" */
	char *section_key;	/* the known section's name ("agenda"), or NULL */
	char *text;		/* the whole line */
};

/* Every line of files[0..n) matching fp (fold_find), in file then line
 * order; *nhits gets their number.  Free with archive_hits_free(). */
struct archive_hit *archive_search(char *const *files, size_t n, const struct fold_pattern *fp, size_t *nhits,
				   archive_fail_fn fail, void *ctx);
void archive_hits_free(struct archive_hit *v, size_t n);

/* An action item with its meeting. */
struct archive_action {
	char *path, *title, *date_iso;	/* the meeting (title, date_iso may be NULL) */
	char *text, *owner, *due, *due_iso;	/* owner, due, due_iso may be NULL */
	char *from;			/* the item it carries over (sidecar "from"), or NULL */
	size_t line;			/* 1-based */
	int status;			/* enum doc_status */
};

#define ARCHIVE_ACT_OPEN	0x1u	/* only the open ones */
#define ARCHIVE_ACT_OVERDUE	0x2u	/* only open ones due before today */

/* The action items of files[0..n) that pass flags and owner (a pattern
 * the owner must match, or NULL), sorted by due date (undated last), then
 * meeting date, file and line; today: "YYYY-MM-DD".  Free with
 * archive_actions_free(). */
struct archive_action *archive_actions(char *const *files, size_t n, unsigned flags, const struct fold_pattern *owner,
				       const char *today, size_t *nact, archive_fail_fn fail, void *ctx);
void archive_actions_free(struct archive_action *v, size_t n);

#endif
