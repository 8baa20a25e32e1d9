/* Scratch directories and file helpers for the unit tests that touch the
 * file system (header-only, static; include after testutil.h). */
#ifndef MAHDAR_TESTFS_H
#define MAHDAR_TESTFS_H

#include "mahdar/buffer.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

/* cmocka setup/teardown: a fresh /tmp directory per test in *state. */
static inline int tf_setup_dir(void **state)
{
	char *d = strdup("/tmp/mahdar-test-XXXXXX");
	if (d == NULL || mkdtemp(d) == NULL) {
		free(d);
		return -1;
	}
	*state = d;
	return 0;
}

static inline int tf_teardown_dir(void **state)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", (char *)*state);
	int r = system(cmd);
	free(*state);
	return r == 0 ? 0 : -1;
}

/* "DIR/name" in the test's directory; caller frees. */
static inline char *tf_path(void **state, const char *name)
{
	size_t n = strlen(*state) + strlen(name) + 2;
	char *p = malloc(n);
	snprintf(p, n, "%s/%s", (char *)*state, name);
	return p;
}

static inline void tf_put_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Write text to name in the test's directory. */
static inline void tf_put(void **state, const char *name, const char *text)
{
	char *p = tf_path(state, name);
	tf_put_file(p, text, strlen(text));
	free(p);
}

static inline void tf_assert_file_is(const char *path, const char *data, size_t len)
{
	size_t n;
	char *got = tu_slurp(path, &n);
	assert_int_equal(n, len);
	assert_memory_equal(got, data, len);
	free(got);
}

/* Entries in dir other than . and .. */
static inline int tf_count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* A buffer (mahdar/buffer.h) holding lines[0..n), each ending in LF, opened
 * with buffer_open() like the editor opens a file: the file is written in
 * a scratch directory and removed again.  Free with buffer_free(). */
static inline struct buffer *tu_buffer_of(const char *const *lines, size_t n)
{
	char dir[] = "/tmp/mahdar-buf-XXXXXX";
	if (mkdtemp(dir) == NULL)
		fail_msg("mkdtemp failed");
	char path[64], side[72];
	snprintf(path, sizeof path, "%s/t.txt", dir);
	snprintf(side, sizeof side, "%s/t.json", dir);
	FILE *fp = fopen(path, "wb");
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "%s\n", lines[i]);
	fclose(fp);
	char *cause = NULL;
	struct buffer *b = buffer_open(path, 0, &cause);
	if (b == NULL)
		fail_msg("buffer_open %s: %s", path, cause);
	unlink(path);
	unlink(side);
	rmdir(dir);
	return b;
}

#endif
