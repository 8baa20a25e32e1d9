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

#endif
