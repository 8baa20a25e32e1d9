/* ui_curses: the terminal — the only file that includes <curses.h> and the
 * only one that writes to the terminal.
 *
 * Data model: input is read from fd 0 by us, not by curses, into u->in; the
 * bytes are decoded by ui_parse() (ui-parse.c, pure) into events (key
 * names, typed text, bracketed pastes, SGR mouse reports); curses only
 * draws.  Signals are turned into bytes on a self-pipe
 * (the one piece of global state here, because a signal handler has no
 * other way to reach us) and read by ui_next() like input.  Fatal signals
 * restore the terminal modes with a plain write() before dying.
 *
 * Every byte that reaches the terminal is either a curses control sequence,
 * one of the mode escapes below, or cell text from the view, which the
 * layout guarantees to hold no control characters. */
#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE_EXTENDED 1

#include "mahdar/ui.h"

#include "mahdar/ustr.h"
#include "mahdar/util.h"
#include "mahdar/view.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* Terminal modes: bracketed paste, mouse with drag reports in SGR form. */
#define UI_MODES_ON "\033[?2004h\033[?1002h\033[?1006h"
#define UI_MODES_OFF "\033[?1006l\033[?1002l\033[?2004l"
/* The terminal working group's "BiDi in terminal emulators": explicit mode
 * (the terminal must not reorder; mahdar already did) and LTR presentation,
 * also for RTL rows, since every row is sent in visual order; and back. */
#define UI_BIDI_ON "\033[8l\033[1 k"
#define UI_BIDI_OFF "\033[8h\033[0 k"

/* While typed text comes faster than this (key repeat, a fast typist's
 * burst), the status line is redrawn at most this often; at ordinary
 * typing speed, and for every move of the cursor, it follows each key. */
#define UI_STATUS_MS 100
/* A status line held back is sent with the next frame once UI_STATUS_MS
 * have passed, or on its own once no key has come for this long (the
 * typist paused): never between two keys of a burst. */
#define UI_IDLE_MS 50

/* How long to wait for the rest of an escape sequence, and of a paste. */
#define UI_ESC_WAIT_MS 30
#define UI_PASTE_WAIT_MS 2000

/* The frame last handed to curses, to send only the cells that changed. */
struct ui_frame {
	int rows, cols;			/* 0 x 0: nothing drawn yet (or repaint all) */
	struct view_cell *cells;	/* rows * cols, .text offsets into text[row] */
	struct buf *text;		/* text_rows of them */
	int text_rows;
	size_t cells_cap;
	const struct view_grid *grid;	/* the grid it was copied from */
	unsigned long frame;		/* and that grid's frame */
	int cur_row, cur_col;
};

struct ui {
	SCREEN *scr;
	int term_bidi;
	int rows, cols;
	struct ui_frame prev;
	int owed_row;			/* a status row not yet sent (throttled), or -1 */
	long long status_ms;		/* when the status row was last sent */
	long long input_ms;		/* when input last came */
	char *in;		/* unread input bytes [in_off, in_len) */
	size_t in_off, in_len, in_cap;
};

/* Because a signal handler can only reach static storage. */
static int ui_sigpipe[2] = {-1, -1};
static volatile sig_atomic_t ui_active_bidi = -1;	/* -1: terminal not ours */

/* ------------------------------------------------------------ signals */

static void ui_on_signal(int sig)
{
	int saved = errno;
	unsigned char b = (unsigned char)sig;
	if (ui_sigpipe[1] >= 0 && write(ui_sigpipe[1], &b, 1) < 0) {
		/* The pipe is full: enough signals are already waiting. */
	}
	errno = saved;
}

