/*
 * nesting.c - the policy's nesting depth, measured on the raw text before
 * libyaml reads it.
 *
 * libyaml's scanner spends time in proportion to the depth of flow
 * collections for every token it reads, so 80,000 levels of '[' take it
 * half a minute.  This file walks the text once, as libyaml's scanner
 * would, without building anything: it follows quoted, plain and block
 * scalars and comments far enough to know which '[' and '{' open a flow
 * collection, and which lines open a level of block indentation.  A
 * policy nested deeper than POLICY_MAX_DEPTH is refused at the place it
 * gets too deep, in time linear in its size.
 *
 * The walk copies the decisions of libyaml 0.2.5's scanner (scanner.c):
 * what starts a token, where a scalar ends, when a simple key is allowed,
 * how the indentation stack rolls and unrolls.  Where libyaml would stop
 * with an error, the walk stops too and leaves the message to libyaml,
 * since libyaml reads no further either.  Nothing is allocated.
 */
#include <string.h>

#include "policy-private.h"

enum { ENC_UTF8, ENC_UTF16LE, ENC_UTF16BE };

/* What a step of the walk comes to. */
enum { GO, STOP, DEEP };

/* The walk's state: a cursor on the text and libyaml's scanner state. */
struct walk {
	const unsigned char *s;
	size_t len;
	int enc;
	size_t pos, next;	/* the current character's bytes */
	long c;			/* the current character; -1 at the end */
	long line, col, idx;	/* its mark, from 0, in characters */
	int flow;		/* open '[' and '{' */
	int nind;		/* levels of block indentation */
	long ind[POLICY_MAX_DEPTH + 1];	/* their columns */
	int ska;		/* a simple key may start here */
	int sk;			/* a simple key is possible outside flow */
	long sk_line, sk_col, sk_idx;
	int sk_flow;		/* the deepest '[' or '{' within that key */
	long sk_at[POLICY_MAX_DEPTH + 1][2];	/* where each level began */
	long deep_line, deep_col;	/* where it got too deep */
};

/* 1 when libyaml's reader takes code point v (YAML's printable set). */
static int
printable(long v)
{
	return v == 0x09 || v == 0x0a || v == 0x0d ||
	       (v >= 0x20 && v <= 0x7e) || v == 0x85 ||
	       (v >= 0xa0 && v <= 0xd7ff) || (v >= 0xe000 && v <= 0xfffd) ||
	       (v >= 0x10000 && v <= 0x10ffff);
}

/* Decodes one UTF-8 character at pos; -1 when it is not valid UTF-8. */
static long
utf8_at(const struct walk *w, size_t pos, size_t *next)
{
	const unsigned char *p = w->s + pos;
	size_t n, k, left = w->len - pos;
	long v;

	n = p[0] < 0x80 ? 1 : (p[0] & 0xe0) == 0xc0 ? 2 :
	    (p[0] & 0xf0) == 0xe0 ? 3 : (p[0] & 0xf8) == 0xf0 ? 4 : 0;
	if (!n || n > left)
		return -1;
	v = n == 1 ? p[0] : p[0] & (0x7f >> n);
	for (k = 1; k < n; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return -1;
		v = (v << 6) | (p[k] & 0x3f);
	}
	if ((n == 2 && v < 0x80) || (n == 3 && v < 0x800) ||
	    (n == 4 && v < 0x10000) || (v >= 0xd800 && v <= 0xdfff))
		return -1;
	*next = pos + n;
	return v;
}

/* One UTF-16 unit at pos, in the walk's byte order; -1 past the end. */
static long
unit_at(const struct walk *w, size_t pos)
{
	if (w->len - pos < 2)
		return -1;
	return w->enc == ENC_UTF16LE ? w->s[pos] | w->s[pos + 1] << 8 :
				       w->s[pos] << 8 | w->s[pos + 1];
}

