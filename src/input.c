/* input: one line being typed.
 *
 * Data model: the bytes in a struct buf (NUL-terminated), the cursor as a
 * byte offset, and a generation that counts changes so that a search can
 * tell cheaply whether its term changed.  Visual motions lay the text out
 * once per key (a prompt line is short). */
#include "mahdar/input.h"

#include "mahdar/layout.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void input_init(struct input *in, const char *text, struct input_history *hist)
{
	memset(in, 0, sizeof *in);
	buf_puts(&in->text, text != NULL ? text : "");
	if (in->text.s == NULL)
		buf_reserve(&in->text, 1);
	in->cur = in->text.len;
	in->hist = hist;
	in->hpos = hist != NULL ? hist->n : 0;
}

void input_select_all(struct input *in)
{
	in->selected = in->text.len > 0;
}


void input_free(struct input *in)
{
	buf_free(&in->text);
	free(in->draft);
	in->draft = NULL;
}

const char *input_text(const struct input *in)
{
	return in->text.s;
}

size_t input_len(const struct input *in)
{
	return in->text.len;
}

/* Replace bytes [from, to) with s[0..len). */
static void input_splice(struct input *in, size_t from, size_t to, const char *s, size_t len)
{
	size_t tail = in->text.len - to;
	buf_reserve(&in->text, len);
	memmove(in->text.s + from + len, in->text.s + to, tail);
	memcpy(in->text.s + from, s, len);
	in->text.len = from + len + tail;
	in->text.s[in->text.len] = '\0';
	in->gen++;
}

/* The selected pre-filled text goes: 1 if there was one. */
static int input_drop_selected(struct input *in)
{
	if (!in->selected)
		return 0;
	in->selected = 0;
	input_splice(in, 0, in->text.len, "", 0);
	in->cur = 0;
	return 1;
}

void input_insert(struct input *in, const char *s, size_t len)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = ustr_decode(s + i, len - i, &cp);
		if (n == 0 || cp == '\n' || cp == '\r')
			break;
		/* Because the line is shown in the message line and used as a
		 * file name or a term: no controls, no invalid bytes. */
		if (cp != USTR_INVALID && cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp < 0xa0))
			buf_append(&b, s + i, n);
		i += n;
	}
	if (b.len > 0) {
		input_drop_selected(in);
		input_splice(in, in->cur, in->cur, b.s, b.len);
		in->cur += b.len;
	}
	buf_free(&b);
}

void input_backspace(struct input *in)
{
	if (input_drop_selected(in) || in->cur == 0)
		return;
	uint32_t cp;
	size_t start = in->cur - ustr_decode_prev(in->text.s, in->cur, &cp);
	size_t gstart = ustr_grapheme_prev(in->text.s, in->text.len, in->cur);
	int lone = cp == 0x200C || cp == 0x200D || (cp != USTR_INVALID && ustr_is_mark(cp));
	size_t from = (lone && gstart < start) ? start : gstart;
	input_splice(in, from, in->cur, "", 0);
	in->cur = from;
}

void input_delete(struct input *in)
{
	if (input_drop_selected(in) || in->cur >= in->text.len)
		return;
	size_t to = ustr_grapheme_next(in->text.s, in->text.len, in->cur);
	input_splice(in, in->cur, to, "", 0);
}

void input_move(struct input *in, int motion)
{
	in->selected = 0;
	if (motion == INPUT_HOME || motion == INPUT_END) {
		in->cur = motion == INPUT_HOME ? 0 : in->text.len;
		return;
	}
	struct layout_opts o = {.width = 4096, .base = LAYOUT_AUTO, .fallback = LAYOUT_LTR};
	struct layout *lay = layout_line(in->text.s, in->text.len, &o);
	size_t g = layout_move(lay, layout_g_of_off(lay, in->cur), motion == INPUT_LEFT ? -1 : 1);
	if (g != LAYOUT_OFF_START && g != LAYOUT_OFF_END)
		in->cur = lay->goff[g];
	layout_free(lay);
}

static void input_set(struct input *in, const char *s)
{
	input_splice(in, 0, in->text.len, s, strlen(s));
	in->cur = in->text.len;
}

int input_history_walk(struct input *in, int dir)
{
	struct input_history *h = in->hist;
	if (h == NULL || (dir < 0 && in->hpos == 0) || (dir > 0 && in->hpos >= h->n))
		return -1;
	in->selected = 0;
	if (in->hpos == h->n) {
		free(in->draft);
		in->draft = xstrdup(in->text.s);
	}
	in->hpos = dir < 0 ? in->hpos - 1 : in->hpos + 1;
	input_set(in, in->hpos < h->n ? h->v[in->hpos] : (in->draft != NULL ? in->draft : ""));
	return 0;
}

void input_history_add(struct input_history *h, const char *text)
{
	if (text[0] == '\0' || (h->n > 0 && strcmp(h->v[h->n - 1], text) == 0))
		return;
	h->v = xgrow(h->v, &h->cap, h->n + 1, sizeof *h->v);
	h->v[h->n++] = xstrdup(text);
}

void input_history_free(struct input_history *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i]);
	free(h->v);
	memset(h, 0, sizeof *h);
}

struct input_named {
	char *name;
	struct input_history h;
};

struct input_history *input_history_named(struct input_histories *hs, const char *name)
{
	for (size_t i = 0; i < hs->n; i++)
		if (strcmp(hs->v[i].name, name) == 0)
			return &hs->v[i].h;
	hs->v = xgrow(hs->v, &hs->cap, hs->n + 1, sizeof *hs->v);
	struct input_named *h = &hs->v[hs->n++];
	memset(h, 0, sizeof *h);
	h->name = xstrdup(name);
	return &h->h;
}

void input_histories_free(struct input_histories *hs)
{
	for (size_t i = 0; i < hs->n; i++) {
		free(hs->v[i].name);
		input_history_free(&hs->v[i].h);
	}
	free(hs->v);
	memset(hs, 0, sizeof *hs);
}
