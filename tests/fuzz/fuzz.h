/* Helpers shared by the libFuzzer targets (header-only, static).
 *
 * Each tests/fuzz/fuzz_NAME.c defines LLVMFuzzerTestOneInput; `make fuzz`
 * builds it with clang -fsanitize=fuzzer,address,undefined and runs it on
 * tests/fuzz/seeds/NAME/ (and the shared corpus).  An invariant that does
 * not hold aborts with the line that failed, so that libFuzzer saves the
 * input as a crash. */
#ifndef MAHDAR_FUZZ_H
#define MAHDAR_FUZZ_H

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L	/* scandir, strdup */
#endif

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mahdar/doc.h"
#include "mahdar/ustr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_CHECK(cond) do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

/* Is s[0..n) valid UTF-8 with no C0/C1 control and no DEL? */
static inline int fuzz_clean_text(const char *s, size_t n)
{
	if (ustr_valid_prefix(s, n) != n)
		return 0;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		i += ustr_decode(s + i, n - i, &c);
		if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
			return 0;
	}
	return 1;
}

/* Is off a grapheme boundary of s[0..len)? */
static inline int fuzz_on_boundary(const char *s, size_t len, size_t off)
{
	if (off == 0 || off == len)
		return 1;
	if (off > len)
		return 0;
	return ustr_grapheme_next(s, len, ustr_grapheme_prev(s, len, off)) == off;
}

/* No two lines of d carry the same item id. */
static inline int fuzz_ids_unique(const struct doc *d)
{
	for (size_t i = 0; i < d->nlines; i++) {
		const struct doc_attr *a = doc_attr_of(d, i);
		if (a == NULL || a->id == NULL)
			continue;
		for (size_t j = i + 1; j < d->nlines; j++) {
			const struct doc_attr *b = doc_attr_of(d, j);
			if (b != NULL && b->id != NULL && strcmp(a->id, b->id) == 0)
				return 0;
		}
	}
	return 1;
}

/* The sample minutes: the *.txt files of $MAHDAR_CORPUS (../shared/corpus). */
struct fuzz_texts {
	char *s[32];
	size_t len[32];
	size_t n;
};

static inline void fuzz_load_corpus(struct fuzz_texts *t)
{
	const char *dir = getenv("MAHDAR_CORPUS");
	if (dir == NULL)
		dir = "../shared/corpus";
	t->n = 0;
	struct dirent **names = NULL;
	int nn = scandir(dir, &names, NULL, alphasort);	/* sorted: inputs replay alike */
	for (int i = 0; i < nn; i++) {
		const char *name = names[i]->d_name;
		size_t nl = strlen(name);
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, name);
		FILE *f = nl > 4 && strcmp(name + nl - 4, ".txt") == 0 && t->n < 32 ? fopen(path, "rb") : NULL;
		free(names[i]);
		if (f == NULL)
			continue;
		size_t cap = 1 << 16, n = 0, k;
		char *p = malloc(cap);
		while ((k = fread(p + n, 1, cap - n, f)) > 0)
			if ((n += k) == cap)
				p = realloc(p, cap *= 2);
		fclose(f);
		t->s[t->n] = p;
		t->len[t->n++] = n;
	}
	free(names);
	if (t->n == 0) {	/* no corpus: one small document of our own */
		static const char fallback[] =
			"# محضر اجتماع\nالتاريخ: 2026-11-12\nالحضور: ليلى (الرئيسة)؛ كريم\n\n"
			"## جدول الأعمال\n1. مهرجان القراءة\n2. الميزانية\n\n## التوصيات\n"
			"- تقديم الطلب — المسؤول: كريم، الموعد: 2026-11-28\n- شكر المتطوعين\n";
		t->s[0] = strdup(fallback);
		t->len[0] = sizeof fallback - 1;
		t->n = 1;
	}
}

#endif
