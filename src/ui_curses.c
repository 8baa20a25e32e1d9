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
 * Curses sets the terminal up (modes, the alternate screen) and gives it
 * back; the frames are written by us (struct ui_term): the cells that
 * changed, with the terminal's own sequences read from terminfo, in one
 * write() a frame.  Curses' own screen update compared every touched row
 * again, formatted each cursor move, and cost about a third of a key.
 *
 * Every byte that reaches the terminal is either a terminfo sequence, one
 * of the mode escapes below, or cell text from the view, which the layout
 * guarantees to hold no control characters. */
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
#include <wchar.h>

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

/* Input that comes this soon after a read is taken after the frame, as
 * the next turn: the drain before a frame does not ask the terminal. */
#define UI_DRAIN_NS 300000LL

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

/* The terminal's side of drawing: its sequences (terminfo, read once) and
 * what it shows now, so that a frame sends only what changes. */
enum { UI_T_REV = 1, UI_T_UL = 2, UI_T_BOLD = 4, UI_T_DIM = 8, UI_T_ATTRS = 16 };

struct ui_term {
	const char *cup, *sgr, *sgr0, *rev, *smul, *bold, *dim, *civis, *cnorm, *clear, *el, *cub1;
	const char *unhide;	/* what undoes civis alone (the end of cnorm), or NULL */
	int ansi_cup;		/* cup is ECMA-48's CSI row;col H: formatted here */
	int no_last_cell;	/* auto margins without xenl: the bottom-right cell scrolls */
	char *sgr_of[UI_T_ATTRS];	/* the sequence that sets exactly these UI_T_*, made once */
	int row, col;		/* the terminal's cursor, -1 when not known */
	int attr;		/* the UI_T_* set, -1 when not known */
	int shown;		/* the cursor is shown (1), hidden (0), not known (-1) */
	int hid_early;		/* hidden when input came, before its frame (ui_t_hide_early) */
	struct buf out;		/* this frame's bytes */
};

