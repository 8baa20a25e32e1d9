/* mode-ask: a question answered with one letter — save before quitting,
 * replace a file, restore a recovery copy, replace this match.
 *
 * Data model: the state is the question's kind (which answers it takes),
 * a function that words it for the screen's width, and who to call with
 * the answer.  Typed text answers through mode_ask_answer(); the "[ask]"
 * table can bind keys to answers (C-s: yes); any other key or a typed
 * letter that answers nothing closes the question with answer 0. */
#include "mahdar/mode.h"

#include "mahdar/buffer.h"
#include "mahdar/doc.h"
#include "mahdar/editor.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"
#include "mahdar/view.h"

#include <stdint.h>
#include <stdlib.h>

struct mode_ask {
	int kind;		/* enum mode_ask_kind */
	int error, rows;
	mode_ask_words words;
	mode_ask_done done;
	void *ctx;
	void (*free_ctx)(void *);
	char *shown;		/* the wording drawn last */
};

/* Answers to the questions, from any keyboard: the Latin letter, the
 * letter the same key gives on the Arabic, Persian and Hebrew layouts,
 * and the initial of the answer's word in those languages.
 *
 *   y (yes, replace this):   y Y  غ (y key, Arabic and Persian)  ט (y key, Hebrew)
 *                            ن (نعم)  ب (بله)  כ (כן)
 *   n (no, skip this):       n N  ى (n key, Arabic)  د (n key, Persian)  מ (n key, Hebrew)
 *                            ل (لا; the Arabic لا key too)  خ (خیر)  ל (לא)
 *   r (restore):             r R  ق (r key, Arabic and Persian)  ר (r key, Hebrew)
 *   d (delete):              d D  ي (d key, Arabic)  ی (d key, Persian)  ג (d key, Hebrew)
 *   a (all):                 a A  ش (a key, Arabic and Persian)  ש (a key, Hebrew)
 *                            ك (كل)  ه (همه)  ה (הכל)
 *   q (stop):                q Q  ض (q key, Arabic and Persian)  / (q key, Hebrew)
 *
 * The one clash: ن begins نعم (Arabic yes) and نه (Persian no).  Because
 * taking a "no" for a "yes" saves what was meant to be thrown away (and
 * the other way round loses words), ن counts as yes except in a Persian
 * document, where it answers nothing and the question is dropped. */
static const struct {
	int kind;
	char answer;
	uint32_t cp;
} mode_ask_answers[] = {
	{MODE_ASK_YES_NO, 'y', 'y'}, {MODE_ASK_YES_NO, 'y', 'Y'},
	{MODE_ASK_YES_NO, 'y', 0x063A}, {MODE_ASK_YES_NO, 'y', 0x05D8},
	{MODE_ASK_YES_NO, 'y', 0x0646}, {MODE_ASK_YES_NO, 'y', 0x0628},
	{MODE_ASK_YES_NO, 'y', 0x05DB},
	{MODE_ASK_YES_NO, 'n', 'n'}, {MODE_ASK_YES_NO, 'n', 'N'},
	{MODE_ASK_YES_NO, 'n', 0x0649}, {MODE_ASK_YES_NO, 'n', 0x062F},
	{MODE_ASK_YES_NO, 'n', 0x05DE}, {MODE_ASK_YES_NO, 'n', 0x0644},
	{MODE_ASK_YES_NO, 'n', 0x062E}, {MODE_ASK_YES_NO, 'n', 0x05DC},
	{MODE_ASK_RECOVER, 'r', 'r'}, {MODE_ASK_RECOVER, 'r', 'R'},
	{MODE_ASK_RECOVER, 'r', 0x0642}, {MODE_ASK_RECOVER, 'r', 0x05E8},
	{MODE_ASK_RECOVER, 'd', 'd'}, {MODE_ASK_RECOVER, 'd', 'D'},
	{MODE_ASK_RECOVER, 'd', 0x064A}, {MODE_ASK_RECOVER, 'd', 0x06CC},
	{MODE_ASK_RECOVER, 'd', 0x05D2},
	/* changed outside: r reload, o overwrite, s save as (the same keys) */
	{MODE_ASK_CHANGED, 'r', 'r'}, {MODE_ASK_CHANGED, 'r', 'R'},
	{MODE_ASK_CHANGED, 'r', 0x0642}, {MODE_ASK_CHANGED, 'r', 0x05E8},
	{MODE_ASK_CHANGED, 'o', 'o'}, {MODE_ASK_CHANGED, 'o', 'O'},
	{MODE_ASK_CHANGED, 'o', 0x062E}, {MODE_ASK_CHANGED, 'o', 0x05DD},
	{MODE_ASK_CHANGED, 's', 's'}, {MODE_ASK_CHANGED, 's', 'S'},
	{MODE_ASK_CHANGED, 's', 0x0633}, {MODE_ASK_CHANGED, 's', 0x05D3},
	{MODE_ASK_REPLACE, 'a', 'a'}, {MODE_ASK_REPLACE, 'a', 'A'},
	{MODE_ASK_REPLACE, 'a', 0x0634}, {MODE_ASK_REPLACE, 'a', 0x05E9},
	{MODE_ASK_REPLACE, 'a', 0x0643}, {MODE_ASK_REPLACE, 'a', 0x0647},
	{MODE_ASK_REPLACE, 'a', 0x05D4},
	{MODE_ASK_REPLACE, 'q', 'q'}, {MODE_ASK_REPLACE, 'q', 'Q'},
	{MODE_ASK_REPLACE, 'q', 0x0636}, {MODE_ASK_REPLACE, 'q', '/'},
};

