/* cli-export: `mahdar export FILE... --to text|markdown|html|json
 * [--width N] [--visual] [--shape] [-o OUT]`.
 *
 * One file goes to standard output or to OUT ("-" reads standard input,
 * "-o -" writes standard output); several files need -o DIR and each gets
 * DIR/NAME.EXT.  The writers are pure (export*.c, side_write); this file
 * reads the documents and puts the bytes where they belong.  JSON sent to a
 * terminal has its control characters written as \u escapes (still valid
 * JSON); to a file or a pipe the bytes are jansson's own. */
#include "mahdar/cli.h"
#include "mahdar/buf.h"
#include "mahdar/export.h"
#include "mahdar/fio.h"
#include "mahdar/side.h"
#include "mahdar/store.h"
#include "mahdar/txt.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const cli_export_ext[] = { ".txt", ".md", ".html", ".json" };

static int cli_export_stdout(const char *s, size_t n, int format);

/* Every code point a terminal would act on (C0, DEL, C1, bidi overrides)
 * in json as a \uXXXX escape: the text stays the same JSON value. */
static void cli_export_json_tty(const char *s, size_t n, struct buf *out)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = ustr_decode(s + i, n - i, &cp);
		if (cp != '\n' && cp != USTR_INVALID && ustr_is_unsafe(cp)) {
			if (cp > 0xFFFF)
				buf_printf(out, "\\u%04X\\u%04X", 0xD800 + ((cp - 0x10000) >> 10),
					   0xDC00 + ((cp - 0x10000) & 0x3FF));
			else
				buf_printf(out, "\\u%04X", cp);
		} else if (cp == USTR_INVALID || cp == 0x1B) {
			buf_puts(out, "\\uFFFD");
		} else {
			buf_append(out, s + i, k);
		}
		i += k;
	}
}

struct doc *cli_doc_open(const char *path, struct store_info *info, char **cause)
{
	if (strcmp(path, "-") != 0)
		return store_open(path, 0, info, cause);
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		buf_append(&b, chunk, k);
	if (ferror(stdin)) {
		util_set_cause(cause, "standard input: %s", strerror(errno));
		buf_free(&b);
		return NULL;
	}
	if (b.len > 0 && memchr(b.s, '\0', b.len) != NULL) {
		util_set_cause(cause, "standard input: a binary file (it holds NUL bytes), not minutes");
		buf_free(&b);
		return NULL;
	}
	memset(info, 0, sizeof *info);
	struct doc *d = txt_read(b.s != NULL ? b.s : "", b.len);
	buf_free(&b);
	return d;
}

/* The bytes of path's document (opened with info) in format o. */
static char *cli_export_render(struct doc *d, const struct store_info *info, const struct export_opts *o,
			       size_t *len)
{
	if (o->format != EXPORT_JSON)
		return export_doc(d, o, len);
	char now[32];
	util_now_iso(now);
	const char *at = d->modified_at != NULL ? d->modified_at : now;
	/* The text as read is the file's, whose hash the store took. */
	if (info->disk_known && !d->modified && info->disk_sha[0] != '\0')
		return side_write_known(d, info->disk_sha, at, len);
	size_t tlen;
	char *text = txt_write(d, &tlen);
	char *json = side_write(d, text, tlen, at, len);
	free(text);
	return json;
}

int cli_json_stdout(const char *s, size_t n)
{
	return cli_export_stdout(s, n, EXPORT_JSON);
}

/* Write bytes to standard output, escaped when it is a terminal. */
static int cli_export_stdout(const char *s, size_t n, int format)
{
	struct buf b = BUF_INIT;
	if (isatty(STDOUT_FILENO) && format == EXPORT_JSON) {
		cli_export_json_tty(s, n, &b);
		s = b.s, n = b.len;
	}
	int rc = CLI_OK;
	if ((n > 0 && fwrite(s, 1, n, stdout) != n) || fflush(stdout) != 0) {
		cli_printf(stderr, _("mahdar: standard output: %s\n"), strerror(errno));
		rc = CLI_PROBLEMS;
	}
	buf_free(&b);
	return rc;
}

/* Write one document to out (a file name).  Refuses to replace the
 * document's own text; exporting JSON over its own unreadable sidecar
 * backs that up first, like a save. */
static int cli_export_file(const char *out, const char *s, size_t n, const struct store_info *info,
			   int format)
{
	char *cause = NULL;
	if (info->text_path != NULL && fio_same_file(out, info->text_path)) {
		cli_printf(stderr, _("mahdar: %s: is the minutes file itself; not overwriting it\n"), out);
		return CLI_PROBLEMS;
	}
	if (format != EXPORT_JSON && info->side_path != NULL && fio_same_file(out, info->side_path)) {
		cli_printf(stderr, _("mahdar: %s: is the sidecar of %s; not overwriting it\n"), out,
			   info->text_path);
		return CLI_PROBLEMS;
	}
	if (info->side == STORE_SIDE_BROKEN && fio_same_file(out, info->side_path)) {
		char *backup = NULL;
		if (fio_backup(info->side_path, &backup, &cause) < 0)
			return cli_fail(cause);
		cli_printf(stderr, _("mahdar: %s was backed up to %s\n"), info->side_path, backup);
		free(backup);
	}
	if (fio_write_atomic(out, s, n, &cause) < 0)
		return cli_fail(cause);
	return CLI_OK;
}

