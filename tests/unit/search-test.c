/*
 * search-test.c - unit tests of lib/fold.c and lib/search.c (folding,
 * words, gram tokens, documents, snippets), as a TAP program.
 *
 * Links the pure modules alone (no SQLite): what is tested here is what
 * the index and the snippets are made of, whatever stores them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "json.h"
#include "search.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int failed;
static int num;

/* One TAP line: ok or not ok, with what was got and wanted. */
static void
check(int ok, const char *what, const char *got, const char *want)
{
	num++;
	if (ok) {
		printf("ok %d - %s\n", num, what);
		return;
	}
	failed++;
	printf("not ok %d - %s # got '%s', want '%s'\n", num, what,
	       got ? got : "(null)", want ? want : "(null)");
}

static void
check_str(const char *got, const char *want, const char *what)
{
	check(got && want ? !strcmp(got, want) : got == want, what, got, want);
}

static void
check_int(long long got, long long want, const char *what)
{
	char g[32], w[32];

	snprintf(g, sizeof(g), "%lld", got);
	snprintf(w, sizeof(w), "%lld", want);
	check(got == want, what, g, w);
}

/* A fresh context for the library calls that may fail. */
static struct fq *
context(void)
{
	static struct fq fq;

	arena_free(fq.mem);
	memset(&fq, 0, sizeof(fq));
	fq.mem = arena_new();
	return &fq;
}

struct fold_case {
	const char *what, *s, *want;
};

static const struct fold_case folds[] = {
	{ "full-width letters", "ＷＩＦＩ", "wifi" },
	{ "full-width digits and punctuation", "１２０８－Ａ！", "1208-a!" },
	{ "ASCII upper case", "Mr. SMITH", "mr. smith" },
	{ "ideographic space", "空调　不冷", "空调 不冷" },
	{ "Chinese stays", "昨晚在棋牌室", "昨晚在棋牌室" },
	{ "full-width tilde, the last form", "～", "~" },
	{ "beyond the forms stays", "｟￥", "｟￥" },
	{ "a byte that is not UTF-8 stays", "a\xff" "B", "a\xff" "b" },
};

/* text_fold() and fold_cp(). */
static void
test_fold(void)
{
	struct arena *a = arena_new();
	char what[96];
	size_t i;

	for (i = 0; i < NELEM(folds); i++) {
		snprintf(what, sizeof(what), "text_fold: %s", folds[i].what);
		check_str(text_fold(a, folds[i].s), folds[i].want, what);
	}
	check_str(text_fold(a, NULL), NULL, "text_fold: NULL gives NULL");
	check_int(fold_cp(0xFF21), 'a', "fold_cp: Ａ is a");
	check_int(fold_cp(0x4E2D), 0x4E2D, "fold_cp: 中 is itself");
	arena_free(a);
}

/* The words of one search, as "word|word" (alternatives as word/alt). */
static const char *
words(struct fq *fq, int n, char **texts, int *rc)
{
	struct search_terms t;
	char buf[1024] = "";
	int i, j;
	size_t len = 0;

	if ((*rc = search_terms_parse(fq, n, texts, &t)))
		return fq->err;
	for (i = 0; i < t.n; i++) {
		char one[8];
		unsigned cp;

		if (i > 0)
			buf[len++] = '|';
		for (j = 0; j < t.w[i].n + (t.w[i].alt ? 1 + t.w[i].nalt : 0);
		     j++) {
			if (j == t.w[i].n) {
				buf[len++] = '/';
				continue;
			}
			cp = j < t.w[i].n ? t.w[i].cp[j] :
			     t.w[i].alt[j - t.w[i].n - 1];
			if (cp < 0x80) {
				one[0] = (char)cp, one[1] = 0;
			} else if (cp < 0x800) {
				one[0] = (char)(0xC0 | cp >> 6);
				one[1] = (char)(0x80 | (cp & 0x3F)), one[2] = 0;
			} else {
				one[0] = (char)(0xE0 | cp >> 12);
				one[1] = (char)(0x80 | (cp >> 6 & 0x3F));
				one[2] = (char)(0x80 | (cp & 0x3F)), one[3] = 0;
			}
			memcpy(buf + len, one, strlen(one));
			len += strlen(one);
		}
	}
	buf[len] = '\0';
	return arena_strdup(fq->mem, buf);
}

struct words_case {
	const char *what;
	char *texts[3];
	int n, rc;
	const char *want;	/* the words, or the start of the message */
};

