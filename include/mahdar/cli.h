/* cli: the mahdar command line (subcommands new, export, check; the editor
 * otherwise).  Exit statuses are documented in mahdar(1). */
#ifndef MAHDAR_CLI_H
#define MAHDAR_CLI_H

enum cli_status { CLI_OK = 0, CLI_PROBLEMS = 1, CLI_USAGE = 2 };

/* Run mahdar with the program's arguments; returns the exit status. */
int cli_main(int argc, char **argv);

/* For the cli*.c files. */
#include <stdio.h>
/* printf with every unsafe code point shown as a symbol (ustr_escape). */
void cli_printf(FILE *to, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "mahdar: MESSAGE" + the --help hint on stderr; returns CLI_USAGE. */
int cli_usage_error(const char *fmt, const char *arg) __attribute__((format(printf, 1, 0)));
/* "mahdar: CAUSE" on stderr, frees cause; returns CLI_PROBLEMS. */
int cli_fail(char *cause);

/* Subcommands: argv holds the arguments after the subcommand's name. */
int cli_export(int argc, char **argv);		/* cli-export.c */

int cli_search(int argc, char **argv);		/* cli-review.c */
int cli_actions(int argc, char **argv);
int cli_finalize(int argc, char **argv);
int cli_amend(int argc, char **argv);
/* new --from PREV: open PREV (its language into *lang when unset), then
 * carry its attendance and open actions into d (frees prev). */
struct doc *cli_review_prev(const char *path, int *lang);
void cli_review_carry(struct doc *d, struct doc *prev, const char *prev_path);

/* JSON on standard output: as it is to a file or pipe; to a terminal with
 * its control characters as \u escapes.  Returns the exit status. */
int cli_json_stdout(const char *s, size_t n);

struct store_info;
struct doc;
/* Open a document for reading: store_open(), or standard input for "-"
 * (text only; info zeroed). */
struct doc *cli_doc_open(const char *path, struct store_info *info, char **cause);

#endif
