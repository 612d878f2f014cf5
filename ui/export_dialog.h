/* export_dialog.h - the browser's export dialog (the e key). */
#ifndef VITTE_UI_EXPORT_DIALOG_H
#define VITTE_UI_EXPORT_DIALOG_H

struct tui;

/* Export the curated profile - the marked functions, or else the rows the
 * hotspots view shows - after asking for the format and the path (with a
 * preview) and, when the file exists, for a confirmation; the write is
 * atomic. The outcome goes to the status bar. */
void export_dialog_run(struct tui *t);

#endif