static struct words_case wordcases[] = {
	{ "one Chinese word", { "空调" }, 1, 0, "空调" },
	{ "split at spaces, folded", { "ＷｉＦｉ  空调\t冷" }, 1, 0,
	  "wifi|空调|冷" },
	{ "the ideographic space splits too", { "空调　遥控器" }, 1, 0,
	  "空调|遥控器" },
	{ "words of several texts", { "手机", "棋牌室" }, 2, 0,
	  "手机|棋牌室" },
	{ "a word inside another is left out", { "空 空调 调" }, 1, 0,
	  "空调" },
	{ "the same word twice counts once", { "胶水 胶水" }, 1, 0, "胶水" },
	{ "a phone fragment has its digits", { "1234-5678" }, 1, 0,
	  "1234-5678/12345678" },
	{ "digits alone need no alternative", { "5678" }, 1, 0, "5678" },
	{ "three digits with a dash are not a phone", { "1-23" }, 1, 0,
	  "1-23" },
	{ "a digit fragment inside a phone is implied",
	  { "5678 139-1234-5678" }, 1, 0, "139-1234-5678/13912345678" },
	{ "nothing but spaces is no word", { "  　 " }, 1, FQ_EUSAGE,
	  "nothing to search for" },
	{ "no text at all is no word", { NULL }, 0, FQ_EUSAGE,
	  "nothing to search for" },
	{ "not UTF-8", { "\xe7\xa9" }, 1, FQ_EDATA, "the text to search for "
	  "is not valid UTF-8" },
	{ "a control character", { "a\x01" "b" }, 1, FQ_EDATA,
	  "the text to search for contains a control character (0x01)" },
	{ "a word too long", { "0123456789012345678901234567890123456789"
			       "01234567890123456789012345" }, 1, FQ_EDATA,
	  "the word '" },
	{ "too many words", { "a b c d e f g h i j k l m n o p q" }, 1,
	  FQ_EDATA, "too many words; the most is 16" },
};

/* search_terms_parse(). */
static void
test_words(void)
{
	char what[128];
	const char *got;
	size_t i;
	int rc;

	for (i = 0; i < NELEM(wordcases); i++) {
		struct words_case *c = &wordcases[i];

		got = words(context(), c->n, c->texts, &rc);
		snprintf(what, sizeof(what), "words: %s (exit code)", c->what);
		check_int(rc, c->rc, what);
		snprintf(what, sizeof(what), "words: %s", c->what);
		if (rc)
			check(got && !strncmp(got, c->want, strlen(c->want)),
			      what, got, c->want);
		else
			check_str(got, c->want, what);
	}
}

/* The tokens of one text in a column, as the index would get them. */
static const char *
grams(struct arena *a, const char *text, int phone)
{
	struct search_doc d;

	search_doc_reset(&d, a);
	search_doc_text(&d, SEARCH_HEAD, text, phone);
	return d.col[SEARCH_HEAD].s ? d.col[SEARCH_HEAD].s : "";
}

/* search_token() and the grams of texts. */
static void
test_grams(void)
{
	struct arena *a = arena_new();
	char tok[SEARCH_TOKEN_CP + 1] = "";

	search_token('a', tok);
	check_str(tok, "002p", "token: a is 002p (base 36)");
	search_token(0x7A7A, tok);
	check_str(tok, "0o6y", "token: 空 (U+7A7A) is 0o6y");
	search_token(0x10FFFF, tok);
	check_str(tok, "nvnj", "token: U+10FFFF still fits in four");
	check_str(grams(a, "ab", 0), "002p002q 002q",
		  "grams: a pair, then the run's last alone");
	check_str(grams(a, "a", 0), "002p", "grams: one character alone");
	check_str(grams(a, "AB c", 0), "002p002q 002q 002r",
		  "grams: folded; a space ends a run");
	check_str(grams(a, "ＡＢ", 0), grams(a, "ab", 0),
		  "grams: full-width as ASCII");
	check_str(grams(a, "1-2", 1), "001d0019 0019001e 001e 001d001e 001e",
		  "grams: a phone, then its digits alone");
	check_str(grams(a, "12", 1), "001d001e 001e",
		  "grams: a phone of digits alone once");
	check_str(grams(a, "", 0), "", "grams: nothing for empty text");
	arena_free(a);
}

/* A document of events (JSON data), marked after event `mark_after`. */
static void
build(struct search_doc *d, struct arena *a, long long mark_after, int n)
{
	static const struct {
		const char *kind, *data;
	} events[] = {
		{ "logged", "{\"summary\":\"空调不冷\",\"details\":\"昨晚\","
		  "\"guest_name\":\"周先生\",\"room\":\"1208\",\"phone\":"
		  "\"139-1234-5678\",\"via\":\"phone\",\"keyword\":\"空调\"}" },
		{ "accepted", "{\"department\":\"engineering\","
		  "\"handler\":\"sun.gang\"}" },
		{ "followed", "{\"text\":\"已派人\"}" },
		{ "amended", "{\"text\":\"房号错了\",\"changes\":{\"room\":"
		  "{\"old\":\"1208\",\"new\":\"1209\"},\"via\":{\"old\":"
		  "\"phone\",\"new\":\"desk\"}}}" },
		{ "declined", "{\"reason\":\"非本店\"}" },
	};
	int i;

	search_doc_reset(d, a);
	for (i = 0; i < n && i < (int)NELEM(events); i++) {
		search_doc_event(d, i + 1, events[i].kind, events[i].data);
		if (i + 1 <= mark_after)
			search_doc_mark(d);
	}
}