struct ui {
	SCREEN *scr;
	struct ui_term t;
	int term_bidi;
	int rows, cols;
	struct ui_frame prev;
	int owed_row;			/* a status row not yet sent (throttled), or -1 */
	int owed_c0, owed_c1;		/* its cells that changed since it was sent */
	long long status_ms;		/* when the status row was last sent */
	long long input_ns;		/* when input last came (CLOCK_MONOTONIC) */
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

/* Write s[0..n) whole (through EINTR, and waiting while a non-blocking
 * terminal is full): 0, or -1 when the terminal is gone or stuck. */
static int ui_write_n(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t k = write(STDOUT_FILENO, s, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 && errno == EAGAIN) {
			struct pollfd pf = {STDOUT_FILENO, POLLOUT, 0};
			poll(&pf, 1, 1000);
			continue;
		}
		if (k <= 0)
			return -1;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

static void ui_write(const char *s)
{
	ui_write_n(s, strlen(s));
}

/* ------------------------------------------------------------ writing frames */

/* The terminal attributes (UI_T_*) of a cell's VIEW_A_* ones. */
static int ui_attr(unsigned a)
{
	int r = 0;
	if (a & (VIEW_A_REVERSE | VIEW_A_STATUS))
		r |= UI_T_REV;
	if (a & VIEW_A_SELECT)
		r = (r & UI_T_REV) ? UI_T_UL : (r | UI_T_REV);
	if (a & VIEW_A_MATCH)	/* every search match: underlined; the current one reversed too */
		r |= UI_T_UL;
	if (a & VIEW_A_CURRENT)
		r ^= UI_T_REV;
	if (a & (VIEW_A_BOLD | VIEW_A_ERROR))
		r |= UI_T_BOLD;
	if (a & VIEW_A_DIM)
		r |= UI_T_DIM;
	return r;
}

/* A terminfo string capability, or NULL when the terminal has none. */
static const char *ui_cap(const char *name)
{
	const char *s = tigetstr(name);
	return s == NULL || s == (const char *)-1 || *s == '\0' ? NULL : s;
}

/* Append terminfo string s to b without its padding ("$<5>", "$<2*>"):
 * tputs would turn it into delays or pad characters, which no terminal
 * emulator needs; written as it is it would show on the screen. */
static void ui_t_append_cap(struct buf *b, const char *s)
{
	while (*s != '\0') {
		if (s[0] == '$' && s[1] == '<') {
			size_t k = 2;
			while (s[k] != '\0' && strchr("0123456789.*/", s[k]) != NULL)
				k++;
			if (s[k] == '>') {
				s += k + 1;
				continue;
			}
		}
		buf_putc(b, *s++);
	}
}

/* When civis is a DEC private mode reset (CSI ? n l) and cnorm ends with
 * its set (CSI ? n h), that end alone shows the cursor again after civis:
 * the rest of cnorm (xterm's "stop blinking") needs sending only once. */
static const char *ui_t_unhide(const char *civis, const char *cnorm)
{
	if (civis == NULL || cnorm == NULL)
		return NULL;
	size_t n = strlen(civis), m = strlen(cnorm);
	if (n < 5 || strncmp(civis, "\033[?", 3) != 0 || civis[n - 1] != 'l' || m < n ||
	    strncmp(cnorm + m - n, civis, n - 1) != 0 || cnorm[m - 1] != 'h')
		return NULL;
	for (size_t i = 3; i + 1 < n; i++)
		if (!(civis[i] >= '0' && civis[i] <= '9') && civis[i] != ';')
			return NULL;
	return cnorm + m - n;
}

/* Read the terminal's sequences (after newterm). */
static void ui_t_init(struct ui_term *t)
{
	t->cup = ui_cap("cup");
	t->sgr = ui_cap("sgr");
	t->sgr0 = ui_cap("sgr0");
	t->rev = ui_cap("rev");
	t->smul = ui_cap("smul");
	t->bold = ui_cap("bold");
	t->dim = ui_cap("dim");
	t->civis = ui_cap("civis");
	t->cnorm = ui_cap("cnorm");
	t->clear = ui_cap("clear");
	t->el = ui_cap("el");
	t->cub1 = ui_cap("cub1");
	if (t->cub1 != NULL && strlen(t->cub1) != 1)
		t->cub1 = NULL;	/* only a one-byte step is worth repeating */
	t->ansi_cup = t->cup != NULL && strcmp(t->cup, "\033[%i%p1%d;%p2%dH") == 0;
	t->no_last_cell = tigetflag("am") > 0 && tigetflag("xenl") <= 0;
	t->unhide = ui_t_unhide(t->civis, t->cnorm);
	for (int a = 0; a < UI_T_ATTRS; a++) {
		struct buf b = BUF_INIT;
		if (t->sgr != NULL) {
			const char *x = tiparm(t->sgr, 0, (a & UI_T_UL) != 0, (a & UI_T_REV) != 0, 0,
					       (a & UI_T_DIM) != 0, (a & UI_T_BOLD) != 0, 0, 0, 0);
			if (x != NULL)
				ui_t_append_cap(&b, x);
		}
		if (b.len == 0) {
			const char *part[] = {t->sgr0, a & UI_T_REV ? t->rev : NULL, a & UI_T_UL ? t->smul : NULL,
					      a & UI_T_BOLD ? t->bold : NULL, a & UI_T_DIM ? t->dim : NULL};
			for (size_t i = 0; i < UTIL_ARRAY_LEN(part); i++)
				if (part[i] != NULL)
					ui_t_append_cap(&b, part[i]);
		}
		buf_putc(&b, '\0');
		t->sgr_of[a] = b.s;
	}
	t->row = t->col = t->attr = t->shown = -1;
}

static void ui_t_free(struct ui_term *t)
{
	for (int a = 0; a < UI_T_ATTRS; a++)
		free(t->sgr_of[a]);
	buf_free(&t->out);
}

/* Forget what the terminal shows (curses or another program wrote to it). */
static void ui_t_forget(struct ui_term *t)
{
	t->row = t->col = t->attr = t->shown = -1;
	t->hid_early = 0;
}

static void ui_t_puts(struct ui_term *t, const char *s)
{
	if (s != NULL)
		ui_t_append_cap(&t->out, s);
}

/* A decimal number, without printf: this runs for every cursor move. */
static void ui_t_num(struct ui_term *t, int n)
{
	char d[12];
	int k = 0;
	do {
		d[k++] = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	while (k > 0)
		buf_putc(&t->out, d[--k]);
}

static void ui_t_move(struct ui_term *t, int row, int col)
{
	if (t->row == row && t->col == col)
		return;
	if (t->row == row && t->col > col && t->col - col <= 4 && t->cub1 != NULL) {
		for (int i = col; i < t->col; i++)
			buf_putc(&t->out, t->cub1[0]);
	} else if (t->ansi_cup) {
		buf_append(&t->out, "\033[", 2);
		ui_t_num(t, row + 1);
		buf_putc(&t->out, ';');
		ui_t_num(t, col + 1);
		buf_putc(&t->out, 'H');
	} else if (t->cup != NULL) {
		ui_t_puts(t, tiparm(t->cup, row, col));
	}
	t->row = row;
	t->col = col;
}

static void ui_t_attr(struct ui_term *t, int a)
{
	if (t->attr != a) {
		ui_t_puts(t, t->sgr_of[a]);
		t->attr = a;
	}
}

/* Where the terminal's cursor stands after it printed cell text t[0..len)
 * at col: col + width when the terminal surely agrees on the width (one
 * character, maybe with marks, whose wcwidth is the cell's), else -1. */
static int ui_t_after(const char *s, size_t len, int col, int width)
{
	if (len == 1)
		return col + width;
	uint32_t cp;
	size_t i = ustr_decode(s, len, &cp);
	if (cp == USTR_INVALID || wcwidth((wchar_t)cp) != width)
		return -1;
	while (i < len) {
		uint32_t m;
		i += ustr_decode(s + i, len - i, &m);
		if (m == USTR_INVALID || wcwidth((wchar_t)m) != 0)
			return -1;
	}
	return col + width;
}

/* Send cells [c0, c1) of row r of g, each where it belongs: the cursor is
 * placed again after any cell the terminal might count otherwise, so that
 * its idea of a character's width can never shift the cells after it. */
static void ui_put_cells(struct ui *u, const struct view_grid *g, int r, int c0, int c1, int on_blank)
{
	struct ui_term *t = &u->t;
	const struct view_cell *row = &g->cells[(size_t)r * (size_t)g->cols];
	if (c1 > u->cols)
		c1 = u->cols;
	if (t->el != NULL && c1 == g->cols) {
		/* Trailing blanks: erased in one sequence. */
		int e = c1;
		while (e > c0 && row[e - 1].width == 1 && row[e - 1].len == 0 && ui_attr(row[e - 1].attr) == 0)
			e--;
		if (c1 - e > 4) {
			if (!on_blank) {
				ui_t_move(t, r, e);
				ui_t_attr(t, 0);
				ui_t_puts(t, t->el);
			}
			c1 = e;
		}
	}
	for (int c = c0; c < c1; c++) {
		const struct view_cell *cell = &row[c];
		if (cell->width == 0 || c + cell->width > u->cols)
			continue;
		int a = ui_attr(cell->attr);
		if (on_blank && cell->len == 0 && a == 0)
			continue;	/* the screen was just cleared */
		if (t->no_last_cell && r == u->rows - 1 && c + cell->width == u->cols)
			continue;	/* it would scroll the screen */
		ui_t_move(t, r, c);
		ui_t_attr(t, a);
		const char *s = view_cell_text(g, r, cell);
		int after;
		if (cell->len == 0) {
			buf_putc(&t->out, ' ');
			after = c + 1;
		} else {
			uint32_t cp;
			ustr_decode(s, cell->len, &cp);
			if (ustr_is_mark(cp))
				buf_putc(&t->out, ' ');	/* else it would join the cell to its left */
			buf_append(&t->out, s, cell->len);
			after = ustr_is_mark(cp) ? (cell->width == 1 ? c + 1 : -1)
						 : ui_t_after(s, cell->len, c, cell->width);
		}
		/* At the last column the cursor waits to wrap: not a place to move from. */
		t->col = after >= 0 && after < u->cols ? after : -1;
		if (t->col < 0)
			t->row = -1;
	}
}

/* Place the cursor (row -1: hide it, -2: leave it), leave the attributes plain and send
 * the frame. */
static void ui_t_flush(struct ui *u, int row, int col)
{
	struct ui_term *t = &u->t;
	if (row >= 0) {
		ui_t_move(t, row, col);
		if (t->shown != 1)
			ui_t_puts(t, t->shown == 0 && t->unhide != NULL ? t->unhide : t->cnorm);
		t->shown = 1;
	} else if (row == -1) {
		if (t->shown != 0)
			ui_t_puts(t, t->civis);
		t->shown = 0;
	}
	if (t->attr != 0)
		ui_t_attr(t, 0);
	t->hid_early = 0;
	if (t->out.len > 0 && ui_write_n(t->out.s, t->out.len) < 0)
		ui_t_forget(t);	/* the terminal is gone or stuck: redraw all if it comes back */
	buf_clear(&t->out);
}

/* Input came: hide the cursor now, in a write of its own, before the
 * frame that answers it is made (that frame shows the cursor again, where
 * it belongs).  The cursor does not wander while rows are rewritten, and
 * the terminal wakes while the frame is made rather than after it: waking
 * a sleeping reader is most of what a write to a pty costs, so the
 * frame's own bytes reach it sooner (README, "Drawing a key"). */
static void ui_t_hide_early(struct ui *u)
{
	struct ui_term *t = &u->t;
	if (t->shown != 1 || t->civis == NULL)
		return;
	ui_t_puts(t, t->civis);
	t->shown = 0;
	ui_t_flush(u, -2, 0);
	t->hid_early = 1;
}

/* Input that brought no frame (an unknown sequence): the cursor back
 * before waiting. */
static void ui_t_unhide_late(struct ui *u)
{
	struct ui_term *t = &u->t;
	if (t->hid_early && t->row >= 0)
		ui_t_flush(u, t->row, t->col);
	t->hid_early = 0;
}

/* Clear the screen for a whole repaint. */
static void ui_t_clear(struct ui_term *t)
{
	ui_t_attr(t, 0);
	ui_t_puts(t, t->clear);
	t->row = t->col = 0;
}

/* Before curses or the shell take the terminal: plain attributes, the cursor shown. */
static void ui_t_release(struct ui *u)
{
	struct ui_term *t = &u->t;
	ui_t_attr(t, 0);
	if (t->shown != 1)
		ui_t_puts(t, t->cnorm);
	t->shown = 1;
	ui_t_flush(u, -2, 0);
	ui_t_forget(t);
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
	} else {
		u->rows = tigetnum("lines") > 0 ? tigetnum("lines") : 24;
		u->cols = tigetnum("cols") > 0 ? tigetnum("cols") : 80;
	}
	u->prev.rows = u->prev.cols = 0;	/* a repaint at the new size */
}

/* Curses for the terminal's setting up and giving back only, with a screen
 * of its own of 1 x 1 (LINES and COLUMNS say so while newterm reads them):
 * mahdar writes the frames itself (struct ui_term), and curses would
 * otherwise keep three windows the size of the terminal that nothing reads
 * (400 KB at 120 x 40). */
static SCREEN *ui_newterm(void)
{
	static const char *const names[] = {"LINES", "COLUMNS"};
	char *old[2];
	for (int i = 0; i < 2; i++) {
		const char *v = getenv(names[i]);
		old[i] = v != NULL ? xstrdup(v) : NULL;
		setenv(names[i], "1", 1);
	}
	SCREEN *scr = newterm(NULL, stdout, stdin);
	for (int i = 0; i < 2; i++) {
		if (old[i] != NULL)
			setenv(names[i], old[i], 1);
		else
			unsetenv(names[i]);
		free(old[i]);
	}
	return scr;
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
	u->scr = ui_newterm();
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
	ui_t_init(&u->t);
	ui_modes(u, 1);
	ui_get_size(u);
	return u;
}

/* curses' endwin: its last row is the first (its screen is 1 x 1, see
 * ui_newterm), so on a terminal without an alternate screen to go back
 * to, the cursor is then put on the last row, where a shell's prompt
 * belongs. */
static void ui_endwin(struct ui *u)
{
	endwin();
	if (ui_cap("rmcup") == NULL && u->t.cup != NULL) {
		struct buf b = BUF_INIT;
		ui_t_append_cap(&b, tiparm(u->t.cup, u->rows - 1, 0));
		if (b.s != NULL)
			ui_write(b.s);
		buf_free(&b);
	}
}

void ui_free(struct ui *u)
{
	if (u == NULL)
		return;
	ui_t_release(u);
	ui_modes(u, 0);
	ui_endwin(u);
	ui_t_free(&u->t);
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
	ui_t_forget(&u->t);
}

void ui_suspend(struct ui *u)
{
	ui_t_release(u);
	ui_modes(u, 0);
	ui_endwin(u);
	signal(SIGTSTP, SIG_DFL);
	kill(getpid(), SIGTSTP);
	/* Here once continued. */
	ui_signals();
	refresh();
	ui_modes(u, 1);
	ui_get_size(u);
	ui_redraw(u);
}

static long long ui_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static long long ui_now_ms(void)
{
	return ui_now_ns() / 1000000;
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
			u->input_ns = ui_now_ns();
			ui_t_hide_early(u);
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
		ui_redraw(u);
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
		/* Asked only for what is already waiting (the editor's drain
		 * before a frame), just after a read: what comes so soon is
		 * taken after the frame, without a system call now. */
		if (wait_ms == 0 && ui_now_ns() - u->input_ns < UI_DRAIN_NS)
			return 0;
		if (wait_ms != 0)
			ui_t_unhide_late(u);
		/* A held-back status row is sent when due, while waiting. */
		int wait = wait_ms;
		long long due = -1, t0 = 0;
		if (u->owed_row >= 0) {
			t0 = ui_now_ms();
			due = u->status_ms + UI_STATUS_MS - t0;
			long long idle = u->input_ns / 1000000 + UI_IDLE_MS - t0;
			if (idle > due)
				due = idle;
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

/* Is row r of g the status line? */
static int ui_is_status(const struct view_grid *g, int r)
{
	return g->cols > 0 && (g->cells[(size_t)r * (size_t)g->cols].attr & VIEW_A_STATUS);
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
		ui_t_clear(&u->t);
		ui_frame_size(p, g);
	}
	for (int r = 0; r < g->rows && r < u->rows; r++) {
		int fresh = resized || g->drawn[r] > p->frame;
		if (!fresh && r != u->owed_row)
			continue;
		int c0, c1;
		int d = resized || ui_row_damage(p, g, r, &c0, &c1);
		if (resized) {
			c0 = 0;
			c1 = g->cols;
		} else if (r == u->owed_row) {
			/* The screen still shows an older row than prev has:
			 * what changed since, too. */
			if (!d || u->owed_c0 < c0)
				c0 = u->owed_c0;
			if (!d || u->owed_c1 > c1)
				c1 = u->owed_c1;
			d = 1;
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
		ui_put_cells(u, g, r, c0, c1, resized);
	}
	if (held >= 0 && !held_typing && text) {
		/* Rows below it changed (a message): shown in the same frame. */
		ui_put_cells(u, g, held, held_c0, held_c1, resized);
		u->status_ms = now;
	} else if (held >= 0) {
		owed = held;
		u->owed_c0 = held_c0;
		u->owed_c1 = held_c1;
	}
	u->owed_row = owed;
	p->grid = g;
	p->frame = g->frame;
	p->cur_row = g->cur_row;
	p->cur_col = g->cur_col;
	ui_t_flush(u, g->cur_row, g->cur_col);
}

/* Send the status row that was held back (ui_draw), from the kept frame. */
static void ui_pay_status(struct ui *u)
{
	struct ui_frame *f = &u->prev;
	int r = u->owed_row;
	u->owed_row = -1;
	if (r < 0 || r >= f->rows || r >= u->rows)
		return;
	struct view_grid g = {.rows = f->rows, .cols = f->cols, .cells = f->cells, .text = f->text};
	ui_put_cells(u, &g, r, u->owed_c0, u->owed_c1, 0);
	u->status_ms = ui_now_ms();
	ui_t_flush(u, f->cur_row, f->cur_col);
}

