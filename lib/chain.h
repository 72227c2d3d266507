/*
 * chain.h - the hash chain of events: the canonical bytes of an event,
 * its digest, the digests' hex form, and the one rule that says whether
 * an event continues the chain.  fq verify, fq import and the append
 * path (event_add) all go by it.  No I/O, no store, no struct fq.
 *
 * An event's digest is SHA-256 over its canonical bytes, which include
 * the previous event's digest (`prev`), so that altering, removing or
 * inserting an event breaks the chain from there on.  How the bytes are
 * framed is the event's digest version, stored with it:
 *
 *   1  (the first round's events) prev, "ID CASE SEQ AT", actor, kind
 *      and data, each followed by "\n".  Ambiguous when a field holds a
 *      newline; kept, byte for byte, so that old events still verify.
 *   2  (every event made since) the fields as netstrings, LEN ":" BYTES
 *      ",", with LEN the byte count in decimal: "2" (the version), prev,
 *      id, case, seq, at (decimal), actor, kind, data.  Each field's
 *      length says where it ends, so no two different events have the
 *      same bytes, whatever their text holds.
 *
 * The continuity rule: the first event's prev is CHAIN_GENESIS; each
 * event's id is one past the id of the event before it, its prev is
 * that event's digest, and its version is not lower than that event's
 * (a chain never goes back to an old framing); and its digest is what
 * chain_digest() recomputes from its content.
 */
#ifndef FQ_CHAIN_H
#define FQ_CHAIN_H

#include <stdint.h>
#include "store.h"

/* The `prev` of the very first event. */
#define CHAIN_GENESIS \
	"0000000000000000000000000000000000000000000000000000000000000000"

enum {
	CHAIN_V1 = 1,		/* "\n"-joined fields (round 1) */
	CHAIN_V2 = 2,		/* netstrings */
	CHAIN_VERSION = CHAIN_V2,	/* what new events get */
	CHAIN_BIN = 32,		/* bytes in a digest */
	CHAIN_HEX = 65,		/* a digest in hex, with its NUL */
};

/* Receives the canonical bytes of an event, piece by piece. */
typedef void chain_sink(const void *bytes, size_t n, void *arg);

/*
 * Gives the canonical bytes of e (under e->version, with e->prev) to
 * fn, in order.  Returns 0, or -1 for a version this fq does not know.
 */
int chain_bytes(const struct event_row *e, chain_sink *fn, void *arg);
/*
 * The digest of e, in hex (64 lowercase digits and a NUL).  Returns 0,
 * or -1 (and "") for a version this fq does not know.
 */
int chain_digest(const struct event_row *e, char out[CHAIN_HEX]);
/* The same as 32 bytes (for a chain_link); 0, or -1 for the version. */
int chain_digest_bin(const struct event_row *e, uint8_t out[CHAIN_BIN]);

/* 32 bytes as 64 lowercase hex digits and a NUL (nettle's base16). */
void chain_hex(const uint8_t bin[CHAIN_BIN], char out[CHAIN_HEX]);
/*
 * 64 lowercase hex digits (nothing else) into 32 bytes; -1 when s is not
 * that.
 */
int chain_unhex(const char *s, uint8_t out[CHAIN_BIN]);

/* What the continuity rule needs of an event. */
struct chain_link {
	long long id;
	uint8_t prev[CHAIN_BIN], digest[CHAIN_BIN];
	int version;
};

/* How an event fails to continue the chain (flags; 0: it continues). */
enum {
	CHAIN_GAP = 1,		/* its id is not one past the last */
	CHAIN_UNLINKED = 2,	/* its prev is not the last's digest */
	CHAIN_DOWNGRADE = 4,	/* its version is lower than the last's */
};

/* The chain's start: before the first event (id 0, the genesis). */
void chain_start(struct chain_link *head);
/*
 * Whether `next` continues the chain whose last event is `last`:
 * 0, or CHAIN_* flags.  (Its digest is checked by chain_digest().)
 */
int chain_follows(const struct chain_link *last,
		  const struct chain_link *next);
/*
 * Makes e the next event after the head (head_id, head_digest, NULL for
 * none): its id, prev and version; then its digest into `digest`, which
 * e->digest points to.
 */
void chain_append(struct event_row *e, long long head_id,
		  const char *head_digest, char digest[CHAIN_HEX]);

#endif
