/* ui-parse: the terminal's input bytes decoded into events — key names
 * ("C-s", "S-Left", "M-Enter"), typed text, bracketed pastes and SGR mouse
 * reports.  Pure (no terminal, no curses): ui_curses.c reads the bytes and
 * hands them here, and the tests and fuzzers call it directly.  Because
 * curses' own key decoding knows neither bracketed paste nor every
 * modifier combination, it is not used. */
#define _POSIX_C_SOURCE 200809L

#include "mahdar/ui.h"

#include "mahdar/ustr.h"
#include "mahdar/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------ input decoding */

static void ui_key(struct ui_event *ev, int mod, const char *name)
{
	ev->type = UI_EV_KEY;
	snprintf(ev->key, sizeof ev->key, "%s%s%s%s", (mod & 4) ? "C-" : "", (mod & 2) ? "M-" : "",
		 (mod & 1) ? "S-" : "", name);
}

/* Key name of a control byte (0x00-0x1f, 0x7f), modifiers mod. */
static void ui_ctrl_key(struct ui_event *ev, unsigned char c, int mod)
{
	char name[4] = {0};
	switch (c) {
	case 0x7f: case 0x08: ui_key(ev, mod, "Backspace"); return;
	case 0x0d: case 0x0a: ui_key(ev, mod, "Enter"); return;
	case 0x09: ui_key(ev, mod, "Tab"); return;
	case 0x1b: ui_key(ev, mod, "Esc"); return;
	case 0x00: ui_key(ev, mod | 4, "Space"); return;
	default:
		break;
	}
	name[0] = c <= 0x1a ? (char)('a' + c - 1) : (char)("\\]^_"[c - 0x1c]);
	ui_key(ev, mod | 4, name);
}

/* Named key for CSI "n ~". */
static const char *ui_tilde_key(long n)
{
	static const struct {
		long n;
		const char *name;
	} map[] = {
		{1, "Home"}, {2, "Insert"}, {3, "Delete"}, {4, "End"}, {5, "PageUp"}, {6, "PageDown"},
		{7, "Home"}, {8, "End"}, {11, "F1"}, {12, "F2"}, {13, "F3"}, {14, "F4"}, {15, "F5"},
		{17, "F6"}, {18, "F7"}, {19, "F8"}, {20, "F9"}, {21, "F10"}, {23, "F11"}, {24, "F12"},
	};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(map); i++)
		if (map[i].n == n)
			return map[i].name;
	return NULL;
}

/* Named key for a CSI or SS3 final letter. */
static const char *ui_letter_key(char c)
{
	switch (c) {
	case 'A': return "Up";
	case 'B': return "Down";
	case 'C': return "Right";
	case 'D': return "Left";
	case 'H': return "Home";
	case 'F': return "End";
	case 'P': return "F1";
	case 'Q': return "F2";
	case 'R': return "F3";
	case 'S': return "F4";
	default: return NULL;
	}
}

/* A key sent by its code with modifiers — xterm's "CSI 27;mod;code~" and
 * the "CSI code;mod u" of newer terminals — which is how Shift-Enter can
 * be told from Enter: its name, or NULL. */
static const char *ui_code_key(long code)
{
	switch (code) {
	case 13: return "Enter";
	case 9: return "Tab";
	case 27: return "Esc";
	case 127: return "Backspace";
	default: return NULL;
	}
}

/* Up to 4 numeric parameters "a;b;c" of a CSI; returns their count. */
static int ui_params(const char *p, size_t n, long *v)
{
	int k = 0;
	v[0] = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] >= '0' && p[i] <= '9') {
			if (v[k] < 100000)
				v[k] = v[k] * 10 + (p[i] - '0');
		} else if (p[i] == ';' && k < 3) {
			v[++k] = 0;
		}
	}
	return k + 1;
}

static void ui_mouse(struct ui_event *ev, const long *v, char final)
{
	long b = v[0];
	ev->type = UI_EV_MOUSE;
	ev->button = (b & 64) ? 3 + (int)(b & 1) : (int)(b & 3);
	ev->action = final == 'm' ? UI_MOUSE_RELEASE : (b & 32) ? UI_MOUSE_DRAG : UI_MOUSE_PRESS;
	ev->col = (int)v[1] - 1;
	ev->row = (int)v[2] - 1;
	snprintf(ev->key, sizeof ev->key, "%s%s%s", (b & 16) ? "C-" : "", (b & 8) ? "M-" : "", (b & 4) ? "S-" : "");
}

