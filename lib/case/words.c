/*
 * words.c - fq's own words for people (words.h).
 *
 * Only the words listed here are translated: a cell or a line that
 * holds anything else (a guest's text, a word of a later version) is
 * shown as it is.
 */
#include <string.h>

#include "i18n.h"
#include "words.h"

static const char *const words[] = {
	/* statuses */
	N_("open"), N_("replied"), N_("closed"), N_("declined"),
	/* deadlines */
	N_("accept"), N_("reply"), N_("resolve"), N_("promise"),
	/* event kinds */
	N_("logged"), N_("transferred"), N_("accepted"), N_("followed"),
	N_("called_back"), N_("escalated"), N_("signed"), N_("reopened"),
	N_("waiting"), N_("resumed"), N_("amended"), N_("promised"),
	N_("notified"), N_("repaired"),
	/* roles */
	N_("owner"), N_("handler"),
	/* channels (--via) */
	N_("desk"), N_("phone"), N_("online"), N_("letter"), N_("other"),
	/* the time a limit counts (fq policy simulate) */
	N_("working"), N_("wall"),
	/* lapses (fq report --lapses) */
	N_("late_holding"), N_("refusal_unsigned"), N_("callback_missing"),
	N_("promise_broken"), N_("forbidden_answer"), N_("owner_no_follow_up"),
	/* where fq search found the words, besides an event's kind */
	N_("summary"), N_("details"), N_("name"), N_("room"), /* "phone" */
};

/*
 * The sentences fq itself writes into an event's text (lifecycle.c), in
 * English as recorded and hashed; shown in the language of the messages.
 */
static const char *const phrases[] = {
	N_("the guest is not satisfied"),
	N_("major case: escalated as it was logged"),
};

const char *
fq_word(const char *word)
{
	size_t i;

	for (i = 0; word && i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(word, words[i]))
			return _(words[i]);
	return word;
}

const char *
fq_phrase(const char *text)
{
	size_t i;

	for (i = 0; text && i < sizeof(phrases) / sizeof(phrases[0]); i++)
		if (!strcmp(text, phrases[i]))
			return _(phrases[i]);
	return text;
}
