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
static int cli_export(int argc, char **argv);
static int cli_check(int argc, char **argv);

static const struct cli_cmd cli_cmds[] = {
	{ "new", "new FILE [--lang en|ar|fa|he]", cli_new },
	{ "export", "export FILE --to json [-o OUT]", cli_export },
	{ "check", "check FILE...", cli_check },
};

/* printf, with control bytes, escape sequences and bidi overrides shown as
 * symbols: file names, file contents and sidecar text never reach the
 * terminal raw (a received minutes file must not retitle or clear it). */
__attribute__((format(printf, 2, 3)))
static void cli_printf(FILE *to, const char *fmt, ...)
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
		"       mahdar new FILE [--lang en|ar|fa|he]\n"
		"       mahdar export FILE --to json [-o OUT]\n"
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
		"  export FILE     print the document as JSON (the sidecar's model) on standard\n"
		"                  output, or write it to OUT with -o\n"
		"  check FILE...   parse each file, say what was found, and list every problem\n"
		"                  as FILE:LINE: message\n"
		"\n"
		"Editor options:\n"
		"  --shape           draw Arabic with presentation forms (for terminals that\n"
		"                    do not shape Arabic themselves)\n"
		"  --logical         arrow keys move in logical (reading) order, not on screen\n"
		"  --show-controls   show every bidi control character as a marker\n"
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

__attribute__((format(printf, 1, 0)))
static int cli_usage_error(const char *fmt, const char *arg)
{
	char *msg = xasprintf(fmt, arg);
	cli_printf(stderr, "mahdar: %s\nTry 'mahdar --help' for more information.\n", msg);
	free(msg);
	return CLI_USAGE;
}

/* Print "mahdar: CAUSE" and free it. */
static int cli_fail(char *cause)
{
	cli_printf(stderr, "mahdar: %s\n", cause != NULL ? cause : "unknown error");
	free(cause);
	return CLI_PROBLEMS;
}

/* ------------------------------------------------------------ new */

static int cli_new(int argc, char **argv)
{
	const char *path = NULL;
	int lang = DOC_LANG_NONE;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--lang") == 0 || strncmp(argv[i], "--lang=", 7) == 0) {
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
	if (lang == DOC_LANG_NONE)
		lang = draft_locale_lang();

	char *cause = NULL;
	struct store_info info;
	store_info_init(&info, path);
	if (fio_exists(info.text_path) || fio_exists(info.side_path)) {
		const char *which = fio_exists(info.text_path) ? info.text_path : info.side_path;
		cli_printf(stderr, "mahdar: %s: already exists; not overwriting it\n", which);
		store_info_free(&info);
		return CLI_PROBLEMS;
	}

	struct draft_now today = { 0 };
	util_today(&today.y, &today.m, &today.d);
	struct doc *doc = draft_template(lang, &today, NULL, NULL);
	const struct doc_field *datef = doc_field_get(doc, DOC_KEY_DATE);
	char *date = xstrdup(datef != NULL ? datef->value : "");
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

/* ------------------------------------------------------------ export */

static int cli_export(int argc, char **argv)
{
	const char *path = NULL, *to = NULL, *out = NULL;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--to") == 0 || strcmp(a, "-t") == 0) {
			if (++i >= argc)
				return cli_usage_error("%s: needs a format (json)", a);
			to = argv[i];
		} else if (strncmp(a, "--to=", 5) == 0) {
			to = a + 5;
		} else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			if (++i >= argc)
				return cli_usage_error("%s: needs a file name", a);
			out = argv[i];
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_usage_error("export: unknown option '%s'", a);
		} else if (path == NULL) {
			path = a;
		} else {
			return cli_usage_error("export: one file at a time ('%s' is one too many)", a);
		}
	}
	if (path == NULL)
		return cli_usage_error("%s", "export: which file? (mahdar export FILE --to json)");
	if (to == NULL)
		return cli_usage_error("%s", "export: which format? (--to json)");
	if (strcmp(to, "json") != 0)
		return cli_usage_error("export: unknown format '%s' (this mahdar exports: json)", to);

	char *cause = NULL;
	struct store_info info = { 0 };
	struct doc *d = store_open(path, 0, &info, &cause);
	if (d == NULL) {
		store_info_free(&info);
		return cli_fail(cause);
	}
	if (info.side_msg != NULL)
		cli_printf(stderr, "mahdar: %s\n", info.side_msg);
	size_t tlen, jlen;
	char *text = txt_write(d, &tlen);
	char now[32];
	util_now_iso(now);
	char *json = side_write(d, text, tlen, d->modified_at != NULL ? d->modified_at : now, &jlen);
	int rc = CLI_OK;
	if (out != NULL && strcmp(out, "-") != 0) {
		/* Exporting over the document's own unreadable sidecar replaces
		 * it: like a save, that needs its backup first. */
		char *backup = NULL;
		if (info.side == STORE_SIDE_BROKEN && fio_same_file(out, info.side_path)) {
			if (fio_backup(info.side_path, &backup, &cause) < 0) {
				rc = cli_fail(cause);
				goto done;
			}
			cli_printf(stderr, "mahdar: %s was backed up to %s\n", info.side_path, backup);
			free(backup);
		}
		if (fio_write_atomic(out, json, jlen, &cause) < 0)
			rc = cli_fail(cause);
	} else if (fwrite(json, 1, jlen, stdout) != jlen || fflush(stdout) != 0) {
		perror("mahdar: standard output");
		rc = CLI_PROBLEMS;
	}
done:
	free(json);
	free(text);
	doc_free(d);
	store_info_free(&info);
	return rc;
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
	const char *key, *cmd;
	for (size_t i = 0; keymap_entry(km, i, &key, &cmd) == 0; i++) {
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
		}
		if (strcmp(a, "--shape") == 0)
			eo.shape = 1;
		else if (strcmp(a, "--logical") == 0)
			eo.logical = 1;
		else if (strcmp(a, "--show-controls") == 0)
			eo.show_controls = 1;
		else if (strcmp(a, "--no-term-bidi") == 0)
			eo.term_bidi = 0;
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
