/* kmap: input methods (see kmap.h for the file format).
 *
 * Data model: an array of rules {keys, output}.  Keys are kept as a byte
 * string, one byte a key: the ASCII character itself, ' ' for Space and
 * KMAP_SHIFT_SPACE for Shift-Space.  A few hundred rules at most, so the
 * lookups are linear scans.  Typing goes through a small state of pending
 * keys: while they are the start of a longer rule, nothing is typed; once
 * they are not, the longest rule they begin with is typed (or the first
 * key as it is), and the rest is looked at again. */
#include "mahdar/kmap.h"

#include "mahdar/buf.h"
#include "mahdar/fio.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define KMAP_SHIFT_SPACE '\x1f'
#define KMAP_MAX_KEYS 15	/* fits struct kmap_state.pending */

struct kmap_rule {
	char *keys;
	char *out;
};

struct kmap {
	struct kmap_rule *v;
	size_t n, cap;
	char *name, *indicator;
};

struct kmap *kmap_new(void)
{
	return xcalloc(1, sizeof(struct kmap));
}

void kmap_free(struct kmap *km)
{
	if (km == NULL)
		return;
	for (size_t i = 0; i < km->n; i++) {
		free(km->v[i].keys);
		free(km->v[i].out);
	}
	free(km->v);
	free(km->name);
	free(km->indicator);
	free(km);
}

const char *kmap_name(const struct kmap *km)
{
	return km->name != NULL ? km->name : "";
}

const char *kmap_indicator(const struct kmap *km)
{
	return km->indicator != NULL ? km->indicator : kmap_name(km);
}

size_t kmap_count(const struct kmap *km)
{
	return km->n;
}

/* ------------------------------------------------------------ parsing */

/* The key byte of a typed key ("a", "Space", "S-Space"), or 0. */
static char kmap_key_byte(const char *key)
{
	if (strcmp(key, "Space") == 0)
		return ' ';
	if (strcmp(key, "S-Space") == 0)
		return KMAP_SHIFT_SPACE;
	if (key[0] > ' ' && key[0] < 0x7F && key[1] == '\0')
		return key[0];
	return 0;
}

/* Token tok[0..n) as a key sequence into keys (NUL-terminated); NULL on
 * success, else what is wrong. */
static const char *kmap_parse_keys(const char *tok, size_t n, char keys[KMAP_MAX_KEYS + 1])
{
	char name[16];
	if (n < sizeof name) {
		memcpy(name, tok, n);
		name[n] = '\0';
		char b = strcmp(name, "Space") == 0 || strcmp(name, "S-Space") == 0 ? kmap_key_byte(name) : 0;
		if (b != 0) {
			keys[0] = b;
			keys[1] = '\0';
			return NULL;
		}
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = tok[i];
		if (c == '\\' && i + 1 < n)
			c = tok[++i];
		if ((unsigned char)c <= ' ' || (unsigned char)c >= 0x7F)
			return N_("keys are ASCII characters (or Space, S-Space)");
		if (k == KMAP_MAX_KEYS)
			return N_("too many keys in one sequence (15 at most)");
		keys[k++] = c;
	}
	keys[k] = '\0';
	return NULL;
}

/* Token tok[0..n) of an output appended to b; NULL or what is wrong. */
static const char *kmap_parse_out(const char *tok, size_t n, struct buf *b)
{
	if (n > 2 && (tok[0] == 'U' || tok[0] == 'u') && tok[1] == '+') {
		uint32_t cp = 0;
		if (n > 8)
			return N_("a U+XXXX code point has at most 6 hex digits");
		for (size_t i = 2; i < n; i++) {
			char c = tok[i];
			int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
				c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
			if (v < 0)
				return N_("a U+XXXX code point is written in hex digits");
			cp = cp * 16 + (uint32_t)v;
		}
		if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || ustr_is_unsafe(cp))
			return N_("that code point cannot be typed");
		char u[4];
		buf_append(b, u, ustr_encode(cp, u));
		return NULL;
	}
	if (ustr_valid_prefix(tok, n) != n)
		return N_("the output is not valid UTF-8");
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += ustr_decode(tok + i, n - i, &cp);
		if (ustr_is_unsafe(cp))
			return N_("the output holds a control character");
	}
	buf_append(b, tok, n);
	return NULL;
}

static void kmap_rule_set(struct kmap *km, const char *keys, char *out)
{
	for (size_t i = 0; i < km->n; i++)
		if (strcmp(km->v[i].keys, keys) == 0) {	/* a later rule replaces the earlier one */
			free(km->v[i].out);
			km->v[i].out = out;
			return;
		}
	km->v = xgrow(km->v, &km->cap, km->n + 1, sizeof *km->v);
	km->v[km->n++] = (struct kmap_rule){ xstrdup(keys), out };
}

/* Next whitespace-separated token of s[*i..n): start and length. */
static int kmap_token(const char *s, size_t n, size_t *i, const char **tok, size_t *tn)
{
	while (*i < n && (s[*i] == ' ' || s[*i] == '\t'))
		(*i)++;
	if (*i >= n)
		return 0;
	size_t start = *i;
	while (*i < n && s[*i] != ' ' && s[*i] != '\t') {
		if (s[*i] == '\\' && *i + 1 < n && s[*i + 1] != ' ' && s[*i + 1] != '\t')
			(*i)++;
		(*i)++;
	}
	*tok = s + start;
	*tn = *i - start;
	return 1;
}

