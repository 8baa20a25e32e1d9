/* fuzz export: any bytes read as minutes, then written as text (any width,
 * logical or visual, shaped or not), Markdown and HTML.  Never a raw
 * terminal control in the output (ESC, C0 but newline, DEL, C1, bidi
 * embeddings and overrides); always valid UTF-8; text rows no wider than
 * the width; the first byte picks the options. */
#include "fuzz.h"

#include "mahdar/export.h"
#include "mahdar/txt.h"
#include "mahdar/ustr.h"

static void fuzz_export_check(const char *out, size_t n, int width)
{
	FUZZ_CHECK(ustr_valid_prefix(out, n) == n);
	size_t row = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = ustr_decode(out + i, n - i, &cp);
		FUZZ_CHECK(cp == '\n' || cp == '\t' ? cp == '\n' : !ustr_is_unsafe(cp));
		if (cp == '\n' || i + k == n) {
			size_t e = cp == '\n' ? i : i + k;
			if (width > 0)
				FUZZ_CHECK(ustr_width(out + row, e - row) <= width);
			row = i + k;
		}
		i += k;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0 || memchr(data, 0, size) != NULL)
		return 0;
	struct doc *d = txt_read((const char *)data + 1, size - 1);
	struct export_opts o = {
		.format = data[0] % 3, .width = 20 + data[0] % 61, .visual = (data[0] >> 6) & 1,
		.shape = data[0] >> 7,
	};
	if (o.format != EXPORT_TEXT)
		o.visual = o.shape = 0;
	size_t n;
	char *out = export_doc(d, &o, &n);
	fuzz_export_check(out, n, o.format == EXPORT_TEXT ? o.width : 0);
	free(out);
	doc_free(d);
	return 0;
}