static size_t ui_parse_csi(const char *s, size_t len, int final, struct ui_event *ev)
{
	size_t i = 2;
	while (i < len && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] <= 0x3f)
		i++;
	if (i >= len) {
		if (!final)
			return 0;
		ev->type = UI_EV_NONE;
		return len;
	}
	char fin = s[i];
	const char *par = s + 2;
	size_t npar = i - 2;
	long v[4] = {0};
	int nv = ui_params(par, npar, v);
	if (fin == '~' && npar == 3 && memcmp(par, "200", 3) == 0) {
		const char *body = s + i + 1;
		size_t blen = len - (i + 1);
		for (size_t k = 0; k + 6 <= blen; k++) {
			if (memcmp(body + k, "\033[201~", 6) == 0) {
				ev->type = UI_EV_PASTE;
				ev->text = body;
				ev->len = k;
				return i + 1 + k + 6;
			}
		}
		if (!final)
			return 0;
		ev->type = UI_EV_PASTE;
		ev->text = body;
		ev->len = blen;
		return len;
	}
	if (npar > 0 && par[0] == '<' && (fin == 'M' || fin == 'm')) {
		ui_params(par + 1, npar - 1, v);
		ui_mouse(ev, v, fin);
		return i + 1;
	}
	int mod = nv >= 2 && v[1] > 1 ? (int)(v[1] - 1) : 0;
	const char *name = NULL;
	if (fin == '~' && v[0] == 27 && nv >= 3) {
		name = ui_code_key(v[2]);
		mod = v[1] > 1 ? (int)(v[1] - 1) : 0;
	} else if (fin == 'u')
		name = ui_code_key(v[0]);
	else if (fin == '~')
		name = ui_tilde_key(v[0]);
	else if (fin == 'Z')
		name = "Tab", mod |= 1;
	else if (npar == 0 || v[0] == 1)
		name = ui_letter_key(fin);
	if (name == NULL || (unsigned char)fin < 0x40)
		ev->type = UI_EV_NONE;
	else
		ui_key(ev, mod & 7, name);
	return i + 1;
}

size_t ui_parse(const char *s, size_t len, int final, struct ui_event *ev)
{
	memset(ev, 0, sizeof *ev);
	if (len == 0)
		return 0;
	unsigned char c = (unsigned char)s[0];
	if (c == 0x1b) {
		if (len == 1) {
			if (!final)
				return 0;
			ui_key(ev, 0, "Esc");
			return 1;
		}
		if (s[1] == '[')
			return ui_parse_csi(s, len, final, ev);
		if (s[1] == 'O') {
			if (len < 3) {
				if (!final)
					return 0;
				ui_key(ev, 2, "O");
				return 2;
			}
			const char *name = ui_letter_key(s[2]);
			if (name != NULL)
				ui_key(ev, 0, name);
			return 3;
		}
		if (s[1] == 0x1b && len == 2 && !final)
			return 0;
		if (s[1] == 0x1b && (len < 3 || (s[2] != '[' && s[2] != 'O'))) {
			ui_key(ev, 0, "Esc");
			return 1;
		}
		/* Alt + a key: ESC then the key. */
		size_t n = ui_parse(s + 1, len - 1, final, ev);
		if (n == 0)
			return 0;
		if (ev->type == UI_EV_TEXT) {
			char ch[8];
			memcpy(ch, ev->text, ev->len < 7 ? ev->len : 7);
			ch[ev->len < 7 ? ev->len : 7] = '\0';
			ui_key(ev, 2, strcmp(ch, " ") == 0 ? "Space" : ch);
		} else if (ev->type == UI_EV_KEY && strstr(ev->key, "M-") == NULL) {
			/* Insert "M-" after a leading "C-" (canonical order C-M-S-). */
			size_t at = strncmp(ev->key, "C-", 2) == 0 ? 2 : 0;
			size_t kl = strlen(ev->key);
			if (kl + 2 < sizeof ev->key) {
				memmove(ev->key + at + 2, ev->key + at, kl - at + 1);
				memcpy(ev->key + at, "M-", 2);
			}
		}
		return n + 1;
	}
	if (c < 0x20 || c == 0x7f) {
		ui_ctrl_key(ev, c, 0);
		return 1;
	}
	/* A UTF-8 character; wait for the rest of a truncated one. */
	size_t need = c >= 0xF8 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 1;
	if (need > len && !final) {
		size_t k = 1;
		while (k < len && ((unsigned char)s[k] & 0xC0) == 0x80)
			k++;
		if (k == len)
			return 0;
	}
	uint32_t cp;
	size_t n = ustr_decode(s, len, &cp);
	if (cp == USTR_INVALID || (cp >= 0x80 && cp < 0xA0)) {
		ev->type = UI_EV_NONE;
		return n;
	}
	ev->type = UI_EV_TEXT;
	ev->text = s;
	ev->len = n;
	return n;
}

