/* Benchmark: archive_scan() of 1,000 generated minutes (four languages and
 * calendars, tests/gen_minutes.py) — without a cache, writing the cache,
 * and from the cache — beside reading the same files' bytes alone (the
 * floor any listing pays).  Medians of 7 runs.  The issue asks for 1,000
 * files listed in under a second; exits 1 when a cold scan is slower. */
#define _POSIX_C_SOURCE 200809L
#include "mahdar/archive.h"
#include "mahdar/fio.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNS 7

static double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double bench_median(double *v)
{
	qsort(v, RUNS, sizeof *v, bench_cmp);
	return v[RUNS / 2];
}

/* Read every .txt file of dir: the floor. */
static void bench_read_all(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d != NULL && (de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		if (n < 5 || strcmp(de->d_name + n - 4, ".txt") != 0)
			continue;
		char path[8600], *data = NULL, *cause = NULL;
		size_t len;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (fio_read(path, &data, &len, &cause) == 0)
			free(data);
		free(cause);
	}
	if (d != NULL)
		closedir(d);
}

int main(void)
{
	const char *src = getenv("MAHDAR_SRCDIR");
	char dir[] = "/tmp/mahdar-bench-XXXXXX";
	if (mkdtemp(dir) == NULL)
		return 1;
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "python3 '%s/tests/gen_minutes.py' '%s/m' 1000", src != NULL ? src : ".", dir);
	if (system(cmd) != 0) {
		fprintf(stderr, "archive_scan: cannot generate the minutes\n");
		return 1;
	}
	char m[4200], cache[4200];
	snprintf(m, sizeof m, "%s/m", dir);
	snprintf(cache, sizeof cache, "%s/cache/mahdar/archive.tsv", dir);
	double cold[RUNS], write[RUNS], warm[RUNS], floor[RUNS];
	size_t n = 0;
	for (int r = 0; r < RUNS; r++) {
		char *cause = NULL;
		remove(cache);
		double t0 = bench_now();
		struct archive *a = archive_scan(m, NULL, &cause);
		double t1 = bench_now();
		archive_free(a);
		a = archive_scan(m, cache, &cause);
		double t2 = bench_now();
		archive_free(a);
		a = archive_scan(m, cache, &cause);
		double t3 = bench_now();
		n = a->n;
		archive_free(a);
		bench_read_all(m);
		double t4 = bench_now();
		cold[r] = t1 - t0, write[r] = t2 - t1, warm[r] = t3 - t2, floor[r] = t4 - t3;
	}
	double c = bench_median(cold), w = bench_median(warm);
	printf("archive_scan (%zu minutes): no cache %.1f ms, writing the cache %.1f ms, from the cache "
	       "%.1f ms; reading the files' bytes alone %.1f ms (medians of %d; from the cache %.1fx faster)\n",
	       n, c, bench_median(write), w, bench_median(floor), RUNS, w > 0 ? c / w : 0);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 1;
	return c < 1000 ? 0 : 1;
}
