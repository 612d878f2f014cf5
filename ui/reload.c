/* reload.c - R and --follow: the inputs read again, the browser's state
 * (view, selection, marks, weights) kept where the names still are. */
#include "ui/reload.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include "loaders/loader.h"
#include "src/base/alloc.h"
#include "src/base/strbuf.h"
#include "src/model/profile.h"
#include "ui/bars.h"
#include "ui/term.h"
#include "ui/view.h"
#include "ui/viewstack.h"

/* Select the row of v named name, if it has one. */
static void reload_reselect(struct view *v, const char *name)
{
	uint32_t row;
	const char *at;

	if (!name || !v->ops->row_name)
		return;
	at = v->sel < v->nrows ? v->ops->row_name(v, v->sel) : NULL;
	if (at && !strcmp(at, name))
		return;
	for (row = 0; row < v->nrows; row++)
		if ((at = v->ops->row_name(v, row)) && !strcmp(at, name)) {
			v->sel = row;
			return;
		}
}

void reload_inputs(struct tui *t)
{
	struct session *s = &t->s;
	struct profile **fresh = xcalloc(s->n_inputs ? s->n_inputs : 1, sizeof(*fresh));
	struct view *v = tui_current(t);
	const char *sel =
	    v->ops->row_name && v->sel < v->nrows ? v->ops->row_name(v, v->sel) : NULL;
	char *name = sel ? xstrdup(sel) : NULL;
	struct error err;
	uint32_t i;

	for (i = 0; i < s->n_inputs; i++)
		if (loader_load(s->inputs[i].path, NULL, NULL, &fresh[i], &err) != STATUS_OK) {
			tui_message(t, true, "not reloaded: %s", err.text);
			while (i-- > 0)
				profile_free(fresh[i]);
			free(fresh);
			free(name);
			return;
		}
	if (session_reload(s, fresh, &err) != STATUS_OK)
		tui_message(t, true, "%s", err.text);
	else
		tui_message(t, false, "reloaded %u file%s", s->n_inputs,
			    s->n_inputs == 1 ? "" : "s");
	t->read_at = time(NULL);
	t->reloaded = true;
	v->ops->rebuild(v);
	v->generation = s->generation;
	reload_reselect(v, name);
	free(fresh);
	free(name);
}

/* ---- --follow ---- */

bool reload_follow_start(struct tui *t)
{
	uint32_t i;

	t->follow_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (t->follow_fd < 0) {
		tui_message(t, true, "--follow: cannot watch the files: %s", strerror(errno));
		return false;
	}
	for (i = 0; i < t->s.n_inputs; i++) {
		const char *path = t->s.inputs[i].path, *slash = strrchr(path, '/');
		struct strbuf dir = STRBUF_INIT;

		/* the directory: a profile is replaced by a rename */
		if (slash)
			sb_add(&dir, path, slash > path ? (size_t)(slash - path) : 1);
		else
			sb_addc(&dir, '.');
		if (inotify_add_watch(t->follow_fd, sb_str(&dir), IN_CLOSE_WRITE | IN_MOVED_TO) < 0)
			tui_message(t, true, "--follow: cannot watch %s: %s", sb_str(&dir),
				    strerror(errno));
		sb_free(&dir);
	}
	t->reloaded = true; /* the status line says when the data was read */
	return true;
}

/* Whether an event names one of the inputs (by its last component). */
static bool reload_names_input(const struct tui *t, const struct inotify_event *ev)
{
	uint32_t i;

	for (i = 0; ev->len && i < t->s.n_inputs; i++) {
		const char *path = t->s.inputs[i].path, *slash = strrchr(path, '/');

		if (!strcmp(ev->name, slash ? slash + 1 : path))
			return true;
	}
	return false;
}

/* Read the pending events; true when an input was written or replaced. */
static bool reload_changed(struct tui *t)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool changed = false;
	ssize_t n;

	while ((n = read(t->follow_fd, buf, sizeof(buf))) > 0) {
		const char *p = buf;

		while (p < buf + n) {
			const struct inotify_event *ev =
			    (const struct inotify_event *)(const void *)p;

			changed = changed || reload_names_input(t, ev);
			p += sizeof(*ev) + ev->len;
		}
	}
	return changed;
}

int reload_follow_getkey(struct tui *t)
{
	struct pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {t->follow_fd, POLLIN, 0}};

	int key;

	for (;;) {
		/* keys curses has read ahead first: poll does not see them */
		nodelay(stdscr, TRUE);
		key = term_getkey_now();
		nodelay(stdscr, FALSE);
		if (key != ERR || term_signal())
			return key;
		if (poll(fds, 2, -1) < 0 && errno != EINTR)
			return term_getkey();
		if ((fds[1].revents & POLLIN) && reload_changed(t)) {
			reload_inputs(t);
			t->redraw(t);
			refresh();
		}
	}
}

void reload_follow_stop(struct tui *t)
{
	if (t->follow_fd > 0)
		close(t->follow_fd);
	t->follow_fd = 0;
}
