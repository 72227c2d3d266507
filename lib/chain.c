/*
 * chain.c - the hash chain of events: canonical bytes, digests, hex and
 * the continuity rule (chain.h says what each version frames).
 */
#include <string.h>

#include <nettle/base16.h>
#include <nettle/sha2.h>

#include "chain.h"

/*
 * v in decimal at the end of buf (at least 21 bytes, no NUL); returns
 * where it begins.  (snprintf would do, at many times the cost, and an
 * import digests millions of events.)
 */
static char *
decimal(char *end, long long v)
{
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
		(unsigned long long)v;

	do
		*--end = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--end = '-';
	return end;
}

/* Gives one field and its "\n" to fn (version 1). */
static void
line_field(chain_sink *fn, void *arg, const char *s)
{
	fn(s, strlen(s), arg);
	fn("\n", 1, arg);
}

/* The bytes of version 1: the fields, each followed by a newline. */
static void
bytes_v1(const struct event_row *e, chain_sink *fn, void *arg)
{
	const long long nums[4] = { e->id, e->case_id, e->seq, e->at };
	char num[4 * 24], *p = num + sizeof(num) - 1;
	int i;

	/* "ID CASE SEQ AT", written from its end */
	*p = '\0';
	for (i = 3; i >= 0; i--) {
		p = decimal(p, nums[i]);
		if (i > 0)
			*--p = ' ';
	}
	line_field(fn, arg, e->prev);
	line_field(fn, arg, p);
	line_field(fn, arg, e->actor);
	line_field(fn, arg, e->kind);
	line_field(fn, arg, e->data);
}

/* Gives n bytes at s to fn as one netstring: LEN ":" BYTES ",". */
static void
netstring(chain_sink *fn, void *arg, const char *s, size_t n)
{
	char len[24], *end = len + sizeof(len) - 1, *p;

	*end = ':';
	p = decimal(end, (long long)n);
	fn(p, (size_t)(end + 1 - p), arg);
	fn(s, n, arg);
	fn(",", 1, arg);
}

/* A string field as a netstring. */
static void
net_str(chain_sink *fn, void *arg, const char *s)
{
	netstring(fn, arg, s, strlen(s));
}

/* A number field, in decimal, as a netstring. */
static void
net_int(chain_sink *fn, void *arg, long long v)
{
	char num[24], *end = num + sizeof(num), *p = decimal(end, v);

	netstring(fn, arg, p, (size_t)(end - p));
}

/* The bytes of version 2: the version and the fields as netstrings. */
static void
bytes_v2(const struct event_row *e, chain_sink *fn, void *arg)
{
	net_int(fn, arg, CHAIN_V2);
	net_str(fn, arg, e->prev);
	net_int(fn, arg, e->id);
	net_int(fn, arg, e->case_id);
	net_int(fn, arg, e->seq);
	net_int(fn, arg, e->at);
	net_str(fn, arg, e->actor);
	net_str(fn, arg, e->kind);
	net_str(fn, arg, e->data);
}

int
chain_bytes(const struct event_row *e, chain_sink *fn, void *arg)
{
	if (e->version == CHAIN_V1)
		bytes_v1(e, fn, arg);
	else if (e->version == CHAIN_V2)
		bytes_v2(e, fn, arg);
	else
		return -1;
	return 0;
}

/* Feeds bytes into the hash (a chain_sink). */
static void
hash_sink(const void *bytes, size_t n, void *arg)
{
	sha256_update(arg, n, bytes);
}

int
chain_digest_bin(const struct event_row *e, uint8_t out[CHAIN_BIN])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	if (chain_bytes(e, hash_sink, &ctx))
		return -1;
	sha256_digest(&ctx, CHAIN_BIN, out);
	return 0;
}

int
chain_digest(const struct event_row *e, char out[CHAIN_HEX])
{
	uint8_t md[CHAIN_BIN];

	if (chain_digest_bin(e, md)) {
		out[0] = '\0';
		return -1;
	}
	chain_hex(md, out);
	return 0;
}

void
chain_hex(const uint8_t bin[CHAIN_BIN], char out[CHAIN_HEX])
{
	base16_encode_update(out, CHAIN_BIN, bin);
	out[BASE16_ENCODE_LENGTH(CHAIN_BIN)] = '\0';
}

int
chain_unhex(const char *s, uint8_t out[CHAIN_BIN])
{
	struct base16_decode_ctx ctx;
	size_t n = CHAIN_BIN;

	/* base16 also takes capitals and skips blanks: a digest is neither. */
	if (strspn(s, "0123456789abcdef") != 2 * CHAIN_BIN ||
	    s[2 * CHAIN_BIN])
		return -1;
	base16_decode_init(&ctx);
	if (!base16_decode_update(&ctx, &n, out, 2 * CHAIN_BIN, s) ||
	    !base16_decode_final(&ctx) || n != CHAIN_BIN)
		return -1;
	return 0;
}

void
chain_start(struct chain_link *head)
{
	memset(head, 0, sizeof(*head));
	head->version = CHAIN_V1;
}

int
chain_follows(const struct chain_link *last, const struct chain_link *next)
{
	int why = 0;

	if (next->id != last->id + 1)
		why |= CHAIN_GAP;
	if (memcmp(next->prev, last->digest, CHAIN_BIN))
		why |= CHAIN_UNLINKED;
	if (next->version < last->version)
		why |= CHAIN_DOWNGRADE;
	return why;
}

void
chain_append(struct event_row *e, long long head_id, const char *head_digest,
	     char digest[CHAIN_HEX])
{
	e->id = head_id + 1;
	e->prev = head_digest ? head_digest : CHAIN_GENESIS;
	e->version = CHAIN_VERSION;
	chain_digest(e, digest);
	e->digest = digest;
}
