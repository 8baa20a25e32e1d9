/* main: locale, then the command line (cli.c). */
#include <locale.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("mahdar %s\n", MAHDAR_VERSION);
		return 0;
	}
	fprintf(stderr, "mahdar: not yet\n");
	return 2;
}
