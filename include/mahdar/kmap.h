/* kmap: input methods — typing Arabic, Persian or Hebrew from a Latin
 * keyboard, read from keymaps/NAME.kmap files.  Pure except kmap_load().
 *
 * A .kmap file has one rule a line, "KEYS  OUTPUT", blank lines and
 * '#' comment lines:
 *   KEYS    the ASCII keys typed, one or more ("h", "\\y" for backslash
 *           then y); a backslash takes the next character as it is (write
 *           \# \@ \\); the key names Space and S-Space (Shift-Space, which
 *           only some terminals report) stand for those keys.
 *   OUTPUT  what is typed instead: one or more tokens, each UTF-8 text or
 *           U+XXXX (a code point: marks, ZWNJ), put together without
 *           spaces ("لا", or "U+0644 U+0627").
 * Lines "@name TEXT" and "@indicator TEXT" name the input method (for
 * --input and messages) and give the status line's short sign for it.
 * A key sequence that is the start of a longer one waits for the next key
 * (quail's rule: the longest sequence typed wins); keys no rule names
 * are typed as they are. */
#ifndef MAHDAR_KMAP_H
#define MAHDAR_KMAP_H

#include <stddef.h>

struct buf;
struct kmap;

/* Keys typed but not yet turned into text (a sequence may go on). */
struct kmap_state {
	char pending[16];
	size_t n;
};

struct kmap *kmap_new(void);
void kmap_free(struct kmap *km);

/* Add the rules of text[0..len); name is the file name used in messages.
 * Bad lines are skipped; each is described in *cause as "FILE:LINE:
 * message" lines (caller frees).  Returns the number of bad lines. */
int kmap_parse(struct kmap *km, const char *text, size_t len, const char *name, char **cause);
/* kmap_parse() on a file; -1 with *cause when it cannot be read. */
int kmap_load(struct kmap *km, const char *path, char **cause);

/* The name ("@name", else what kmap_load() was given without directory
 * and ".kmap"), and the status line sign ("@indicator", else the name). */
const char *kmap_name(const struct kmap *km);
const char *kmap_indicator(const struct kmap *km);
/* How many rules there are. */
size_t kmap_count(const struct kmap *km);

/* Feed one key: typed text of one ASCII character, or the key name
 * "Space" / "S-Space".  Returns 1 when the input method took it (what is
 * now certain to be typed is appended to out, possibly nothing while a
 * sequence may go on); 0 when it is no key of the input method (anything
 * else: C-s, Enter, non-ASCII text) — then out gets the pending keys'
 * text first, and the caller handles the key as usual. */
int kmap_feed(const struct kmap *km, struct kmap_state *st, const char *key, struct buf *out);
/* Type what is pending, as if no more keys came (before a command, or
 * after a pause). */
void kmap_flush(const struct kmap *km, struct kmap_state *st, struct buf *out);

/* The text a stream of ASCII characters types (for tests and pastes).
 * Caller frees. */
char *kmap_translate(const struct kmap *km, const char *keys, size_t n);

#endif
