/* context.h - growing a calling-context tree by the one rule every
 * producer follows (docs/vitprof-format.md, "Contexts").
 *
 * A call of function f made from context P (PF_NONE: no caller, a root)
 * runs in the context that context_enter() returns:
 * 1. the child of P for f, when P has one;
 * 2. else, when f is P's function or one of P's ancestors' (a direct or
 *    indirect recursive call), that context: recursion folds onto the
 *    outermost activation, so no path holds a function twice;
 * 3. else a new child of P for f, when the tree has fewer than
 *    PF_CONTEXT_MAX_NODES contexts and P is less than PF_CONTEXT_MAX_DEPTH
 *    deep (a root is at depth 1);
 * 4. else P itself (PF_NONE when P is PF_NONE): the call is charged to its
 *    caller's context as self time, and not counted.
 * A producer adds one to the calls of the returned context only when its
 * function is f (cases 1 to 3): so calls counts entries, recursive ones
 * included, like a function's calls. Steps 1 and 2 cannot both match (a
 * child is only ever made for a function not on the path), so a runtime
 * may try them in either order.
 */
#ifndef VITTE_CONTEXT_H
#define VITTE_CONTEXT_H

#include <stdint.h>

#include "src/base/vector.h"

#define PF_CONTEXT_MAX_NODES 65536
#define PF_CONTEXT_MAX_DEPTH 256

struct profile;

struct context_builder {
	struct profile *p; /* borrowed: the contexts are added to p->contexts */
	struct ctx_slot {
		uint32_t parent, func, id; /* id: context id + 1, 0 = empty */
	} * slots;			   /* open addressing over (parent, func) */
	uint32_t cap;			   /* a power of two */
	VEC(uint32_t) depth;		   /* per context: 1 for a root */
	uint64_t full;			   /* calls that found the tree full (case 4) */
};

/* Start growing p's contexts (those it has are indexed first; p may be
 * unfinalized, each parent before its children). Free with
 * context_builder_free(), which leaves p's contexts in place. */
void context_builder_init(struct context_builder *b, struct profile *p);
void context_builder_free(struct context_builder *b);

/* The context a call of func from parent runs in, by the rule above;
 * PF_NONE only for a root that found the tree full. */
uint32_t context_enter(struct context_builder *b, uint32_t parent, uint32_t func);

#endif