int mode_ask_answer(int kind, const char *text, size_t len, int lang)
{
	uint32_t cp;
	if (text == NULL || len == 0 || ustr_decode(text, len, &cp) == 0 || cp == USTR_INVALID)
		return 0;
	if (cp == 0x0646 && lang == DOC_LANG_FA)
		return 0;
	for (size_t i = 0; i < UTIL_ARRAY_LEN(mode_ask_answers); i++) {
		int k = mode_ask_answers[i].kind;
		/* Replacing one match is a yes-or-no question too. */
		if ((k == kind || (kind == MODE_ASK_REPLACE && k == MODE_ASK_YES_NO)) &&
		    mode_ask_answers[i].cp == cp)
			return mode_ask_answers[i].answer;
	}
	return 0;
}

/* Close the question, then tell its owner (which may ask another). */
static void mode_ask_end(struct editor *ed, struct mode *m, int answer)
{
	struct mode_ask *a = m->state;
	mode_ask_done done = a->done;
	void *ctx = a->ctx;
	void (*free_ctx)(void *) = a->free_ctx;
	a->free_ctx = NULL;
	editor_pop(ed, m);
	done(ed, answer, ctx);
	if (free_ctx != NULL)
		free_ctx(ctx);
}

static int mode_ask_key(struct editor *ed, struct mode *m, const char *key)
{
	(void)key;
	mode_ask_end(ed, m, 0);
	return 1;
}

static int mode_ask_text(struct editor *ed, struct mode *m, const char *s, size_t len, int paste)
{
	struct mode_ask *a = m->state;
	if (paste)
		return 1;	/* no paste while a question is open */
	mode_ask_end(ed, m, mode_ask_answer(a->kind, s, len, doc_language(buffer_doc(editor_buffer(ed)))));
	return 1;
}

static int mode_ask_mouse(struct editor *ed, struct mode *m, const struct ui_event *ev)
{
	(void)ed, (void)m, (void)ev;
	return 1;
}

/* The question in its longest wording that fits in a->rows rows (or half
 * the text area), worded again every frame: the width may have changed. */
static void mode_ask_draw(struct editor *ed, struct mode *m, struct view_frame *f)
{
	struct mode_ask *a = m->state;
	struct view *v = editor_view(ed);
	char *forms[4] = {NULL};
	size_t n = a->words(ed, a->ctx, forms), pick = n - 1;
	int rows = a->rows > 0 ? a->rows : view_message_max_rows(v);
	for (size_t i = 0; i + 1 < n; i++) {
		if (view_message_rows(v, forms[i]) <= rows) {
			pick = i;
			break;
		}
	}
	free(a->shown);
	a->shown = forms[pick];
	for (size_t i = 0; i < n; i++)
		if (i != pick)
			free(forms[i]);
	f->st.msg = a->shown;
	f->st.msg_error = a->error;
	f->input = NULL;	/* the question, not the line typed before it */
}

static void mode_ask_free(void *state)
{
	struct mode_ask *a = state;
	if (a->free_ctx != NULL)
		a->free_ctx(a->ctx);
	free(a->shown);
	free(a);
}

static const struct mode_ops mode_ask_ops = {
	.name = "ask",
	.tables = {"ask", NULL, NULL},
	.key = mode_ask_key,
	.text = mode_ask_text,
	.mouse = mode_ask_mouse,
	.draw = mode_ask_draw,
	.free = mode_ask_free,
};

struct mode *mode_ask_open(struct editor *ed, int kind, int error, int rows, mode_ask_words words,
			   mode_ask_done done, void *ctx, void (*free_ctx)(void *))
{
	struct mode_ask *a = xcalloc(1, sizeof *a);
	*a = (struct mode_ask){kind, error, rows, words, done, ctx, free_ctx, NULL};
	return editor_push(ed, &mode_ask_ops, a);
}

/* ------------------------------------------------------------ commands */

static int mode_ask_cmd(struct editor *ed, struct mode *m, int arg, char **error)
{
	if (m->ops != &mode_ask_ops)
		return cmd_error(error, _("There is no question to answer."));
	mode_ask_end(ed, m, arg);
	return CMD_OK;
}

static const struct cmd mode_ask_cmds[] = {
	{"answer-yes", "Answer yes (save and quit, replace)", mode_ask_cmd, 'y'},
	{"answer-no", "Answer no (quit without saving, skip)", mode_ask_cmd, 'n'},
	{"answer-all", "Replace this match and all the others", mode_ask_cmd, 'a'},
	{"answer-stop", "Stop replacing", mode_ask_cmd, 'q'},
};

const struct cmd *mode_ask_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(mode_ask_cmds);
	return mode_ask_cmds;
}
