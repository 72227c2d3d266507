/*
 * search.h - what fq search finds, and how a hit is shown; no SQL (the
 * index is the store's: store.h, the search index).
 *
 * Words.  The texts searched for are split at white space into words,
 * each folded (fold.h).  A case matches when every word stands, as the
 * characters typed, in one of its texts: summary, details, guest name,
 * room, phone, and the text or reason of any of its events (follow-up
 * notes, replies, callbacks, refusals, amendments, with the values an
 * amendment replaced).  Chinese has no spaces, so no other word
 * boundary counts: 空调 is found in 房间空调不制冷.  A phone fragment
 * (digits with + - ( ) . between them, at least four digits) is also
 * found by its digits alone, and a phone number by any run of its digits.
 *
 * Grams.  The index keeps, for each case, every pair of neighbouring
 * characters (a bigram) of each run of its texts between white space,
 * and the last character of each run alone.  A word of two or more
 * characters is then found exactly as the phrase of its bigrams (空调不
 * = 空调 调不), and a word of one character as any gram that begins with
 * it.  A gram is written as a token of letters and digits, four base-36
 * digits a code point, so that the index can use SQLite's own `ascii'
 * tokenizer and the query never carries the user's text.
 */
#ifndef FQ_SEARCH_H
#define FQ_SEARCH_H

#include <stdint.h>
#include "fq.h"

struct val;

enum {
	SEARCH_MAX_WORDS = 16,	/* words in one search */
	SEARCH_MAX_WORD = 64,	/* characters in one word */
	SEARCH_TOKEN_CP = 4,	/* token letters a code point */
	SEARCH_SNIPPET = 48,	/* characters of a snippet, marks' text kept */
};

/* One word to find: its folded code points, and a phone alternative. */
struct search_word {
	const unsigned *cp;
	int n;
	const unsigned *alt;	/* the digits alone of a phone fragment */
	int nalt;		/* 0: no alternative */
};

struct search_terms {
	struct search_word w[SEARCH_MAX_WORDS];
	int n;
};

/*
 * Reads the words of the n texts into t, folded, leaving out a word that
 * another already implies (空 beside 空调).  FQ_EUSAGE when there is no
 * word at all; FQ_EDATA for text that is not UTF-8, holds a control
 * character, or has too many or too long words.  From fq->mem.
 */
int search_terms_parse(struct fq *fq, int n, char *const *texts,
		       struct search_terms *t);

/* Writes the token of code point cp (SEARCH_TOKEN_CP bytes, no NUL). */
void search_token(unsigned cp, char *out);

/* The columns of the index: the longer texts, and the case's own lines. */
enum search_col {
	SEARCH_BODY,		/* details, notes, replies, reasons */
	SEARCH_HEAD,		/* summary, guest name, room, phone */
	SEARCH_NCOL,
};

/* A growing string from an arena. */
struct search_buf {
	char *s;
	int len, cap;
};

/*
 * A case's texts as the index holds them: each column a string of gram
 * tokens separated by spaces.  Texts only ever add to it, in event
 * order, so the document as it was after an earlier event is a prefix
 * of each column (search_doc_mark() records where).
 */
struct search_doc {
	struct arena *a;
	struct search_buf col[SEARCH_NCOL];
	int mark[SEARCH_NCOL];	/* the lengths at search_doc_mark() */
	long long last;		/* the last event that added text, or 0 */
};

/* Empties d, to build a document from memory of arena a. */
void search_doc_reset(struct search_doc *d, struct arena *a);
/* Adds the grams of one text to a column (a phone: its digits too). */
void search_doc_text(struct search_doc *d, enum search_col c,
		     const char *text, int phone);
/*
 * Adds the texts event `id` carries (its kind and stored data, a JSON
 * object).  Returns 1 when it had any, 0 when none, -1 when its data is
 * not a JSON object.
 */
int search_doc_event(struct search_doc *d, long long id, const char *kind,
		     const char *data);
/* The same with the data already parsed (NULL: not an object, -1). */
int search_doc_data(struct search_doc *d, long long id, const char *kind,
		    const struct val *data);
/* Remembers the present lengths: the document as it is now. */
void search_doc_mark(struct search_doc *d);
/*
 * A 64-bit digest of the document (FNV-1a over its columns), whole or
 * only up to the mark.
 */
uint64_t search_doc_digest(const struct search_doc *d, int upto_mark);

/* One text of a case that a snippet may come from. */
struct search_source {
	const char *field;	/* summary, details, guest.name, guest.room,
				   guest.phone; in an event: text, reason,
				   changes.FIELD.old */
	const char *kind;	/* the event's kind; NULL for the case's own */
	long long seq;		/* the event's seq; 0 for the case's own */
	const char *text;
	int phone;		/* 1: a phone number (found by its digits) */
};

/*
 * Calls fn for each text event (kind, data) shows in a snippet: its
 * text or reason, and the values an amendment replaced (the case's
 * present values are the case row's, and intake's are in it or in an
 * amendment).  Returns 0, -1 when data is not a JSON object, or what fn
 * returned when not 0.
 */
int search_event_sources(struct arena *a, long long seq, const char *kind,
			 const char *data,
			 int (*fn)(const struct search_source *, void *),
			 void *arg);

/* Where the words stand in one source, as a snippet of it. */
struct search_hit {
	const struct search_source *src;
	char *text;		/* the snippet, one line, with … where cut */
	int (*marks)[2];	/* code point offsets [from, to) in text */
	int nmarks;
	unsigned words;		/* bit i set: word i is in the source */
	int nwords;		/* how many bits are set */
};

/*
 * Looks for the words in src: returns 1 with h filled (from arena a)
 * when any is there, else 0.  The snippet is at most SEARCH_SNIPPET
 * characters (two more for the cut marks) around the first match.
 */
int search_hit(struct arena *a, const struct search_terms *t,
	       const struct search_source *src, struct search_hit *h);
/*
 * Cuts the snippet to begin at most `lead` characters before its first
 * mark, an ellipsis standing for what was cut (for a narrow column).
 */
void search_hit_trim(struct arena *a, struct search_hit *h, int lead);
/* The snippet with each mark between `on` and `off`, from the arena. */
char *search_hit_marked(struct arena *a, const struct search_hit *h,
			const char *on, const char *off);

#endif