/* One line; NULL when good, else what is wrong. */
static const char *kmap_line(struct kmap *km, const char *s, size_t n)
{
	size_t i = 0, tn;
	const char *tok;
	if (!kmap_token(s, n, &i, &tok, &tn) || tok[0] == '#')
		return NULL;
	if (tok[0] == '@') {
		char **slot = tn == 5 && memcmp(tok, "@name", 5) == 0 ? &km->name :
			      tn == 10 && memcmp(tok, "@indicator", 10) == 0 ? &km->indicator : NULL;
		if (slot == NULL)
			return N_("unknown directive (known: @name, @indicator)");
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		size_t vn = n - i;
		while (vn > 0 && (s[i + vn - 1] == ' ' || s[i + vn - 1] == '\t'))
			vn--;
		if (vn == 0 || ustr_valid_prefix(s + i, vn) != vn)
			return N_("a directive needs a value in UTF-8");
		free(*slot);
		*slot = xstrndup(s + i, vn);
		return NULL;
	}
	char keys[KMAP_MAX_KEYS + 1];
	const char *bad = kmap_parse_keys(tok, tn, keys);
	if (bad != NULL)
		return bad;
	struct buf out = BUF_INIT;
	while (kmap_token(s, n, &i, &tok, &tn)) {
		if (tok[0] == '#')
			break;	/* a comment after the rule */
		if ((bad = kmap_parse_out(tok, tn, &out)) != NULL) {
			buf_free(&out);
			return bad;
		}
	}
	if (out.len == 0) {
		buf_free(&out);
		return N_("no output after the keys (write KEYS OUTPUT)");
	}
	buf_putc(&out, '\0');
	kmap_rule_set(km, keys, buf_steal(&out, NULL));
	return NULL;
}

int kmap_parse(struct kmap *km, const char *text, size_t len, const char *name, char **cause)
{
	struct buf msg = BUF_INIT;
	int bad = 0;
	size_t lineno = 0;
	for (size_t start = 0; start < len;) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl != NULL ? (size_t)(nl - text) : len, n = end - start;
		lineno++;
		if (n > 0 && text[start + n - 1] == '\r')
			n--;
		const char *why = kmap_line(km, text + start, n);
		if (why != NULL) {
			buf_printf(&msg, "%s%s:%zu: %s", bad ? "\n" : "", name, lineno, _(why));
			bad++;
		}
		start = end + 1;
	}
	if (bad > 0 && cause != NULL) {
		free(*cause);
		*cause = buf_steal(&msg, NULL);
	}
	buf_free(&msg);
	return bad;
}

int kmap_load(struct kmap *km, const char *path, char **cause)
{
	char *data;
	size_t len;
	if (fio_read(path, &data, &len, cause) < 0)
		return -1;
	int r = kmap_parse(km, data, len, path, cause);
	free(data);
	if (km->name == NULL) {	/* "keymaps/arabic.kmap" -> "arabic" */
		const char *base = strrchr(path, '/');
		base = base != NULL ? base + 1 : path;
		size_t n = strlen(base);
		if (n > 5 && strcmp(base + n - 5, ".kmap") == 0)
			n -= 5;
		km->name = xstrndup(base, n);
	}
	return r;
}

/* ------------------------------------------------------------ typing */

/* Is keys[0..n) the start of a longer rule? */
static int kmap_longer(const struct kmap *km, const char *keys, size_t n)
{
	for (size_t i = 0; i < km->n; i++)
		if (strlen(km->v[i].keys) > n && memcmp(km->v[i].keys, keys, n) == 0)
			return 1;
	return 0;
}

/* The longest rule keys[0..n) starts with, or NULL. */
static const struct kmap_rule *kmap_longest(const struct kmap *km, const char *keys, size_t n)
{
	const struct kmap_rule *best = NULL;
	size_t bl = 0;
	for (size_t i = 0; i < km->n; i++) {
		size_t l = strlen(km->v[i].keys);
		if (l <= n && l > bl && memcmp(km->v[i].keys, keys, l) == 0) {
			best = &km->v[i];
			bl = l;
		}
	}
	return best;
}

/* Type pending keys while they cannot grow into a longer rule (all of
 * them when final). */
static void kmap_resolve(const struct kmap *km, struct kmap_state *st, struct buf *out, int final)
{
	while (st->n > 0 && (final || !kmap_longer(km, st->pending, st->n))) {
		const struct kmap_rule *r = kmap_longest(km, st->pending, st->n);
		size_t used = 1;
		if (r != NULL) {
			used = strlen(r->keys);
			buf_puts(out, r->out);
		} else if (st->pending[0] == KMAP_SHIFT_SPACE || st->pending[0] == ' ') {
			buf_putc(out, ' ');
		} else {
			buf_putc(out, st->pending[0]);
		}
		memmove(st->pending, st->pending + used, st->n - used);
		st->n -= used;
	}
}

int kmap_feed(const struct kmap *km, struct kmap_state *st, const char *key, struct buf *out)
{
	char b = kmap_key_byte(key);
	if (b == 0) {
		kmap_flush(km, st, out);
		return 0;
	}
	if (st->n == sizeof st->pending)
		kmap_resolve(km, st, out, 1);
	st->pending[st->n++] = b;
	kmap_resolve(km, st, out, 0);
	return 1;
}

void kmap_flush(const struct kmap *km, struct kmap_state *st, struct buf *out)
{
	kmap_resolve(km, st, out, 1);
}

char *kmap_translate(const struct kmap *km, const char *keys, size_t n)
{
	struct kmap_state st = { .n = 0 };
	struct buf out = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		char k[2] = { keys[i], '\0' };
		if (!kmap_feed(km, &st, keys[i] == ' ' ? "Space" : k, &out))
			buf_putc(&out, keys[i]);	/* not a key of the method: as it is */
	}
	kmap_flush(km, &st, &out);
	buf_putc(&out, '\0');
	return buf_steal(&out, NULL);
}
