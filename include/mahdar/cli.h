/* cli: the mahdar command line (subcommands new, export, check; the editor
 * otherwise).  Exit statuses are documented in mahdar(1). */
#ifndef MAHDAR_CLI_H
#define MAHDAR_CLI_H

enum cli_status { CLI_OK = 0, CLI_PROBLEMS = 1, CLI_USAGE = 2 };

/* Run mahdar with the program's arguments; returns the exit status. */
int cli_main(int argc, char **argv);

#endif
