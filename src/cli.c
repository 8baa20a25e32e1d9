/* cli: the mahdar command line — subcommands and their options.
 *
 * A table of subcommands {name, usage, exec}; each exec gets the arguments
 * after its name and returns the exit status (CLI_OK, CLI_PROBLEMS,
 * CLI_USAGE).  Errors are one line on stderr naming the file.  Without a
 * subcommand, `mahdar FILE` opens the editor. */
#include "mahdar/cli.h"
#include "mahdar/date.h"
#include "mahdar/doc.h"
#include "mahdar/draft.h"
#include "mahdar/editor.h"
#include "mahdar/fio.h"
#include "mahdar/cmd.h"
#include "mahdar/keymap.h"
#include "mahdar/kmap.h"
#include "mahdar/side.h"
#include "mahdar/store.h"
#include "mahdar/txt.h"
#include "mahdar/buf.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cli_cmd {
	const char *name;
	const char *usage;
	int (*exec)(int argc, char **argv);
};

static int cli_new(int argc, char **argv);
static int cli_check(int argc, char **argv);

static const struct cli_cmd cli_cmds[] = {
	{ "new", "new FILE [--lang en|ar|fa|he]", cli_new },
	{ "export", "export FILE... --to text|markdown|html|json [-o OUT]", cli_export },
	{ "check", "check FILE...", cli_check },
	{ "search", "search PATTERN [DIR|FILE...] [--json]", cli_search },
	{ "actions", "actions [DIR|FILE...] [--open] [--owner NAME] [--overdue] [--json]", cli_actions },
	{ "finalize", "finalize FILE --by NAME [--on DATE]", cli_finalize },
	{ "amend", "amend FILE --reason TEXT [--by NAME] [--on DATE]", cli_amend },
};

/* printf, with control bytes, escape sequences and bidi overrides shown as
 * symbols: file names, file contents and sidecar text never reach the
 * terminal raw (a received minutes file must not retitle or clear it). */
void cli_printf(FILE *to, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *raw = xvasprintf(fmt, ap);
	va_end(ap);
	struct buf b = BUF_INIT;
	ustr_escape(raw, strlen(raw), 1, &b);
	if (b.len > 0)
		fwrite(b.s, 1, b.len, to);
	buf_free(&b);
	free(raw);
}

static void cli_usage(FILE *to)
{
	fprintf(to,
		"Usage: mahdar [OPTION]... FILE         edit minutes in the terminal\n"
		"       mahdar --list-keys [--keymap FILE]\n"
		"       mahdar [OPTION]... [DIR]        browse the minutes under DIR (default: here)\n"
		"       mahdar new FILE [--lang en|ar|fa|he]\n"
		"       mahdar new FILE --from PREVIOUS\n"
		"       mahdar export FILE... --to text|markdown|html|json [--width N]\n"
		"                     [--visual] [--shape] [-o OUT|DIR]\n"
		"       mahdar search PATTERN [DIR|FILE...] [--json]\n"
		"       mahdar actions [DIR|FILE...] [--open] [--owner NAME] [--overdue] [--json]\n"
		"       mahdar finalize FILE --by NAME [--on DATE]\n"
		"       mahdar amend FILE --reason TEXT [--by NAME] [--on DATE]\n"
		"       mahdar check FILE...\n"
		"\n"
		"mahdar (محضر) edits meeting minutes written in Arabic, Persian, Hebrew,\n"
		"English, or all of them at once. FILE is plain UTF-8 text; what text cannot\n"
		"carry (action status, ids, timestamps) goes to a JSON sidecar beside it\n"
		"(minutes.txt -> minutes.json).\n"
		"\n"
		"Commands:\n"
		"  new FILE        write a skeleton: title, header labels and section headings\n"
		"                  in the language of --lang (default: from the locale), dated\n"
		"                  today; never overwrites an existing file\n"
		"  new --from PREV the next minutes: PREV's language and attendance (all\n"
		"                  present), its open actions carried over, a follow-up item\n"
		"  export FILE...  the document as text (for mail and print; --width N,\n"
		"                  --visual order, --shape Arabic), markdown, html or json, on\n"
		"                  standard output or to OUT (several files: -o DIR)\n"
		"  search PATTERN  every matching line as FILE:LINE: section: text, matching\n"
		"                  like the editor (harakat, niqqud, letter forms ignored)\n"
		"  actions         every action item, sorted by due date (--open, --overdue,\n"
		"                  --owner NAME, --json); a folder means its minutes files\n"
		"  finalize FILE   mark the minutes final, approved --by NAME [--on DATE]\n"
		"  amend FILE      record a dated amendment of final minutes (--reason TEXT)\n"
		"  check FILE...   parse each file, say what was found, and list every problem\n"
		"                  as FILE:LINE: message\n"
		"\n"
		"Editor options:\n"
		"  --shape           draw Arabic with presentation forms (for terminals that\n"
		"                    do not shape Arabic themselves)\n"
		"  --logical         arrow keys move in logical (reading) order, not on screen\n"
		"  --show-controls   show every bidi control character as a marker\n"
		"  --read-only       review: no edits, no saves\n"
		"  --no-term-bidi    do not switch the terminal's own bidi off while editing\n"
		"  --keymap FILE     read key bindings from FILE instead of the default\n"
		"  --input NAME      type with the input method NAME (arabic, persian, hebrew,\n"
		"                    or a .kmap file); Ctrl-\\ turns it on and off\n"
		"  --list-keys       print the key bindings in force (with --keymap and your\n"
		"                    ~/.config/mahdar/keys) and exit\n"
		"\n"
		"  -h, --help        show this help and exit\n"
		"  -V, --version     show the version and exit\n"
		"\n"
		"Exit status: 0 success; 1 a file could not be read or written, or check\n"
		"found problems; 2 wrong usage.\n"
		"See mahdar(1) for keys and the file format.\n");
}

