/* review: what happens to minutes after the meeting, on the document —
 * carrying open actions into the next minutes, approval, amendments.
 * Pure: no files; the CLI (cli-review.c) reads and saves. */
#ifndef MAHDAR_REVIEW_H
#define MAHDAR_REVIEW_H

#include "mahdar/doc.h"

/* Fill d, a fresh skeleton (txt_skeleton) in prev's language, from prev:
 * every person of prev's attendance (present, apologies, guests) listed as
 * present; an agenda item "follow-up of the previous meeting's actions";
 * each still-open action of prev as a recommendation with its owner and
 * due date, its sidecar "from" set to from_id (prev's meeting id).
 * Returns the number of actions carried. */
size_t review_carry_over(struct doc *d, const struct doc *prev, const char *from_id);

/* Mark d final, approved on date on by name.  -1 and *cause when d is
 * final already. */
int review_finalize(struct doc *d, const char *on, const char *by, char **cause);

/* Record a dated amendment of final minutes (on: ISO date; by may be
 * NULL).  -1 and *cause when d is not final or reason is empty. */
int review_amend(struct doc *d, const char *on, const char *by, const char *reason, char **cause);

#endif