/* Restore the terminal with async-signal-safe calls only, then die of sig. */
static void ui_on_fatal(int sig)
{
	if (ui_active_bidi >= 0) {
		static const char off[] = UI_MODES_OFF "\033[?25h\033[?1049l";
		static const char boff[] = UI_BIDI_OFF;
		if (write(STDOUT_FILENO, off, sizeof off - 1) < 0 ||
		    (ui_active_bidi && write(STDOUT_FILENO, boff, sizeof boff - 1) < 0)) {
			/* Nothing more can be done while dying. */
		}
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void ui_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = ui_on_signal;
	sa.sa_flags = SA_RESTART;
	int caught[] = {SIGWINCH, SIGTSTP, SIGCONT, SIGTERM, SIGHUP, SIGINT, SIGQUIT};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(caught); i++)
		sigaction(caught[i], &sa, NULL);
	sa.sa_handler = ui_on_fatal;
	sa.sa_flags = SA_RESETHAND;
	int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(fatal); i++)
		sigaction(fatal[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static void ui_signals_off(void)
{
	int all[] = {SIGWINCH, SIGTSTP, SIGCONT, SIGTERM, SIGHUP, SIGINT, SIGQUIT,
		     SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(all); i++)
		signal(all[i], SIG_DFL);
}

/* ------------------------------------------------------------ the terminal */

int ui_check(char **cause)
{
	const char *term = getenv("TERM");
	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0) {
		util_set_cause(cause, "TERM is %s: the editor needs a full-screen terminal "
			       "(e.g. TERM=xterm-256color)", term == NULL || *term == '\0' ? "not set" : "dumb");
		return -1;
	}
	const char *cs = nl_langinfo(CODESET);
	if (cs == NULL || (strcasecmp(cs, "UTF-8") != 0 && strcasecmp(cs, "utf8") != 0)) {
		util_set_cause(cause, "the locale's character set is %s, not UTF-8: set a UTF-8 locale "
			       "(e.g. LC_ALL=C.UTF-8)", cs != NULL && *cs ? cs : "unknown");
		return -1;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		util_set_cause(cause, "the editor needs a terminal (standard input and output are not one)");
		return -1;
	}
	return 0;
}

static void ui_write(const char *s)
{
	size_t n = strlen(s);
	while (n > 0) {
		ssize_t k = write(STDOUT_FILENO, s, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return;
		s += k;
		n -= (size_t)k;
	}
}

static void ui_modes(struct ui *u, int on)
{
	fflush(stdout);
	if (on) {
		ui_write(UI_MODES_ON);
		if (u->term_bidi)
			ui_write(UI_BIDI_ON);
		ui_active_bidi = u->term_bidi;
	} else {
		ui_write(UI_MODES_OFF);
		if (u->term_bidi)
			ui_write(UI_BIDI_OFF);
		ui_active_bidi = -1;
	}
}

static void ui_get_size(struct ui *u)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
		u->rows = ws.ws_row;
		u->cols = ws.ws_col;
		resizeterm(u->rows, u->cols);
		u->prev.rows = u->prev.cols = 0;	/* curses' screen was rebuilt */
	} else {
		u->rows = LINES;
		u->cols = COLS;
	}
}

struct ui *ui_new(int term_bidi, char **cause)
{
	if (ui_sigpipe[0] < 0) {
		if (pipe(ui_sigpipe) < 0) {
			util_set_cause(cause, "pipe: %s", strerror(errno));
			return NULL;
		}
		for (int i = 0; i < 2; i++) {
			fcntl(ui_sigpipe[i], F_SETFL, fcntl(ui_sigpipe[i], F_GETFL) | O_NONBLOCK);
			fcntl(ui_sigpipe[i], F_SETFD, FD_CLOEXEC);
		}
	}
	/* Because curses installs its own handlers for signals that have none. */
	ui_signals();
	struct ui *u = xcalloc(1, sizeof *u);
	u->term_bidi = term_bidi;
	u->owed_row = -1;
	u->scr = newterm(NULL, stdout, stdin);
	if (u->scr == NULL) {
		ui_signals_off();
		free(u);
		util_set_cause(cause, "cannot use the terminal (TERM=%s)", getenv("TERM") ? getenv("TERM") : "");
		return NULL;
	}
	set_term(u->scr);
	raw();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	typeahead(-1);
	leaveok(stdscr, FALSE);
	refresh();
	ui_modes(u, 1);
	ui_get_size(u);
	return u;
}

