/* bench-scale.h — the large generated group at 1×, 2× and 4×, and how a figure grows
 *
 * GLib and core only, so that the bundle benchmark (groupdesk-bench-export) and the
 * window's (bench-growth.c in groupdesk-bench) share it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The scales every growth figure is measured at, in order. */
#define BENCH_N_SCALES 3
extern const guint bench_scales[BENCH_N_SCALES];

/* WORKDIR/large.db for @factor 1, else WORKDIR/large-Nx.db: @factor times the large
 * group (2,000 activities, 20,000 people, 80,000 attendances per 1×), generated with
 * seed 1 the first time it is asked for and reused after. Exits when it cannot. */
char *bench_scaled_db   (const char *workdir,
                         guint       factor);

/* Prints how @what grows from 1× to 2× to 4× (@values[i] at bench_scales[i], in @unit):
 * the two ratios to 1× and "linear or better" when they are at most 2.2× and 4.4×. */
void  report_growth     (const char   *what,
                         const double *values,
                         const char   *unit);

G_END_DECLS