/* Decodes one UTF-16 character at pos; -1 when it is not valid. */
static long
utf16_at(const struct walk *w, size_t pos, size_t *next)
{
	long hi = unit_at(w, pos), lo;

	if (hi < 0 || (hi >= 0xdc00 && hi <= 0xdfff))
		return -1;
	if (hi < 0xd800 || hi > 0xdbff) {
		*next = pos + 2;
		return hi;
	}
	lo = unit_at(w, pos + 2);
	if (lo < 0xdc00 || lo > 0xdfff)
		return -1;
	*next = pos + 4;
	return 0x10000 + ((hi & 0x3ff) << 10) + (lo & 0x3ff);
}

/*
 * The character at byte pos, and in *next where the one after starts;
 * -1 at the end or at a character libyaml's reader refuses (it stops
 * there, so the walk does too).
 */
static long
char_at(const struct walk *w, size_t pos, size_t *next)
{
	long v;

	if (pos >= w->len)
		return -1;
	if (w->enc == ENC_UTF8 && w->s[pos] < 0x80) {	/* most of a policy */
		*next = pos + 1;
		v = w->s[pos];
		return printable(v) ? v : -1;
	}
	v = w->enc == ENC_UTF8 ? utf8_at(w, pos, next) : utf16_at(w, pos, next);
	return v >= 0 && printable(v) ? v : -1;
}

/* The character k places after the current one (k small); -1 past it. */
static long
peek(const struct walk *w, int k)
{
	size_t pos = w->next, next;
	long v = w->c;

	for (; k > 0 && v >= 0; k--, pos = next)
		v = char_at(w, pos, &next);
	return v;
}

/* 1 when c breaks a line, as YAML 1.1 has it (CR, LF, NEL, LS, PS). */
static int
is_break(long c)
{
	return c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 ||
	       c == 0x2029;
}

/* 1 for a space or a tab. */
static int
is_blank(long c)
{
	return c == ' ' || c == '\t';
}

/* 1 for a blank, a line break or the end. */
static int
is_blankz(long c)
{
	return is_blank(c) || is_break(c) || c < 0;
}

/* 1 for a character of an anchor name: [0-9A-Za-z_-]. */
static int
is_alpha(long c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	       (c >= 'a' && c <= 'z') || c == '_' || c == '-';
}

/* 1 when c is one of the ASCII characters in set. */
static int
one_of(long c, const char *set)
{
	return c > 0 && c < 0x80 && strchr(set, (int)c);
}

/* Moves to the next character, keeping the mark (CR LF is one break). */
static void
step(struct walk *w)
{
	if (w->c < 0)
		return;
	if (w->c == '\r' && peek(w, 1) == '\n') {
		w->pos = w->next;
		w->c = char_at(w, w->pos, &w->next);
		w->idx++;
	}
	if (is_break(w->c)) {
		w->line++;
		w->col = 0;
	} else {
		w->col++;
	}
	w->idx++;
	w->pos = w->next;
	w->c = char_at(w, w->pos, &w->next);
}

/* 1 at a document marker, '---' or '...' alone at the start of a line. */
static int
at_marker(const struct walk *w)
{
	long c = w->c;

	return w->col == 0 && (c == '-' || c == '.') && peek(w, 1) == c &&
	       peek(w, 2) == c && is_blankz(peek(w, 3));
}

/* The column of the innermost block collection; -1 at the top. */
static long
indent(const struct walk *w)
{
	return w->nind ? w->ind[w->nind - 1] : -1;
}

/* Notes where the walk got too deep; returns DEEP. */
static int
deep(struct walk *w, long line, long col)
{
	w->deep_line = line + 1;
	w->deep_col = col + 1;
	return DEEP;
}

/* Opens a level of block indentation at col, as libyaml rolls one. */
static int
roll(struct walk *w, long col, long line)
{
	if (w->flow || indent(w) >= col)
		return GO;
	if (w->nind + w->flow >= POLICY_MAX_DEPTH)
		return deep(w, line, col);
	w->ind[w->nind++] = col;
	return GO;
}

/* Closes the levels of block indentation deeper than col. */
static void
unroll(struct walk *w, long col)
{
	if (w->flow)
		return;
	while (w->nind && w->ind[w->nind - 1] > col)
		w->nind--;
}

/* Notes a possible simple key here, outside flow collections. */
static void
save_key(struct walk *w)
{
	if (w->ska && !w->flow) {
		w->sk = 1;
		w->sk_line = w->line;
		w->sk_col = w->col;
		w->sk_idx = w->idx;
		w->sk_flow = 0;
	}
}