void ui_free(struct ui *u)
{
	if (u == NULL)
		return;
	ui_modes(u, 0);
	endwin();
	delscreen(u->scr);
	ui_signals_off();
	free(u->in);
	free(u->prev.cells);
	for (int r = 0; r < u->prev.text_rows; r++)
		buf_free(&u->prev.text[r]);
	free(u->prev.text);
	free(u);
}

void ui_size(const struct ui *u, int *rows, int *cols)
{
	*rows = u->rows;
	*cols = u->cols;
}

void ui_redraw(struct ui *u)
{
	u->prev.rows = u->prev.cols = 0;
	clearok(curscr, TRUE);
}

void ui_suspend(struct ui *u)
{
	ui_modes(u, 0);
	endwin();
	signal(SIGTSTP, SIG_DFL);
	kill(getpid(), SIGTSTP);
	/* Here once continued. */
	ui_signals();
	refresh();
	ui_modes(u, 1);
	ui_get_size(u);
	clearok(curscr, TRUE);
}

static long long ui_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read what input is there (after waiting up to wait_ms for it).  Returns
 * 1 if bytes came, 0 on timeout; a signal byte is stored in *sig. */
static int ui_fill(struct ui *u, int wait_ms, int *sig)
{
	struct pollfd pf[2] = {{STDIN_FILENO, POLLIN, 0}, {ui_sigpipe[0], POLLIN, 0}};
	*sig = 0;
	int r = poll(pf, 2, wait_ms);
	if (r <= 0)
		return 0;
	if (pf[1].revents & POLLIN) {
		unsigned char b;
		if (read(ui_sigpipe[0], &b, 1) == 1) {
			*sig = b;
			return 0;
		}
	}
	if (pf[0].revents & (POLLIN | POLLHUP | POLLERR)) {
		if (u->in_off > 0) {
			memmove(u->in, u->in + u->in_off, u->in_len - u->in_off);
			u->in_len -= u->in_off;
			u->in_off = 0;
		}
		u->in = xgrow(u->in, &u->in_cap, u->in_len + 65536, 1);
		ssize_t k = read(STDIN_FILENO, u->in + u->in_len, 65536);
		if (k <= 0 && !(k < 0 && (errno == EINTR || errno == EAGAIN))) {
			*sig = SIGHUP;	/* the terminal is gone */
			return 0;
		}
		if (k > 0) {
			u->in_len += (size_t)k;
			u->input_ms = ui_now_ms();
		}
		return k > 0;
	}
	return 0;
}

/* Turn a signal into an event (or handle it here); 1 if ev was filled. */
static int ui_signal_event(struct ui *u, int sig, struct ui_event *ev)
{
	memset(ev, 0, sizeof *ev);
	switch (sig) {
	case SIGWINCH:
		ui_get_size(u);
		ev->type = UI_EV_RESIZE;
		return 1;
	case SIGTSTP:
		ui_suspend(u);
		ev->type = UI_EV_RESIZE;
		return 1;
	case SIGCONT:
		ui_modes(u, 1);
		ui_get_size(u);
		clearok(curscr, TRUE);
		ev->type = UI_EV_RESIZE;
		return 1;
	case SIGTERM:
	case SIGHUP:
	case SIGQUIT:
	case SIGINT:
		ev->type = UI_EV_QUIT_SIGNAL;
		ev->sig = sig;
		return 1;
	default:
		return 0;
	}
}

static void ui_pay_status(struct ui *u);

