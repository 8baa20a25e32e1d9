/* fuzz modes: the editor driven through editor_event(), the entry point the
 * real loop uses, by a stream of keys (every key the default keymap binds,
 * in any mode, and some it does not), typed text in four scripts, pastes,
 * clicks and resizes, with the background slices and a frame after each:
 *   - no crash, leak or use after free across the mode stack (prompts,
 *     questions, the help page, search and replace pushed and popped in
 *     any order);
 *   - every frame's grid holds no control byte and the cursor is on it;
 *   - the text cursor is on an existing line.
 * (Save-as is left out: the fuzzer could type a name anywhere.)
 *
 * Input: byte 0 = length n of the initial text, bytes 1..n the text, then
 * events, one opcode byte each with an argument byte. */
#include "fuzz.h"

#include "mahdar/buffer.h"
#include "mahdar/edit.h"
#include "mahdar/editor.h"
#include "mahdar/keymap.h"
#include "mahdar/ui.h"
#include "mahdar/util.h"
#include "mahdar/view.h"

#include <sys/stat.h>
#include <unistd.h>

static const char *const fuzz_modes_text[] = {
	"a", " ", "y", "n", "a", "q", "r", "d", "x", "1", "\xd8\xa7" /* alef */, "\xd9\x84" /* lam */,
	"\xd9\x8e" /* fatha */, "\xd8\xba" /* ghain: yes */, "\xd8\xb4" /* sheen: all */, "\xd7\xa9" /* shin */,
	"\xd9\x86" /* noon */, "\xdb\x8c" /* Persian yeh */, "\xe2\x80\x8c" /* ZWNJ */, "\xd7\x90" /* alef */,
	"\xd6\xb8" /* qamats */, "/", "\xd9\xa1" /* Arabic-Indic 1 */,
};

static const char *const fuzz_modes_extra_keys[] = {"F9", "C-t", "M-x", "S-Enter", "Insert", "F12"};

static char fuzz_modes_dir[64], fuzz_modes_keys[4096];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	snprintf(fuzz_modes_dir, sizeof fuzz_modes_dir, "/tmp/mahdar-fuzz-modes-%ld", (long)getpid());
	mkdir(fuzz_modes_dir, 0700);
	const char *src = getenv("MAHDAR_SRCDIR");
	snprintf(fuzz_modes_keys, sizeof fuzz_modes_keys, "%s/keymaps/default.keys", src != NULL ? src : ".");
	char cfg[128];
	snprintf(cfg, sizeof cfg, "%s/config", fuzz_modes_dir);
	setenv("XDG_CONFIG_HOME", cfg, 1);
	return 0;
}

static void fuzz_modes_check(struct editor *ed, const struct view_grid *g)
{
	for (int i = 0; i < g->rows * g->cols; i++) {
		const struct view_cell *c = &g->cells[i];
		for (uint32_t k = 0; k < c->len; k++) {
			unsigned char b = (unsigned char)view_cell_text(g, i / g->cols, c)[k];
			FUZZ_CHECK(b >= 0x20 && b != 0x7f);
		}
	}
	FUZZ_CHECK(g->cur_row < g->rows && g->cur_col < g->cols);
	const struct edit *e = editor_edit(ed);
	const struct doc *d = buffer_doc(editor_buffer(ed));
	FUZZ_CHECK(e->cur.line < d->nlines);
	const struct doc_line *l = &d->lines[e->cur.line];
	FUZZ_CHECK(e->cur.off <= l->len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t n = data[0] < size - 1 ? data[0] : size - 1;
	char path[128];
	snprintf(path, sizeof path, "%s/f.txt", fuzz_modes_dir);
	FILE *f = fopen(path, "wb");
	if (f == NULL)
		return 0;
	fwrite(data + 1, 1, n, f);
	fclose(f);
	struct editor_opts o = {.keymap = fuzz_modes_keys};
	char *cause = NULL;
	struct editor *ed = editor_new(&o, &cause);
	FUZZ_CHECK(ed != NULL);
	if (editor_open(ed, path, &cause) < 0) {	/* a binary file: refused */
		free(cause);
		editor_free(ed);
		return 0;
	}
	editor_resize(ed, 8, 24);
	const struct keymap *km = editor_keymap(ed);
	size_t nkeys = 0;
	const char *key, *cmd;
	while (keymap_entry(km, nkeys, &key, &cmd) == 0)
		nkeys++;
	int status;
	for (size_t i = 1 + n; i + 1 < size && !editor_done(ed, &status); i += 2) {
		uint8_t op = data[i], arg = data[i + 1];
		struct ui_event ev = {0};
		switch (op % 6) {
		case 0:
		case 1:
			ev.type = UI_EV_KEY;
			if (arg < nkeys && keymap_entry(km, arg, &key, &cmd) == 0) {
				/* Not save-as: a name typed there could be anywhere. */
				if (strcmp(cmd, "suspend") == 0 || strcmp(cmd, "save-as") == 0)
					continue;
				snprintf(ev.key, sizeof ev.key, "%s", key);
			} else {
				snprintf(ev.key, sizeof ev.key, "%s",
					 fuzz_modes_extra_keys[arg % UTIL_ARRAY_LEN(fuzz_modes_extra_keys)]);
			}
			break;
		case 2:
		case 3:
			ev.type = UI_EV_TEXT;
			ev.text = fuzz_modes_text[arg % UTIL_ARRAY_LEN(fuzz_modes_text)];
			ev.len = strlen(ev.text);
			break;
		case 4:
			ev.type = UI_EV_PASTE;
			ev.text = (const char *)data + 1;
			ev.len = n < arg ? n : arg;
			break;
		default:
			if (arg >= 250) {
				editor_resize(ed, 3 + arg % 5, 10 + arg % 30);
				continue;
			}
			ev.type = UI_EV_MOUSE;
			ev.button = arg % 5;
			ev.action = (arg / 5) % 3;
			ev.row = (arg / 15) % 8;
			ev.col = arg % 24;
			break;
		}
		editor_event(ed, &ev);
		editor_background(ed, 1);
		fuzz_modes_check(ed, editor_frame(ed));
	}
	editor_free(ed);
	return 0;
}
