/* Running one of Unicode's conformance files (header-only, static). */
#ifndef MAHDAR_UCDTEST_H
#define MAHDAR_UCDTEST_H

#include "testutil.h"

/* Call check on every test line of path (not comments or blank lines);
 * check returns 1 when the line passes, else 0 with the reason in why.
 * Prints the first 10 failures and "NAME: passed/total passed"; fails the
 * test when the file is missing.  Stores the counts. */
static inline void ucd_run(const char *path, const char *name,
			   int (*check)(char *line, char *why, size_t whylen), size_t *total,
			   size_t *passed)
{
	FILE *f = fopen(path, "r");
	if (f == NULL)
		fail_msg("cannot open %s (Debian package unicode-data)", path);
	char line[8192], why[200];
	size_t lineno = 0;
	*total = *passed = 0;
	while (fgets(line, sizeof line, f) != NULL) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		++*total;
		if (check(line, why, sizeof why))
			++*passed;
		else if (*total - *passed <= 10)
			fprintf(stderr, "%s line %zu: %s\n", name, lineno, why);
	}
	fclose(f);
	printf("%s: %zu/%zu passed\n", name, *passed, *total);
}

#endif
