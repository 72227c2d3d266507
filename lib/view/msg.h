/*
 * msg.h - the sentences the view layer writes on its own, in one place
 * for the translation to come (gettext: each will become _("...")).
 */
#ifndef FQ_MSG_H
#define FQ_MSG_H

/* An empty list of cases, in a table on a terminal. */
#define MSG_NO_CASES "no cases match"

#endif