int ui_next(struct ui *u, struct ui_event *ev, int wait_ms)
{
	int sig;
	for (;;) {
		size_t avail = u->in_len - u->in_off;
		if (avail > 0) {
			const char *p = u->in + u->in_off;
			size_t n = ui_parse(p, avail, 0, ev);
			if (n == 0) {
				int paste = avail >= 6 && memcmp(p, "\033[200~", 6) == 0;
				if (ui_fill(u, paste ? UI_PASTE_WAIT_MS : UI_ESC_WAIT_MS, &sig))
					continue;
				if (sig && ui_signal_event(u, sig, ev))
					return 1;
				p = u->in + u->in_off;
				n = ui_parse(p, u->in_len - u->in_off, 1, ev);
			}
			u->in_off += n;
			if (ev->type == UI_EV_TEXT) {
				/* Take the whole run of typed characters at once. */
				struct ui_event more;
				size_t k;
				while (u->in_off < u->in_len &&
				       (k = ui_parse(u->in + u->in_off, u->in_len - u->in_off, 0, &more)) > 0 &&
				       more.type == UI_EV_TEXT) {
					ev->len += k;
					u->in_off += k;
				}
			}
			if (ev->type != UI_EV_NONE)
				return 1;
			continue;
		}
		/* A held-back status row is sent when due, while waiting. */
		int wait = wait_ms;
		long long due = -1, t0 = 0;
		if (u->owed_row >= 0) {
			t0 = ui_now_ms();
			due = u->status_ms + UI_STATUS_MS - t0;
			if (u->input_ms + UI_IDLE_MS - t0 > due)
				due = u->input_ms + UI_IDLE_MS - t0;
			if (due < 0)
				due = 0;
			if (wait < 0 || due < wait)
				wait = (int)due;
		}
		if (!ui_fill(u, wait, &sig)) {
			if (sig && ui_signal_event(u, sig, ev))
				return 1;
			if (sig)
				continue;
			if (due >= 0 && wait == due) {
				ui_pay_status(u);
				if (wait_ms < 0)
					continue;
				wait_ms -= (int)(ui_now_ms() - t0);
				if (wait_ms > 0)
					continue;
			}
			return 0;
		}
	}
}

/* ------------------------------------------------------------ drawing */

static attr_t ui_attr(unsigned a)
{
	attr_t r = A_NORMAL;
	if (a & (VIEW_A_REVERSE | VIEW_A_STATUS))
		r |= A_REVERSE;
	if (a & VIEW_A_SELECT)
		r = (r & A_REVERSE) ? (A_NORMAL | A_UNDERLINE) : (r | A_REVERSE);
	if (a & VIEW_A_MATCH)	/* every search match: underlined; the current one reversed too */
		r |= A_UNDERLINE;
	if (a & VIEW_A_CURRENT)
		r = (r & A_REVERSE) ? r & ~A_REVERSE : r | A_REVERSE;
	if (a & (VIEW_A_BOLD | VIEW_A_ERROR))
		r |= A_BOLD;
	if (a & VIEW_A_DIM)
		r |= A_DIM;
	return r;
}

/* A cell with no text and a cell holding a space draw the same. */
static inline int ui_cell_blank(const char *text, const struct view_cell *c)
{
	return c->width == 1 && (c->len == 0 || (c->len == 1 && text[c->text] == ' '));
}

static inline int ui_cell_eq(const char *xt, const struct view_cell *a, const char *yt,
			     const struct view_cell *b)
{
	if (a->width != b->width || a->attr != b->attr)
		return 0;
	/* Because a space typed over a blank (at the end of a full row, where
	 * the cursor stays put) sends nothing, it must not count as a change
	 * of the text that holds the status line back: the key's answer
	 * would be that status line, 50-100 ms later. */
	if (a->len != b->len)
		return ui_cell_blank(xt, a) && ui_cell_blank(yt, b);
	const char *x = xt + a->text, *y = yt + b->text;
	if (a->len <= 4) {	/* nearly every cell: one character */
		for (uint32_t i = 0; i < a->len; i++)
			if (x[i] != y[i])
				return 0;
		return 1;
	}
	return memcmp(x, y, a->len) == 0;
}

