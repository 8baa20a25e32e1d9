/* keymap: key names -> command names, one table per editor mode.
 *
 * Data model: an array of (mode, canonical key name, command name) triples,
 * looked up linearly — a keymap has a few dozen entries, and a lookup happens once
 * per key press.  Key names are canonicalised on the way in, so lookups are
 * plain string compares against what the terminal layer produces. */
#define _POSIX_C_SOURCE 200809L

#include "mahdar/keymap.h"

#include "mahdar/buf.h"
#include "mahdar/fio.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <limits.h>
#include <unistd.h>

#ifndef MAHDAR_DATADIR
#define MAHDAR_DATADIR "/usr/local/share/mahdar"
#endif

struct keymap_entry {
	char *mode;
	char *key;
	char *cmd;
};

struct keymap {
	struct keymap_entry *v;
	size_t n, cap;
};

/* Named keys, canonical spelling first; aliases map to the entry before them. */
static const char *const keymap_names[] = {
	"Left", "Right", "Up", "Down", "Home", "End", "PageUp", "PageDown", "Insert",
	"Delete", "Backspace", "Enter", "Tab", "Esc", "Space",
	"F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12",
};

static const struct {
	const char *alias, *name;
} keymap_aliases[] = {
	{"PgUp", "PageUp"}, {"PgDn", "PageDown"}, {"PgDown", "PageDown"}, {"Del", "Delete"},
	{"BSpace", "Backspace"}, {"BS", "Backspace"}, {"Return", "Enter"}, {"RET", "Enter"},
	{"Escape", "Esc"}, {"Ins", "Insert"}, {"SPC", "Space"},
};

struct keymap *keymap_new(void)
{
	return xcalloc(1, sizeof(struct keymap));
}

void keymap_free(struct keymap *km)
{
	if (km == NULL)
		return;
	for (size_t i = 0; i < km->n; i++) {
		free(km->v[i].mode);
		free(km->v[i].key);
		free(km->v[i].cmd);
	}
	free(km->v);
	free(km);
}

static int keymap_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static const char *keymap_named(const char *s)
{
	for (size_t i = 0; i < UTIL_ARRAY_LEN(keymap_names); i++)
		if (strcasecmp(s, keymap_names[i]) == 0)
			return keymap_names[i];
	for (size_t i = 0; i < UTIL_ARRAY_LEN(keymap_aliases); i++)
		if (strcasecmp(s, keymap_aliases[i].alias) == 0)
			return keymap_aliases[i].name;
	return NULL;
}

