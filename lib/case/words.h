/*
 * words.h - fq's own words for people: the statuses, deadlines, event
 * kinds, roles, channels (--via) and lapses of fq-lifecycle(7), which
 * the data and every format for programs keep as they are ("open",
 * "reply", "transferred"), shown in the language of the messages
 * ("办理中", "答复", "转办").
 */
#ifndef FQ_WORDS_H
#define FQ_WORDS_H

/*
 * The word for people: `word` translated when it is one of fq's words,
 * else `word` itself (NULL stays NULL).  Never allocates.
 */
const char *fq_word(const char *word);

/*
 * The same for the few sentences fq writes into an event's text itself
 * ("the guest is not satisfied"): a note anyone typed is shown as it is.
 */
const char *fq_phrase(const char *text);

#endif