/* The cells of row r that differ from the frame drawn before: [*c0, *c1),
 * widened to whole wide characters; 0 if none does. */
static int ui_row_damage(const struct ui_frame *f, const struct view_grid *g, int r, int *c0, int *c1)
{
	const struct view_cell *b = &g->cells[(size_t)r * (size_t)g->cols];
	if (f->rows != g->rows || f->cols != g->cols) {
		*c0 = 0;
		*c1 = g->cols;
		return 1;
	}
	const struct view_cell *a = &f->cells[(size_t)r * (size_t)g->cols];
	const char *at = f->text[r].s, *bt = g->text[r].s;
	int lo = 0, hi = g->cols;
	while (lo < hi && ui_cell_eq(at, &a[lo], bt, &b[lo]))
		lo++;
	if (lo == hi)
		return 0;
	while (hi > lo && ui_cell_eq(at, &a[hi - 1], bt, &b[hi - 1]))
		hi--;
	while (lo > 0 && (b[lo].width == 0 || a[lo].width == 0))
		lo--;	/* the right half of a wide character: from its left half */
	while (hi < g->cols && (b[hi].width == 0 || a[hi].width == 0))
		hi++;
	*c0 = lo;
	*c1 = hi;
	return 1;
}

/* Make f the size of g, nothing drawn in it yet. */
static void ui_frame_size(struct ui_frame *f, const struct view_grid *g)
{
	size_t n = (size_t)g->rows * (size_t)g->cols;
	f->cells = xgrow(f->cells, &f->cells_cap, n, sizeof *f->cells);
	for (int r = g->rows; r < f->text_rows; r++)
		buf_free(&f->text[r]);
	f->text = xrealloc(f->text, (size_t)(g->rows > 0 ? g->rows : 1) * sizeof *f->text);
	for (int r = f->text_rows; r < g->rows; r++)
		f->text[r] = (struct buf)BUF_INIT;
	f->text_rows = g->rows;
	f->rows = g->rows;
	f->cols = g->cols;
}

/* Keep row r of g as drawn. */
static void ui_keep_row(struct ui_frame *f, const struct view_grid *g, int r)
{
	size_t at = (size_t)r * (size_t)g->cols;
	memcpy(f->cells + at, g->cells + at, (size_t)g->cols * sizeof *f->cells);
	buf_clear(&f->text[r]);
	buf_append(&f->text[r], g->text[r].s, g->text[r].len);
}

/* The cell's text as one complete curses cell (its code points, a blank
 * under a leading mark, which would otherwise join the cell to its left):
 * 1 if it is one: a character and up to CCHARW_MAX - 1 zero-width ones
 * (marks, joiners, selectors); else 0 (a symbol like "^[", an emoji
 * sequence, a very long cluster). */
static int ui_cchar(const char *t, size_t len, attr_t a, cchar_t *out)
{
	wchar_t w[CCHARW_MAX + 1];
	int n = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += ustr_decode(t + i, len - i, &cp);
		if (n == 0 && ustr_is_mark(cp))
			w[n++] = L' ';
		if (cp == USTR_INVALID || n == CCHARW_MAX || (n > 0 && ustr_cp_width(cp) != 0))
			return 0;
		w[n++] = (wchar_t)cp;
	}
	if (n == 0)
		w[n++] = L' ';
	w[n] = L'\0';
	return setcchar(out, w, a, 0, NULL) == OK;
}

/* Draw cells [c0, c1) of row r of g, each at its own column (so that
 * curses' idea of a character's width can never shift the cells after
 * it). */
