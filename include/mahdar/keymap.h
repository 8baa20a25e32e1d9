/* keymap: key names -> command names, read from the keymaps/NAME.keys files.
 *
 * A .keys file has one binding a line, "KEY  command-name", blank lines and
 * '#' comments.  KEY is a key name: optional modifiers C- (Ctrl), M- (Alt),
 * S- (Shift) in any order, then a named key (Left, Right, Up, Down, Home,
 * End, PageUp, PageDown, Insert, Delete, Backspace, Enter, Tab, Esc, Space,
 * F1..F12) or one character ("C-s", "M-x").  Names are canonicalised
 * ("S-C-left" is "C-S-Left"), which is also the form the terminal layer
 * produces.  The command "none" removes a binding (for user overrides).
 * A later binding of the same key replaces the earlier one. */
#ifndef MAHDAR_KEYMAP_H
#define MAHDAR_KEYMAP_H

#include <stddef.h>

struct keymap;

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

/* The command bound to key (canonical name), or NULL. */
const char *keymap_lookup(const struct keymap *km, const char *key);

/* The i-th binding, in the order they were made: 0, or -1 past the last. */
int keymap_entry(const struct keymap *km, size_t i, const char **key, const char **cmd);

/* The first key bound to cmd, or NULL (for hints and help). */
const char *keymap_key_for(const struct keymap *km, const char *cmd);

/* Where the shipped file keymaps/FILE is: the installed data directory,
 * else the source tree next to the program (build/mahdar -> keymaps/).
 * NULL when it is in neither.  Caller frees. */
char *keymap_shipped(const char *file);

/* The user's own keys file: $XDG_CONFIG_HOME/mahdar/keys, else
 * ~/.config/mahdar/keys; NULL when neither variable is set.  Caller frees. */
char *keymap_user_path(void);

/* Canonical spelling of a key name into out; -1 if it is not a key name. */
int keymap_canon(const char *key, char *out, size_t outsz);

#endif
