/* side-text.c: the sections' text of a sidecar, dumped apart from the
 * tree, on two threads, and kept from one save to the next.
 *
 * Because the sections' text is nearly all of a sidecar (it repeats the
 * document) and jansson dumps a string one code point at a time, that
 * text is not put in the tree.  The tree holds a placeholder string in
 * each section's "text"; the text itself is dumped apart, in chunks of
 * lines, by jansson (one chunk is one JSON string), on a second thread
 * while the first builds and dumps the tree; then each placeholder's dump
 * is replaced by the dumps of its section's chunks.  That gives the very
 * bytes of one dump of the whole tree, because JSON escapes a string one
 * code point at a time: the dump of a text cut at line breaks is the
 * dumps of its pieces end to end (with the dump of a "\n" between them,
 * as a chunk holds its lines alone).  A placeholder carries a random nonce;
 * a dump in which one is not found exactly once (a kept key of another
 * tool holding one, however unlikely) is not used: the texts go into the
 * tree and it is dumped whole (side.c).
 *
 * Data model of the cache (struct side_cache, kept by the store between
 * saves of one document): the chunks of the last save, each with the
 * addresses of the lines it was made of, and the document's generation
 * then.  Because a line's stamp is the generation of its last change
 * (doc.h), and a line made later, even at the same address, has a later
 * one, a chunk whose lines are all still there, in the same order, none
 * stamped after the cache was made, is the same text, and its dump is
 * reused, wherever the chunk now is.  Chunks end where a line's address says
 * (or at a size limit), not at a count of bytes from the section's start,
 * so an edit changes the chunks around it and no others. */
#include "side-int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

/* A chunk ends after a line whose stamp hashes to 0 modulo this, once
 * it holds SIDE_CHUNK_MIN bytes; at SIDE_CHUNK_MAX bytes in any case. */
#define SIDE_CHUNK_CUT 64
#define SIDE_CHUNK_MIN ((size_t)8 << 10)
#define SIDE_CHUNK_MAX ((size_t)256 << 10)
/* Less text than this to dump is dumped without a second thread. */
#define SIDE_THREAD_BYTES ((size_t)1 << 20)

struct side_chunk {
	size_t sec;		/* index in doc->sections */
	size_t first, end;	/* its lines */
	struct buf out;		/* jansson's dump of the chunk: a JSON string, quotes included */
	uint32_t *ids;		/* its lines' stamps, from the cache (a reused dump), or NULL */
	atomic_int done;	/* out is complete */
};

struct side_cache {
	const struct doc *d;
	unsigned long gen;	/* d->gen when written */
	struct side_cache_chunk {
		size_t n;
		uint32_t *ids;	/* the stamps of the chunk's lines (unique per line version) */
		struct buf out;
	} *v;
	size_t n;
	size_t *slot;		/* open addressing by the first line's stamp: index + 1, 0 free */
	size_t nslot;		/* a power of two */
};

void side_cache_free(struct side_cache *c)
{
	if (c == NULL)
		return;
	for (size_t k = 0; k < c->n; k++) {
		free(c->v[k].ids);
		buf_free(&c->v[k].out);
	}
	free(c->v);
	free(c->slot);
	free(c);
}

static size_t side_stamp_hash(uint32_t stamp)
{
	return (size_t)(((uint64_t)stamp * 0x9E3779B97F4A7C15ULL) >> 20);
}

/* Append to b the text of lines [first, end) of a section whose body
 * starts at sec_first: the lines joined by "\n", as valid UTF-8 (the
 * analysis has checked every line already; those that failed, and any
 * line of a stale analysis, are repaired). */
void side_sec_text(struct buf *b, const struct doc *d, size_t sec_first, size_t first, size_t end)
{
	for (size_t i = first; i < end; i++) {
		const struct doc_line *l = &d->lines[i];
		if (i > sec_first)
			buf_putc(b, '\n');
		if (d->stale || l->invalid)
			side_sanitize(b, doc_line_str(d, l), l->len);
		else
			buf_append(b, doc_line_str(d, l), l->len);
	}
}

/* Take the dump of chunk c from the cache when its lines are those of a
 * cached chunk, unchanged. */
static void side_cache_take(struct side_cache *cache, const struct doc *d, struct side_chunk *c)
{
	size_t n = c->end - c->first;
	if (cache == NULL || cache->slot == NULL || n == 0)
		return;
	const struct doc_line *lines = d->lines + c->first;
	for (size_t k = side_stamp_hash(lines[0].stamp) & (cache->nslot - 1);; k = (k + 1) & (cache->nslot - 1)) {
		if (cache->slot[k] == 0)
			return;
		struct side_cache_chunk *e = &cache->v[cache->slot[k] - 1];
		if (e->ids == NULL || e->ids[0] != lines[0].stamp)
			continue;
		if (e->n != n)
			return;
		for (size_t i = 0; i < n; i++)
			if (e->ids[i] != lines[i].stamp || lines[i].stamp > cache->gen)
				return;
		c->out = e->out;
		c->ids = e->ids;
		e->out = (struct buf)BUF_INIT;
		e->ids = NULL;
		return;
	}
}

