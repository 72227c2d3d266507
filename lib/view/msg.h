/*
 * msg.h - the sentences the view layer writes on its own, in one place,
 * marked for xgettext; the view translates them as it prints them:
 * _(MSG_NO_CASES).
 */
#ifndef FQ_MSG_H
#define FQ_MSG_H

#include "i18n.h"

/* An empty list of cases, in a table on a terminal. */
#define MSG_NO_CASES N_("no cases match")

#endif
