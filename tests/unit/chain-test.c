/*
 * chain-test.c - unit tests of the hash chain (lib/chain.c), as a TAP
 * program: version 1 gives round 1's digests, version 2's framing and
 * its answer to the ambiguity of version 1, the hex codec, and the
 * continuity rule.
 *
 *   chain-test
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "chain.h"

static int tests, failed;

/* One TAP line. */
static void
ok(int pass, const char *what)
{
	tests++;
	if (!pass)
		failed++;
	printf("%s %d - %s\n", pass ? "ok" : "not ok", tests, what);
}

/* Event 2 of tests/fixtures/round1.db, as round 1 stored it. */
static const struct event_row round1 = {
	.id = 2, .case_id = 1, .seq = 2, .at = 1795719840,
	.actor = "wang.qiang", .kind = "accepted",
	.data = "{\"department\":\"security\",\"handler\":\"wang.qiang\","
		"\"from_handler\":null,\"due\":1795719900}",
	.prev = "a35c7ae90fdb97e41c698164be5ae27ba7dfefe8851c5b224386741f5b8bdbbf",
	.digest = "f1b038ee0c0cd8e565b7778ea33d4e853f59f1eaed4fe67fccf8cfd544da104c",
	.version = CHAIN_V1,
};

/* Appends the bytes to a buffer (a chain_sink). */
struct buf {
	char s[512];
	size_t n;
};

static void
to_buf(const void *bytes, size_t n, void *arg)
{
	struct buf *b = arg;

	if (b->n + n < sizeof(b->s)) {
		memcpy(b->s + b->n, bytes, n);
		b->n += n;
	}
	b->s[b->n] = '\0';
}

static void
test_v1(void)
{
	struct event_row e = round1;
	char hex[CHAIN_HEX];

	ok(chain_digest(&e, hex) == 0 && !strcmp(hex, round1.digest),
	   "version 1: round 1's digest, byte for byte");
	e.version = 0;
	ok(chain_digest(&e, hex) == -1, "version 0 is unknown");
	e.version = 3;
	ok(chain_digest(&e, hex) == -1, "version 3 is unknown");
}

static void
test_v2_bytes(void)
{
	struct event_row e = {
		.id = 12, .case_id = 3, .seq = 4, .at = 1795719840,
		.actor = "li.na", .kind = "followed",
		.data = "{\"text\":\"再催\"}", .prev = CHAIN_GENESIS,
		.version = CHAIN_V2,
	};
	struct buf b = { .n = 0 };
	int same;

	chain_bytes(&e, to_buf, &b);
	same = !strcmp(b.s, "1:2,64:" CHAIN_GENESIS ",2:12,1:3,1:4,"
		       "10:1795719840,5:li.na,8:followed,"
		       "17:{\"text\":\"再催\"},");
	ok(same, "version 2: netstrings of version, prev, id, case, seq, at, "
	   "actor, kind, data (lengths in bytes)");
	if (!same)
		printf("# %s\n", b.s);
}

/* The numbers are written as printf's %lld writes them, whatever they are. */
static void
test_numbers(void)
{
	struct event_row e = round1;
	struct buf b = { .n = 0 };
	char want[512];

	e.id = LLONG_MAX;
	e.case_id = -1;
	e.seq = 0;
	e.at = LLONG_MIN;
	chain_bytes(&e, to_buf, &b);
	snprintf(want, sizeof(want), "%s\n%lld %lld %lld %lld\n%s\n%s\n%s\n",
		 e.prev, e.id, e.case_id, e.seq, e.at, e.actor, e.kind, e.data);
	ok(!strcmp(b.s, want), "version 1: extreme numbers as %lld writes them");
	e.version = CHAIN_V2;
	e.actor = e.kind = e.data = "";
	b.n = 0;
	chain_bytes(&e, to_buf, &b);
	snprintf(want, sizeof(want), "1:2,64:%s,%zu:%lld,2:-1,1:0,%zu:%lld,0:,0:,"
		 "0:,", e.prev, strlen("9223372036854775807"), e.id,
		 strlen("-9223372036854775808"), e.at);
	ok(!strcmp(b.s, want), "version 2: extreme numbers, empty fields");
}

