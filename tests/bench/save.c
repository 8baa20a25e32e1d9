/* Saving after one edit, straight through store_save() (no terminal): the
 * document (argv[1], default build/bench-docs/huge.txt) is copied into a
 * temporary folder, opened, saved once (so it has a sidecar, as after the
 * first save in an editor), then edited one character and saved again,
 * RUNS times.  Beside it, in the same run: the analysis alone, the text
 * alone written atomically (txt_write + fio_write_atomic: what a plain
 * editor's save costs at least) and the sidecar alone built (side_write).
 * Medians in ms; CPU time too (the machine is shared). */
#include "mahdar/doc.h"
#include "mahdar/fio.h"
#include "mahdar/side.h"
#include "mahdar/store.h"
#include "mahdar/txt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { BENCH_RUNS = 11 };

static double bench_ms(clockid_t clk)
{
	struct timespec t;
	clock_gettime(clk, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double bench_median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, bench_cmp);
	return v[n / 2];
}

/* A key typed into the middle of the document. */
static void bench_edit(struct doc *d, int k)
{
	doc_line_splice(d, d->nlines / 2 + (size_t)(k % 7), 0, 0, "\xd8\xa8", 2);
}

int main(int argc, char **argv)
{
	const char *src = argc > 1 ? argv[1] : "build/bench-docs/huge.txt";
	int runs = argc > 2 ? atoi(argv[2]) : BENCH_RUNS;
	if (runs < 1 || runs > 1000)
		runs = BENCH_RUNS;
	char *data, *cause = NULL;
	size_t dlen;
	if (fio_read(src, &data, &dlen, &cause) < 0) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	char dir[] = "/tmp/mahdar-bench-save-XXXXXX";
	if (mkdtemp(dir) == NULL)
		return 1;
	char path[64], side[64], plain[64];
	snprintf(path, sizeof path, "%s/doc.txt", dir);
	snprintf(side, sizeof side, "%s/doc.json", dir);
	snprintf(plain, sizeof plain, "%s/plain.txt", dir);
	if (fio_write_atomic(path, data, dlen, &cause) < 0) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	free(data);
	struct store_info info;
	struct doc *d = store_open(path, 0, &info, &cause);
	if (d == NULL) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	const char *now = "2026-11-27T12:00:00+00:00";
	if (store_save(d, &info, now, &cause) < 0) {	/* the first save makes the sidecar */
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	double *w = calloc((size_t)runs, sizeof *w), *c = calloc((size_t)runs, sizeof *c);
	double *an = calloc((size_t)runs, sizeof *an), *tx = calloc((size_t)runs, sizeof *tx);
	double *sd = calloc((size_t)runs, sizeof *sd), *sw = calloc((size_t)runs, sizeof *sw);
	for (int k = 0; k < runs; k++) {
		bench_edit(d, k);
		double t0 = bench_ms(CLOCK_MONOTONIC), c0 = bench_ms(CLOCK_PROCESS_CPUTIME_ID);
		if (store_save(d, &info, now, &cause) < 0) {
			fprintf(stderr, "%s\n", cause);
			return 1;
		}
		w[k] = bench_ms(CLOCK_MONOTONIC) - t0;
		c[k] = bench_ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
	}
	for (int k = 0; k < runs; k++) {
		bench_edit(d, k);
		double t0 = bench_ms(CLOCK_PROCESS_CPUTIME_ID);
		txt_analyse(d);
		an[k] = bench_ms(CLOCK_PROCESS_CPUTIME_ID) - t0;
		t0 = bench_ms(CLOCK_MONOTONIC);
		size_t len, jlen;
		char *text = txt_write(d, &len);
		if (fio_write_atomic(plain, text, len, &cause) < 0) {
			fprintf(stderr, "%s\n", cause);
			return 1;
		}
		tx[k] = bench_ms(CLOCK_MONOTONIC) - t0;
		t0 = bench_ms(CLOCK_PROCESS_CPUTIME_ID);
		double w0 = bench_ms(CLOCK_MONOTONIC);
		free(side_write(d, text, len, now, &jlen));
		sd[k] = bench_ms(CLOCK_PROCESS_CPUTIME_ID) - t0;
		sw[k] = bench_ms(CLOCK_MONOTONIC) - w0;
		free(text);
	}
	printf("save after one edit, %s (%zu lines), %d runs, medians:\n", src, d->nlines, runs);
	printf("  store_save (text + sidecar)      wall %8.2f ms  CPU %8.2f ms\n", bench_median(w, runs),
	       bench_median(c, runs));
	printf("  the text alone, atomic (floor)   wall %8.2f ms\n", bench_median(tx, runs));
	printf("  txt_analyse after the edit       CPU  %8.2f ms\n", bench_median(an, runs));
	printf("  side_write from scratch          wall %8.2f ms  CPU %8.2f ms\n", bench_median(sw, runs),
	       bench_median(sd, runs));
	unlink(path);
	unlink(side);
	unlink(plain);
	rmdir(dir);
	free(w), free(c), free(an), free(tx), free(sd), free(sw);
	doc_free(d);
	store_info_free(&info);
	return 0;
}