/*
 * The value indicator after a simple key: the block mapping it starts
 * holds the key, so a flow collection in the key ('[a, [b]]: c') is one
 * level deeper than it was when it was read.
 */
static int
key_value(struct walk *w)
{
	int n = w->nind, rc, lvl;

	if ((rc = roll(w, w->sk_col, w->sk_line)) != GO || w->nind == n)
		return rc;
	lvl = POLICY_MAX_DEPTH - w->nind + 1;
	if (lvl >= 1 && w->sk_flow >= lvl)
		return deep(w, w->sk_at[lvl][0], w->sk_at[lvl][1]);
	return GO;
}

/* Skips blanks, comments and line breaks up to the next token. */
static void
to_token(struct walk *w)
{
	for (;;) {
		if (w->col == 0 && w->c == 0xfeff)
			step(w);
		while (w->c == ' ' || ((w->flow || !w->ska) && w->c == '\t'))
			step(w);
		if (w->c == '#')
			while (!is_break(w->c) && w->c >= 0)
				step(w);
		if (!is_break(w->c))
			return;
		step(w);
		if (!w->flow)
			w->ska = 1;
	}
}

/* A directive line ('%YAML 1.1'): libyaml resets the indentation. */
static int
directive(struct walk *w)
{
	unroll(w, -1);
	w->sk = 0;
	w->ska = 0;
	while (!is_break(w->c) && w->c >= 0)
		step(w);
	step(w);
	return GO;
}

/* A document marker, '---' or '...'. */
static int
marker(struct walk *w)
{
	unroll(w, -1);
	w->sk = 0;
	w->ska = 0;
	step(w);
	step(w);
	step(w);
	return GO;
}

/* '[' or '{': one level deeper. */
static int
flow_start(struct walk *w)
{
	save_key(w);
	if (w->nind + w->flow >= POLICY_MAX_DEPTH)
		return deep(w, w->line, w->col);
	w->flow++;
	if (w->sk && w->flow > w->sk_flow) {
		w->sk_flow = w->flow;
		w->sk_at[w->flow][0] = w->line;
		w->sk_at[w->flow][1] = w->col;
	}
	w->ska = 1;
	step(w);
	return GO;
}

/* ']' or '}': one level up. */
static int
flow_end(struct walk *w)
{
	if (!w->flow)
		w->sk = 0;
	else
		w->flow--;
	w->ska = 0;
	step(w);
	return GO;
}

/* '-', '?' or ':' as an indicator of a block entry, a key or a value. */
static int
indicator(struct walk *w)
{
	int rc = GO;

	if (w->c == ':' && !w->flow && w->sk && w->sk_line == w->line &&
	    w->sk_idx + 1024 >= w->idx) {
		rc = key_value(w);
		w->sk = 0;
		w->ska = 0;
	} else if (w->c == ':' && w->flow) {
		w->ska = 0;
	} else {
		if (!w->flow && !w->ska)
			return STOP;	/* "not allowed in this context" */
		rc = roll(w, w->col, w->line);
		if (!w->flow)
			w->sk = 0;
		w->ska = w->c == '-' || !w->flow;
	}
	step(w);
	return rc;
}

/* An anchor ('&a') or an alias ('*a'). */
static int
anchor(struct walk *w)
{
	int n;

	save_key(w);
	w->ska = 0;
	step(w);
	for (n = 0; is_alpha(w->c); n++)
		step(w);
	return n && (is_blankz(w->c) || one_of(w->c, "?:,]}%@`")) ? GO : STOP;
}

/* A tag: '!', '!!str', '!h!suffix' or '!<verbatim>'. */
static int
tag(struct walk *w)
{
	static const char uri[] = ";/?:@&=+$.%!~*'()";
	int verbatim;

	save_key(w);
	w->ska = 0;
	step(w);
	verbatim = w->c == '<';
	if (verbatim)
		step(w);
	while (is_alpha(w->c) || one_of(w->c, uri) ||
	       (verbatim && one_of(w->c, ",[]")))
		step(w);
	if (verbatim) {
		if (w->c != '>')
			return STOP;
		step(w);
	}
	if (!is_blankz(w->c) && !(w->flow && w->c == ','))
		return STOP;
	return GO;
}

