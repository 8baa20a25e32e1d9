/* util: checked allocation; see util.h. */
#include "mahdar/util.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void (*util_oom_hook)(void);

void util_set_oom_hook(void (*hook)(void))
{
	util_oom_hook = hook;
}

static void util_oom(size_t n)
{
	if (util_oom_hook != NULL) {
		void (*hook)(void) = util_oom_hook;
		util_oom_hook = NULL;
		hook();
	}
	fprintf(stderr, "mahdar: out of memory (asked for %zu bytes)\n", n);
	abort();
}

void util_too_large(const char *what, size_t n)
{
	if (util_oom_hook != NULL) {
		void (*hook)(void) = util_oom_hook;
		util_oom_hook = NULL;
		hook();
	}
	fprintf(stderr, _("mahdar: %s (%zu bytes) cannot be held; stopped\n"), what, n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		util_oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		util_oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (q == NULL)
		util_oom(n);
	return q;
}

void *xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap;
	if (need <= c)
		return p;
	if (c < 8)
		c = 8;
	while (c < need)
		c += c / 2;
	*cap = c;
	return xrealloc(p, c * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void util_set_cause(char **cause, const char *fmt, ...)
{
	if (cause == NULL)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	free(*cause);
	*cause = p;
}

void util_now_iso(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	char z[8];
	strftime(z, sizeof z, "%z", &tm);	/* "+0300" */
	size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	if (strlen(z) == 5)
		snprintf(out + n, 32 - n, "%.3s:%.2s", z, z + 3);
}

void util_today(int *y, int *m, int *d)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
}

const char *util_tr(const char *msgid)
{
	return msgid;
}

int util_thread_start(pthread_t *t, void *(*fn)(void *), void *arg)
{
	sigset_t all, old;
	sigfillset(&all);
	if (pthread_sigmask(SIG_SETMASK, &all, &old) != 0)
		return -1;
	int r = pthread_create(t, NULL, fn, arg) == 0 ? 0 : -1;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return r;
}
