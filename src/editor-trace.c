/* editor: MAHDAR_TRACE_SLOW=FILE — a log of the loop's slow turns.
 *
 * Data model: struct editor_trace holds the log file and, for the turn
 * going on, when it began, when the last part of it ended and the time
 * each named part took (parts of the same name add up).  A turn is the
 * work between two waits for input: the events taken, the frame drawn,
 * the background work run.  A turn whose work took more than
 * EDITOR_TRACE_MS is appended to the file as one line:
 *
 *   12345.678 4.21 ms: keys 1 0.12, frame 0.31, draw 0.05, buffer 3.70 [journal]
 *
 * (milliseconds since the editor started, the turn's time, then each
 * part's), so that a key that waited can be traced to what ran before it.
 * Without the variable nothing is measured. */
#define _POSIX_C_SOURCE 200809L

#include "editor-int.h"

#include "mahdar/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A turn longer than this is logged (MAHDAR_TRACE_SLOW_MS changes it:
 * 0 logs every turn). */
#define EDITOR_TRACE_MS 2.0
#define EDITOR_TRACE_PARTS 12

struct editor_trace {
	FILE *f;
	double min_ms;		/* the turns logged are longer than this */
	long long start_ns;	/* when the editor started */
	long long t0_ns;	/* when this turn began, or 0 outside one */
	long long last_ns;	/* when its last part ended */
	int n;
	const char *what[EDITOR_TRACE_PARTS];
	long long ns[EDITOR_TRACE_PARTS];
	char note[128];
};

static long long editor_trace_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

struct editor_trace *editor_trace_open(void)
{
	const char *path = getenv("MAHDAR_TRACE_SLOW");
	if (path == NULL || *path == '\0')
		return NULL;
	FILE *f = fopen(path, "ae");
	if (f == NULL)
		return NULL;
	struct editor_trace *t = xcalloc(1, sizeof *t);
	t->f = f;
	t->start_ns = editor_trace_now();
	const char *min = getenv("MAHDAR_TRACE_SLOW_MS");
	t->min_ms = min != NULL && *min != '\0' ? strtod(min, NULL) : EDITOR_TRACE_MS;
	/* CLOCK_MONOTONIC, to line the turns up with a driver's own times. */
	fprintf(f, "# mahdar %ld: turns over %.2f ms; 0 is %.6f s of CLOCK_MONOTONIC\n", (long)getpid(), t->min_ms,
		(double)t->start_ns / 1e9);
	fflush(f);
	return t;
}

void editor_trace_free(struct editor_trace *t)
{
	if (t == NULL)
		return;
	fclose(t->f);
	free(t);
}

void editor_trace_begin(struct editor_trace *t)
{
	if (t == NULL)
		return;
	t->t0_ns = t->last_ns = editor_trace_now();
	t->n = 0;
	t->note[0] = '\0';
}

void editor_trace_mark(struct editor_trace *t, const char *what)
{
	if (t == NULL || t->t0_ns == 0)
		return;
	long long now = editor_trace_now();
	int i = 0;
	while (i < t->n && strcmp(t->what[i], what) != 0)
		i++;
	if (i == t->n) {
		if (t->n == EDITOR_TRACE_PARTS)
			return;
		t->what[t->n] = what;
		t->ns[t->n++] = 0;
	}
	t->ns[i] += now - t->last_ns;
	t->last_ns = now;
}

void editor_trace_note(struct editor_trace *t, const char *fmt, ...)
{
	if (t == NULL || t->t0_ns == 0)
		return;
	size_t used = strlen(t->note);
	if (used + 2 >= sizeof t->note)
		return;
	if (used > 0)
		t->note[used++] = ' ';
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->note + used, sizeof t->note - used, fmt, ap);
	va_end(ap);
}

void editor_trace_end(struct editor_trace *t)
{
	if (t == NULL || t->t0_ns == 0)
		return;
	long long now = editor_trace_now();
	double ms = (double)(now - t->t0_ns) / 1e6;
	if (ms > t->min_ms) {
		fprintf(t->f, "%.3f %.4f ms:", (double)(t->t0_ns - t->start_ns) / 1e6, ms);
		for (int i = 0; i < t->n; i++)
			fprintf(t->f, "%s %s %.4f", i > 0 ? "," : "", t->what[i], (double)t->ns[i] / 1e6);
		if (t->note[0] != '\0')
			fprintf(t->f, " [%s]", t->note);
		fputc('\n', t->f);
		fflush(t->f);
	}
	t->t0_ns = 0;
}