/* Dump chunk c, then tell a thread waiting for it. */
static void side_chunk_dump(struct side_texts *t, struct side_chunk *c, struct buf *scratch)
{
	buf_clear(scratch);
	side_sec_text(scratch, t->d, c->first, c->first, c->end);
	json_t *j = json_stringn_nocheck(scratch->s != NULL ? scratch->s : "", scratch->len);
	buf_clear(&c->out);
	if (j == NULL || json_dump_callback(j, side_dump_cb, &c->out, JSON_ENCODE_ANY) < 0 || c->out.len < 2)
		atomic_store(&t->failed, 1);
	json_decref(j);
	pthread_mutex_lock(&t->lock);
	atomic_store(&c->done, 1);
	pthread_cond_broadcast(&t->cond);
	pthread_mutex_unlock(&t->lock);
}

/* Dump the next chunk nobody took yet: 0 when none is left. */
static int side_texts_one(struct side_texts *t, struct buf *scratch)
{
	size_t k = atomic_fetch_add(&t->next, 1);
	if (k >= t->ntodo)
		return 0;
	side_chunk_dump(t, &t->v[t->todo[k]], scratch);
	return 1;
}

/* Dump chunks until none is left (run by both threads). */
static void *side_texts_work(void *arg)
{
	struct side_texts *t = arg;
	struct buf scratch = BUF_INIT;
	while (side_texts_one(t, &scratch))
		;
	buf_free(&scratch);
	return NULL;
}

/* Until chunk c is dumped, dump others (or wait for the other thread). */
static void side_texts_wait(struct side_texts *t, struct side_chunk *c, struct buf *scratch)
{
	while (!atomic_load(&c->done))
		if (!side_texts_one(t, scratch)) {
			pthread_mutex_lock(&t->lock);
			while (!atomic_load(&c->done))
				pthread_cond_wait(&t->cond, &t->lock);
			pthread_mutex_unlock(&t->lock);
		}
}

/* Does a chunk end after line l, holding bytes? */
static int side_chunk_ends(const struct doc_line *l, size_t bytes)
{
	return bytes >= SIDE_CHUNK_MAX || (bytes >= SIDE_CHUNK_MIN && side_stamp_hash(l->stamp) % SIDE_CHUNK_CUT == 0);
}

void side_texts_start(struct side_texts *t, const struct doc *d, struct side_cache **cachep)
{
	memset(t, 0, sizeof *t);
	t->d = d;
	/* Because a stale analysis repairs every line, which is no chunk's
	 * text of before; and a cache is the one document's. */
	struct side_cache *cache = cachep != NULL ? *cachep : NULL;
	if (cache != NULL && (d->stale || cache->d != d || cache->gen > d->gen))
		cache = NULL;
	for (size_t s = 0; s < d->nsections; s++) {
		const struct doc_section *sec = &d->sections[s];
		if (!side_sec_written(d, sec))
			continue;
		size_t end = side_body_end(d, sec), i = sec->first;
		do {	/* one chunk at least, also for an empty body */
			size_t first = i, bytes = 0;
			while (i < end) {
				bytes += d->lines[i].len + 1;
				if (side_chunk_ends(&d->lines[i++], bytes))
					break;
			}
			t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
			struct side_chunk *c = &t->v[t->n++];
			*c = (struct side_chunk){ s, first, i, BUF_INIT, NULL, 0 };
			side_cache_take(cache, d, c);
			atomic_init(&c->done, c->out.len > 0);
			if (c->out.len == 0) {
				t->todo = xgrow(t->todo, &t->todo_cap, t->ntodo + 1, sizeof *t->todo);
				t->todo[t->ntodo++] = t->n - 1;
				t->bytes += bytes;
			}
		} while (i < end);
	}
	atomic_init(&t->next, 0);
	atomic_init(&t->failed, 0);
	/* A chunk's text is its lines alone: the "\n" between two chunks of
	 * a section goes in at the splice, as jansson writes it. */
	json_t *nl = json_string("\n");
	char *nls = json_dumps(nl, JSON_ENCODE_ANY);
	json_decref(nl);
	if (nls == NULL || strlen(nls) < 2 || strlen(nls) - 2 >= sizeof t->nl)
		atomic_store(&t->failed, 1);
	else
		t->nl_len = strlen(nls) - 2, memcpy(t->nl, nls + 1, t->nl_len);
	free(nls);
	uint64_t r = 0;
	if (getrandom(&r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r)
		r = (uint64_t)(uintptr_t)t ^ ((uint64_t)time(NULL) << 20) ^ (uint64_t)clock();
	snprintf(t->nonce, sizeof t->nonce, "%016llx", (unsigned long long)r);
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->cond, NULL);
	t->threaded = t->bytes >= SIDE_THREAD_BYTES && util_thread_start(&t->thread, side_texts_work, t) == 0;
}