/* search_doc_event(), marks and digests. */
static void
test_docs(void)
{
	struct arena *a = arena_new();
	struct search_doc d, e;
	char tok[SEARCH_TOKEN_CP + 1] = "";

	search_doc_reset(&d, a);
	check_int(search_doc_event(&d, 7, "closed", "{}"), 0,
		  "doc: an event without text adds nothing");
	check_int(d.last, 0, "doc: ... and is not the last with text");
	check_int(search_doc_event(&d, 8, "followed", "[1]"), -1,
		  "doc: data that is not an object");
	check_int(search_doc_event(&d, 9, "followed", "{\"text\":\"好\"}"), 1,
		  "doc: a note adds text");
	check_int(d.last, 9, "doc: ... and is the last with text");
	build(&d, a, 0, 5);
	check_int(d.last, 5, "doc: the refusal is the last with text");
	search_token(0x7A7A, tok);	/* 空 */
	check(strstr(d.col[SEARCH_HEAD].s, tok) != NULL,
	      "doc: the summary is in the head", d.col[SEARCH_HEAD].s, tok);
	search_token(0x975E, tok);	/* 非 */
	check(strstr(d.col[SEARCH_BODY].s, tok) != NULL &&
	      !strstr(d.col[SEARCH_HEAD].s, tok),
	      "doc: the reason is in the body", d.col[SEARCH_BODY].s, tok);
	check(strstr(d.col[SEARCH_HEAD].s, "001c001l") != NULL,
	      "doc: the amended room's new value (09 of 1209) is held", "",
	      "");
	check(!strstr(d.col[SEARCH_HEAD].s, "0034002w") &&
	      !strstr(d.col[SEARCH_HEAD].s, "002s002t") &&
	      !strstr(d.col[SEARCH_BODY].s, "0034002w"),
	      "doc: via (phone, desk) is not text", "", "");
	build(&d, a, 3, 5);
	build(&e, a, 0, 3);
	check(search_doc_digest(&d, 1) == search_doc_digest(&e, 0),
	      "doc: the mark is the document as it was then", "", "");
	check(search_doc_digest(&d, 0) != search_doc_digest(&e, 0),
	      "doc: later texts change the digest", "", "");
	check_int(d.mark[SEARCH_HEAD], e.col[SEARCH_HEAD].len,
		  "doc: the mark is a prefix of the column");
	arena_free(a);
}

/*
 * search_doc_data(), as fq import calls it with the data it has parsed:
 * the same document as search_doc_event() makes of the stored text.
 */
static void
test_doc_data(void)
{
	struct arena *a = arena_new();
	struct search_doc d, e;
	struct val *v;
	char err[64];
	const char *data = "{\"text\":\"房号错了\",\"changes\":{\"room\":"
			   "{\"old\":\"1208\",\"new\":\"1209\"}}}";

	search_doc_reset(&d, a);
	search_doc_reset(&e, a);
	json_parse(a, data, strlen(data), &v, err, sizeof(err));
	check_int(search_doc_data(&d, 4, "amended", v), 1,
		  "doc data: an amendment adds text");
	search_doc_event(&e, 4, "amended", data);
	check(search_doc_digest(&d, 0) == search_doc_digest(&e, 0) &&
	      d.last == e.last, "doc data: the same document as from the "
	      "stored text", d.col[SEARCH_BODY].s, e.col[SEARCH_BODY].s);
	check_int(search_doc_data(&d, 5, "followed", NULL), -1,
		  "doc data: no object");
	check_int(d.last, 4, "doc data: ... adds nothing");
	arena_free(a);
}

/* One hit of words in a text: the snippet marked with [ and ]. */
static const char *
hit(struct fq *fq, const char *query, const char *text, int phone)
{
	char *q = (char *)query;
	struct search_terms t;
	struct search_source s = { "summary", NULL, 0, text, phone };
	struct search_hit h;

	if (search_terms_parse(fq, 1, &q, &t))
		return fq->err;
	if (!search_hit(fq->mem, &t, &s, &h))
		return "(none)";
	return search_hit_marked(fq->mem, &h, "[", "]");
}

struct hit_case {
	const char *what, *query, *text;
	int phone;
	const char *want;
};

