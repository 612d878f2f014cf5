/* version.h - the release of vitte-pgo. */
#ifndef VITTE_VERSION_H
#define VITTE_VERSION_H

#define VITTE_PGO_VERSION "0.1.0"

#endif