json_t *side_texts_placeholder(const struct side_texts *t, size_t s)
{
	char p[64];
	snprintf(p, sizeof p, "mahdar-text:%s:%zu", t->nonce, s);
	return json_string(p);
}

int side_texts_emit(struct side_texts *t, const char *skel, size_t n, side_emit_fn emit, void *ctx)
{
	if (atomic_load(&t->failed))	/* before anything is emitted: dump the tree whole */
		return 1;
	/* Where each written section's placeholder is, in order. */
	size_t count = 0, ngroups = 0;
	/* jansson escapes a NUL byte: the dump is a C string. */
	for (const char *p = skel; (p = strstr(p, t->nonce)) != NULL; p += 16)
		count++;
	const char **at = xmalloc((t->n + 1) * sizeof *at);
	size_t *plen = xmalloc((t->n + 1) * sizeof *plen);
	for (size_t k = 0, from = 0; k < t->n; k++) {
		if (k > 0 && t->v[k].sec == t->v[k - 1].sec)
			continue;
		char p[72];
		plen[ngroups] = (size_t)snprintf(p, sizeof p, "\"mahdar-text:%s:%zu\"", t->nonce, t->v[k].sec);
		const char *q = strstr(skel + from, p);
		if (q == NULL)
			break;
		at[ngroups] = q;
		from = (size_t)(q - skel) + plen[ngroups++];
	}
	if (ngroups == 0 || count != ngroups) {
		free(at);
		free(plen);
		return 1;
	}
	/* Each placeholder's quotes stay; what is between them is the chunks'. */
	struct buf scratch = BUF_INIT;
	const char *from = skel, *end = skel + n;
	int r = 0;
	for (size_t k = 0, g = 0; k < t->n && r == 0; k++) {
		if (k == 0 || t->v[k].sec != t->v[k - 1].sec) {
			const char *q = at[g];
			r = emit(from, (size_t)(q + 1 - from), ctx);
			from = q + plen[g++] - 1;
		} else {
			r = emit(t->nl, t->nl_len, ctx);	/* the line break between two chunks */
		}
		side_texts_wait(t, &t->v[k], &scratch);
		if (atomic_load(&t->failed))
			r = -1;
		else if (r == 0)
			r = emit(t->v[k].out.s + 1, t->v[k].out.len - 2, ctx);
	}
	if (r == 0)
		r = emit(from, (size_t)(end - from), ctx);
	if (r == 0)
		r = emit("\n", 1, ctx);
	buf_free(&scratch);
	free(at);
	free(plen);
	return r == 0 ? 0 : -1;
}

/* This save's chunks become the cache (their dumps move into it). */
static void side_texts_keep(struct side_texts *t, struct side_cache **cachep)
{
	side_cache_free(*cachep);
	struct side_cache *c = xcalloc(1, sizeof *c);
	c->d = t->d;
	c->gen = t->d->gen;
	c->v = xcalloc(t->n + 1, sizeof *c->v);
	c->nslot = 16;
	while (c->nslot < 2 * t->n)
		c->nslot *= 2;
	c->slot = xcalloc(c->nslot, sizeof *c->slot);
	for (size_t k = 0; k < t->n; k++) {
		struct side_chunk *ch = &t->v[k];
		size_t n = ch->end - ch->first;
		if (n == 0)
			continue;
		struct side_cache_chunk *e = &c->v[c->n];
		e->n = n;
		e->ids = ch->ids;	/* a reused chunk's are these lines' */
		if (e->ids == NULL) {
			e->ids = xmalloc(n * sizeof *e->ids);
			for (size_t i = 0; i < n; i++)
				e->ids[i] = t->d->lines[ch->first + i].stamp;
		}
		ch->ids = NULL;
		e->out = ch->out;
		ch->out = (struct buf)BUF_INIT;
		size_t s = side_stamp_hash(e->ids[0]) & (c->nslot - 1);
		while (c->slot[s] != 0)
			s = (s + 1) & (c->nslot - 1);
		c->slot[s] = ++c->n;
	}
	*cachep = c;
}

void side_texts_end(struct side_texts *t, struct side_cache **cachep)
{
	side_texts_work(t);
	if (t->threaded)
		pthread_join(t->thread, NULL);
	pthread_mutex_destroy(&t->lock);
	pthread_cond_destroy(&t->cond);
	if (cachep != NULL) {
		if (!atomic_load(&t->failed) && !t->d->stale) {
			side_texts_keep(t, cachep);
		} else {
			side_cache_free(*cachep);
			*cachep = NULL;
		}
	}
	for (size_t k = 0; k < t->n; k++) {
		buf_free(&t->v[k].out);
		free(t->v[k].ids);
	}
	free(t->v);
	free(t->todo);
	t->v = NULL;
	t->todo = NULL;
}