static void ui_draw_cells(const struct view_grid *g, int r, int c0, int c1)
{
	const struct view_cell *row = &g->cells[(size_t)r * (size_t)g->cols];
	for (int c = c0; c < c1 && c < COLS; c++) {
		const struct view_cell *cell = &row[c];
		if (cell->width == 0)
			continue;
		attr_t a = ui_attr(cell->attr);
		cchar_t cc;
		const char *t = view_cell_text(g, r, cell);
		if (ui_cchar(t, cell->len, a, &cc)) {
			mvadd_wch(r, c, &cc);
		} else {
			/* A cluster of more code points than a curses cell holds. */
			attrset(a);
			mvaddnstr(r, c, t, (int)cell->len);
			attrset(A_NORMAL);
		}
	}
}

/* Is row r of g the status line? */
static int ui_is_status(const struct view_grid *g, int r)
{
	return g->cols > 0 && (g->cells[(size_t)r * (size_t)g->cols].attr & VIEW_A_STATUS);
}

static void ui_cursor(int row, int col)
{
	if (row >= 0) {
		curs_set(1);
		move(row, col);
	} else {
		curs_set(0);
	}
}

void ui_draw(struct ui *u, const struct view_grid *g)
{
	/* Only the rows the view rewrote since the last frame drawn are
	 * looked at, and of those only the cells that changed reach curses,
	 * as whole cells (no multibyte text for curses to convert again), so
	 * that neither we nor curses' own screen comparison redo the whole
	 * screen for a key that changed two cells. */
	int owed = -1, text = 0, held = -1, held_c0 = 0, held_c1 = 0, held_typing = 0;
	struct ui_frame *p = &u->prev;
	int resized = p->rows != g->rows || p->cols != g->cols || p->grid != g;
	long long now = ui_now_ms();
	if (resized) {
		erase();
		ui_frame_size(p, g);
	}
	for (int r = 0; r < g->rows && r < LINES; r++) {
		int fresh = resized || g->drawn[r] > p->frame;
		if (!fresh && r != u->owed_row)
			continue;
		int c0, c1;
		int d = resized || ui_row_damage(p, g, r, &c0, &c1);
		if (resized || r == u->owed_row) {
			/* Everything, or the screen still shows an older row than
			 * prev has. */
			d = 1;
			c0 = 0;
			c1 = g->cols;
		}
		if (fresh)
			ui_keep_row(p, g, r);
		if (!d)
			continue;
		if (ui_is_status(g, r)) {
			/* Held back only while typing fast: text above it changed
			 * too (a move of the cursor alone shows at once), or it is
			 * held back already and nothing else changes (a second
			 * frame for the same key; decided after the rows below). */
			if (!resized && (text || r == u->owed_row) && now - u->status_ms < UI_STATUS_MS) {
				held = r, held_c0 = c0, held_c1 = c1, held_typing = text;
				continue;
			}
			u->status_ms = now;
		} else {
			text = 1;
		}
		ui_draw_cells(g, r, c0, c1);
	}
	if (held >= 0 && !held_typing && text) {
		/* Rows below it changed (a message): shown in the same frame. */
		ui_draw_cells(g, held, held_c0, held_c1);
		u->status_ms = now;
	} else if (held >= 0) {
		owed = held;
	}
	u->owed_row = owed;
	p->grid = g;
	p->frame = g->frame;
	p->cur_row = g->cur_row;
	p->cur_col = g->cur_col;
	ui_cursor(g->cur_row, g->cur_col);
	refresh();
}

/* Send the status row that was held back (ui_draw), from the kept frame. */
static void ui_pay_status(struct ui *u)
{
	struct ui_frame *f = &u->prev;
	int r = u->owed_row;
	u->owed_row = -1;
	if (r < 0 || r >= f->rows || r >= LINES)
		return;
	struct view_grid g = {.rows = f->rows, .cols = f->cols, .cells = f->cells, .text = f->text};
	ui_draw_cells(&g, r, 0, f->cols);
	u->status_ms = ui_now_ms();
	ui_cursor(f->cur_row, f->cur_col);
	refresh();
}

