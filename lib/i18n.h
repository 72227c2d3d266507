/*
 * i18n.h - the language of what fq says to people (GNU gettext, domain
 * "fq"; the catalogues are po/LANG.po).
 *
 * Messages are translated where they are shown, not where they are
 * written: fq_fail(), fq_fail_more() and fq_warn() (err.c) translate
 * their format, the view layer its formats, titles and column heads, and
 * cmd/fq.c the usage and the list of commands.  Only text composed
 * before it reaches one of those needs _() at its call site; a literal
 * that is not a call's format (a column head in an initializer) needs
 * N_() or a line in po/extract.sh.  Machine output - TSV, CSV and JSON
 * keys, event kinds, exit codes - is never translated.
 *
 * The language follows the locale as gettext has it (LANGUAGE, then
 * LC_ALL, LC_MESSAGES, LANG), with two additions: a locale the machine
 * lacks (zh_CN.UTF-8 is often not generated) still chooses its language,
 * and when none of the four variables is set (as under cron) the
 * policy's `language` is the site's default.
 */
#ifndef FQ_I18N_H
#define FQ_I18N_H

#include <libintl.h>

/* Translates a message now. */
#define _(s) gettext(s)
/* Marks a message for xgettext; it is translated where it is shown. */
#define N_(s) (s)

/*
 * Sets the locale's character classes and language and binds the "fq"
 * catalogue: call it once at the start with NULL.  Called again with the
 * policy's language (NULL or "" for none), it makes that the language
 * when the environment names none.  Never fails: without a catalogue fq
 * speaks English.
 */
void i18n_init(const char *site_language);

/*
 * Makes `lang` ("zh_CN", "en") the language of the messages until
 * i18n_pop(), whatever the environment names, for text composed for
 * someone else (a mail to a staff member).  NULL or "" keeps the
 * language as it is.  Works under any locale, "C" included (cron); one
 * push at a time, each undone by one pop.  Never fails: a language
 * without a catalogue is English.
 */
void i18n_push(const char *lang);
/* The language as it was before i18n_push(). */
void i18n_pop(void);

/* gettext(s), but NULL and "" as they are (gettext("") is the header). */
const char *i18n_text(const char *s);

/* 1 when `s` is a language gettext could use: "zh_CN", "zh", "en_GB". */
int i18n_valid_language(const char *s);

#endif