int cli_usage_error(const char *fmt, const char *arg)
{
	char *msg = xasprintf(fmt, arg);
	cli_printf(stderr, "mahdar: %s\nTry 'mahdar --help' for more information.\n", msg);
	free(msg);
	return CLI_USAGE;
}

/* Print "mahdar: CAUSE" and free it. */
int cli_fail(char *cause)
{
	cli_printf(stderr, "mahdar: %s\n", cause != NULL ? cause : "unknown error");
	free(cause);
	return CLI_PROBLEMS;
}

/* ------------------------------------------------------------ new */

static int cli_new(int argc, char **argv)
{
	const char *path = NULL, *from = NULL;
	int lang = DOC_LANG_NONE;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--from") == 0) {
			if (++i >= argc)
				return cli_usage_error("%s", _("--from: needs the previous minutes"));
			from = argv[i];
		} else if (strcmp(argv[i], "--lang") == 0 || strncmp(argv[i], "--lang=", 7) == 0) {
			const char *v = argv[i][6] == '=' ? argv[i] + 7 : (i + 1 < argc ? argv[++i] : NULL);
			if (v == NULL)
				return cli_usage_error("%s: needs a language (en, ar, fa or he)", "--lang");
			lang = doc_lang_parse(v);
			if (lang == DOC_LANG_NONE)
				return cli_usage_error("unknown language '%s' (use en, ar, fa or he)", v);
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return cli_usage_error("new: unknown option '%s'", argv[i]);
		} else if (path == NULL) {
			path = argv[i];
		} else {
			return cli_usage_error("new: one file at a time ('%s' is one too many)", argv[i]);
		}
	}
	if (path == NULL)
		return cli_usage_error("%s", "new: which file? (mahdar new FILE [--lang en|ar|fa|he])");
	struct doc *prev = NULL;
	if (from != NULL && (prev = cli_review_prev(from, &lang)) == NULL)
		return CLI_PROBLEMS;
	if (lang == DOC_LANG_NONE)
		lang = draft_locale_lang();

	char *cause = NULL;
	struct store_info info;
	store_info_init(&info, path);
	if (fio_exists(info.text_path) || fio_exists(info.side_path)) {
		const char *which = fio_exists(info.text_path) ? info.text_path : info.side_path;
		cli_printf(stderr, "mahdar: %s: already exists; not overwriting it\n", which);
		store_info_free(&info);
		doc_free(prev);
		return CLI_PROBLEMS;
	}

	struct draft_now today = { 0 };
	util_today(&today.y, &today.m, &today.d);
	struct doc *doc = draft_template(lang, &today, NULL, NULL);
	const struct doc_field *datef = doc_field_get(doc, DOC_KEY_DATE);
	char *date = xstrdup(datef != NULL ? datef->value : "");
	if (prev != NULL)
		cli_review_carry(doc, prev, from);
	char now[32];
	util_now_iso(now);
	int rc = store_save(doc, &info, now, &cause);
	store_info_free(&info);
	doc_free(doc);
	if (rc < 0) {
		free(date);
		return cli_fail(cause);
	}
	if (rc > 0)	/* the text is there, its sidecar is not */
		cli_printf(stderr, "mahdar: warning: %s\n", cause);
	free(cause);
	cli_printf(stdout, "%s: new %s minutes, dated %s\n", path, doc_lang_code(lang), date);
	free(date);
	return rc > 0 ? CLI_PROBLEMS : CLI_OK;
}

