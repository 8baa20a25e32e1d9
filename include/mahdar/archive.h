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

struct fold_pattern;
/* Does the entry's title, date (as written or ISO) or file name match the
 * pattern (script-aware, fold.h)?  For a browser's filter. */
int archive_entry_matches(const struct archive_entry *e, const struct fold_pattern *p);

/* Action items across meetings (`mahdar actions`, the browser's list). */
struct archive_action {
	char *file, *title, *date_iso;	/* the meeting; title and date_iso may be NULL */
	char *text, *owner, *due, *due_iso, *from;	/* the item; all but text may be NULL */
	size_t line;			/* 1-based line in file */
	int status;			/* enum doc_status */
};
struct archive_actions {
	struct archive_action *v;
	size_t n, cap;
};
struct archive_filter {
	int open_only;			/* open ones only */
	const char *overdue_before;	/* ISO date: open ones due before it, or NULL */
	const struct fold_pattern *owner;	/* owners matching it, or NULL */
};
struct doc;
/* Add the action items of d, read from file, that pass f (NULL: all). */
void archive_actions_add(struct archive_actions *l, const struct doc *d, const char *file,
			 const struct archive_filter *f);
/* By due date (ISO; undated last), then meeting date, file and line. */
void archive_actions_sort(struct archive_actions *l);
void archive_actions_free(struct archive_actions *l);

#endif
