/* Helpers shared by the cmocka unit tests (header-only, static). */
#ifndef MAHDAR_TESTUTIL_H
#define MAHDAR_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* Directory of the shared sample minutes (../shared/corpus). */
static inline const char *tu_corpus_dir(void)
{
	const char *d = getenv("MAHDAR_CORPUS");
	return d != NULL ? d : "../shared/corpus";
}

/* Root of the source tree (for tests/fixtures). */
static inline const char *tu_srcdir(void)
{
	const char *d = getenv("MAHDAR_SRCDIR");
	return d != NULL ? d : ".";
}

/* Whole file into a malloc'd buffer (NUL-terminated, *len without it); fails the test if unreadable. */
static inline char *tu_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("cannot open %s", path);
	size_t cap = 4096, n = 0;
	char *p = malloc(cap);
	size_t k;
	while ((k = fread(p + n, 1, cap - n - 1, f)) > 0) {
		n += k;
		if (cap - n - 1 == 0)
			p = realloc(p, cap *= 2);
	}
	fclose(f);
	p[n] = '\0';
	if (len)
		*len = n;
	return p;
}

static inline char *tu_corpus_file(const char *name, size_t *len)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", tu_corpus_dir(), name);
	return tu_slurp(path, len);
}

#endif
