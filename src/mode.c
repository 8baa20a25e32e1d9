/* mode: the stack of modes — pushing, popping, drawing and ticking them
 * in order.  Data model: a linked list from the top mode down (struct
 * mode.below); each mode owns its state, freed through its ops when it
 * is popped.  What a mode is, and how to add one, is in mode.h. */
#include "mahdar/mode.h"

#include "mahdar/util.h"

#include <stdlib.h>

struct mode *mode_push(struct mode **top, const struct mode_ops *ops, void *state)
{
	struct mode *m = xcalloc(1, sizeof *m);
	m->ops = ops;
	m->state = state;
	m->below = *top;
	*top = m;
	return m;
}

void mode_pop(struct mode **top, struct mode *m)
{
	int found = m == NULL;
	for (struct mode *x = *top; x != NULL && !found; x = x->below)
		found = x == m;
	while (found && *top != NULL) {
		struct mode *x = *top;
		int last = x == m;
		*top = x->below;
		if (x->ops->free != NULL)
			x->ops->free(x->state);
		free(x);
		if (last)
			break;
	}
}

void mode_draw_all(struct mode *top, struct editor *ed, struct view_frame *f)
{
	if (top == NULL)
		return;
	mode_draw_all(top->below, ed, f);
	if (top->ops->draw != NULL)
		top->ops->draw(ed, top, f);
}

int mode_tick_all(struct mode *top, struct editor *ed)
{
	int wait = -1;
	for (struct mode *m = top; m != NULL; m = m->below) {
		int w = m->ops->tick != NULL ? m->ops->tick(ed, m) : -1;
		if (w >= 0 && (wait < 0 || w < wait))
			wait = w;
	}
	return wait;
}
