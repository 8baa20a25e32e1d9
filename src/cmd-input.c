/* cmd-input: the input method in the editor — typing Arabic, Persian or
 * Hebrew from a Latin keyboard through a .kmap file of keymaps/ (kmap.c).
 *
 * Data model: one struct cmd_input per editor (editor_input_method()
 * holds it): the loaded method, its pending keys, whether it is on, and
 * the status line's hints with its sign in front.  While it is on, every
 * typed character and the key S-Space go through kmap_feed() before any
 * mode sees them; what the method types is handed back to the editor as
 * typed text, so the text mode, a prompt or a search all get it alike.
 * Any other key, a paste or a click first types what was pending. */
#include "mahdar/cmd.h"

#include "mahdar/buf.h"
#include "mahdar/buffer.h"
#include "mahdar/doc.h"
#include "mahdar/editor.h"
#include "mahdar/keymap.h"
#include "mahdar/kmap.h"
#include "mahdar/ui.h"
#include "mahdar/util.h"

#include <stdlib.h>
#include <string.h>

struct cmd_input {
	struct kmap *km;
	struct kmap_state st;
	int on;
	int feeding;		/* handing typed text back to the editor */
	char *hints;		/* "[ع] " + the hints it was made from */
	char *hints_from;
};

void cmd_input_free(struct cmd_input *im)
{
	if (im == NULL)
		return;
	kmap_free(im->km);
	free(im->hints);
	free(im->hints_from);
	free(im);
}

static struct cmd_input *cmd_input_of(struct editor *ed)
{
	struct cmd_input **slot = editor_input_method(ed);
	if (*slot == NULL)
		*slot = xcalloc(1, sizeof **slot);
	return *slot;
}

/* Load the .kmap file at path as the editor's input method (problems in
 * the message line): 0, or -1 when it cannot be read. */
static int cmd_input_load(struct editor *ed, const char *path, char **error)
{
	struct cmd_input *im = cmd_input_of(ed);
	char *cause = NULL;
	struct kmap *km = kmap_new();
	int r = kmap_load(km, path, &cause);
	if (r < 0) {
		kmap_free(km);
		cmd_error(error, "%s", cause);
		free(cause);
		return -1;
	}
	if (r > 0)
		editor_message(ed, 1, "%s", cause);
	free(cause);
	kmap_free(im->km);
	im->km = km;
	im->st.n = 0;
	im->on = 0;
	free(im->hints_from);	/* the hints are made again, with this method's sign */
	im->hints_from = NULL;
	return 0;
}

/* Hand text the method typed to the editor as typed text. */
static void cmd_input_type(struct editor *ed, struct cmd_input *im, struct buf *b)
{
	if (b->len > 0) {
		struct ui_event t = { .type = UI_EV_TEXT, .text = b->s, .len = b->len };
		im->feeding = 1;
		editor_event(ed, &t);
		im->feeding = 0;
	}
	buf_free(b);
}

int cmd_input_event(struct editor *ed, const struct ui_event *ev)
{
	struct cmd_input *im = *editor_input_method(ed);
	if (im == NULL || im->km == NULL || !im->on || im->feeding)
		return 0;
	struct buf out = BUF_INIT;
	int taken = 0;
	if (ev->type == UI_EV_TEXT) {
		for (size_t i = 0; i < ev->len;) {
			size_t n = 1;
			while (i + n < ev->len && ((unsigned char)ev->text[i + n] & 0xC0) == 0x80)
				n++;
			char key[8] = "Space";
			if (ev->text[i] != ' ') {
				size_t k = n < sizeof key ? n : sizeof key - 1;
				memcpy(key, ev->text + i, k);
				key[k] = '\0';
			}
			if (!kmap_feed(im->km, &im->st, key, &out))
				buf_append(&out, ev->text + i, n);	/* not a key of the method */
			i += n;
		}
		taken = 1;
	} else if (ev->type == UI_EV_KEY) {
		taken = kmap_feed(im->km, &im->st, ev->key, &out);
	} else {
		kmap_flush(im->km, &im->st, &out);
	}
	cmd_input_type(ed, im, &out);
	return taken;
}