/*
 * Skips the empty and indented lines of a block scalar up to the next
 * line of content; sets *ind from the first such line when it is 0.
 */
static int
block_breaks(struct walk *w, long *ind)
{
	long max = 0;

	for (;;) {
		while ((!*ind || w->col < *ind) && w->c == ' ')
			step(w);
		if (w->col > max)
			max = w->col;
		if ((!*ind || w->col < *ind) && w->c == '\t')
			return STOP;
		if (!is_break(w->c))
			break;
		step(w);
	}
	if (!*ind) {
		*ind = max;
		if (*ind < indent(w) + 1)
			*ind = indent(w) + 1;
		if (*ind < 1)
			*ind = 1;
	}
	return GO;
}

/* The header of a block scalar: chomping, indentation, a comment. */
static int
block_header(struct walk *w, long *inc)
{
	*inc = 0;
	if (w->c == '+' || w->c == '-')
		step(w);
	if (w->c >= '0' && w->c <= '9') {
		if (w->c == '0')
			return STOP;
		*inc = w->c - '0';
		step(w);
	}
	if (w->c == '+' || w->c == '-')
		step(w);
	while (is_blank(w->c))
		step(w);
	if (w->c == '#')
		while (!is_break(w->c) && w->c >= 0)
			step(w);
	if (!is_blankz(w->c))
		return STOP;
	step(w);
	return GO;
}

/* A literal ('|') or folded ('>') scalar: its lines are all text. */
static int
block_scalar(struct walk *w)
{
	long inc, ind;

	w->sk = 0;
	w->ska = 1;
	step(w);
	if (block_header(w, &inc) == STOP)
		return STOP;
	ind = inc ? (indent(w) >= 0 ? indent(w) + inc : inc) : 0;
	if (block_breaks(w, &ind) == STOP)
		return STOP;
	while (w->col == ind && w->c >= 0) {
		while (!is_break(w->c) && w->c >= 0)
			step(w);
		step(w);
		if (block_breaks(w, &ind) == STOP)
			return STOP;
	}
	return GO;
}

/* The value of hexadecimal digit c; -1 when it is none. */
static int
hex(long c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
		return (int)((c | 0x20) - 'a' + 10);
	return -1;
}

