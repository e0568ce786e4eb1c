/* desk-progress.c — counting a long operation's steps, reporting and hearing "stop"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-progress"

#include "config.h"

#include "desk-progress.h"

/* Steps between two looks: an export writes some 200,000 records a second, so this is
 * about a hundred looks a second, which the window's progress bar throttles again. */
#define EVERY 1024

void
desk_progress_init (DeskProgress     *progress,
                    GCancellable     *cancellable,
                    DeskProgressFunc  func,
                    gpointer          data)
{
  g_return_if_fail (progress != NULL);

  *progress = (DeskProgress) { cancellable, func, data, 0, 0, EVERY, 0.0, 1.0 };
}

void
desk_progress_stage (DeskProgress *progress,
                     guint64       total,
                     double        start,
                     double        span)
{
  g_return_if_fail (progress != NULL);

  progress->done = 0;
  progress->total = total;
  progress->next = EVERY;
  progress->start = start;
  progress->span = span;
  desk_progress_report (progress, start);
}

void
desk_progress_report (DeskProgress *progress,
                      double        fraction)
{
  if (progress != NULL && progress->func != NULL)
    progress->func (CLAMP (fraction, 0.0, 1.0), progress->data);
}

gboolean
desk_progress_check (DeskProgress  *progress,
                     GError       **error)
{
  return !desk_progress_cancelled (progress, error);
}

gboolean
desk_progress_cancelled (DeskProgress  *progress,
                         GError       **error)
{
  if (progress == NULL || progress->cancellable == NULL)
    return FALSE;

  return g_cancellable_set_error_if_cancelled (progress->cancellable, error);
}

static gboolean
look (DeskProgress  *progress,
      GError       **error)
{
  progress->next = progress->done + EVERY;
  /* A cancelled operation stops at once, without a word more about how far it got. */
  if (!desk_progress_check (progress, error))
    return FALSE;
  if (progress->total > 0)
    desk_progress_report (progress, progress->start + progress->span *
                                    MIN (1.0, (double) progress->done / (double) progress->total));

  return TRUE;
}

gboolean
desk_progress_step (DeskProgress  *progress,
                    GError       **error)
{
  if (progress == NULL)
    return TRUE;

  progress->done++;
  if (progress->done < progress->next)
    return TRUE;

  return look (progress, error);
}

gboolean
desk_progress_set (DeskProgress  *progress,
                   guint64        done,
                   GError       **error)
{
  if (progress == NULL)
    return TRUE;

  progress->done = done;
  if (progress->done < progress->next)
    return TRUE;

  return look (progress, error);
}