/* ------------------------------------------------------------ check */

/* The plural ending for n things. */
static const char *cli_s(size_t n)
{
	return n == 1 ? "" : "s";
}

static void cli_check_summary(const char *path, const struct doc *d)
{
	size_t actions = 0;
	for (size_t i = 0; i < d->nrecs; i++)
		actions += d->recs[i].kind == DOC_REC_ACTION;
	size_t known = 0;
	for (size_t i = 0; i < d->nsections; i++)
		known += d->sections[i].key != DOC_SEC_NONE;
	const char *lang = doc_lang_code(doc_language(d));
	cli_printf(stdout, "%s: %zu line%s, %s, %s; title %s%s%s\n", path, d->nlines, cli_s(d->nlines), lang ? lang : "no language",
	       d->dir_detected == DOC_DIR_RTL ? "right-to-left" : "left-to-right",
	       d->title ? "“" : "", d->title ? d->title : "none", d->title ? "”" : "");
	cli_printf(stdout, "%s: %zu header field%s, date %s%s%s%s; %zu present, %zu apologies, %zu guests\n", path,
	       d->nfields, cli_s(d->nfields), d->date_iso ? d->date_iso : "none",
	       doc_cal_name(d->calendar) ? " (from the " : "",
	       doc_cal_name(d->calendar) ? doc_cal_name(d->calendar) : "",
	       doc_cal_name(d->calendar) ? " calendar)" : "",
	       d->att[DOC_ATT_PRESENT].n, d->att[DOC_ATT_APOLOGIES].n, d->att[DOC_ATT_GUESTS].n);
	cli_printf(stdout, "%s: %zu section%s (%zu known, %zu other); %zu agenda item%s; %zu recommendation%s "
	       "(%zu action%s, %zu decision%s)\n", path, d->nsections, cli_s(d->nsections), known,
	       d->nsections - known, d->nagenda, cli_s(d->nagenda), d->nrecs, cli_s(d->nrecs),
	       actions, cli_s(actions), d->nrecs - actions, cli_s(d->nrecs - actions));
}

static int cli_check(int argc, char **argv)
{
	if (argc == 0)
		return cli_usage_error("%s", "check: which files? (mahdar check FILE...)");
	int rc = CLI_OK;
	for (int i = 0; i < argc; i++) {
		const char *path = argv[i];
		char *cause = NULL;
		struct store_info info = { 0 };
		struct doc *d = store_open(path, 0, &info, &cause);
		if (d == NULL) {
			rc = cli_fail(cause);
			store_info_free(&info);
			continue;
		}
		cli_check_summary(path, d);
		for (size_t k = 0; k < d->nproblems; k++) {
			const struct doc_problem *p = &d->problems[k];
			const char *sev = p->severity == DOC_ERROR ? "error" : "note";
			if (p->line == (size_t)-1)
				cli_printf(stdout, "%s: %s: %s\n", path, sev, p->msg);
			else
				cli_printf(stdout, "%s:%zu: %s: %s\n", path, p->line + 1, sev, p->msg);
			if (p->severity == DOC_ERROR)
				rc = CLI_PROBLEMS;
		}
		if (info.side_msg != NULL) {
			cli_printf(stdout, "%s\n", info.side_msg);
			if (info.side == STORE_SIDE_BROKEN)
				rc = CLI_PROBLEMS;
		}
		store_info_free(&info);
		doc_free(d);
	}
	return rc;
}