int keymap_canon(const char *key, char *out, size_t outsz)
{
	int ctrl = 0, meta = 0, shift = 0;
	const char *s = key;
	while (s[0] != '\0' && s[1] == '-' && s[2] != '\0') {
		switch (s[0]) {
		case 'C': case 'c': ctrl = 1; break;
		case 'M': case 'm': case 'A': case 'a': meta = 1; break;
		case 'S': case 's': shift = 1; break;
		default: return -1;
		}
		s += 2;
	}
	char base[8];
	const char *name = keymap_named(s);
	if (name == NULL) {
		uint32_t cp;
		size_t n = strlen(s);
		if (n == 0 || n >= sizeof base || ustr_decode(s, n, &cp) != n || cp == USTR_INVALID ||
		    cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
			return -1;
		if (cp == ' ') {
			name = "Space";
		} else {
			memcpy(base, s, n + 1);
			if (ctrl && cp >= 'A' && cp <= 'Z')
				base[0] = (char)(cp - 'A' + 'a');
			name = base;
		}
	}
	int w = snprintf(out, outsz, "%s%s%s%s", ctrl ? "C-" : "", meta ? "M-" : "", shift ? "S-" : "", name);
	return w < 0 || (size_t)w >= outsz ? -1 : 0;
}

static struct keymap_entry *keymap_find(const struct keymap *km, const char *mode, const char *canon)
{
	for (size_t i = 0; i < km->n; i++)
		if (strcmp(km->v[i].key, canon) == 0 && strcmp(km->v[i].mode, mode) == 0)
			return &km->v[i];
	return NULL;
}

int keymap_bind(struct keymap *km, const char *key, const char *cmd)
{
	return keymap_bind_mode(km, KEYMAP_TEXT, key, cmd);
}

int keymap_bind_mode(struct keymap *km, const char *mode, const char *key, const char *cmd)
{
	char canon[64];
	if (keymap_canon(key, canon, sizeof canon) < 0)
		return -1;
	struct keymap_entry *e = keymap_find(km, mode, canon);
	if (strcmp(cmd, "none") == 0) {
		if (e != NULL) {
			free(e->mode);
			free(e->key);
			free(e->cmd);
			size_t at = (size_t)(e - km->v);
			memmove(e, e + 1, (km->n - at - 1) * sizeof *e);
			km->n--;
		}
		return 0;
	}
	if (e == NULL) {
		km->v = xgrow(km->v, &km->cap, km->n + 1, sizeof *km->v);
		e = &km->v[km->n++];
		e->mode = xstrdup(mode);
		e->key = xstrdup(canon);
	} else {
		free(e->cmd);
	}
	e->cmd = xstrdup(cmd);
	return 0;
}

const char *keymap_lookup(const struct keymap *km, const char *key)
{
	return keymap_lookup_mode(km, KEYMAP_TEXT, key);
}

const char *keymap_lookup_mode(const struct keymap *km, const char *mode, const char *key)
{
	const struct keymap_entry *e = keymap_find(km, mode, key);
	return e != NULL ? e->cmd : NULL;
}

const char *keymap_entry_mode(const struct keymap *km, size_t i)
{
	return i < km->n ? km->v[i].mode : NULL;
}

int keymap_entry(const struct keymap *km, size_t i, const char **key, const char **cmd)
{
	if (i >= km->n)
		return -1;
	*key = km->v[i].key;
	*cmd = km->v[i].cmd;
	return 0;
}

const char *keymap_key_for(const struct keymap *km, const char *cmd)
{
	return keymap_key_for_mode(km, KEYMAP_TEXT, cmd);
}

const char *keymap_key_for_mode(const struct keymap *km, const char *mode, const char *cmd)
{
	for (size_t i = 0; i < km->n; i++)
		if (strcmp(km->v[i].cmd, cmd) == 0 && strcmp(km->v[i].mode, mode) == 0)
			return km->v[i].key;
	return NULL;
}

/* "[name]" alone on a line (spaces around allowed): the name into mode, 1. */
static int keymap_section(const char *line, char *mode, size_t modesz)
{
	while (keymap_space(*line))
		line++;
	if (*line != '[')
		return 0;
	size_t n = strcspn(line + 1, "]");
	const char *rest = line + 1 + n;
	if (*rest != ']' || n == 0 || n >= modesz)
		return 0;
	for (rest++; keymap_space(*rest); rest++)
		;
	if (*rest != '\0')
		return 0;
	memcpy(mode, line + 1, n);
	mode[n] = '\0';
	return 1;
}

int keymap_parse(struct keymap *km, const char *text, size_t len, const char *name,
		 int (*known)(const char *cmd), char **cause)
{
	struct buf msg = BUF_INIT;
	int problems = 0;
	size_t lineno = 0;
	char mode[32] = KEYMAP_TEXT;
	for (size_t i = 0; i < len;) {
		size_t end = i;
		while (end < len && text[end] != '\n')
			end++;
		lineno++;
		char *line = xstrndup(text + i, end - i);
		i = end + 1;
		char *hash = strchr(line, '#');
		if (hash != NULL)
			*hash = '\0';
		if (keymap_section(line, mode, sizeof mode)) {
			free(line);
			continue;
		}
		char *p = line;
		while (keymap_space(*p))
			p++;
		char *key = p;
		while (*p != '\0' && !keymap_space(*p))
			p++;
		char *key_end = p;
		while (keymap_space(*p))
			p++;
		char *cmd = p;
		while (*p != '\0' && !keymap_space(*p))
			p++;
		char *cmd_end = p;
		while (keymap_space(*p))
			p++;
		const char *bad = NULL, *what = key;
		if (key == key_end) {
			free(line);
			continue;
		}
		*key_end = '\0';
		*cmd_end = '\0';
		char canon[64];
		if (*cmd == '\0') {
			bad = "no command after the key";
		} else if (*p != '\0') {
			bad = "text after the command";
			what = p;
		} else if (keymap_canon(key, canon, sizeof canon) < 0) {
			bad = "unknown key name";
		} else if (strcmp(cmd, "none") != 0 && known != NULL && !known(cmd)) {
			bad = "unknown command";
			what = cmd;
		}
		if (bad != NULL) {
			buf_printf(&msg, "%s%s:%zu: %s \"%s\"", problems ? "\n" : "", name, lineno, bad, what);
			problems++;
		} else {
			keymap_bind_mode(km, mode, canon, cmd);
		}
		free(line);
	}
	if (problems > 0) {
		if (cause != NULL) {
			free(*cause);
			*cause = buf_steal(&msg, NULL);
		}
	}
	buf_free(&msg);
	return problems;
}

int keymap_load(struct keymap *km, const char *path, int (*known)(const char *cmd), char **cause)
{
	char *data;
	size_t len;
	if (fio_read(path, &data, &len, cause) < 0)
		return -1;
	int r = keymap_parse(km, data, len, path, known, cause);
	free(data);
	return r;
}

char *keymap_default_path(const char *given)
{
	return given != NULL ? xstrdup(given) : keymap_shipped("default.keys");
}

char *keymap_shipped(const char *file)
{
	char *p = xasprintf("%s/keymaps/%s", MAHDAR_DATADIR, file);
	if (fio_exists(p))
		return p;
	free(p);
	/* Not installed: the source tree's keymaps/, next to build/mahdar. */
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash != NULL)
		*slash = '\0';
	static const char *const under[] = { "/../keymaps/", "/keymaps/" };
	for (size_t i = 0; i < UTIL_ARRAY_LEN(under); i++) {
		p = xasprintf("%s%s%s", exe, under[i], file);
		if (fio_exists(p))
			return p;
		free(p);
	}
	return NULL;
}

char *keymap_user_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	if (xdg != NULL && *xdg)
		return xasprintf("%s/mahdar/keys", xdg);
	if (home != NULL && *home)
		return xasprintf("%s/.config/mahdar/keys", home);
	return NULL;
}

int keymap_load_both(struct keymap *km, const char *def, const char *user, int (*known)(const char *cmd),
		     char **problems, char **cause)
{
	char *p = NULL;
	int r = keymap_load(km, def, known, &p);
	if (r < 0) {
		free(*cause);
		*cause = p;
		return -1;
	}
	if (r > 0)
		*problems = p, p = NULL;
	if (user != NULL && fio_exists(user) && keymap_load(km, user, known, &p) != 0) {
		char *all = *problems != NULL ? xasprintf("%s\n%s", *problems, p) : xstrdup(p);
		free(*problems);
		*problems = all;
	}
	free(p);
	return 0;
}

void keymap_hint(const char *key, char *out, size_t outsz)
{
	if (strncmp(key, "C-", 2) == 0 && key[2] >= 'a' && key[2] <= 'z' && key[3] == '\0')
		snprintf(out, outsz, "^%c", key[2] - 'a' + 'A');
	else
		snprintf(out, outsz, "%s", key);
}
