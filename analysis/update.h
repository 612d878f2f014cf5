/* update.h - carry a profile over to a new build of its program (pure:
 * no I/O): keep the data of the functions whose code did not change.
 *
 * A function of the profile is matched to the code of the new build by
 * name, as libvitprof names functions: "name", or "unit.c:name" (maybe
 * with "@+0xOFFSET") for a copy of a static function, which only the copy
 * of that unit matches (profile_symbol_name). With exactly one match, it
 * is valid when both checksums are given and equal, changed when they
 * differ. It is gone when the new build has no such function, and
 * unverified when the profile gives no checksum, the new build cannot
 * compute one, several functions match, or code without a symbol is named
 * by its address ("module+0x1f0").
 */
#ifndef VITTE_UPDATE_H
#define VITTE_UPDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct profile;

/* One function of the new build (strings borrowed). */
struct update_code {
	const char *name;     /* its plain name, as the runtime gives it */
	const char *unit;     /* what qualifies a copy: "unit.c"; may be NULL */
	const char *checksum; /* "" or NULL when unknown */
};

enum update_state { UPDATE_VALID, UPDATE_CHANGED, UPDATE_GONE, UPDATE_UNVERIFIED, UPDATE_STATES };

struct update_result {
	struct profile *profile; /* owned, finalized */
	uint8_t *state;		 /* owned: enum update_state per function of the old profile */
	uint32_t n[UPDATE_STATES];
	uint64_t self_ns[UPDATE_STATES]; /* the old profile's self time, by state */
};

/* Match the functions of old (finalized, borrowed) to the n functions of
 * the new build, and make out->profile: old restricted (analysis/curate.h)
 * to its valid functions, and with keep_changed its changed and unverified
 * ones too (gone ones never), every kept counter and checksum as it was.
 * Free with update_result_free(). */
void update_profile(const struct profile *old, const struct update_code *code, size_t n,
		    bool keep_changed, struct update_result *out);

void update_result_free(struct update_result *r);

/* The name the state is reported by ("valid", "changed", "gone", "unverified"). */
const char *update_state_name(enum update_state s);

#endif
