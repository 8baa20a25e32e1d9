/* side: the sidecar written per FORMAT.md section 2, read back onto the
 * text, merged when the text was edited elsewhere, refused clearly when it
 * is broken or of an unknown version. */
#include "testutil.h"

#include "mahdar/buf.h"
#include "mahdar/side.h"
#include "mahdar/txt.h"
#include "mahdar/util.h"

#include <jansson.h>

#define NOW "2026-11-25T10:00:00+03:30"
#define LATER "2026-11-26T09:00:00+03:30"

static struct doc *corpus_doc(const char *name, char **text, size_t *len)
{
	*text = tu_corpus_file(name, len);
	return txt_read(*text, *len);
}

static char *write_side(const struct doc *d, const char *text, size_t len, const char *now)
{
	size_t n;
	char *j = side_write(d, text, len, now, &n);
	assert_non_null(j);
	assert_int_equal(strlen(j), n);
	assert_true(n > 0 && j[n - 1] == '\n');
	return j;
}

static json_t *parse(const char *s)
{
	json_error_t e;
	json_t *j = json_loads(s, 0, &e);
	if (j == NULL)
		fail_msg("sidecar is not JSON: %d:%d: %s", e.line, e.column, e.text);
	return j;
}

/* The member at path "a.b.2.c": objects by key, arrays by index. */
static json_t *at(json_t *o, const char *path)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", path);
	json_t *cur = o;
	for (char *tok = strtok(buf, "."); tok != NULL && cur != NULL; tok = strtok(NULL, "."))
		cur = json_is_array(cur) ? json_array_get(cur, (size_t)atoi(tok)) : json_object_get(cur, tok);
	if (cur == NULL)
		fail_msg("%s: missing", path);
	return cur;
}

/* The string at path, or NULL for a JSON null. */
static const char *str_at(json_t *o, const char *path)
{
	json_t *v = at(o, path);
	return json_is_null(v) ? NULL : json_string_value(v);
}

static void assert_keys(json_t *o, const char *const *keys)
{
	const char *k;
	json_t *v;
	size_t i = 0;
	json_object_foreach(o, k, v) {
		if (keys[i] == NULL)
			fail_msg("extra key \"%s\"", k);
		if (strcmp(k, keys[i]) != 0)
			fail_msg("key %zu is \"%s\", want \"%s\"", i, k, keys[i]);
		i++;
	}
	if (keys[i] != NULL)
		fail_msg("key \"%s\" missing", keys[i]);
}

static const char *const top_keys[] = {
	"format", "version", "text_sha256", "language", "direction", "title", "meta", "attendance",
	"sections", "agenda", "recommendations", "timestamps", "status", "approved", "created",
	"modified", "next_ids", NULL,	/* next_ids: mahdar's extension, after the spec's keys */
};
static const char *const rec_keys[] = {
	"id", "kind", "text", "owner", "due", "due_iso", "votes", "status", "from", NULL,
};

/* A document of about 1.5 MB (so the sections' text is dumped on two
 * threads, in many chunks): sections small and one far larger than a
 * chunk, and lines JSON must escape — quotes, backslashes, tabs, control
 * bytes, invalid UTF-8, CRLF. */
static void big_doc_text(struct buf *b)
{
	buf_puts(b, "# \"Big\" minutes\nDate: 2024-03-15\nPresent: A; B\n");
	for (int s = 0; s < 40; s++) {
		buf_printf(b, s % 5 == 4 ? "## Recommendations\n" : "## Part %d\n", s);
		for (int i = 0; i < (s == 7 ? 9000 : 150); i++) {
			switch (i % 9) {
			case 0: buf_printf(b, "- item %d.%d \"quoted\" — owner: Ali\n", s, i); break;
			case 1: buf_puts(b, "back\\slash and\ttab \x01 \x1f" " end\r\n"); break;
			case 2: buf_puts(b, "bad \xff\xfe utf-8 \xd8\n"); break;
			case 3: buf_puts(b, "\n"); break;
			case 4: buf_puts(b, "عربي فارسی עברית \u2067isolate\u2069 mixed\n"); break;
			default: buf_printf(b, "line %d of part %d, ordinary words written at some length.\n", i, s);
			}
		}
	}
}

/* The sidecar written with the cache of earlier writes is, after edits of
 * every kind, byte for byte the one written from scratch: a cached section
 * text can never be stale. */
static void test_cached_write_same_as_fresh(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	big_doc_text(&b);
	struct doc *d = txt_read(b.s, b.len);
	buf_free(&b);
	struct side_cache *cache = NULL;
	srand(11);
	for (int round = 0; round < 40; round++) {
		if (round > 0 && round % 10 != 9) {	/* every tenth: written again unchanged */
			for (int e = 0; e < 1 + round % 4; e++) {
				size_t i = (size_t)rand() % d->nlines;
				switch ((round + e) % 8) {
				case 0: doc_line_splice(d, i, 0, 0, "\"", 1); break;
				case 1: doc_line_insert(d, i, "a new line \\ here", 17, DOC_EOL_LF); break;
				case 2: if (d->nlines > 10) doc_line_delete(d, i); break;
				case 3: doc_line_set(d, i, "## Closing", 10); break;	/* a new section */
				case 4: doc_line_splice(d, i, 0, 0, "\xc3", 1); break;	/* invalid UTF-8 */
				case 5: doc_line_set(d, i, "", 0); break;
				case 6: if (d->lines[i].len > 0) doc_line_splice(d, i, 0, 1, NULL, 0); break;
				default: doc_line_set_eol(d, i, DOC_EOL_CRLF); break;
				}
			}
		}
		if (round % 10 == 9)
			assert_false(d->stale);
		else
			txt_analyse(d);
		size_t tl, nc, nf;
		char *text = txt_write(d, &tl), sha[65];
		char *cached = side_write_hash(d, text, tl, NOW, &nc, sha, &cache);
		char *fresh = side_write(d, text, tl, NOW, &nf);
		assert_non_null(cache);
		assert_int_equal(nc, nf);
		assert_memory_equal(cached, fresh, nf);
		/* and it is jansson's own rendering of the tree it holds */
		json_t *j = parse(cached);
		char *again = json_dumps(j, JSON_PRESERVE_ORDER);
		assert_int_equal(strlen(again) + 1, nc);
		assert_memory_equal(again, cached, nc - 1);
		free(again);
		json_decref(j);
		free(cached);
		free(fresh);
		free(text);
	}
	side_cache_free(cache);
	doc_free(d);
}

