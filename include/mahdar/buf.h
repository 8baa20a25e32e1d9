/* buf: a growable byte buffer, always NUL-terminated for convenience
 * (the NUL is not counted in len; the bytes may contain NULs). */
#ifndef MAHDAR_BUF_H
#define MAHDAR_BUF_H

#include <stddef.h>
#include <stdarg.h>
#include <string.h>

struct buf {
	char *s;
	size_t len, cap;
};

#define BUF_INIT {NULL, 0, 0}

void buf_reserve(struct buf *b, size_t extra);
/* buf_append of more than a few bytes. */
void buf_append_long(struct buf *b, const void *data, size_t n);
/* Inline: a frame and a layout append one cell's bytes at a time. */
static inline void buf_append(struct buf *b, const void *data, size_t n)
{
	if (n > 8) {
		buf_append_long(b, data, n);
		return;
	}
	if (b->s == NULL || b->cap - b->len <= n)	/* else there is room, NUL included */
		buf_reserve(b, n);
	/* A cell: a character or two, without a call to memcpy. */
	const char *from = data;
	char *to = b->s + b->len;
	for (size_t i = 0; i < n; i++)
		to[i] = from[i];
	b->len += n;
	b->s[b->len] = '\0';
}
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_clear(struct buf *b);
/* Give up ownership of the bytes (never NULL); b is reset. Caller frees. */
char *buf_steal(struct buf *b, size_t *len);
void buf_free(struct buf *b);

#endif
