/* lock: one editor per file.  Another process holding the lock is named
 * (process, user, host); the file reached through a symbolic link is the
 * same file; a lock whose process died — killed, with its lock file left
 * behind — is taken over, never stuck; release removes the lock file. */
#include "testutil.h"
#include "testfs.h"

#include "mahdar/lock.h"
#include "mahdar/util.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static void test_one_editor_per_file(void **state)
{
	char *p = tf_path(state, "m.txt"), *link = tf_path(state, "link.txt");
	tf_put_file(p, "# M\n", 4);
	assert_int_equal(symlink(p, link), 0);
	int go[2], ready[2];
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(ready), 0);
	pid_t pid = fork();
	if (pid == 0) {	/* the first editor: takes the lock, waits, dies without releasing */
		struct lock *lk;
		char *who = NULL, c;
		if (lock_take(p, &lk, &who) != LOCK_TAKEN)
			_exit(2);
		if (write(ready[1], "x", 1) != 1 || read(go[0], &c, 1) < 0)
			_exit(3);
		_exit(0);	/* like a crash: no lock_release */
	}
	char c;
	assert_int_equal(read(ready[0], &c, 1), 1);
	struct lock *lk = NULL;
	char *who = NULL;
	/* Through the link: the same file, held, and who holds it. */
	assert_int_equal(lock_take(link, &lk, &who), LOCK_HELD);
	assert_null(lk);
	char *want = xasprintf("mahdar (process %ld of ", (long)pid);
	assert_non_null(strstr(who, want));
	free(want);
	free(who);
	who = NULL;
	/* The holder dies; its lock file stays, the lock does not. */
	assert_int_equal(write(go[1], "x", 1), 1);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	char *lp = lock_path(p);
	assert_true(access(lp, F_OK) == 0);
	assert_int_equal(lock_take(p, &lk, &who), LOCK_TAKEN);
	assert_non_null(lk);
	free(who);
	lock_release(lk);
	assert_true(access(lp, F_OK) != 0);	/* removed on release */
	free(lp);
	free(link);
	free(p);
	close(go[0]), close(go[1]), close(ready[0]), close(ready[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_one_editor_per_file, tf_setup_dir, tf_teardown_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