/* DIR/NAME.EXT for path: its base name without ".txt". Caller frees. */
static char *cli_export_target(const char *dir, const char *path, int format)
{
	const char *base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	size_t n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".txt") == 0)
		n -= 4;
	return xasprintf("%s/%.*s%s", dir, (int)n, base, cli_export_ext[format]);
}

static int cli_export_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int cli_export(int argc, char **argv)
{
	const char *to = NULL, *out = NULL;
	struct export_opts o = { .width = 72 };
	const char **files = xcalloc((size_t)argc + 1, sizeof *files);
	size_t nfiles = 0;
	int rc = CLI_OK, ddash = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (ddash || a[0] != '-' || strcmp(a, "-") == 0) {
			files[nfiles++] = a;
		} else if (strcmp(a, "--") == 0) {
			ddash = 1;
		} else if (strcmp(a, "--to") == 0 || strcmp(a, "-t") == 0) {
			if (++i >= argc) {
				rc = cli_usage_error(_("%s: needs a format (text, markdown, html or json)"), a);
				goto done;
			}
			to = argv[i];
		} else if (strncmp(a, "--to=", 5) == 0) {
			to = a + 5;
		} else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			if (++i >= argc) {
				rc = cli_usage_error(_("%s: needs a file or folder name"), a);
				goto done;
			}
			out = argv[i];
		} else if (strcmp(a, "--width") == 0 || strncmp(a, "--width=", 8) == 0) {
			const char *v = a[7] == '=' ? a + 8 : (i + 1 < argc ? argv[++i] : NULL);
			char *end = NULL;
			long w = v != NULL ? strtol(v, &end, 10) : 0;
			if (v == NULL || *v == '\0' || *end != '\0' || w < 20 || w > 1000) {
				rc = cli_usage_error(_("--width: '%s' is not a width from 20 to 1000 columns"),
						     v != NULL ? v : "");
				goto done;
			}
			o.width = (int)w;
		} else if (strcmp(a, "--visual") == 0) {
			o.visual = 1;
		} else if (strcmp(a, "--shape") == 0) {
			o.shape = 1;
		} else {
			rc = cli_usage_error(_("export: unknown option '%s'"), a);
			goto done;
		}
	}
	if (nfiles == 0) {
		rc = cli_usage_error("%s", _("export: which file? (mahdar export FILE --to text|markdown|html|json)"));
		goto done;
	}
	if (to == NULL) {
		rc = cli_usage_error("%s", _("export: which format? (--to text, markdown, html or json)"));
		goto done;
	}
	if ((o.format = export_format_parse(to)) < 0) {
		rc = cli_usage_error(_("export: unknown format '%s' (use text, markdown, html or json)"), to);
		goto done;
	}
	if ((o.visual || o.shape) && o.format != EXPORT_TEXT) {
		rc = cli_usage_error("%s", _("export: --visual and --shape are for --to text"));
		goto done;
	}
	int to_dir = out != NULL && strcmp(out, "-") != 0 && cli_export_is_dir(out);
	if (nfiles > 1 && !to_dir) {
		rc = cli_usage_error(_("export: several files need -o DIR, a folder ('%s' is not one)"),
				     out != NULL ? out : "standard output");
		goto done;
	}
	for (size_t f = 0; f < nfiles; f++) {
		char *cause = NULL;
		struct store_info info = { 0 };
		struct doc *d = cli_doc_open(files[f], &info, &cause);
		if (d == NULL) {
			store_info_free(&info);
			rc = cli_fail(cause);
			continue;
		}
		if (info.side_msg != NULL)
			cli_printf(stderr, "mahdar: %s\n", info.side_msg);
		size_t n;
		char *bytes = cli_export_render(d, &info, &o, &n);
		int r;
		if (to_dir && strcmp(files[f], "-") == 0) {
			r = cli_usage_error("%s", _("export: standard input has no name to write into a folder; use -o FILE"));
		} else if (to_dir) {
			char *target = cli_export_target(out, files[f], o.format);
			r = cli_export_file(target, bytes, n, &info, o.format);
			free(target);
		} else if (out != NULL && strcmp(out, "-") != 0) {
			r = cli_export_file(out, bytes, n, &info, o.format);
		} else {
			r = cli_export_stdout(bytes, n, o.format);
		}
		if (r != CLI_OK)
			rc = r;
		free(bytes);
		doc_free(d);
		store_info_free(&info);
	}
done:
	free(files);
	return rc;
}
