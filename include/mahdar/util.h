/* util: allocation that never returns NULL, and small string helpers.
 *
 * Every allocation in mahdar goes through these.  On exhaustion they call
 * the hook set with util_set_oom_hook() (the editor uses it to write its
 * recovery journal and restore the terminal) and then abort(). */
#ifndef MAHDAR_UTIL_H
#define MAHDAR_UTIL_H

#include <pthread.h>
#include <stddef.h>
#include <stdarg.h>

#define UTIL_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array to hold at least need elements; *cap is updated. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
/* Copy n bytes and NUL-terminate; caller frees. */
char *xstrndup(const char *s, size_t n);
/* printf into a new string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* The one function every sentence a user reads goes through, so that the
 * interface can be translated (gettext is on the roadmap): give it a whole
 * sentence, placeholders included ("saved %s"), never a fragment to be
 * assembled.  Today it returns msgid itself. */
const char *util_tr(const char *msgid) __attribute__((format_arg(1)));
#define _(msgid) util_tr(msgid)
/* Marks a sentence for translation where it is only stored (a table). */
#define N_(msgid) (msgid)

/* Called once before abort() on allocation failure. */
void util_set_oom_hook(void (*hook)(void));
/* What an allocation that fails does (the hook, a message, abort()), for
 * something of n bytes mahdar cannot hold: what names it ("a line of
 * more than 4 GiB"). */
void util_too_large(const char *what, size_t n) __attribute__((noreturn));

/* Replace *cause (freeing the old one) with a formatted message. cause may be NULL. */
void util_set_cause(char **cause, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The current local time as ISO 8601 with offset, "2026-11-25T10:42:07+03:00". */
void util_now_iso(char out[32]);
/* Today's local date. */
void util_today(int *y, int *m, int *d);
/* Start fn(arg) on a thread of its own (*t, to join) that takes no
 * signal: the editor's handlers run in its first thread.  0, or -1 (no
 * thread: run fn in the caller then). */
int util_thread_start(pthread_t *t, void *(*fn)(void *), void *arg);

#endif
