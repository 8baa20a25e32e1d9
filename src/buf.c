/* buf: growable byte buffer; see buf.h. */
#include "mahdar/buf.h"
#include "mahdar/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_reserve(struct buf *b, size_t extra)
{
	b->s = xgrow(b->s, &b->cap, b->len + extra + 1, 1);
}

void buf_append_long(struct buf *b, const void *data, size_t n)
{
	if (b->s == NULL || b->cap - b->len <= n)
		buf_reserve(b, n);
	memcpy(b->s + b->len, data, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
	buf_append(b, &c, 1);
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	buf_puts(b, p);
	free(p);
}

void buf_clear(struct buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

char *buf_steal(struct buf *b, size_t *len)
{
	if (b->s == NULL)
		buf_reserve(b, 0), b->s[0] = '\0';
	char *s = b->s;
	if (len)
		*len = b->len;
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}