/* ------------------------------------------------------------ keys */

/* `mahdar --list-keys`: every binding in force, "KEY  command  help", the
 * default (or --keymap) file's first, then the user's overrides.  Bad
 * lines go to stderr as FILE:LINE: message, and the status is 1. */
static int cli_list_keys(const char *keymap)
{
	char *def = keymap != NULL ? xstrdup(keymap) : keymap_shipped("default.keys");
	if (def == NULL) {
		cli_printf(stderr, _("mahdar: cannot find keymaps/default.keys (looked in %s/keymaps and next "
			     "to the program)\n"), MAHDAR_DATADIR);
		return CLI_PROBLEMS;
	}
	struct keymap *km = keymap_new();
	char *user = keymap_user_path(), *cause = NULL;
	const char *files[2] = { def, user != NULL && fio_exists(user) ? user : NULL };
	int rc = CLI_OK;
	for (size_t f = 0; f < 2 && files[f] != NULL; f++) {
		int r = keymap_load(km, files[f], cmd_exists, &cause);
		if (r != 0) {
			cli_printf(stderr, "mahdar: %s\n", cause);
			rc = CLI_PROBLEMS;
		}
		free(cause);
		cause = NULL;
		if (r < 0 && f == 0)
			break;
	}
	/* Each mode's table under its "[mode]" line, as in the keys files. */
	const char *key, *cmd, *shown = NULL;
	for (size_t i = 0; keymap_entry(km, i, &key, &cmd) == 0; i++) {
		const char *mode = keymap_entry_mode(km, i);
		if (mode != NULL && (shown == NULL || strcmp(mode, shown) != 0)) {
			cli_printf(stdout, "%s[%s]\n", shown != NULL ? "\n" : "", mode);
			shown = mode;
		}
		const struct cmd *c = cmd_find(cmd);
		cli_printf(stdout, "%-16s%-20s%s\n", key, cmd, c != NULL ? c->help : "");
	}
	keymap_free(km);
	free(user);
	free(def);
	return rc;
}

/* The .kmap file of --input NAME: NAME itself when it names a file, else
 * keymaps/NAME.kmap.  Caller frees; NULL when there is none. */
static char *cli_input_path(const char *name)
{
	if (strchr(name, '/') != NULL || fio_exists(name))
		return fio_exists(name) ? xstrdup(name) : NULL;
	char *file = xasprintf("%s.kmap", name);
	char *p = keymap_shipped(file);
	free(file);
	return p;
}

/* Check --input: 0, or CLI_USAGE when it names no input method.  Bad
 * lines are reported (FILE:LINE) and the editor starts all the same. */
static int cli_check_input(const char *name, char **path)
{
	*path = cli_input_path(name);
	if (*path == NULL) {
		cli_printf(stderr, _("mahdar: --input: no input method '%s' (shipped: arabic, persian, "
			     "hebrew; or give a .kmap file)\n"), name);
		return CLI_USAGE;
	}
	struct kmap *km = kmap_new();
	char *cause = NULL;
	int r = kmap_load(km, *path, &cause);
	kmap_free(km);
	if (r != 0)
		cli_printf(stderr, "mahdar: %s\n", cause);
	free(cause);
	return r < 0 ? CLI_PROBLEMS : 0;
}

/* ------------------------------------------------------------ main */

/* Edits (insert, delete, substitute, swap two neighbours) from a to b,
 * up to 3. */
static int cli_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > 32 || m > 32)
		return 99;
	int d[33][33];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			int c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			c = d[i - 1][j] + 1 < c ? d[i - 1][j] + 1 : c;
			c = d[i][j - 1] + 1 < c ? d[i][j - 1] + 1 : c;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < c)
				c = d[i - 2][j - 2] + 1;
			d[i][j] = c;
		}
	return d[n][m];
}

/* The subcommand a mistyped word was meant to be: a word that is no file,
 * has no path or extension, and is one or two edits from a command. */
