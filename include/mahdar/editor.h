/* editor: the full-screen editor, entered by `mahdar FILE`. */
#ifndef MAHDAR_EDITOR_H
#define MAHDAR_EDITOR_H

struct editor_opts {
	int shape;		/* --shape: Arabic presentation forms for terminals that do not shape */
	int term_bidi;		/* send the terminal-bidi escapes (ESC[8l, ESC[1 k); default 1 */
	int logical;		/* arrows move in logical order instead of visual */
	int show_controls;	/* show all bidi controls as markers */
	const char *keymap;	/* a .keys file to use instead of the default, or NULL */
};

/* Run the editor on path until the user quits; returns the exit status. */
int editor_run(const char *path, const struct editor_opts *opts);

#endif