static const struct hit_case hits[] = {
	{ "a word marked", "空调", "昨晚房间空调不制冷", 0,
	  "昨晚房间[空调]不制冷" },
	{ "every place of it", "水", "胶水和水", 0, "胶[水]和[水]" },
	{ "neighbouring words join", "空调 不制冷", "空调不制冷", 0,
	  "[空调不制冷]" },
	{ "folded, the original shown", "wifi", "ＷＩＦＩ连不上", 0,
	  "[ＷＩＦＩ]连不上" },
	{ "no word, no hit", "手机", "客人要一瓶胶水", 0, "(none)" },
	{ "a phone found by its digits", "12345678", "139-1234-5678", 1,
	  "139-[1234-5678]" },
	{ "a phone fragment as typed", "1234-5678", "139-1234-5678", 1,
	  "139-[1234-5678]" },
	{ "digits in other text only as written", "12345678",
	  "回电139-1234-5678", 0, "(none)" },
	{ "a line: tabs and newlines as spaces", "灯", "一\n二\t灯", 0,
	  "一 二 [灯]" },
	{ "a long text cut around the first match", "胶水",
	  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
	  "胶水一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十",
	  0, "…五六七八九十一二三四五六七八九十[胶水]一二三四五六七八九十"
	     "一二三四五六七八九十一二三四五六七八九十" },
};

/* search_hit(), search_hit_marked() and search_hit_trim(). */
static void
test_hits(void)
{
	struct fq *fq;
	char what[128];
	struct search_terms t;
	struct search_source s = { "text", "followed", 3,
				   "客房部说没有，请财务部明天补一瓶胶水", 0 };
	struct search_hit h;
	char *q = "胶水 财务";
	size_t i;

	for (i = 0; i < NELEM(hits); i++) {
		snprintf(what, sizeof(what), "hit: %s", hits[i].what);
		check_str(hit(context(), hits[i].query, hits[i].text,
			      hits[i].phone), hits[i].want, what);
	}
	fq = context();
	search_terms_parse(fq, 1, &q, &t);
	check_int(search_hit(fq->mem, &t, &s, &h), 1, "hit: found");
	check_int(h.nwords, 2, "hit: both words in it");
	check_int(h.marks[0][0], 8, "hit: code point offsets, from");
	check_int(h.marks[0][1], 10, "hit: code point offsets, to");
	search_hit_trim(fq->mem, &h, 4);
	check_str(search_hit_marked(fq->mem, &h, "[", "]"),
		  "…没有，请[财务]部明天补一瓶[胶水]",
		  "trim: four characters before the first");
	check_int(h.marks[1][0], 13, "trim: the marks move with the text");
	search_hit_trim(fq->mem, &h, 0);
	check_str(search_hit_marked(fq->mem, &h, "[", "]"),
		  "…[财务]部明天补一瓶[胶水]", "trim: none before the first");
	search_hit_trim(fq->mem, &h, 0);
	check_str(search_hit_marked(fq->mem, &h, "[", "]"),
		  "…[财务]部明天补一瓶[胶水]", "trim: a second time, the same");
}

/* search_event_sources(): the texts of an event that snippets show. */
static int
collect(const struct search_source *s, void *arg)
{
	char *buf = arg;

	sprintf(buf + strlen(buf), "%s%s=%s%s", *buf ? ";" : "", s->field,
		s->text, s->phone ? "(phone)" : "");
	return 0;
}

static void
test_sources(void)
{
	struct arena *a = arena_new();
	char buf[512] = "";

	check_int(search_event_sources(a, 4, "amended", "{\"text\":\"改号\","
		  "\"changes\":{\"phone\":{\"old\":\"139\",\"new\":\"138\"},"
		  "\"via\":{\"old\":\"desk\",\"new\":\"phone\"}}}", collect,
		  buf), 0, "sources: an amendment");
	check_str(buf, "text=改号;changes.phone.old=139(phone)",
		  "sources: its note and the value replaced, not via");
	buf[0] = '\0';
	search_event_sources(a, 1, "logged", "{\"summary\":\"空调\"}", collect,
			     buf);
	check_str(buf, "", "sources: intake is the case row's");
	buf[0] = '\0';
	search_event_sources(a, 5, "declined", "{\"reason\":\"非本店\"}",
			     collect, buf);
	check_str(buf, "reason=非本店", "sources: a refusal's reason");
	check_int(search_event_sources(a, 5, "x", "nope", collect, buf), -1,
		  "sources: data that is not JSON");
	arena_free(a);
}

int
main(void)
{
	test_fold();
	test_words();
	test_grams();
	test_docs();
	test_doc_data();
	test_hits();
	test_sources();
	printf("1..%d\n", num);
	arena_free(context()->mem);
	return failed ? 1 : 0;
}