static void
test_ambiguity(void)
{
	struct event_row a = round1, b = round1;
	char ha[CHAIN_HEX], hb[CHAIN_HEX];
	struct buf ba = { .n = 0 }, bb = { .n = 0 };

	/* The same bytes, a "\n" moved from the actor to the kind. */
	a.actor = "wang.qiang\naccepted";
	a.kind = "x";
	b.actor = "wang.qiang";
	b.kind = "accepted\nx";
	chain_bytes(&a, to_buf, &ba);
	chain_bytes(&b, to_buf, &bb);
	chain_digest(&a, ha);
	chain_digest(&b, hb);
	ok(ba.n == bb.n && !memcmp(ba.s, bb.s, ba.n) && !strcmp(ha, hb),
	   "version 1: two different events with the same bytes and digest");
	a.version = b.version = CHAIN_V2;
	ba.n = bb.n = 0;
	chain_bytes(&a, to_buf, &ba);
	chain_bytes(&b, to_buf, &bb);
	chain_digest(&a, ha);
	chain_digest(&b, hb);
	ok(strcmp(ba.s, bb.s) && strcmp(ha, hb),
	   "version 2: the same two events have different bytes and digests");
	b = a;
	b.version = CHAIN_V1;
	chain_digest(&b, hb);
	ok(strcmp(ha, hb), "the same event under versions 1 and 2: two digests");
}

static void
test_hex(void)
{
	uint8_t bin[CHAIN_BIN];
	char hex[CHAIN_HEX];

	ok(chain_unhex(round1.digest, bin) == 0, "unhex: 64 lowercase digits");
	chain_hex(bin, hex);
	ok(!strcmp(hex, round1.digest), "hex: the same 64 digits back");
	ok(chain_unhex("F1B038EE0C0CD8E565B7778EA33D4E853F59F1EAED4FE67FCCF8CFD544DA104C",
		       bin) == -1, "unhex: capitals are not a digest");
	ok(chain_unhex("f1b038ee0c0cd8e565b7778ea33d4e853f59f1eaed4fe67fccf8cfd544da104",
		       bin) == -1, "unhex: 63 digits are not a digest");
	ok(chain_unhex("f1b038ee0c0cd8e565b7778ea33d4e853f59f1eaed4fe67fccf8cfd544da104c0",
		       bin) == -1, "unhex: 65 digits are not a digest");
	ok(chain_unhex("f1b038ee0c0cd8e565b7778ea33d4e853f59f1eaed4fe67fccf8cfd544da104 ",
		       bin) == -1, "unhex: a blank is not a digit");
}

static void
test_rule(void)
{
	struct chain_link head, next;
	struct event_row e = { .case_id = 1, .seq = 1, .at = 1,
			       .actor = "li.na", .kind = "logged",
			       .data = "{}" };
	char digest[CHAIN_HEX];

	chain_start(&head);
	chain_append(&e, 0, NULL, digest);
	ok(e.id == 1 && !strcmp(e.prev, CHAIN_GENESIS) &&
	   e.version == CHAIN_VERSION && e.digest == digest,
	   "append to an empty chain: id 1, the genesis, the new version");
	next.id = e.id;
	next.version = e.version;
	chain_unhex(e.prev, next.prev);
	chain_unhex(e.digest, next.digest);
	ok(chain_follows(&head, &next) == 0, "the first event follows the "
	   "start");
	next.id = 2;
	ok(chain_follows(&head, &next) == CHAIN_GAP, "id 2 first: a gap");
	next.id = 1;
	next.prev[0] ^= 1;
	ok(chain_follows(&head, &next) == CHAIN_UNLINKED, "another prev: "
	   "unlinked");
	next.prev[0] ^= 1;
	head.version = CHAIN_V2;
	next.version = CHAIN_V1;
	ok(chain_follows(&head, &next) == CHAIN_DOWNGRADE, "version 1 after "
	   "version 2: a downgrade");
	next.version = CHAIN_V2;
	ok(chain_follows(&head, &next) == 0, "version 2 after version 2");
}

int
main(void)
{
	test_v1();
	test_v2_bytes();
	test_numbers();
	test_ambiguity();
	test_hex();
	test_rule();
	printf("1..%d\n", tests);
	return failed != 0;
}
