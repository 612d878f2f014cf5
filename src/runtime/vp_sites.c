/* vp_sites.c - branch and loop sites: the compiler ABI out of line, and
 * the list of sites hit so far.
 *
 * A site registers itself the first time it is hit, by a compare-and-swap
 * on its own flag and a push on a lock-free list; after that, recording
 * is one increment of a counter in the site.
 */
#include "src/runtime/vp_internal.h"

#include <stddef.h>

#define VP_PUBLIC __attribute__((visibility("default"), no_instrument_function))

static struct vitprof_site *vp_sites; /* a lock-free stack */

VP_PUBLIC void vitprof_site_register(struct vitprof_site *site)
{
	uint32_t expected = 0;
	struct vitprof_site *head;

	if (!site || !__atomic_compare_exchange_n(&site->registered, &expected, 1, false,
						  __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		return;
	head = __atomic_load_n(&vp_sites, __ATOMIC_RELAXED);
	do
		site->next = head;
	while (!__atomic_compare_exchange_n(&vp_sites, &head, site, true, __ATOMIC_RELEASE,
					    __ATOMIC_RELAXED));
}

VP_PUBLIC int vitprof_branch(struct vitprof_site *site, int taken)
{
	return vitprof__branch(site, taken);
}

VP_PUBLIC void vitprof_loop_enter(struct vitprof_site *site)
{
	vitprof__loop_enter(site);
}

VP_PUBLIC void vitprof_loop_iter(struct vitprof_site *site)
{
	vitprof__loop_iter(site);
}

void vp_sites_each(void (*fn)(struct vitprof_site *s, void *arg), void *arg)
{
	struct vitprof_site *s;

	for (s = __atomic_load_n(&vp_sites, __ATOMIC_ACQUIRE); s; s = s->next)
		fn(s, arg);
}

void vp_sites_reset(void)
{
	struct vitprof_site *s;

	for (s = vp_sites; s; s = s->next)
		s->count[0] = s->count[1] = 0;
}
