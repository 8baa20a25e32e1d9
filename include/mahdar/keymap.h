/* keymap: key names -> command names, read from the keymaps/NAME.keys files.
 *
 * A .keys file has one binding a line, "KEY  command-name", blank lines and
 * '#' comments.  KEY is a key name: optional modifiers C- (Ctrl), M- (Alt),
 * S- (Shift) in any order, then a named key (Left, Right, Up, Down, Home,
 * End, PageUp, PageDown, Insert, Delete, Backspace, Enter, Tab, Esc, Space,
 * F1..F12) or one character ("C-s", "M-x").  Names are canonicalised
 * ("S-C-left" is "C-S-Left"), which is also the form the terminal layer
 * produces.  The command "none" removes a binding (for user overrides).
 * A later binding of the same key replaces the earlier one.
 *
 * A line "[mode]" starts the table of that editor mode (mode-*.c: text,
 * prompt, ask, page, search, …); lines before any are the "text" table,
 * so an old keys file still binds the text keys.  The editor looks a key
 * up in the top mode's table first, then in the modes under it. */
#ifndef MAHDAR_KEYMAP_H
#define MAHDAR_KEYMAP_H

#include <stddef.h>

struct keymap;

/* The table lines before any "[mode]" go to, and the one the functions
 * without a mode argument use. */
#define KEYMAP_TEXT "text"

struct keymap *keymap_new(void);
void keymap_free(struct keymap *km);

/* Add the bindings in text[0..len); name is the file name used in messages.
 * known(cmd) says whether a command exists (NULL: accept any).  Lines with
 * an unknown key or command are skipped; every problem is described in
 * *cause as "FILE:LINE: message" lines (caller frees).  Returns the number
 * of problems (0 when all lines were good). */
int keymap_parse(struct keymap *km, const char *text, size_t len, const char *name,
		 int (*known)(const char *cmd), char **cause);

/* keymap_parse() on a file read with fio.  -1 with *cause if it cannot be read. */
int keymap_load(struct keymap *km, const char *path, int (*known)(const char *cmd), char **cause);

/* Bind key (any spelling) to cmd; -1 if the key name is not valid. */
int keymap_bind(struct keymap *km, const char *key, const char *cmd);

/* Bind key to cmd in mode's table; -1 if the key name is not valid. */
int keymap_bind_mode(struct keymap *km, const char *mode, const char *key, const char *cmd);

/* The command bound to key (canonical name), or NULL. */
const char *keymap_lookup(const struct keymap *km, const char *key);
/* The same in mode's table. */
const char *keymap_lookup_mode(const struct keymap *km, const char *mode, const char *key);
/* The mode of the i-th binding, or NULL past the last. */
const char *keymap_entry_mode(const struct keymap *km, size_t i);

/* The i-th binding, in the order they were made: 0, or -1 past the last. */
int keymap_entry(const struct keymap *km, size_t i, const char **key, const char **cmd);

/* The first key bound to cmd, or NULL (for hints and help). */
const char *keymap_key_for(const struct keymap *km, const char *cmd);
/* The same in mode's table. */
const char *keymap_key_for_mode(const struct keymap *km, const char *mode, const char *cmd);

/* The default keys file: given (--keymap) if not NULL, else the installed
 * one, else the one in the source tree next to the binary; NULL if none.
 * Caller frees. */
char *keymap_default_path(const char *given);
/* The user's keys file ($XDG_CONFIG_HOME/mahdar/keys, ~/.config/mahdar/keys),
 * or NULL without either variable.  Caller frees. */
char *keymap_user_path(void);

/* Load the default keys file def, then the user's (when user is not NULL
 * and exists), whose bindings replace the default ones.  The lines that
 * were skipped in either go to *problems ("FILE:LINE: message" a line,
 * caller frees, NULL if none).  -1 and *cause when def cannot be read. */
int keymap_load_both(struct keymap *km, const char *def, const char *user, int (*known)(const char *cmd),
		     char **problems, char **cause);

/* A key name as hints show it: "C-s" -> "^S", others as they are. */
void keymap_hint(const char *key, char *out, size_t outsz);

/* Where the shipped file keymaps/FILE is: the installed data directory,
 * else the source tree next to the program (build/mahdar -> keymaps/).
 * NULL when it is in neither.  Caller frees. */
char *keymap_shipped(const char *file);

/* Canonical spelling of a key name into out; -1 if it is not a key name. */
int keymap_canon(const char *key, char *out, size_t outsz);

#endif