const char *cmd_input_hints(struct editor *ed, const char *hints)
{
	struct cmd_input *im = *editor_input_method(ed);
	if (im == NULL || im->km == NULL || !im->on)
		return hints;
	const char *h = hints != NULL ? hints : "";
	if (im->hints == NULL || im->hints_from == NULL || strcmp(im->hints_from, h) != 0) {
		free(im->hints);
		free(im->hints_from);
		im->hints_from = xstrdup(h);
		im->hints = xasprintf("[%s] %s", kmap_indicator(im->km), h);
	}
	return im->hints;
}

/* Turn it on or off, typing what was pending first. */
static void cmd_input_switch(struct editor *ed, struct cmd_input *im, int on)
{
	struct buf out = BUF_INIT;
	kmap_flush(im->km, &im->st, &out);
	cmd_input_type(ed, im, &out);
	im->on = on;
	if (on)
		editor_message(ed, 0, _("Input method %s (%s) on"), kmap_name(im->km), kmap_indicator(im->km));
	else
		editor_message(ed, 0, _("Input method %s off"), kmap_name(im->km));
}

void cmd_input_start(struct editor *ed, const char *path)
{
	char *error = NULL;
	if (cmd_input_load(ed, path, &error) == 0)
		cmd_input_of(ed)->on = 1;
	else
		editor_message(ed, 1, "%s", error);
	free(error);
}

/* The shipped method of a language ("arabic"), or NULL. */
static const char *cmd_input_lang_name(int lang)
{
	static const char *const names[DOC_LANG_COUNT] = {
		[DOC_LANG_AR] = "arabic", [DOC_LANG_FA] = "persian", [DOC_LANG_HE] = "hebrew",
	};
	return lang > DOC_LANG_EN && lang < DOC_LANG_COUNT ? names[lang] : NULL;
}

/* Load the shipped keymaps/NAME.kmap: 0 or -1 with *error. */
static int cmd_input_load_named(struct editor *ed, const char *name, char **error)
{
	char *file = xasprintf("%s.kmap", name), *path = keymap_shipped(file);
	free(file);
	if (path == NULL)
		return cmd_error(error, _("Cannot find keymaps/%s.kmap."), name);
	int r = cmd_input_load(ed, path, error);
	free(path);
	return r;
}

/* toggle-input: the loaded method on or off; without one, the method of
 * the document's language. */
static int cmd_input_toggle(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m, (void)arg;
	struct cmd_input *im = cmd_input_of(ed);
	if (im->km == NULL) {
		const char *name = cmd_input_lang_name(doc_language(buffer_doc(editor_buffer(ed))));
		if (name == NULL)
			return cmd_error(error, _("No input method: start mahdar with --input arabic, persian or "
						  "hebrew, or use input-arabic, input-persian, input-hebrew"));
		if (cmd_input_load_named(ed, name, error) < 0)
			return CMD_ERROR;
	}
	cmd_input_switch(ed, im, !im->on);
	return CMD_OK;
}

/* input-arabic, input-persian, input-hebrew: that method on (off when it
 * is the one on already). */
static int cmd_input_named(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m;
	static const char *const names[] = { "arabic", "persian", "hebrew" };
	struct cmd_input *im = cmd_input_of(ed);
	if (im->km != NULL && im->on && strcmp(kmap_name(im->km), names[arg]) == 0) {
		cmd_input_switch(ed, im, 0);
		return CMD_OK;
	}
	if (im->km != NULL && im->on)
		cmd_input_switch(ed, im, 0);	/* types what the other one had pending */
	if (cmd_input_load_named(ed, names[arg], error) < 0)
		return CMD_ERROR;
	cmd_input_switch(ed, im, 1);
	return CMD_OK;
}

static const struct cmd cmd_input_cmds[] = {
	{"toggle-input", "Turn the input method on or off (--input, else the document's language)",
	 cmd_input_toggle, 0},
	{"input-arabic", "Type Arabic (the Arabic PC layout); again: back to the keyboard's own",
	 cmd_input_named, 0},
	{"input-persian", "Type Persian (ISIRI 9147); again: back to the keyboard's own", cmd_input_named, 1},
	{"input-hebrew", "Type Hebrew (SI-1452); again: back to the keyboard's own", cmd_input_named, 2},
};

const struct cmd *cmd_input_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(cmd_input_cmds);
	return cmd_input_cmds;
}