/* An escape of a double-quoted scalar, at its backslash ('\n', '\x41'). */
static int
escape(struct walk *w)
{
	unsigned long v = 0;
	int n, k;

	step(w);
	n = w->c == 'x' ? 2 : w->c == 'u' ? 4 : w->c == 'U' ? 8 : 0;
	if (!n && !one_of(w->c, "0abt\tnvfre \"/\\N_LP"))
		return STOP;	/* "found unknown escape character" */
	step(w);
	for (k = 0; k < n; k++, step(w)) {
		if (hex(w->c) < 0)
			return STOP;
		v = v << 4 | (unsigned long)hex(w->c);
	}
	return (v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff ? STOP : GO;
}

/* The characters of a quoted scalar up to a blank or its closing quote. */
static int
quoted_word(struct walk *w, long q)
{
	while (!is_blankz(w->c)) {
		if (q == '\'' && w->c == q && peek(w, 1) == q) {
			step(w);	/* '' stands for a quote */
		} else if (w->c == q) {
			return GO;
		} else if (q == '"' && w->c == '\\' && is_break(peek(w, 1))) {
			step(w);	/* an escaped line break */
			step(w);
			return GO;
		} else if (q == '"' && w->c == '\\') {
			if (escape(w) == STOP)
				return STOP;
			continue;
		}
		step(w);
	}
	return GO;
}

/* A single- or double-quoted scalar, which may run over lines. */
static int
quoted(struct walk *w)
{
	long q = w->c;

	save_key(w);
	w->ska = 0;
	step(w);
	for (;;) {
		if (at_marker(w) || w->c < 0)
			return STOP;
		if (quoted_word(w, q) == STOP)
			return STOP;
		if (w->c == q)
			break;
		while (is_blank(w->c) || is_break(w->c))
			step(w);
	}
	step(w);
	return GO;
}

/* 1 when the current character starts a plain scalar. */
static int
plain_starts(const struct walk *w)
{
	long c = w->c;

	if (!is_blankz(c) && !one_of(c, "-?:,[]{}#&*!|>'\"%@`"))
		return 1;
	if (c == '-' && !is_blank(peek(w, 1)))
		return 1;
	return !w->flow && (c == '?' || c == ':') && !is_blankz(peek(w, 1));
}

/* A plain scalar, which may run over lines more indented than its own. */
static int
plain(struct walk *w)
{
	long ind = indent(w) + 1;
	int lead = 0;

	save_key(w);
	w->ska = 0;
	for (;;) {
		if (at_marker(w) || w->c == '#')
			break;
		while (!is_blankz(w->c)) {
			if (w->flow && w->c == ':' && one_of(peek(w, 1),
							    ",?[]{}"))
				return STOP;
			if ((w->c == ':' && is_blankz(peek(w, 1))) ||
			    (w->flow && one_of(w->c, ",[]{}")))
				break;
			lead = 0;
			step(w);
		}
		if (!is_blank(w->c) && !is_break(w->c))
			break;
		while (is_blank(w->c) || is_break(w->c)) {
			if (lead && w->col < ind && w->c == '\t')
				return STOP;
			lead |= is_break(w->c);
			step(w);
		}
		if (!w->flow && w->col < ind)
			break;
	}
	if (lead)
		w->ska = 1;
	return GO;
}

/* Reads one token, as libyaml's yaml_parser_fetch_next_token() does. */
static int
token(struct walk *w)
{
	long c;

	to_token(w);
	unroll(w, w->col);
	if ((c = w->c) < 0)
		return STOP;
	if (w->col == 0 && c == '%')
		return directive(w);
	if (at_marker(w))
		return marker(w);
	if (c == '[' || c == '{')
		return flow_start(w);
	if (c == ']' || c == '}')
		return flow_end(w);
	if (c == ',') {
		if (!w->flow)
			w->sk = 0;
		w->ska = 1;
		step(w);
		return GO;
	}
	if ((c == '-' && is_blankz(peek(w, 1))) ||
	    ((c == '?' || c == ':') && (w->flow || is_blankz(peek(w, 1)))))
		return indicator(w);
	if (c == '*' || c == '&')
		return anchor(w);
	if (c == '!')
		return tag(w);
	if ((c == '|' || c == '>') && !w->flow)
		return block_scalar(w);
	if (c == '\'' || c == '"')
		return quoted(w);
	if (plain_starts(w))
		return plain(w);
	return STOP;	/* "found character that cannot start any token" */
}

/* Picks the encoding by the byte order mark, as libyaml does, and skips it. */
static void
start(struct walk *w)
{
	const unsigned char *s = w->s;

	w->enc = ENC_UTF8;
	if (w->len >= 2 && s[0] == 0xff && s[1] == 0xfe) {
		w->enc = ENC_UTF16LE;
		w->pos = 2;
	} else if (w->len >= 2 && s[0] == 0xfe && s[1] == 0xff) {
		w->enc = ENC_UTF16BE;
		w->pos = 2;
	} else if (w->len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3)) {
		w->pos = 3;
	}
	w->c = char_at(w, w->pos, &w->next);
	w->ska = 1;
}

/*
 * Checks that the policy text nests no deeper than POLICY_MAX_DEPTH:
 * open '[' and '{', plus levels of block indentation.  Returns 0, or
 * reports "nesting deeper than N" where it gets deeper and returns
 * FQ_ECONFIG.
 */
int
pol_nesting(struct ld *l)
{
	struct walk w;
	int rc;

	memset(&w, 0, sizeof(w));
	w.s = (const unsigned char *)l->text;
	w.len = l->len;
	start(&w);
	while ((rc = token(&w)) == GO)
		;
	if (rc != DEEP)
		return 0;
	pol_errat(l, w.deep_line, w.deep_col, "nesting deeper than %d",
		  POLICY_MAX_DEPTH);
	return pol_report(l);
}
