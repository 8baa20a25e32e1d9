/* The recovery journal on a 20 MB document: how long bringing it up to
 * date takes while typing (one line changed between syncs), beside writing
 * the whole text as a recovery copy, which is what mahdar did before. */
#include "mahdar/doc.h"
#include "mahdar/fio.h"
#include "mahdar/journal.h"
#include "mahdar/txt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double bench_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(void)
{
	size_t n = (size_t)20 << 20;
	char *b = malloc(n);
	for (size_t i = 0; i < n; i++)
		b[i] = i % 50 == 49 ? '\n' : (char)('a' + i % 26);
	struct doc *d = txt_read(b, n);
	char path[] = "/tmp/mahdar-bench-journal-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 1;
	close(fd);
	struct journal *j = journal_new();
	journal_base(j, d, n, "0000000000000000000000000000000000000000000000000000000000000000");
	enum { RUNS = 101 };
	double js[RUNS], full[11];
	for (int k = 0; k < RUNS; k++) {
		doc_line_splice(d, 200000 + (size_t)k % 7, 3, 0, "x", 1);	/* a key typed */
		double t = bench_ms();
		if (journal_sync(j, d, path, NULL) < 0)
			return 1;
		js[k] = bench_ms() - t;
	}
	for (int k = 0; k < 11; k++) {
		double t = bench_ms();
		size_t len;
		char *text = txt_write(d, &len);
		if (fio_write_atomic(path, text, len, NULL) < 0)
			return 1;
		free(text);
		full[k] = bench_ms() - t;
	}
	qsort(js, RUNS, sizeof *js, bench_cmp);
	qsort(full, 11, sizeof *full, bench_cmp);
	printf("recovery on a 20 MB document (%zu lines), one line changed between writes:\n", d->nlines);
	printf("  journal sync (mahdar now)        median %8.3f ms  max %8.3f ms\n", js[RUNS / 2], js[RUNS - 1]);
	printf("  whole copy, atomic (mahdar before) median %8.3f ms  max %8.3f ms\n", full[5], full[10]);
	printf("  ratio of medians: %.0fx\n", full[5] / (js[RUNS / 2] > 0 ? js[RUNS / 2] : 1e-6));
	unlink(path);
	journal_free(j);
	doc_free(d);
	free(b);
	return 0;
}
