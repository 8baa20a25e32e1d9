/* fio: the one place that reads and writes files.
 *
 * Errors come back as -1 plus a one-line *cause naming the file and the
 * problem ("minutes.txt: Permission denied"), which the caller frees, and
 * errno saying what failed: ENOSPC, EFBIG or EDQUOT only when there was no
 * room to write; EISDIR or EINVAL when the path is not a regular file. */
#ifndef MAHDAR_FIO_H
#define MAHDAR_FIO_H

#include <stddef.h>

/* Largest file fio_read() accepts. */
#define FIO_MAX_SIZE ((size_t)512 << 20)

/* Read a whole regular file into *data (NUL-terminated, *len excludes the
 * NUL; caller frees).  Refuses directories, devices/FIFOs and files larger
 * than FIO_MAX_SIZE with a clear cause. */
int fio_read(const char *path, char **data, size_t *len, char **cause);

/* Replace path with data atomically: write a temporary file in the same
 * directory, fsync it, rename it over path, fsync the directory.  An
 * existing file's permission bits are kept.  On any failure (unwritable
 * directory, full disk, …) path is left exactly as it was, the temporary
 * file is removed, and -1 is returned. */
int fio_write_atomic(const char *path, const char *data, size_t len, char **cause);

/* The two halves of fio_write_atomic(), so that several files can be
 * written first and put in place together: fio_stage() writes and syncs
 * the new bytes under a temporary name beside path (NULL and *cause on
 * failure, path untouched); fio_commit() renames it over path and syncs the
 * directory; fio_abort() removes it.  Both free the stage; fio_abort(NULL)
 * is a no-op. */
struct fio_stage;
struct fio_stage *fio_stage(const char *path, const char *data, size_t len, char **cause);
/* fio_stage() giving the new file permission bits mode (mode < 0: as
 * fio_stage() does). */
struct fio_stage *fio_stage_mode(const char *path, const char *data, size_t len, int mode, char **cause);
/* fio_stage_mode() in pieces, for bytes made while they are written:
 * fio_stage_begin() makes the temporary file (NULL and *cause on failure);
 * fio_stage_append() writes to it (-1 once a write failed: the failure is
 * kept for the end); fio_stage_end() syncs it and gives the stage ready to
 * commit, or NULL, *cause and errno when anything failed (the stage is
 * aborted). */
struct fio_stage *fio_stage_begin(const char *path, int mode, char **cause);
int fio_stage_append(struct fio_stage *st, const void *data, size_t len);
struct fio_stage *fio_stage_end(struct fio_stage *st, char **cause);
/* fio_write_atomic() with permission bits mode (a private file: 0600). */
int fio_write_mode(const char *path, const char *data, size_t len, int mode, char **cause);
int fio_commit(struct fio_stage *st, char **cause);
void fio_abort(struct fio_stage *st);

/* Copy path to a fresh "PATH.bak-YYYYMMDD-HHMMSS[-N]" next to it; the new
 * name goes to *backup (caller frees; may be NULL).  Returns 0 or -1. */
int fio_backup(const char *path, char **backup, char **cause);

/* Remove path; a path that does not exist is not an error. */
int fio_remove(const char *path, char **cause);

/* 1 if a and b both exist and are the same file, else 0. */
int fio_same_file(const char *a, const char *b);

/* Make a file size limit (ulimit -f) a failed write (EFBIG) rather than a
 * SIGXFSZ that kills the process; fio's writes do this themselves, other
 * writers (the recovery journal) call it first. */
void fio_ignore_sigxfsz(void);

/* 1 if path exists (any type), 0 if not. */
int fio_exists(const char *path);
/* 1 if path is a folder (or a link to one), 0 if not. */
int fio_is_dir(const char *path);
/* Can a new file be made in the folder that holds path? */
int fio_dir_writable(const char *path);
/* path made absolute (its folder resolved, its last name kept); caller
 * frees.  NULL when the folder cannot be resolved. */
char *fio_absolute(const char *path);
/* Make folder dir and the folders above it that are missing (mode 0700
 * for the new ones): 0, or -1 with errno. */
int fio_mkdirs(const char *dir);

#endif