static const char *cli_near_command(const char *a)
{
	if (strlen(a) < 3 || strpbrk(a, "/.") != NULL || a[0] == '-' || fio_exists(a))
		return NULL;
	for (size_t k = 0; k < UTIL_ARRAY_LEN(cli_cmds); k++)
		if (cli_distance(a, cli_cmds[k].name) <= (strlen(a) <= 4 ? 1 : 2))
			return cli_cmds[k].name;
	return NULL;
}

/* Does the current folder hold minutes (a "*.txt" file, not looking into
 * subfolders: a home folder is no archive to walk without being asked)? */
static int cli_here_minutes(void)
{
	DIR *dp = opendir(".");
	int any = 0;
	for (struct dirent *de; dp != NULL && !any && (de = readdir(dp)) != NULL;) {
		size_t n = strlen(de->d_name);
		any = de->d_name[0] != '.' && n > 4 && strcmp(de->d_name + n - 4, ".txt") == 0;
	}
	if (dp != NULL)
		closedir(dp);
	return any;
}

int cli_main(int argc, char **argv)
{
	struct editor_opts eo = { .term_bidi = 1, .lang = DOC_LANG_NONE };
	const char *file = NULL, *input = NULL;
	int list_keys = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			cli_usage(stdout);
			return CLI_OK;
		}
		if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
			printf("mahdar %s\n", MAHDAR_VERSION);
			return CLI_OK;
		}
		if (file == NULL && i == 1) {
			for (size_t k = 0; k < UTIL_ARRAY_LEN(cli_cmds); k++)
				if (strcmp(a, cli_cmds[k].name) == 0)
					return cli_cmds[k].exec(argc - 2, argv + 2);
			const char *near = cli_near_command(a);
			if (near != NULL) {
				cli_printf(stderr, _("mahdar: '%s' is not a command; did you mean %s?\n"
						     "To edit a file of that name: mahdar ./%s (or mahdar -- %s)\n"),
					   a, near, a, a);
				return CLI_USAGE;
			}
		}
		if (strcmp(a, "--shape") == 0)
			eo.shape = 1;
		else if (strcmp(a, "--logical") == 0)
			eo.logical = 1;
		else if (strcmp(a, "--show-controls") == 0)
			eo.show_controls = 1;
		else if (strcmp(a, "--no-term-bidi") == 0)
			eo.term_bidi = 0;
		else if (strcmp(a, "--read-only") == 0)
			eo.readonly = 1;
		else if (strcmp(a, "--keymap") == 0) {
			if (++i >= argc)
				return cli_usage_error("%s: needs a file name", a);
			eo.keymap = argv[i];
		} else if (strcmp(a, "--input") == 0) {
			if (++i >= argc)
				return cli_usage_error(_("%s: needs an input method (arabic, persian, hebrew)"), a);
			input = argv[i];
		} else if (strcmp(a, "--lang") == 0) {
			if (++i >= argc)
				return cli_usage_error("%s: needs a language (en, ar, fa or he)", a);
			eo.lang = doc_lang_parse(argv[i]);
			if (eo.lang == DOC_LANG_NONE)
				return cli_usage_error("unknown language '%s' (use en, ar, fa or he)", argv[i]);
		} else if (strcmp(a, "--list-keys") == 0) {
			list_keys = 1;
		} else if (strcmp(a, "--") == 0 && i + 1 < argc && file == NULL) {
			file = argv[++i];
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_usage_error("unknown option '%s'", a);
		} else if (file == NULL) {
			file = a;
		} else {
			return cli_usage_error("one file at a time ('%s' is one too many)", a);
		}
	}
	if (list_keys)
		return cli_list_keys(eo.keymap);
	if (file == NULL && cli_here_minutes())
		file = ".";	/* the folder's minutes, in the browser */
	if (file == NULL) {
		cli_usage(stderr);
		return CLI_USAGE;
	}
	char *input_path = NULL;
	if (input != NULL) {
		int r = cli_check_input(input, &input_path);
		if (r != 0) {
			free(input_path);
			return r;
		}
		eo.input = input_path;
	}
	int rc = editor_run(file, &eo);
	free(input_path);
	return rc;
}