static void test_sha256_and_path(void **state)
{
	(void)state;
	char hex[65];
	/* FIPS 180-2 test vectors. */
	side_sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	side_sha256_hex("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	char *p = side_path("dir/board.txt");
	assert_string_equal(p, "dir/board.json");
	free(p);
	p = side_path("board.minutes");
	assert_string_equal(p, "board.minutes.json");
	free(p);
	p = side_path(".txt");
	assert_string_equal(p, ".txt.json");
	free(p);
}

static void test_write_english_corpus(void **state)
{
	(void)state;
	char *text;
	size_t len;
	struct doc *d = corpus_doc("library-2025-en.txt", &text, &len);
	char *js = write_side(d, text, len, NOW);
	/* One line, not indented (its size stays that of the text plus a
	 * little per item), keys in the spec's order. */
	static const char start[] = "{\"format\": \"minutes\", \"version\": 1, ";
	assert_memory_equal(js, start, sizeof start - 1);
	assert_ptr_equal(strchr(js, '\n'), js + strlen(js) - 1);
	assert_true(strlen(js) < 2 * len + 4096);
	json_t *j = parse(js);
	assert_keys(j, top_keys);
	static const char *const meta_keys[] = {
		"date", "date_iso", "calendar", "time", "place", "chair", "secretary", "next", "members",
		"extra", NULL,
	};
	assert_keys(at(j, "meta"), meta_keys);
	char sha[65];
	side_sha256_hex(text, len, sha);
	assert_string_equal(str_at(j, "text_sha256"), sha);
	assert_string_equal(str_at(j, "language"), "en");
	assert_string_equal(str_at(j, "direction"), "ltr");
	assert_string_equal(str_at(j, "title"), "Monthly Meeting, Eastside Library Friends");
	assert_string_equal(str_at(j, "meta.date"), "2025-09-09");
	assert_string_equal(str_at(j, "meta.date_iso"), "2025-09-09");
	assert_null(str_at(j, "meta.calendar"));
	assert_string_equal(str_at(j, "meta.time"), "18:00");
	assert_string_equal(str_at(j, "meta.place"), "Eastside Library, Reading Room");
	assert_string_equal(str_at(j, "meta.chair"), "Maria Gonzalez");
	assert_string_equal(str_at(j, "meta.secretary"), "Omar Khalil");
	assert_null(str_at(j, "meta.next"));
	assert_int_equal(json_array_size(at(j, "meta.extra")), 0);
	assert_int_equal(json_array_size(at(j, "attendance.present")), 5);
	assert_string_equal(str_at(j, "attendance.present.0.name"), "Maria Gonzalez");
	assert_string_equal(str_at(j, "attendance.present.0.role"), "chair");
	assert_string_equal(str_at(j, "attendance.present.4.name"), "Sam O'Neill");
	assert_null(str_at(j, "attendance.present.4.role"));
	assert_string_equal(str_at(j, "attendance.apologies.0.name"), "Fatima Zahra");
	assert_string_equal(str_at(j, "attendance.guests.0.role"), "city council");
	assert_int_equal(json_array_size(at(j, "sections")), 5);
	assert_string_equal(str_at(j, "sections.0.key"), "opening");
	assert_string_equal(str_at(j, "sections.0.heading"), "Opening");
	/* Body lines joined with "\n", the blank line before the next heading dropped. */
	assert_string_equal(str_at(j, "sections.0.text"),
			    "The chair opened the meeting at 18:04. Quorum: 5 of 7 members.");
	assert_string_equal(str_at(j, "sections.4.text"),
			    "The meeting closed at 19:20. Next meeting: 2025-10-14.");
	assert_int_equal(json_array_size(at(j, "agenda")), 4);
	assert_string_equal(str_at(j, "agenda.1.text"), "Book sale results");
	assert_true(json_is_integer(at(j, "agenda.1.number")));
	assert_int_equal(json_integer_value(at(j, "agenda.3.number")), 4);
	assert_non_null(str_at(j, "agenda.0.id"));
	assert_int_equal(json_array_size(at(j, "recommendations")), 3);
	assert_keys(at(j, "recommendations.0"), rec_keys);
	assert_string_equal(str_at(j, "recommendations.0.kind"), "action");
	assert_string_equal(str_at(j, "recommendations.0.text"), "Send the shelf funding request to the council");
	assert_string_equal(str_at(j, "recommendations.0.owner"), "Omar Khalil");
	assert_string_equal(str_at(j, "recommendations.0.due"), "2025-09-25");
	assert_string_equal(str_at(j, "recommendations.0.due_iso"), "2025-09-25");
	assert_true(json_is_null(at(j, "recommendations.0.votes")));
	assert_string_equal(str_at(j, "recommendations.0.status"), "open");
	assert_null(str_at(j, "recommendations.0.from"));
	assert_null(str_at(j, "recommendations.2.due"));
	assert_int_equal(json_array_size(at(j, "timestamps")), 0);
	assert_string_equal(str_at(j, "status"), "draft");
	assert_true(json_is_null(at(j, "approved")));
	assert_string_equal(str_at(j, "created"), NOW);
	assert_string_equal(str_at(j, "modified"), NOW);
	json_decref(j);
	free(js);
	free(text);
	doc_free(d);
}

static void test_write_persian_corpus(void **state)
{
	(void)state;
	char *text;
	size_t len;
	struct doc *d = corpus_doc("shora-1403-fa.txt", &text, &len);
	char *js = write_side(d, text, len, NOW);
	json_t *j = parse(js);
	assert_string_equal(str_at(j, "language"), "fa");
	assert_string_equal(str_at(j, "direction"), "rtl");
	/* Dates as written, plus their Gregorian form (ICU: 1403/07/15 =
	 * 2024-10-06, 1403/07/30 = 2024-10-21). */
	assert_string_equal(str_at(j, "meta.date"), "۱۴۰۳/۰۷/۱۵");
	assert_string_equal(str_at(j, "meta.date_iso"), "2024-10-06");
	assert_string_equal(str_at(j, "meta.calendar"), "persian");
	assert_string_equal(str_at(j, "recommendations.0.due"), "۱۴۰۳/۰۷/۳۰");
	assert_string_equal(str_at(j, "recommendations.0.due_iso"), "2024-10-21");
	assert_string_equal(str_at(j, "recommendations.0.owner"), "علی رضوانی");
	assert_int_equal(json_integer_value(at(j, "agenda.2.number")), 3);
	assert_string_equal(str_at(j, "agenda.2.text"), "سایر موارد");
	json_decref(j);
	free(js);
	free(text);
	doc_free(d);

	/* A document that is nothing but prose: one heading-less section. */
	d = corpus_doc("unstructured-communique-ar.txt", &text, &len);
	js = write_side(d, text, len, NOW);
	j = parse(js);
	assert_string_equal(str_at(j, "language"), "ar");
	assert_string_equal(str_at(j, "direction"), "rtl");
	assert_null(str_at(j, "title"));
	assert_int_equal(json_array_size(at(j, "sections")), 1);
	assert_null(str_at(j, "sections.0.key"));
	assert_null(str_at(j, "sections.0.heading"));
	assert_true(strncmp(str_at(j, "sections.0.text"), "عقد سكرتاريو", strlen("عقد سكرتاريو")) == 0);
	json_decref(j);
	free(js);
	free(text);
	doc_free(d);
}

static void test_write_extras_votes_invalid_utf8(void **state)
{
	(void)state;
	static const char text[] =
		"# Board \xff meeting\n"
		"Date: 1445/09/01\n"
		"Venue: Hall \xc3\n"
		"Next meeting: next week\n"
		"\n"
		"\n"
		"## Recommendations\n"
		"- Adopt the budget \xfe — votes: 7-1-0\n"
		"\n"
		"## Risks\n"
		"none yet\n"
		"\n";
	struct doc *d = txt_read(text, sizeof text - 1);
	d->lang = DOC_LANG_AR;
	txt_analyse(d);
	char *js = write_side(d, text, sizeof text - 1, NOW);
	json_t *j = parse(js);
	/* Invalid bytes: U+FFFD in the sidecar; the text keeps them. */
	assert_string_equal(str_at(j, "title"), "Board \xef\xbf\xbd meeting");
	assert_string_equal(str_at(j, "meta.extra.0.label"), "Venue");
	assert_string_equal(str_at(j, "meta.extra.0.value"), "Hall \xef\xbf\xbd");
	assert_string_equal(str_at(j, "meta.next"), "next week");
	/* Declared Arabic: a Hijri year is the Islamic calendar (ICU:
	 * 1445/09/01 islamic-civil = 2024-03-11). */
	assert_string_equal(str_at(j, "language"), "ar");
	assert_string_equal(str_at(j, "direction"), "rtl");
	assert_string_equal(str_at(j, "meta.date_iso"), "2024-03-11");
	assert_string_equal(str_at(j, "meta.calendar"), "islamic-civil");
	/* No preamble section: only blank lines before the first heading. */
	assert_int_equal(json_array_size(at(j, "sections")), 2);
	assert_string_equal(str_at(j, "sections.1.heading"), "Risks");
	assert_null(str_at(j, "sections.1.key"));
	assert_string_equal(str_at(j, "sections.1.text"), "none yet");
	assert_string_equal(str_at(j, "recommendations.0.kind"), "decision");
	assert_null(str_at(j, "recommendations.0.owner"));
	assert_int_equal(json_integer_value(at(j, "recommendations.0.votes.for")), 7);
	assert_int_equal(json_integer_value(at(j, "recommendations.0.votes.against")), 1);
	assert_int_equal(json_integer_value(at(j, "recommendations.0.votes.abstain")), 0);
	static const char *const vk[] = { "for", "against", "abstain", NULL };
	assert_keys(at(j, "recommendations.0.votes"), vk);
	json_decref(j);
	free(js);
	doc_free(d);
}

/* Every sidecar-carried datum of two documents is the same. */
static void assert_same_model(const struct doc *a, const struct doc *b)
{
	assert_int_equal(a->nlines, b->nlines);
	for (size_t i = 0; i < a->nlines; i++) {
		const struct doc_attr *x = doc_attr_of(a, i), *y = doc_attr_of(b, i);
		if (x == NULL || y == NULL) {
			/* an attribute block with nothing in it counts as none */
			const struct doc_attr *z = x != NULL ? x : y;
			if (z != NULL)
				assert_true(z->id == NULL && z->from == NULL && z->stamp == NULL &&
					    z->status == 0);
			continue;
		}
#define SAME_STR(f) do { if ((x->f == NULL) != (y->f == NULL) || (x->f && strcmp(x->f, y->f))) \
		fail_msg("line %zu: " #f " %s vs %s", i + 1, x->f ? x->f : "NULL", y->f ? y->f : "NULL"); } while (0)
		SAME_STR(id);
		SAME_STR(from);
		SAME_STR(stamp);
#undef SAME_STR
		assert_int_equal(x->status, y->status);
	}
	assert_int_equal(doc_language(a), doc_language(b));
	assert_int_equal(a->final, b->final);
	assert_string_equal(a->approved_on, b->approved_on);
	assert_string_equal(a->approved_by, b->approved_by);
	assert_string_equal(a->created, b->created);
}

static void test_write_read_same_model(void **state)
{
	(void)state;
	char *text;
	size_t len;
	struct doc *d = corpus_doc("malmo-2018-ar.txt", &text, &len);
	/* Everything the sidecar carries. */
	size_t r0 = d->recs[0].line, r1 = d->recs[1].line, r2 = d->recs[2].line;
	doc_line_attr(d, r0)->status = DOC_ST_DONE;
	doc_line_attr(d, r1)->status = DOC_ST_DROPPED;
	doc_line_attr(d, r1)->from = xstrdup("malmo-2017");
	free(doc_line_attr(d, r2)->id);
	doc_line_attr(d, r2)->id = xstrdup("r17");
	doc_id_note(d, "r17");	/* as txt_analyse() does for ids put on lines */
	doc_line_attr(d, 1)->stamp = xstrdup("2018-10-20T10:02:00+02:00");
	doc_line_attr(d, d->sections[2].first)->stamp = xstrdup("2018-10-20T11:40:00+02:00");
	d->lang = DOC_LANG_HE;	/* declared, unlike the text */
	d->final = 1;
	d->approved_on = xstrdup("2018-11-01");
	d->approved_by = xstrdup("رائد فهمي");
	d->created = xstrdup("2018-10-20T09:55:00+02:00");

	char *js = write_side(d, text, len, NOW);
	struct doc *e = txt_read(text, len);
	struct side_report rep;
	assert_int_equal(side_apply(e, js, strlen(js), text, len, "malmo-2018-ar.json", &rep), SIDE_OK);
	assert_null(rep.msg);
	assert_int_equal(rep.unmatched, 0);
	assert_int_equal(rep.matched, d->nagenda + d->nrecs);
	assert_same_model(d, e);
	assert_string_equal(e->modified_at, NOW);
	assert_int_equal(e->lang, DOC_LANG_HE);
	/* And so the same sidecar again, but for the time of writing. */
	char *again = write_side(e, text, len, NOW);
	assert_string_equal(again, js);
	json_t *j = parse(again);
	assert_string_equal(str_at(j, "status"), "final");
	assert_string_equal(str_at(j, "approved.by"), "رائد فهمي");
	assert_string_equal(str_at(j, "recommendations.2.id"), "r17");
	assert_int_equal(json_integer_value(at(j, "next_ids.r")), 18);
	assert_int_equal(json_integer_value(at(j, "next_ids.a")), (json_int_t)d->nagenda + 1);
	assert_string_equal(str_at(j, "recommendations.1.from"), "malmo-2017");
	assert_string_equal(str_at(j, "recommendations.1.status"), "dropped");
	assert_int_equal(json_array_size(at(j, "timestamps")), 2);
	assert_null(str_at(j, "timestamps.0.section"));
	assert_int_equal(json_integer_value(at(j, "timestamps.0.line")), 2);
	assert_string_equal(str_at(j, "timestamps.1.section"), "discussion");
	assert_int_equal(json_integer_value(at(j, "timestamps.1.line")), (json_int_t)d->sections[2].first + 1);
	assert_string_equal(str_at(j, "timestamps.1.at"), "2018-10-20T11:40:00+02:00");
	json_decref(j);
	free(again);
	doc_free(e);
	free(js);
	free(text);
	doc_free(d);
}

static void test_unknown_keys_kept(void **state)
{
	(void)state;
	char *text;
	size_t len;
	struct doc *d = corpus_doc("vaad-2024-he.txt", &text, &len);
	char *js = write_side(d, text, len, NOW);
	/* Someone else's tool added keys: at the top, in items, in meta. */
	json_t *j = parse(js);
	json_object_set_new(j, "x_building", json_pack("{s:i, s:[s,s]}", "floors", 4, "tags", "a", "b"));
	json_object_set_new(at(j, "recommendations.1"), "x_ticket", json_string("HZ-12"));
	json_object_set_new(at(j, "agenda.0"), "x_slides", json_true());
	json_object_set_new(at(j, "meta"), "x_custom", json_string("kept too"));
	char *edited = json_dumps(j, JSON_INDENT(2));
	json_decref(j);
	struct doc *e = txt_read(text, len);
	assert_int_equal(side_apply(e, edited, strlen(edited), text, len, "vaad.json", NULL), SIDE_OK);
	char *out = write_side(e, text, len, LATER);
	j = parse(out);
	static const char *const top_plus[] = {
		"format", "version", "text_sha256", "language", "direction", "title", "meta", "attendance",
		"sections", "agenda", "recommendations", "timestamps", "status", "approved", "created",
		"modified", "next_ids", "x_building", NULL,
	};
	assert_keys(j, top_plus);
	assert_int_equal(json_integer_value(at(j, "x_building.floors")), 4);
	assert_string_equal(str_at(j, "x_building.tags.1"), "b");
	static const char *const rec_plus[] = {
		"id", "kind", "text", "owner", "due", "due_iso", "votes", "status", "from", "x_ticket", NULL,
	};
	assert_keys(at(j, "recommendations.1"), rec_plus);
	assert_keys(at(j, "recommendations.0"), rec_keys);
	assert_string_equal(str_at(j, "recommendations.1.x_ticket"), "HZ-12");
	assert_true(json_is_true(at(j, "agenda.0.x_slides")));
	assert_string_equal(str_at(j, "meta.x_custom"), "kept too");
	/* created survives, modified is the new time. */
	assert_string_equal(str_at(j, "created"), NOW);
	assert_string_equal(str_at(j, "modified"), LATER);
	json_decref(j);
	free(out);
	free(edited);
	free(js);
	doc_free(e);
	free(text);
	doc_free(d);
}

/* json as side_write() lays it out. */
static char *dump_like_side(json_t *j)
{
	char *s = json_dumps(j, JSON_PRESERVE_ORDER);
	char *out = xasprintf("%s\n", s);
	free(s);
	return out;
}

/* Set member key of the object at path to the JSON text value. */
static void put(json_t *j, const char *path, const char *key, const char *value)
{
	json_t *v = json_loads(value, JSON_DECODE_ANY, NULL);
	assert_non_null(v);
	assert_int_equal(json_object_set_new(at(j, path), key, v), 0);
}

static void test_unknown_keys_everywhere(void **state)
{
	(void)state;
	static const char text[] =
		"# Board\n"
		"Date: 2024-03-15\n"
		"Venue: Hall 2\n"
		"Present: Ali Hasan (chair); Sara Levi; Omar Said\n"
		"Apologies: Dana Cohen\n"
		"\n"
		"## Opening\n"
		"Opened at 18:00.\n"
		"\n"
		"## Agenda\n"
		"1. Budget\n"
		"2. Hall\n"
		"\n"
		"## Discussion\n"
		"We talked.\n"
		"More talk.\n"
		"\n"
		"## Decisions\n"
		"- Adopt the budget — votes: 7-1-0\n"
		"- Book the hall — owner: Sara Levi, due: 2024-04-01\n"
		"\n"
		"## Risks\n"
		"None.\n";
	size_t len = sizeof text - 1;
	struct doc *d = txt_read(text, len);
	doc_line_attr(d, 15)->stamp = xstrdup("2024-03-15T18:42:00+03:00");	/* "More talk." */
	d->approved_on = xstrdup("2024-03-20");
	d->approved_by = xstrdup("Ali Hasan");
	char *js0 = write_side(d, text, len, NOW);
	doc_free(d);

	/* Another tool's keys in every kind of object the sidecar has. */
	json_t *j = parse(js0);
	put(j, "meta", "x_meta", "\"m\"");
	put(j, "meta.extra.0", "x_room", "2");
	put(j, "attendance", "x_att", "true");
	put(j, "attendance.present.2", "x_email", "\"omar@example.org\"");
	put(j, "attendance.apologies.0", "x_reason", "\"ill\"");
	put(j, "sections.1", "x_collapsed", "true");
	put(j, "sections.4", "x_owner", "\"Dana\"");
	put(j, "agenda.1", "x_slides", "3");
	put(j, "recommendations.0", "x_ticket", "\"B-1\"");
	put(j, "recommendations.0.votes", "x_quorum", "8");
	put(j, "recommendations.1", "x_b", "1");
	put(j, "recommendations.1", "x_a", "{\"deep\": [1, {\"x\": null}]}");
	put(j, "timestamps.0", "x_by", "\"secretary\"");
	put(j, "approved", "x_sig", "\"AH\"");
	put(j, "next_ids", "x_n", "0");
	put(j, "", "x_org", "{\"country\": \"SE\"}");
	char *js = dump_like_side(j);
	json_decref(j);

	/* Read and written again unchanged: the same bytes. */
	d = txt_read(text, len);
	assert_int_equal(side_apply(d, js, strlen(js), text, len, "b.json", NULL), SIDE_OK);
	char *again = write_side(d, text, len, NOW);
	assert_string_equal(again, js);

	/* Edited: a person added before Omar, a line above the stamped one, an
	 * agenda item and a decision first, a section before "Risks". */
	static const char present[] = "Present: Ali Hasan (chair); Sara Levi; Nadia Aziz; Omar Said";
	doc_line_set(d, 3, present, strlen(present));
	doc_line_insert(d, 21, "## Budget", 9, DOC_EOL_LF);
	doc_line_insert(d, 22, "", 0, DOC_EOL_LF);
	doc_line_insert(d, 18, "- Thank the donors", 18, DOC_EOL_LF);
	doc_line_insert(d, 14, "Ali spoke.", 10, DOC_EOL_LF);
	doc_line_insert(d, 10, "1. Welcome", 10, DOC_EOL_LF);
	txt_analyse(d);
	size_t elen;
	char *edited = txt_write(d, &elen);
	char *out = write_side(d, edited, elen, LATER);
	j = parse(out);
	assert_string_equal(str_at(j, "meta.x_meta"), "m");
	assert_int_equal(json_integer_value(at(j, "meta.extra.0.x_room")), 2);
	assert_true(json_is_true(at(j, "attendance.x_att")));
	assert_string_equal(str_at(j, "attendance.present.3.name"), "Omar Said");
	assert_string_equal(str_at(j, "attendance.present.3.x_email"), "omar@example.org");
	assert_null(json_object_get(at(j, "attendance.present.2"), "x_email"));
	assert_string_equal(str_at(j, "attendance.apologies.0.x_reason"), "ill");
	assert_string_equal(str_at(j, "sections.1.key"), "agenda");
	assert_true(json_is_true(at(j, "sections.1.x_collapsed")));
	assert_string_equal(str_at(j, "sections.5.heading"), "Risks");
	assert_string_equal(str_at(j, "sections.5.x_owner"), "Dana");
	assert_null(json_object_get(at(j, "sections.4"), "x_owner"));
	assert_string_equal(str_at(j, "agenda.2.text"), "Hall");
	assert_int_equal(json_integer_value(at(j, "agenda.2.x_slides")), 3);
	assert_null(json_object_get(at(j, "agenda.0"), "x_slides"));
	assert_string_equal(str_at(j, "recommendations.1.text"), "Adopt the budget");
	assert_string_equal(str_at(j, "recommendations.1.x_ticket"), "B-1");
	assert_int_equal(json_integer_value(at(j, "recommendations.1.votes.x_quorum")), 8);
	assert_null(json_object_get(at(j, "recommendations.0"), "x_ticket"));
	/* Unknown keys after the spec's, in the order they had. */
	static const char *const rec_xx[] = {
		"id", "kind", "text", "owner", "due", "due_iso", "votes", "status", "from", "x_b", "x_a", NULL,
	};
	assert_keys(at(j, "recommendations.2"), rec_xx);
	assert_true(json_is_null(at(j, "recommendations.2.x_a.deep.1.x")));
	assert_int_equal(json_integer_value(at(j, "timestamps.0.line")), 18);
	assert_string_equal(str_at(j, "timestamps.0.x_by"), "secretary");
	assert_string_equal(str_at(j, "approved.x_sig"), "AH");
	assert_int_equal(json_integer_value(at(j, "next_ids.x_n")), 0);
	assert_string_equal(str_at(j, "x_org.country"), "SE");
	json_decref(j);

	/* Saved and read again: still there. */
	struct doc *e = txt_read(edited, elen);
	assert_int_equal(side_apply(e, out, strlen(out), edited, elen, "b.json", NULL), SIDE_OK);
	char *third = write_side(e, edited, elen, LATER);
	assert_string_equal(third, out);
	doc_free(e);
	free(third);
	free(out);
	free(edited);
	free(again);
	free(js);
	free(js0);
	doc_free(d);
}

/* text with the line holding `from` replaced by `to` (to == NULL deletes it). */
static char *replace_line(const char *text, const char *from, const char *to)
{
	const char *p = strstr(text, from);
	assert_non_null(p);
	const char *eol = strchr(p, '\n');
	struct buf b = BUF_INIT;
	buf_append(&b, text, (size_t)(p - text));
	if (to != NULL) {
		buf_puts(&b, to);
		buf_putc(&b, '\n');
	}
	buf_puts(&b, eol + 1);
	return buf_steal(&b, NULL);
}

static void test_merge_after_outside_edit(void **state)
{
	(void)state;
	char *text;
	size_t len;
	struct doc *d = corpus_doc("library-2025-en.txt", &text, &len);
	/* r1 done, r2 dropped, r3 done and carried over; a stamp in the discussion. */
	doc_line_attr(d, d->recs[0].line)->status = DOC_ST_DONE;
	doc_line_attr(d, d->recs[1].line)->status = DOC_ST_DROPPED;
	doc_line_attr(d, d->recs[2].line)->status = DOC_ST_DONE;
	doc_line_attr(d, d->recs[2].line)->from = xstrdup("library-2025-08");
	size_t disc = d->sections[2].first;	/* "The minutes of 2025-08-12 were approved…" */
	doc_line_attr(d, disc)->stamp = xstrdup("2025-09-09T18:10:00+02:00");
	doc_line_attr(d, disc + 1)->stamp = xstrdup("2025-09-09T18:25:00+02:00");
	char *js0 = write_side(d, text, len, NOW);
	/* Another tool's keys on r1, r3 and the first stamp. */
	json_t *j = parse(js0);
	json_object_set_new(at(j, "recommendations.0"), "x_ref", json_string("A-1"));
	json_object_set_new(at(j, "recommendations.2"), "x_ticket", json_integer(7));
	json_object_set_new(at(j, "timestamps.0"), "x_by", json_string("dana"));
	char *js = json_dumps(j, JSON_INDENT(2));
	json_decref(j);
	const char *r1 = doc_line_attr(d, d->recs[0].line)->id;
	const char *r3 = doc_line_attr(d, d->recs[2].line)->id;

	/* Edited in another editor: r1 reworded, r2 deleted, a new item first,
	 * the second discussion line rewritten, a header line added above. */
	char *t1 = replace_line(text, "- Send the shelf funding request",
				"- New: book a hall for the autumn fair — owner: Dana Levi\n"
				"- Send the shelf-funding request to the city council — owner: Omar Khalil, due: 2025-09-25");
	char *t2 = replace_line(t1, "- Order trilingual signs", NULL);
	char *t3 = replace_line(t2, "The book sale raised", "The book sale raised a lot of money.");
	char *t4 = replace_line(t3, "Place: ", "Place: Eastside Library, Reading Room\nTreasurer: Dana Levi");
	size_t n4 = strlen(t4);
	struct doc *e = txt_read(t4, n4);
	assert_int_equal(e->nrecs, 3);
	struct side_report rep;
	int r = side_apply(e, js, strlen(js), t4, n4, "library.json", &rep);
	assert_int_equal(r, SIDE_MERGED);
	/* The reworded r1 kept its id and status (same owner, similar text);
	 * r3 matched exactly and kept everything. */
	const struct doc_attr *a1 = doc_attr_of(e, e->recs[1].line);
	assert_string_equal(a1->id, r1);
	assert_int_equal(a1->status, DOC_ST_DONE);
	const struct doc_attr *a3 = doc_attr_of(e, e->recs[2].line);
	assert_string_equal(a3->id, r3);
	assert_int_equal(a3->status, DOC_ST_DONE);
	assert_string_equal(a3->from, "library-2025-08");
	/* The new item is open with a fresh id no item ever had. */
	const struct doc_attr *a0 = doc_attr_of(e, e->recs[0].line);
	assert_int_equal(a0->status, DOC_ST_OPEN);
	assert_string_equal(a0->id, "r4");
	/* Unmatched: the deleted item and the stamp of the rewritten line
	 * (old line 22). */
	assert_string_equal(rep.msg,
			    "library.json: action r2 “Order trilingual signs” (dropped) is no longer in the text\n"
			    "library.json: timestamp 2025-09-09T18:25:00+02:00 of line 22 (discussion) no longer matches the text\n");
	assert_int_equal(rep.matched, 4 + 2);
	assert_int_equal(rep.unmatched, 1);
	free(rep.msg);
	/* The other stamp followed its line, one further down now (the new
	 * header line), and no other line got a stamp. */
	size_t stamped = 0;
	for (size_t i = 0; i < e->nlines; i++) {
		const struct doc_attr *a = doc_attr_of(e, i);
		if (a == NULL || a->stamp == NULL)
			continue;
		stamped++;
		assert_string_equal(doc_line_text(e, i), "The minutes of 2025-08-12 were approved without change.");
		assert_int_equal(i + 1, 22);
		assert_string_equal(a->stamp, "2025-09-09T18:10:00+02:00");
	}
	assert_int_equal(stamped, 1);
	/* The document-wide data applies either way. */
	assert_string_equal(e->created, NOW);
	/* The other tool's keys went with their items and their stamp. */
	char *out = write_side(e, t4, n4, LATER);
	j = parse(out);
	assert_null(json_object_get(at(j, "recommendations.0"), "x_ref"));
	assert_string_equal(str_at(j, "recommendations.1.x_ref"), "A-1");
	assert_int_equal(json_integer_value(at(j, "recommendations.2.x_ticket")), 7);
	assert_int_equal(json_array_size(at(j, "timestamps")), 1);
	assert_string_equal(str_at(j, "timestamps.0.x_by"), "dana");
	json_decref(j);
	free(out);
	doc_free(e);
	free(t1);
	free(t2);
	free(t3);
	free(t4);
	free(js);
	free(js0);
	free(text);
	doc_free(d);
}

static void test_ids_unique(void **state)
{
	(void)state;
	static const char text[] = "# M\n\n## Decisions\n- one\n- two\n- three\n";
	struct doc *d = txt_read(text, sizeof text - 1);
	char *js = write_side(d, text, sizeof text - 1, NOW);
	/* A hand-edited sidecar giving two items the same id, and one r9. */
	json_t *j = parse(js);
	json_object_set_new(at(j, "recommendations.0"), "id", json_string("r2"));
	json_object_set_new(at(j, "recommendations.1"), "id", json_string("r2"));
	json_object_set_new(at(j, "recommendations.2"), "id", json_string("r9"));
	char *edited = json_dumps(j, 0);
	json_decref(j);
	struct doc *e = txt_read(text, sizeof text - 1);
	assert_int_equal(side_apply(e, edited, strlen(edited), text, sizeof text - 1, "m.json", NULL), SIDE_OK);
	assert_string_equal(doc_attr_of(e, e->recs[0].line)->id, "r2");
	assert_string_equal(doc_attr_of(e, e->recs[1].line)->id, "r10");
	assert_string_equal(doc_attr_of(e, e->recs[2].line)->id, "r9");
	free(edited);
	free(js);
	doc_free(e);
	doc_free(d);
}

/* Found on the fuzz branch while fixing an id clash the fuzzer found: a
 * sidecar id with the largest number there is made the next fresh id wrap
 * round to one in use ("a0" twice); ids the sidecar knew stay taken. */
static void test_fresh_ids_never_wrap(void **state)
{
	(void)state;
	static const char text[] = "# T\n\n## Agenda\n1. Alpha\n2. Beta\n3. Gamma\n";
	static const char json[] = "{\"format\":\"minutes\",\"version\":1,\"agenda\":["
				   "{\"id\":\"a18446744073709551615\",\"text\":\"Alpha\"},"
				   "{\"id\":\"a0\",\"text\":\"Beta\"},{\"id\":\"a5\",\"text\":\"Gone\"}]}";
	struct doc *d = txt_read(text, sizeof text - 1);
	assert_int_equal(side_apply(d, json, sizeof json - 1, text, sizeof text - 1, "t.json", NULL),
			 SIDE_MERGED);
	assert_string_equal(doc_attr_of(d, d->agenda[0].line)->id, "a18446744073709551615");
	assert_string_equal(doc_attr_of(d, d->agenda[1].line)->id, "a0");
	const char *gamma = doc_attr_of(d, d->agenda[2].line)->id;
	assert_true(strcmp(gamma, "a0") != 0 && strcmp(gamma, "a5") != 0);
	/* An item typed later gets an id none of the others has, nor a5,
	 * which the sidecar knew. */
	doc_line_insert(d, d->nlines, "4. Delta", 8, DOC_EOL_LF);
	txt_analyse(d);
	const char *delta = doc_attr_of(d, d->agenda[3].line)->id;
	assert_string_not_equal(delta, "a5");
	for (size_t i = 0; i < 3; i++)
		assert_string_not_equal(delta, doc_attr_of(d, d->agenda[i].line)->id);
	doc_free(d);
}

/* The id of d's k-th recommendation. */
static const char *rec_id(const struct doc *d, size_t k)
{
	return doc_attr_of(d, d->recs[k].line)->id;
}

/* Line index of the recommendation whose text is s. */
static size_t rec_line(const struct doc *d, const char *s)
{
	for (size_t k = 0; k < d->nrecs; k++)
		if (strcmp(d->recs[k].text, s) == 0)
			return d->recs[k].line;
	fail_msg("no item “%s”", s);
	return 0;
}

static void test_ids_never_reused(void **state)
{
	(void)state;
	/* In one session: the last item deleted, a new one typed. */
	static const char text[] = "# M\n\n## Decisions\n- one\n- two\n- three\n";
	struct doc *d = txt_read(text, sizeof text - 1);
	assert_string_equal(rec_id(d, 2), "r3");
	doc_line_delete(d, rec_line(d, "three"));
	doc_line_insert(d, d->nlines, "- four", 6, DOC_EOL_LF);
	txt_analyse(d);
	assert_string_equal(rec_id(d, 2), "r4");

	/* Saved with r4 deleted too, then reopened: the new item is r5, not
	 * r3 or r4 (next_ids carries what the lists no longer show). */
	doc_line_delete(d, rec_line(d, "four"));
	txt_analyse(d);
	size_t len;
	char *saved = txt_write(d, &len);
	char *js = write_side(d, saved, len, NOW);
	json_t *j = parse(js);
	assert_int_equal(json_integer_value(at(j, "next_ids.r")), 5);
	assert_int_equal(json_integer_value(at(j, "next_ids.a")), 1);
	json_decref(j);
	struct doc *e = txt_read(saved, len);
	assert_int_equal(side_apply(e, js, strlen(js), saved, len, "m.json", NULL), SIDE_OK);
	doc_line_insert(e, e->nlines, "- five", 6, DOC_EOL_LF);
	txt_analyse(e);
	assert_string_equal(rec_id(e, 0), "r1");
	assert_string_equal(rec_id(e, 1), "r2");
	assert_string_equal(rec_id(e, 2), "r5");
	doc_free(e);

	/* A sidecar without next_ids (written before it existed): the ids its
	 * lists hold still count, also of items an outside edit deleted. */
	j = parse(js);
	json_object_del(j, "next_ids");
	json_object_set_new(at(j, "recommendations.1"), "id", json_string("r7"));
	char *old = json_dumps(j, 0);
	json_decref(j);
	static const char edited[] = "# M\n\n## Decisions\n- one\n- six\n";
	e = txt_read(edited, sizeof edited - 1);
	assert_int_equal(side_apply(e, old, strlen(old), edited, sizeof edited - 1, "m.json", NULL),
			 SIDE_MERGED);
	assert_string_equal(rec_id(e, 0), "r1");
	assert_string_equal(rec_id(e, 1), "r8");
	doc_free(e);
	free(old);

	/* Absurd numbers in a hand-edited sidecar are no marks: counting on
	 * from them would overflow. */
	j = parse(js);
	json_object_set_new(at(j, "next_ids"), "a", json_integer(INT64_MAX));
	json_object_set_new(at(j, "next_ids"), "r", json_integer(-3));
	old = json_dumps(j, 0);
	json_decref(j);
	e = txt_read(saved, len);
	assert_int_equal(side_apply(e, old, strlen(old), saved, len, "m.json", NULL), SIDE_OK);
	doc_line_insert(e, 1, "## Agenda", 9, DOC_EOL_LF);
	doc_line_insert(e, 2, "1. new", 6, DOC_EOL_LF);
	doc_line_insert(e, e->nlines, "- five", 6, DOC_EOL_LF);
	txt_analyse(e);
	assert_string_equal(doc_attr_of(e, e->agenda[0].line)->id, "a1");
	assert_string_equal(rec_id(e, 2), "r3");
	free(old);
	old = write_side(e, saved, len, NOW);
	j = parse(old);
	assert_int_equal(json_integer_value(at(j, "next_ids.a")), 2);
	json_decref(j);
	doc_free(e);
	free(old);
	free(js);
	free(saved);
	doc_free(d);
}

/* side_apply on broken input: result, exact message, document untouched. */
static void expect_refused(const char *json, int want_result, const char *want_msg)
{
	static const char text[] = "# T\n\n## Agenda\n1. one\n";
	struct doc *d = txt_read(text, sizeof text - 1);
	struct side_report rep = { (char *)"stale", 5, 5 };
	int r = side_apply(d, json, strlen(json), text, sizeof text - 1, "x.json", &rep);
	if (r != want_result)
		fail_msg("result %d, want %d (%s)", r, want_result, rep.msg ? rep.msg : "");
	if (rep.msg == NULL || strcmp(rep.msg, want_msg) != 0)
		fail_msg("message \"%s\"\n   want \"%s\"", rep.msg ? rep.msg : "(null)", want_msg);
	assert_string_equal(doc_attr_of(d, 3)->id, "a1");
	assert_null(d->created);
	assert_int_equal(d->final, 0);
	free(rep.msg);
	doc_free(d);
}

static void test_broken_json_positions(void **state)
{
	(void)state;
	/* Trailing comma: the '}' on line 4, column 1. */
	expect_refused("{\n  \"format\": \"minutes\",\n  \"version\": 1,\n}\n", SIDE_BROKEN,
		       "x.json:4:1: string or '}' expected near '}'");
	/* Missing comma: the string on line 3 ends in column 11. */
	expect_refused("{\n  \"format\": \"minutes\"\n  \"version\": 1\n}\n", SIDE_BROKEN,
		       "x.json:3:11: '}' expected near '\"version\"'");
	/* Columns count characters ("é" is one) and, as jansson does, point at
	 * the last character of the offending token. */
	expect_refused("{\"title\": \"é\", oops}", SIDE_BROKEN,
		       "x.json:1:19: string or '}' expected near 'oops'");
	/* Cut short. */
	expect_refused("{\n  \"format\": \"minutes\",\n", SIDE_BROKEN,
		       "x.json:3:1: string or '}' expected near end of file");
	expect_refused("", SIDE_BROKEN, "x.json:1:1: the file is empty, not a minutes sidecar");
	expect_refused("{\"format\": \"minutes\", \"version\": 1} {}", SIDE_BROKEN,
		       "x.json:1:37: end of file expected near '{'");
}

static void test_not_a_sidecar(void **state)
{
	(void)state;
	expect_refused("[1, 2]", SIDE_BROKEN, "x.json:1:1: not a minutes sidecar (expected a JSON object)");
	expect_refused("{\n  \"version\": 1,\n  \"format\": \"recipe\"\n}", SIDE_BROKEN,
		       "x.json:3:13: not a minutes sidecar (\"format\" is \"recipe\", not \"minutes\")");
	expect_refused("\n {\"version\": 1}", SIDE_BROKEN,
		       "x.json:2:2: not a minutes sidecar (no \"format\": \"minutes\")");
	expect_refused("{\"format\": \"minutes\"}", SIDE_BROKEN,
		       "x.json:1:1: not a minutes sidecar (no \"version\")");
}

static void test_unknown_version(void **state)
{
	(void)state;
	expect_refused("{\n  \"format\": \"minutes\",\n  \"version\": 2,\n  \"agenda\": []\n}\n", SIDE_VERSION,
		       "x.json:3:14: unknown sidecar version 2 (this mahdar reads version 1)");
	/* "version" also appears nested and as a value: only the top-level key counts. */
	expect_refused("{\"meta\": {\"version\": 1}, \"x\": \"version\",\n\t\"format\": \"minutes\", \"version\" :  \"1.1\"}",
		       SIDE_VERSION,
		       "x.json:2:36: unknown sidecar version \"1.1\" (this mahdar reads version 1)");
}

/* Right format and version, wrong-typed fields: refused with the key and
 * what was expected, never applied (and so backed up before a rewrite). */
static void test_wrong_types(void **state)
{
	(void)state;
	expect_refused("{\"format\": \"minutes\", \"version\": 1, \"agenda\": {\"id\": \"a1\"}}", SIDE_BROKEN,
		       "x.json: agenda: expected an array or null, found an object");
	expect_refused("{\"format\": \"minutes\", \"version\": 1, \"agenda\": [{\"id\": 7, \"text\": \"one\"}]}",
		       SIDE_BROKEN, "x.json: agenda[0].id: expected a string or null, found an integer");
	expect_refused("{\"format\": \"minutes\", \"version\": 1, \"recommendations\": [{\"status\": \"maybe\"}]}",
		       SIDE_BROKEN,
		       "x.json: recommendations[0].status: expected \"open\", \"done\" or \"dropped\", found \"maybe\"");
	expect_refused("{\"format\": \"minutes\", \"version\": 1, \"timestamps\": [{\"line\": \"3\", \"at\": \"x\"}]}",
		       SIDE_BROKEN, "x.json: timestamps[0].line: expected an integer, found a string");
	expect_refused("{\"format\": \"minutes\", \"version\": 1, \"text_sha256\": 5}", SIDE_BROKEN,
		       "x.json: text_sha256: expected a string, found an integer");
	expect_refused("{\"format\": \"minutes\", \"version\": 1, \"next_ids\": {\"a\": 1.5}}", SIDE_BROKEN,
		       "x.json: next_ids.a: expected an integer, found a number");
	expect_refused("{\"format\": \"minutes\", \"version\": 1, \"status\": \"finished\"}", SIDE_BROKEN,
		       "x.json: status: expected \"draft\" or \"final\", found \"finished\"");
}

/* A sidecar nested absurdly deep is refused before it is parsed. */
static void test_too_deep(void **state)
{
	(void)state;
	char json[512] = "{\"format\": \"minutes\", \"version\": 1, \"x\": ";
	size_t n = strlen(json);
	for (int i = 0; i < 100; i++)
		json[n++] = '[';
	json[n] = '\0';
	/* The 65th bracket: 64 levels is the limit, the object counting as one. */
	char want[160];
	snprintf(want, sizeof want, "x.json:1:%zu: nested more than 64 levels deep: not a sidecar mahdar can "
		 "use, and not read further", strlen("{\"format\": \"minutes\", \"version\": 1, \"x\": ") + 64);
	expect_refused(json, SIDE_BROKEN, want);
	/* Brackets inside strings do not count. */
	char ok[600] = "{\"format\": \"minutes\", \"version\": 1, \"x\": \"";
	n = strlen(ok);
	for (int i = 0; i < 100; i++)
		ok[n++] = '[';
	strcpy(ok + n, "\"}");
	static const char text[] = "# T\n";
	struct doc *d = txt_read(text, sizeof text - 1);
	assert_true(side_apply(d, ok, strlen(ok), text, sizeof text - 1, "x.json", NULL) >= 0);
	doc_free(d);
}

static void test_same_text_stamps_by_line(void **state)
{
	(void)state;
	static const char text[] = "# T\r\nDate: 2024-03-15\r\n\r\n## Discussion\r\nfirst\r\nsecond";
	struct doc *d = txt_read(text, sizeof text - 1);
	doc_line_attr(d, 5)->stamp = xstrdup("2024-03-15T18:42:00+03:00");
	char *js = write_side(d, text, sizeof text - 1, NOW);
	json_t *j = parse(js);
	assert_string_equal(str_at(j, "sections.0.text"), "first\nsecond");
	assert_int_equal(json_integer_value(at(j, "timestamps.0.line")), 6);
	json_decref(j);
	struct doc *e = txt_read(text, sizeof text - 1);
	assert_int_equal(side_apply(e, js, strlen(js), text, sizeof text - 1, "t.json", NULL), SIDE_OK);
	assert_string_equal(doc_attr_of(e, 5)->stamp, "2024-03-15T18:42:00+03:00");
	/* The language equal to the detected one is not taken as declared. */
	assert_int_equal(e->lang, DOC_LANG_NONE);
	free(js);
	doc_free(e);
	doc_free(d);
}

/* A stamp on line index `line` of text, after the text was edited
 * elsewhere to `edited`: the line index it landed on, or -1. */
static long stamp_moved(const char *text, size_t line, const char *edited)
{
	struct doc *d = txt_read(text, strlen(text));
	doc_line_attr(d, line)->stamp = xstrdup("2024-03-15T18:42:00+03:00");
	char *js = write_side(d, text, strlen(text), NOW);
	struct doc *e = txt_read(edited, strlen(edited));
	struct side_report rep;
	assert_int_equal(side_apply(e, js, strlen(js), edited, strlen(edited), "t.json", &rep), SIDE_MERGED);
	long at_line = -1;
	for (size_t i = 0; i < e->nlines; i++)
		if (doc_attr_of(e, i) != NULL && doc_attr_of(e, i)->stamp != NULL)
			at_line = (long)i;
	assert_true(at_line >= 0 ? rep.msg == NULL : rep.msg != NULL);
	free(rep.msg);
	free(js);
	doc_free(e);
	doc_free(d);
	return at_line;
}

/* The stamp on "c" of a small document. */
static long stamp_after_edit(const char *edited)
{
	return stamp_moved("# T\n\n## Discussion\na\nb\nc\n\n## Closing\nend\n", 5, edited);
}

static void test_merge_stamps_follow_lines(void **state)
{
	(void)state;
	/* A line added above it in its section, or earlier sections grown. */
	assert_int_equal(stamp_after_edit("# T\n\n## Discussion\nx\na\nb\nc\n\n## Closing\nend\n"), 6);
	assert_int_equal(stamp_after_edit("# T\n\n## Opening\nhello\n\n## Discussion\na\nb\nc\n"), 8);
	/* Lines above it deleted: the section is now shorter than where it was. */
	assert_int_equal(stamp_after_edit("# T\n\n## Discussion\nc\n\n## Closing\nend\n"), 3);
	/* A section before it removed, a heading stamped. */
	assert_int_equal(stamp_moved("# T\n\n## Opening\nhi\nthere\n\n## Discussion\na\nb\nc\n", 9,
				     "# T\n\n## Discussion\na\nb\nc\n"), 5);
	assert_int_equal(stamp_moved("# T\nDate: 2024-03-15\n\n## Discussion\na\n", 3,
				     "# T\nDate: 2024-03-15\nPlace: here\n\n## Discussion\na\n"), 4);
	/* Its own line rewritten: reported. */
	assert_int_equal(stamp_after_edit("# T\n\n## Discussion\na\nb\nc!\n\n## Closing\nend\n"), -1);
	/* Moved to another section: the stamp's "text" finds it there. */
	assert_int_equal(stamp_after_edit("# T\n\n## Discussion\na\nb\n\n## Closing\nc\nend\n"), 7);
	/* A header line (no section to count in), after lines came above it. */
	assert_int_equal(stamp_moved("# T\nDate: 2024-03-15\nTime: 18:00\n\n## Discussion\na\n", 2,
				     "# T\nPlace: here\nDate: 2024-03-15\nChair: Ana\nTime:  18:00\n\n"
				     "## Discussion\na\n"), 4);
	/* Blank lines added between sections, which the counts do not see. */
	assert_int_equal(stamp_after_edit("# T\n\n\n\n## Discussion\na\nb\nc\n\n## Closing\nend\n"), 7);
}

/* A timestamp keeps the start of its line's text (spaces folded); an
 * older sidecar without it is still read, by line numbers alone. */
static void test_stamp_text_written_and_optional(void **state)
{
	(void)state;
	char text[400];
	snprintf(text, sizeof text, "# T\n\n## Discussion\n%s\nshort  line\n",
		 "0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789");
	struct doc *d = txt_read(text, strlen(text));
	doc_line_attr(d, 3)->stamp = xstrdup("2024-03-15T18:42:00+03:00");
	doc_line_attr(d, 4)->stamp = xstrdup("2024-03-15T18:43:00+03:00");
	char *js = write_side(d, text, strlen(text), NOW);
	json_t *j = parse(js);
	assert_string_equal(str_at(j, "timestamps.0.text"),
			    "0123456789 0123456789 0123456789 0123456789 0123456789 01234");
	assert_string_equal(str_at(j, "timestamps.1.text"), "short line");
	/* without "text", a line moved to another section is not found */
	json_object_del(at(j, "timestamps.1"), "text");
	char *old = json_dumps(j, 0);
	const char edited[] = "# T\n\n## Discussion\nnew\n\n## Closing\nshort  line\n";
	struct doc *e = txt_read(edited, sizeof edited - 1);
	struct side_report rep;
	assert_int_equal(side_apply(e, old, strlen(old), edited, sizeof edited - 1, "t.json", &rep),
			 SIDE_MERGED);
	assert_non_null(rep.msg);
	assert_non_null(strstr(rep.msg, "18:43:00"));
	assert_null(doc_attr_of(e, 6));
	free(rep.msg);
	free(old);
	json_decref(j);
	free(js);
	doc_free(e);
	doc_free(d);
}

/* Members: the header field as written, or the sidecar's own number. */
static void test_meta_members(void **state)
{
	(void)state;
	static const char text[] = "# T\nMembers: 9\n\n## Agenda\n";
	struct doc *d = txt_read(text, sizeof text - 1);
	char *js = write_side(d, text, sizeof text - 1, NOW);
	json_t *j = parse(js);
	assert_string_equal(str_at(j, "meta.members"), "9");
	json_decref(j);
	free(js);
	doc_free(d);
	static const char bare[] = "# T\n\n## Agenda\n";
	const char side[] = "{\"format\": \"minutes\", \"version\": 1, \"meta\": {\"members\": 12}}";
	d = txt_read(bare, sizeof bare - 1);
	assert_true(side_apply(d, side, sizeof side - 1, bare, sizeof bare - 1, "t.json", NULL) >= 0);
	assert_int_equal(d->members, 12);
	js = write_side(d, bare, sizeof bare - 1, NOW);
	j = parse(js);
	assert_int_equal(json_integer_value(at(j, "meta.members")), 12);
	json_decref(j);
	free(js);
	doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_and_path),
		cmocka_unit_test(test_cached_write_same_as_fresh),
		cmocka_unit_test(test_write_english_corpus),
		cmocka_unit_test(test_write_persian_corpus),
		cmocka_unit_test(test_write_extras_votes_invalid_utf8),
		cmocka_unit_test(test_write_read_same_model),
		cmocka_unit_test(test_unknown_keys_kept),
		cmocka_unit_test(test_unknown_keys_everywhere),
		cmocka_unit_test(test_merge_after_outside_edit),
		cmocka_unit_test(test_ids_unique),
		cmocka_unit_test(test_fresh_ids_never_wrap),
		cmocka_unit_test(test_ids_never_reused),
		cmocka_unit_test(test_broken_json_positions),
		cmocka_unit_test(test_not_a_sidecar),
		cmocka_unit_test(test_unknown_version),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_too_deep),
		cmocka_unit_test(test_same_text_stamps_by_line),
		cmocka_unit_test(test_merge_stamps_follow_lines),
		cmocka_unit_test(test_stamp_text_written_and_optional),
		cmocka_unit_test(test_meta_members),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
