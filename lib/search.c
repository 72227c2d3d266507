/*
 * search.c - the words of a search, the grams of a case's texts, and
 * the snippets that show where the words were found (see search.h).
 */
#include <string.h>

#include "fold.h"
#include "json.h"
#include "search.h"
#include "utf8.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char ellipsis[] = "\xe2\x80\xa6";	/* U+2026 */

/* 1 for the white space that separates words and runs of text. */
static int
is_space(unsigned cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r');
}

/* 1 for a character no text of fq holds: C0 and C1 controls, DEL. */
static int
is_control(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

/*
 * The code points of s, folded (or as they are when !fold), from the
 * arena; a byte that is not UTF-8 reads as U+FFFD.  *n is their number.
 */
static unsigned *
decode(struct arena *a, const char *s, int fold, int *n)
{
	size_t len = strlen(s), i = 0;
	unsigned *cp = arena_alloc(a, sizeof(*cp) * (len + 1));
	int k = 0, l;

	while (i < len) {
		l = utf8_decode(s + i, len - i, &cp[k]);
		if (l < 0) {
			cp[k] = 0xFFFD;
			l = 1;
		}
		if (fold)
			cp[k] = fold_cp(cp[k]);
		i += (size_t)l;
		k++;
	}
	*n = k;
	return cp;
}

/* Appends cp as UTF-8 to buf (at least 4 bytes free); returns the length. */
static int
encode(unsigned cp, char *buf)
{
	if (cp < 0x80) {
		buf[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		buf[0] = (char)(0xC0 | cp >> 6);
		buf[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		buf[0] = (char)(0xE0 | cp >> 12);
		buf[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		buf[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	buf[0] = (char)(0xF0 | cp >> 18);
	buf[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	buf[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	buf[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The first place of needle in hay at or after `from`, or -1. */
static int
find(const unsigned *hay, int nh, const unsigned *needle, int nn, int from)
{
	int i;

	if (nn <= 0)
		return -1;
	for (i = from; i + nn <= nh; i++)
		if (hay[i] == needle[0] &&
		    !memcmp(hay + i, needle, sizeof(*needle) * (size_t)nn))
			return i;
	return -1;
}

/* ---- Words ---- */

/*
 * The digits of a phone fragment (digits, with + - ( ) . between them,
 * and at least four digits), from the arena; NULL for any other word and
 * for digits alone (which need no alternative).
 */
static unsigned *
phone_digits(struct arena *a, const unsigned *cp, int n, int *nd)
{
	unsigned *d = arena_alloc(a, sizeof(*d) * (size_t)n);
	int i, k = 0;

	for (i = 0; i < n; i++) {
		if (cp[i] >= '0' && cp[i] <= '9')
			d[k++] = cp[i];
		else if (cp[i] >= 0x80 || !strchr("+-().", (int)cp[i]))
			return NULL;
	}
	if (k < 4 || k == n)
		return NULL;
	*nd = k;
	return d;
}

/* Adds one word of n folded code points (the text is for messages). */
static int
add_word(struct fq *fq, struct search_terms *t, unsigned *cp, int n)
{
	struct search_word *w;
	char buf[SEARCH_MAX_WORD * 4 + 1];
	int i, len = 0;

	if (n > SEARCH_MAX_WORD) {
		for (i = 0; i < SEARCH_MAX_WORD; i++)
			len += encode(cp[i], buf + len);
		buf[len] = '\0';
		return fq_fail(fq, FQ_EDATA, "the word '%s...' is %d "
			       "characters long; the most is %d", buf, n,
			       SEARCH_MAX_WORD);
	}
	if (t->n == SEARCH_MAX_WORDS)
		return fq_fail(fq, FQ_EDATA, "too many words; the most is %d",
			       SEARCH_MAX_WORDS);
	w = &t->w[t->n++];
	w->cp = cp;
	w->n = n;
	w->alt = phone_digits(fq->mem, cp, n, &w->nalt);
	if (!w->alt)
		w->nalt = 0;
	return 0;
}

/* Splits one text into words and adds them. */
static int
add_text(struct fq *fq, struct search_terms *t, const char *s)
{
	unsigned *cp;
	int n, i, start = -1, rc;

	if (!utf8_valid(s, strlen(s)))
		return fq_fail(fq, FQ_EDATA, "the text to search for is not "
			       "valid UTF-8 (check the terminal's encoding)");
	cp = decode(fq->mem, s, 1, &n);
	for (i = 0; i <= n; i++) {
		if (i < n && !is_space(cp[i])) {
			if (is_control(cp[i]))
				return fq_fail(fq, FQ_EDATA, "the text to "
					       "search for contains a control "
					       "character (0x%02x)", cp[i]);
			if (start < 0)
				start = i;
			continue;
		}
		if (start >= 0 && (rc = add_word(fq, t, cp + start,
						 i - start)))
			return rc;
		start = -1;
	}
	return 0;
}

/* 1 when word a is found wherever one of b's forms is. */
static int
implied(const struct search_word *a, const struct search_word *b)
{
	const unsigned *form[2] = { b->cp, b->alt };
	int nform[2] = { b->n, b->nalt }, i;

	for (i = 0; i < 2; i++) {
		if (!form[i])
			continue;
		if (find(form[i], nform[i], a->cp, a->n, 0) < 0 &&
		    (!a->alt ||
		     find(form[i], nform[i], a->alt, a->nalt, 0) < 0))
			return 0;
	}
	return 1;
}

/* Leaves out each word that another implies (the first of equals stays). */
static void
drop_implied(struct search_terms *t)
{
	int i, j, k = 0, gone;

	for (i = 0; i < t->n; i++) {
		for (gone = 0, j = 0; j < t->n && !gone; j++) {
			if (j == i || !implied(&t->w[i], &t->w[j]))
				continue;
			/* Two words that imply each other: keep the first. */
			gone = !implied(&t->w[j], &t->w[i]) || j < i;
		}
		if (!gone)
			t->w[k++] = t->w[i];
	}
	t->n = k;
}

int
search_terms_parse(struct fq *fq, int n, char *const *texts,
		   struct search_terms *t)
{
	int i, rc;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < n; i++)
		if ((rc = add_text(fq, t, texts[i])))
			return rc;
	if (t->n == 0)
		return fq_fail(fq, FQ_EUSAGE, "nothing to search for (give "
			       "one or more words)");
	drop_implied(t);
	return 0;
}

/* ---- Grams ---- */

void
search_token(unsigned cp, char *out)
{
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	int i;

	for (i = SEARCH_TOKEN_CP - 1; i >= 0; i--) {
		out[i] = digits[cp % 36];
		cp /= 36;
	}
}

/* Appends the token of the k code points at cp (1 or 2) to a column. */
static void
put_token(struct arena *a, struct search_buf *b, const unsigned *cp, int k)
{
	int i;

	b->s = arena_grow(a, b->s, 1, &b->cap,
			  b->len + 1 + k * SEARCH_TOKEN_CP + 1);
	if (b->len > 0)
		b->s[b->len++] = ' ';
	for (i = 0; i < k; i++, b->len += SEARCH_TOKEN_CP)
		search_token(cp[i], b->s + b->len);
	b->s[b->len] = '\0';
}

/* Appends the grams of the runs of n folded code points to a column. */
static void
put_grams(struct arena *a, struct search_buf *b, const unsigned *cp, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (is_space(cp[i]))
			continue;
		if (i + 1 < n && !is_space(cp[i + 1]))
			put_token(a, b, cp + i, 2);
		else
			put_token(a, b, cp + i, 1);	/* a run's last */
	}
}

void
search_doc_reset(struct search_doc *d, struct arena *a)
{
	memset(d, 0, sizeof(*d));
	d->a = a;
}

void
search_doc_text(struct search_doc *d, enum search_col c, const char *text,
		int phone)
{
	struct search_buf *b = &d->col[c];
	unsigned *cp, *digits;
	int n, i, k = 0;

	if (!text)
		return;
	cp = decode(d->a, text, 1, &n);
	put_grams(d->a, b, cp, n);
	if (!phone)
		return;
	/* A phone is also found by its digits alone: 139-1234-5678. */
	digits = arena_alloc(d->a, sizeof(*digits) * (size_t)(n + 1));
	for (i = 0; i < n; i++)
		if (cp[i] >= '0' && cp[i] <= '9')
			digits[k++] = cp[i];
	if (k > 0 && k < n)
		put_grams(d->a, b, digits, k);
}

/* The column a field of the case goes to, or -1 when it is not text. */
static int
field_col(const char *field)
{
	static const char *const head[] = { "summary", "guest_name", "room",
					     "phone" };
	size_t i;

	if (!strcmp(field, "details"))
		return SEARCH_BODY;
	for (i = 0; i < NELEM(head); i++)
		if (!strcmp(field, head[i]))
			return SEARCH_HEAD;
	return -1;
}

/* Adds an amendment's old and new values; returns how many. */
static int
doc_changes(struct search_doc *d, const struct val *changes)
{
	const struct val *ch, *v;
	int i, col, n = 0;
	const char *which[2] = { "old", "new" }, *f;
	size_t k;

	if (changes->kind != V_OBJ)
		return 0;
	for (i = 0; i < changes->n; i++) {
		f = changes->keys[i];
		ch = changes->items[i];
		if ((col = field_col(f)) < 0 || ch->kind != V_OBJ)
			continue;
		for (k = 0; k < NELEM(which); k++)
			if ((v = v_get(ch, which[k])) && v->kind == V_STR) {
				search_doc_text(d, col, v->s,
						!strcmp(f, "phone"));
				n++;
			}
	}
	return n;
}

int
search_doc_event(struct search_doc *d, long long id, const char *kind,
		 const char *data)
{
	struct val *o;
	char err[64];

	if (!strcmp(data, "{}"))
		return 0;	/* most steps: nothing to parse */
	if (json_parse(d->a, data, strlen(data), &o, err, sizeof(err)))
		return -1;
	return search_doc_data(d, id, kind, o);
}

int
search_doc_data(struct search_doc *d, long long id, const char *kind,
		const struct val *o)
{
	const struct val *v;
	int i, col, had = 0, logged = !strcmp(kind, "logged");
	const char *k;

	if (!o || o->kind != V_OBJ)
		return -1;
	for (i = 0; i < o->n; i++) {
		k = o->keys[i];
		v = o->items[i];
		if (!strcmp(k, "changes") && !strcmp(kind, "amended")) {
			had += doc_changes(d, v);
			continue;
		}
		if (v->kind != V_STR)
			continue;
		if (!strcmp(k, "text") || !strcmp(k, "reason"))
			col = SEARCH_BODY;
		else if (!logged || (col = field_col(k)) < 0)
			continue;
		search_doc_text(d, col, v->s, logged && !strcmp(k, "phone"));
		had++;
	}
	if (had)
		d->last = id;
	return had > 0;
}

void
search_doc_mark(struct search_doc *d)
{
	int c;

	for (c = 0; c < SEARCH_NCOL; c++)
		d->mark[c] = d->col[c].len;
}

uint64_t
search_doc_digest(const struct search_doc *d, int upto_mark)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a, 64 bits */
	int c, i, n;

	for (c = 0; c < SEARCH_NCOL; c++) {
		n = upto_mark ? d->mark[c] : d->col[c].len;
		for (i = 0; i < n; i++) {
			h ^= (unsigned char)d->col[c].s[i];
			h *= 0x100000001b3ULL;
		}
		h ^= 0x1f;	/* between the columns */
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* ---- Snippets ---- */

int
search_event_sources(struct arena *a, long long seq, const char *kind,
		     const char *data,
		     int (*fn)(const struct search_source *, void *),
		     void *arg)
{
	struct search_source s = { .kind = kind, .seq = seq };
	const struct val *o, *ch, *old;
	struct val *parsed;
	char err[64];
	int i, j, rc;

	if (json_parse(a, data, strlen(data), &parsed, err, sizeof(err)) ||
	    parsed->kind != V_OBJ)
		return -1;
	o = parsed;
	for (i = 0; i < o->n; i++) {
		if (o->items[i]->kind == V_STR &&
		    (!strcmp(o->keys[i], "text") ||
		     !strcmp(o->keys[i], "reason"))) {
			s.field = o->keys[i];
			s.text = o->items[i]->s;
			s.phone = 0;
			if ((rc = fn(&s, arg)))
				return rc;
		}
		if (strcmp(o->keys[i], "changes") || strcmp(kind, "amended") ||
		    (ch = o->items[i])->kind != V_OBJ)
			continue;
		for (j = 0; j < ch->n; j++) {
			if (field_col(ch->keys[j]) < 0 ||
			    !(old = v_get(ch->items[j], "old")) ||
			    old->kind != V_STR)
				continue;
			s.field = arena_printf(a, "changes.%s.old",
					       ch->keys[j]);
			s.text = old->s;
			s.phone = !strcmp(ch->keys[j], "phone");
			if ((rc = fn(&s, arg)))
				return rc;
		}
	}
	return 0;
}

/* The marks found so far in one source. */
struct marks {
	int (*m)[2];
	int n, cap;
};

/* Records [from, to) as a mark. */
static void
mark(struct arena *a, struct marks *mk, int from, int to)
{
	mk->m = arena_grow(a, mk->m, sizeof(*mk->m), &mk->cap, mk->n + 1);
	mk->m[mk->n][0] = from;
	mk->m[mk->n][1] = to;
	mk->n++;
}

/*
 * Marks every place of needle in hay; `map`, when not NULL, turns a
 * place in hay into one in the original text.  Returns 1 when found.
 */
static int
mark_all(struct arena *a, struct marks *mk, const unsigned *hay, int nh,
	 const int *map, const unsigned *needle, int nn)
{
	int at = 0, found = 0;

	while (needle && (at = find(hay, nh, needle, nn, at)) >= 0) {
		if (map)
			mark(a, mk, map[at], map[at + nn - 1] + 1);
		else
			mark(a, mk, at, at + nn);
		found = 1;
		at++;
	}
	return found;
}

/* Sorts the marks and joins those that overlap or touch. */
static void
merge(struct marks *mk)
{
	int i, j, t0, t1, k = 0;

	for (i = 1; i < mk->n; i++)	/* insertion sort: a handful */
		for (j = i; j > 0 && mk->m[j][0] < mk->m[j - 1][0]; j--) {
			t0 = mk->m[j][0], t1 = mk->m[j][1];
			mk->m[j][0] = mk->m[j - 1][0];
			mk->m[j][1] = mk->m[j - 1][1];
			mk->m[j - 1][0] = t0, mk->m[j - 1][1] = t1;
		}
	for (i = 0; i < mk->n; i++) {
		if (k > 0 && mk->m[i][0] <= mk->m[k - 1][1]) {
			if (mk->m[i][1] > mk->m[k - 1][1])
				mk->m[k - 1][1] = mk->m[i][1];
			continue;
		}
		mk->m[k][0] = mk->m[i][0];
		mk->m[k][1] = mk->m[i][1];
		k++;
	}
	mk->n = k;
}

/* A phone's digits alone, with where each stands in the text. */
static int
digits_of(struct arena *a, const unsigned *cp, int n, unsigned **d,
	  int **map)
{
	int i, k = 0;

	*d = arena_alloc(a, sizeof(**d) * (size_t)(n + 1));
	*map = arena_alloc(a, sizeof(**map) * (size_t)(n + 1));
	for (i = 0; i < n; i++)
		if (cp[i] >= '0' && cp[i] <= '9') {
			(*d)[k] = cp[i];
			(*map)[k++] = i;
		}
	return k;
}

/* Finds every word in the folded text; sets h->words. */
static void
find_words(struct arena *a, const struct search_terms *t,
	   const struct search_source *src, const unsigned *f, int n,
	   struct marks *mk, struct search_hit *h)
{
	unsigned *d = NULL;
	int *map = NULL, nd = 0, i, found;

	if (src->phone)
		nd = digits_of(a, f, n, &d, &map);
	for (i = 0; i < t->n; i++) {
		const struct search_word *w = &t->w[i];

		found = mark_all(a, mk, f, n, NULL, w->cp, w->n);
		found |= mark_all(a, mk, f, n, NULL, w->alt, w->nalt);
		if (nd) {
			found |= mark_all(a, mk, d, nd, map, w->cp, w->n);
			found |= mark_all(a, mk, d, nd, map, w->alt, w->nalt);
		}
		if (found) {
			h->words |= 1u << i;
			h->nwords++;
		}
	}
}

/* Writes code points [from, to) as one line of UTF-8 into buf. */
static int
put_line(char *buf, const unsigned *cp, int from, int to)
{
	int i, len = 0;

	for (i = from; i < to; i++)
		len += encode(is_control(cp[i]) ? ' ' : cp[i], buf + len);
	return len;
}

/* Cuts the text to a window around the first mark; fills h. */
static void
snippet(struct arena *a, const unsigned *cp, int n, struct marks *mk,
	struct search_hit *h)
{
	int from = 0, to = n, lead, len = 0, i, k = 0, a0, a1;
	char *buf;

	if (n > SEARCH_SNIPPET) {
		from = mk->m[0][0] > SEARCH_SNIPPET / 4 ?
		       mk->m[0][0] - SEARCH_SNIPPET / 4 : 0;
		to = from + SEARCH_SNIPPET < n ? from + SEARCH_SNIPPET : n;
		from = to - SEARCH_SNIPPET;
	}
	lead = from > 0;
	buf = arena_alloc(a, (size_t)(to - from) * 4 + 2 * sizeof(ellipsis));
	if (lead)
		len += (int)strlen(strcpy(buf, ellipsis));
	len += put_line(buf + len, cp, from, to);
	if (to < n)
		len += (int)strlen(strcpy(buf + len, ellipsis));
	buf[len] = '\0';
	h->text = buf;
	h->marks = arena_alloc(a, sizeof(*h->marks) * (size_t)mk->n);
	for (i = 0; i < mk->n; i++) {
		a0 = mk->m[i][0] > from ? mk->m[i][0] : from;
		a1 = mk->m[i][1] < to ? mk->m[i][1] : to;
		if (a0 >= a1)
			continue;
		h->marks[k][0] = a0 - from + lead;
		h->marks[k][1] = a1 - from + lead;
		k++;
	}
	h->nmarks = k;
}

int
search_hit(struct arena *a, const struct search_terms *t,
	   const struct search_source *src, struct search_hit *h)
{
	struct marks mk = { 0 };
	unsigned *cp, *f;
	int n, i;

	memset(h, 0, sizeof(*h));
	h->src = src;
	if (!src->text || !*src->text)
		return 0;
	cp = decode(a, src->text, 0, &n);
	f = arena_alloc(a, sizeof(*f) * (size_t)(n + 1));
	for (i = 0; i < n; i++)
		f[i] = fold_cp(cp[i]);
	find_words(a, t, src, f, n, &mk, h);
	if (mk.n == 0)
		return 0;
	merge(&mk);
	snippet(a, cp, n, &mk, h);
	return 1;
}

void
search_hit_trim(struct arena *a, struct search_hit *h, int lead)
{
	unsigned *cp;
	int n, cut, len, i;

	if (h->nmarks == 0 || h->marks[0][0] <= lead + 1)
		return;
	cp = decode(a, h->text, 0, &n);
	cut = h->marks[0][0] - lead;
	h->text = arena_alloc(a, (size_t)(n - cut) * 4 + sizeof(ellipsis));
	len = (int)strlen(strcpy(h->text, ellipsis));
	for (i = cut; i < n; i++)
		len += encode(cp[i], h->text + len);
	h->text[len] = '\0';
	for (i = 0; i < h->nmarks; i++) {
		h->marks[i][0] -= cut - 1;
		h->marks[i][1] -= cut - 1;
	}
}

char *
search_hit_marked(struct arena *a, const struct search_hit *h,
		  const char *on, const char *off)
{
	size_t n = strlen(h->text), lon = strlen(on), loff = strlen(off);
	char *out = arena_alloc(a, n + (size_t)h->nmarks * (lon + loff) + 1);
	const char *s = h->text;
	int at = 0, k = 0, len;
	size_t o = 0;
	unsigned cp;

	while (*s) {
		if (k < h->nmarks && at == h->marks[k][0]) {
			memcpy(out + o, on, lon);
			o += lon;
		}
		len = utf8_decode(s, strlen(s), &cp);
		len = len < 0 ? 1 : len;
		memcpy(out + o, s, (size_t)len);
		o += (size_t)len;
		s += len;
		at++;
		if (k < h->nmarks && at == h->marks[k][1]) {
			memcpy(out + o, off, loff);
			o += loff;
			k++;
		}
	}
	out[o] = '\0';
	return out;
}
