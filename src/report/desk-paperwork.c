/* desk-paperwork.c — sign-in sheets, badges and certificates drawn with cairo and Pango
 *
 * What the pages print comes from core (desk_paperwork_data_new); here it is only laid
 * out. The words printed on the pages are in the group's languages, whatever language
 * the interface speaks, so they are written here in English and Chinese rather than
 * looked up through gettext; only the messages a user of the program reads are
 * translated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-paperwork"

#include "config.h"

#include "desk-paperwork.h"
#include "desk-paperwork-private.h"
#include "desk-report-render-private.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <unistd.h>

#include "desk-error.h"
#include "desk-file.h"
#include "desk-paperwork-data.h"


/* Sign-in sheet */
#define SHEET_MARGIN 36.0
#define SHEET_ROW 30.0
#define SHEET_FOOTER 22.0
#define SHEET_TEXT 8.0

/* Badges: 90 × 60 mm, 2 × 4 on a page. */
#define BADGE_W 255.0
#define BADGE_H 170.0
#define BADGE_COLUMNS 2
#define BADGE_ROWS 4
#define BADGE_PAD 12.0
#define BADGE_QR 100.0
#define CUT_GAP 4.0
#define CUT_LENGTH 14.0

static const DeskWords words_sign_in = { "Sign-in sheet", "签到表" };
static const DeskWords words_consent = { "Consents to be named", "同意具名" };
static const DeskWords words_signature = { "Signature", "签名" };
static const DeskWords words_yes = { "Yes", "是" };
static const DeskWords words_certificate = { "Certificate of attendance", "参会证书" };
static const DeskWords words_certifies = { "This is to certify that", "兹证明" };
static const DeskWords words_attended = { "attended the workshop", "参加了研讨会" };

/* Text */

/* A cell or a badge has room for so much (@height in points, or below -1 a number of
 * lines): the rest is cut with "…"; a long name may break inside a word. */
static PangoLayout *
text_layout (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold,
             double      width,
             double      height)
{
  return _desk_pdf_text_layout (cr, text, size, bold, width, PANGO_WRAP_WORD_CHAR, height);
}

/* Draws @text at (@x, @y) within @width (centred when asked); returns its height. */
static double
draw_text (cairo_t    *cr,
           const char *text,
           double      size,
           gboolean    bold,
           double      x,
           double      y,
           double      width,
           double      height,
           gboolean    centred)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text, size, bold, width, height);
  int w, h;

  if (centred)
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);

  return (double) h / PANGO_SCALE;
}

char *
_desk_words_in (DeskPaperworkData *data,
                const DeskWords   *words,
                const char        *joiner)
{
  if (data->english && data->chinese)
    return g_strconcat (words->en, joiner, words->zh, NULL);
  return g_strdup (data->chinese ? words->zh : words->en);
}

/* A record's bilingual text in the group's languages: both when they differ. */
static char *
pair_in (DeskPaperworkData *data,
         char              *const pair[2],
         const char        *joiner)
{
  if (data->english && data->chinese && g_strcmp0 (pair[0], pair[1]) != 0)
    return g_strconcat (pair[0], joiner, pair[1], NULL);
  return g_strdup (data->chinese ? pair[1] : pair[0]);
}

static char *
page_number (DeskPaperworkData *data,
             guint              page,
             guint              pages)
{
  g_autofree char *en = g_strdup_printf ("Page %u of %u", page, pages);
  g_autofree char *zh = g_strdup_printf ("第 %u 页，共 %u 页", page, pages);

  if (data->english && data->chinese)
    return g_strconcat (en, " · ", zh, NULL);
  return g_strdup (data->chinese ? zh : en);
}

/* Sheets: a table under the workshop's header */

/* The header of every page; returns where the table starts. */
static double
sheet_draw_header (cairo_t   *cr,
                   DeskSheet *sheet,
                   double     width,
                   gboolean   draw)
{
  DeskPaperworkData *data = sheet->paper->data;
  g_autofree char *title = _desk_words_in (data, sheet->title, " · ");
  g_autofree char *group = pair_in (data, data->group_name, " · ");
  g_autofree char *workshop = pair_in (data, data->title, " · ");
  g_autofree char *when = data->place[0] != '\0'
                          ? g_strconcat (data->dates, " · ", data->place, NULL)
                          : g_strdup (data->dates);
  const char *lines[] = { title, workshop, group, when };
  const double sizes[] = { 9, 14, 10, 10 };
  double y = SHEET_MARGIN;

  /* Measured the same way whether drawn or not, so that every page's table starts where
   * the count of rows a page holds assumed. */
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(PangoLayout) layout = text_layout (cr, lines[i], sizes[i], i == 1, width,
                                                   i == 0 ? -1 : 2.6 * sizes[i]);
      int w, h;

      pango_layout_get_size (layout, &w, &h);
      if (draw)
        {
          cairo_move_to (cr, SHEET_MARGIN, y);
          pango_cairo_show_layout (cr, layout);
        }
      y += (double) h / PANGO_SCALE;
    }

  return y + 8;
}

static double
sheet_header_height (cairo_t   *cr,
                     DeskSheet *sheet,
                     double     table_width)
{
  double height = 0;

  for (guint c = 0; c < sheet->n_columns; c++)
    {
      g_autofree char *text = sheet->header (sheet, c);
      g_autoptr(PangoLayout) layout = text_layout (cr, text, SHEET_TEXT, TRUE,
                                                   table_width * sheet->columns[c].share - 6, -1);
      int w, h;

      pango_layout_get_size (layout, &w, &h);
      height = MAX (height, (double) h / PANGO_SCALE + 6);
    }

  return height;
}

/* A cell's text in at most two lines, in a smaller size when two lines of the usual one
 * are taller than the row (the CJK font's lines are tall), cut with "…" at the end. */
static void
sheet_draw_cell (cairo_t    *cr,
                 const char *text,
                 double      x,
                 double      y,
                 double      width,
                 double      height,
                 gboolean    bold,
                 gboolean    right)
{
  for (double size = SHEET_TEXT; ; size -= 1)
    {
      g_autoptr(PangoLayout) layout = text_layout (cr, text, size, bold, width, -2);
      int w, h;

      pango_layout_get_size (layout, &w, &h);
      if ((double) h / PANGO_SCALE <= height || size <= SHEET_TEXT - 2)
        {
          if ((double) h / PANGO_SCALE > height)
            {
              g_clear_object (&layout);
              layout = text_layout (cr, text, size, bold, width, height);
            }
          if (right)
            pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
          cairo_move_to (cr, x, y);
          pango_cairo_show_layout (cr, layout);
          return;
        }
    }
}

static void
sheet_draw_page (cairo_t   *cr,
                 DeskSheet *sheet,
                 guint      first,
                 guint      rows,
                 guint      page,
                 guint      pages)
{
  DeskPaper *paper = sheet->paper;
  double width = paper->width - 2 * SHEET_MARGIN;
  double top = sheet_draw_header (cr, sheet, width, TRUE);
  double header_h = sheet_header_height (cr, sheet, width);
  double x = SHEET_MARGIN;
  g_autofree char *footer = page_number (paper->data, page + 1, pages);
  /* The totals row follows the last person, on the last page only. */
  gboolean last = page + 1 == pages;
  guint filled = MIN (rows, sheet->rows->len > first ? sheet->rows->len - first : 0);
  guint drawn = sheet->blank_rows ? rows
                : filled + (last && sheet->total != NULL ? 1 : 0);

  cairo_set_line_width (cr, 0.6);
  for (guint c = 0; c < sheet->n_columns; c++)
    {
      double w = width * sheet->columns[c].share;
      gboolean right = sheet->columns[c].numeric;
      g_autofree char *text = sheet->header (sheet, c);

      cairo_rectangle (cr, x, top, w, header_h);
      cairo_stroke (cr);
      draw_text (cr, text, SHEET_TEXT, TRUE, x + 3, top + 3, w - 6, -1, FALSE);
      for (guint r = 0; r < drawn; r++)
        {
          double y = top + header_h + r * SHEET_ROW;

          cairo_rectangle (cr, x, y, w, SHEET_ROW);
          cairo_stroke (cr);
          if (r < filled)
            sheet_draw_cell (cr, sheet->cell (sheet, g_ptr_array_index (sheet->rows, first + r), c),
                             x + 3, y + 2, w - 6, SHEET_ROW - 4, FALSE, right);
          else if (r == filled && last && sheet->total != NULL)
            sheet_draw_cell (cr, sheet->total (sheet, c), x + 3, y + 2, w - 6, SHEET_ROW - 4,
                             TRUE, right);
        }
      x += w;
    }

  draw_text (cr, footer, 8, FALSE, SHEET_MARGIN, paper->height - SHEET_MARGIN, width, -1, TRUE);
}

/* How many rows fit under the header, above the page number. */
static guint
sheet_rows_per_page (cairo_t   *cr,
                     DeskSheet *sheet)
{
  double width = sheet->paper->width - 2 * SHEET_MARGIN;
  double top = sheet_draw_header (cr, sheet, width, FALSE) + sheet_header_height (cr, sheet, width);
  double room = sheet->paper->height - SHEET_MARGIN - SHEET_FOOTER - top;

  return MAX (1, (guint) (room / SHEET_ROW));
}

guint
_desk_sheet_draw (cairo_t   *cr,
                  DeskSheet *sheet)
{
  guint per_page = sheet_rows_per_page (cr, sheet);
  guint rows = sheet->rows->len + (sheet->total != NULL ? 1 : 0);
  guint pages = MAX (1, (rows + per_page - 1) / per_page);

  for (guint page = 0; page < pages; page++)
    {
      sheet_draw_page (cr, sheet, page * per_page, per_page, page, pages);
      cairo_show_page (cr);
    }

  return pages;
}

/* Sign-in sheet */

typedef struct
{
  int column;   /* a DeskSigninColumn, or -1: consent, -2: signature */
} SigninColumn;

static const SigninColumn signin_columns[] = {
  { DESK_SIGNIN_COLUMN_NAME },
  { DESK_SIGNIN_COLUMN_ORGANISATION },
  { DESK_SIGNIN_COLUMN_PILLAR },
  { DESK_SIGNIN_COLUMN_GENDER },
  { DESK_SIGNIN_COLUMN_ROLE },
  { DESK_SIGNIN_COLUMN_PHONE },
  { DESK_SIGNIN_COLUMN_EMAIL },
  { -1 },
  { -2 },
};

static const DeskSheetColumn signin_layout[G_N_ELEMENTS (signin_columns)] = {
  { 0.15, FALSE }, { 0.16, FALSE }, { 0.09, FALSE }, { 0.06, FALSE }, { 0.09, FALSE },
  { 0.10, FALSE }, { 0.14, FALSE }, { 0.08, FALSE }, { 0.13, FALSE },
};

static char *
signin_header (DeskSheet *sheet,
               guint      c)
{
  DeskPaperworkData *data = sheet->paper->data;
  int column = signin_columns[c].column;
  DeskWords words;

  if (column == -1)
    return _desk_words_in (data, &words_consent, "\n");
  if (column == -2)
    return _desk_words_in (data, &words_signature, "\n");
  words.en = desk_paperwork_signin_header (column, "en");
  words.zh = desk_paperwork_signin_header (column, "zh");
  return _desk_words_in (data, &words, "\n");
}

static const char *
signin_cell (DeskSheet *sheet,
             gpointer   row,
             guint      c)
{
  DeskPaperworkData *data = sheet->paper->data;
  DeskPaperworkPerson *person = row;

  switch (signin_columns[c].column)
    {
    case DESK_SIGNIN_COLUMN_NAME: return person->name;
    case DESK_SIGNIN_COLUMN_ORGANISATION: return person->organisation;
    case DESK_SIGNIN_COLUMN_PILLAR: return person->pillar;
    case DESK_SIGNIN_COLUMN_GENDER: return person->gender;
    case DESK_SIGNIN_COLUMN_ROLE: return person->role;
    case DESK_SIGNIN_COLUMN_PHONE: return person->phone;
    case DESK_SIGNIN_COLUMN_EMAIL: return person->email;
    case -1: return person->consent_named ? (data->chinese && !data->english ? words_yes.zh
                                                                              : words_yes.en)
                                          : "";
    default: return "";
    }
}

typedef enum
{
  PEOPLE_ATTENDED,   /* certificates */
  PEOPLE_EXPECTED,   /* badges: registered or attended */
  PEOPLE_INVITED,    /* the sign-in sheet: invited too, who may come without confirming */
} PeopleChoice;

/* The people a sheet, badges or certificates are printed for. */
static GPtrArray *
people_with_status (DeskPaperworkData *data,
                    PeopleChoice       choice)
{
  GPtrArray *people = g_ptr_array_new ();

  for (guint i = 0; i < data->people->len; i++)
    {
      DeskPaperworkPerson *person = g_ptr_array_index (data->people, i);

      if (g_strcmp0 (person->status, "attended") == 0 ||
          (choice != PEOPLE_ATTENDED && g_strcmp0 (person->status, "registered") == 0) ||
          (choice == PEOPLE_INVITED && g_strcmp0 (person->status, "invited") == 0))
        g_ptr_array_add (people, person);
    }

  return people;
}

static void
signin_draw (cairo_t  *cr,
             gpointer  user_data)
{
  DeskPaper *paper = user_data;
  g_autoptr(GPtrArray) people = people_with_status (paper->data, PEOPLE_INVITED);
  DeskSheet sheet = {
    .paper = paper,
    .title = &words_sign_in,
    .columns = signin_layout,
    .n_columns = G_N_ELEMENTS (signin_layout),
    .header = signin_header,
    .cell = signin_cell,
    .rows = people,
    .blank_rows = TRUE,
  };

  _desk_sheet_draw (cr, &sheet);
}

/* Badges */

/* The QR code of @text as dark squares in the square (@x, @y, @size), a white quiet
 * zone of four modules included. */
static void
draw_qr (cairo_t    *cr,
         const char *text,
         double      x,
         double      y,
         double      size)
{
  QRcode *qr = QRcode_encodeString (text, 0, QR_ECLEVEL_Q, QR_MODE_8, 1);
  double module;

  if (qr == NULL)
    return;

  module = size / (qr->width + 8);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  /* Modules with hard edges: grey seams between them, where a module's edge falls
   * inside a printer's or a scanner's pixel, make the code harder to read. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < qr->width; row++)
    for (int col = 0; col < qr->width; col++)
      if (qr->data[row * qr->width + col] & 1)
        cairo_rectangle (cr, x + (col + 4) * module, y + (row + 4) * module, module, module);
  cairo_fill (cr);
  cairo_restore (cr);

  QRcode_free (qr);
}

/* Short lines outside the grid where each cut goes, so that the sheet is cut with a
 * guillotine or a ruler without drawing on the badges. */
static void
draw_cut_marks (cairo_t *cr,
                double   x0,
                double   y0)
{
  double x1 = x0 + BADGE_COLUMNS * BADGE_W, y1 = y0 + BADGE_ROWS * BADGE_H;

  cairo_save (cr);
  cairo_set_line_width (cr, 0.5);
  for (guint c = 0; c <= BADGE_COLUMNS; c++)
    {
      double x = x0 + c * BADGE_W;

      cairo_move_to (cr, x, y0 - CUT_GAP);
      cairo_line_to (cr, x, y0 - CUT_GAP - CUT_LENGTH);
      cairo_move_to (cr, x, y1 + CUT_GAP);
      cairo_line_to (cr, x, y1 + CUT_GAP + CUT_LENGTH);
    }
  for (guint r = 0; r <= BADGE_ROWS; r++)
    {
      double y = y0 + r * BADGE_H;

      cairo_move_to (cr, x0 - CUT_GAP, y);
      cairo_line_to (cr, x0 - CUT_GAP - CUT_LENGTH, y);
      cairo_move_to (cr, x1 + CUT_GAP, y);
      cairo_line_to (cr, x1 + CUT_GAP + CUT_LENGTH, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
badge_draw (cairo_t             *cr,
            DeskPaper               *paper,
            DeskPaperworkPerson *person,
            double               x,
            double               y)
{
  g_autofree char *group = pair_in (paper->data, paper->data->group_name, " · ");
  double text_w = BADGE_W - 3 * BADGE_PAD - BADGE_QR;
  double ty = y + BADGE_PAD;
  double qx = x + BADGE_W - BADGE_PAD - BADGE_QR;
  double qy = y + (BADGE_H - BADGE_QR) / 2 - 6;

  ty += draw_text (cr, group, 8, FALSE, x + BADGE_PAD, ty, text_w, 22, FALSE) + 10;
  ty += draw_text (cr, person->name, 17, TRUE, x + BADGE_PAD, ty, text_w, 66, FALSE) + 6;
  draw_text (cr, person->organisation, 10, FALSE, x + BADGE_PAD, ty, text_w,
             MAX (12, y + BADGE_H - BADGE_PAD - ty), FALSE);

  draw_qr (cr, person->code, qx, qy, BADGE_QR);
  draw_text (cr, person->code, 8, FALSE, qx, qy + BADGE_QR + 2, BADGE_QR, -1, TRUE);
}

static guint
badges_draw (cairo_t   *cr,
             DeskPaper     *paper,
             GPtrArray *people)
{
  const guint per_page = BADGE_COLUMNS * BADGE_ROWS;
  double x0 = (paper->width - BADGE_COLUMNS * BADGE_W) / 2;
  double y0 = (paper->height - BADGE_ROWS * BADGE_H) / 2;
  guint pages = (people->len + per_page - 1) / per_page;

  for (guint page = 0; page < pages; page++)
    {
      for (guint i = 0; i < per_page && page * per_page + i < people->len; i++)
        badge_draw (cr, paper, g_ptr_array_index (people, page * per_page + i),
                    x0 + (i % BADGE_COLUMNS) * BADGE_W, y0 + (i / BADGE_COLUMNS) * BADGE_H);
      draw_cut_marks (cr, x0, y0);
      cairo_show_page (cr);
    }

  return pages;
}

/* Certificates */

static void
certificate_draw (cairo_t             *cr,
                  DeskPaper               *paper,
                  DeskPaperworkPerson *person)
{
  DeskPaperworkData *data = paper->data;
  double margin = 72;
  double width = paper->width - 2 * margin;
  double y = 80;
  g_autofree char *title = _desk_words_in (data, &words_certificate, "\n");
  g_autofree char *certifies = _desk_words_in (data, &words_certifies, " · ");
  g_autofree char *attended = _desk_words_in (data, &words_attended, " · ");
  g_autofree char *workshop = pair_in (data, data->title, "\n");
  g_autofree char *group = pair_in (data, data->group_name, "\n");

  cairo_save (cr);
  cairo_set_line_width (cr, 2);
  cairo_rectangle (cr, 30, 30, paper->width - 60, paper->height - 60);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 0.6);
  cairo_rectangle (cr, 36, 36, paper->width - 72, paper->height - 72);
  cairo_stroke (cr);
  cairo_restore (cr);

  y += draw_text (cr, title, 26, TRUE, margin, y, width, -1, TRUE) + 18;
  y += draw_text (cr, certifies, 13, FALSE, margin, y, width, -1, TRUE) + 12;
  y += draw_text (cr, person->name, 28, TRUE, margin, y, width, 80, TRUE) + 12;
  y += draw_text (cr, attended, 13, FALSE, margin, y, width, -1, TRUE) + 12;
  y += draw_text (cr, workshop, 17, TRUE, margin, y, width, 90, TRUE) + 8;
  y += draw_text (cr, data->dates, 12, FALSE, margin, y, width, -1, TRUE) + 4;
  if (data->place[0] != '\0')
    y += draw_text (cr, data->place, 12, FALSE, margin, y, width, -1, TRUE);

  /* The group signs at the foot, or right under a long text: never over it. */
  draw_text (cr, group, 13, TRUE, margin, MAX (y + 20, paper->height - 130), width, -1, TRUE);
}

static guint
certificates_draw (cairo_t   *cr,
                   DeskPaper     *paper,
                   GPtrArray *people)
{
  for (guint i = 0; i < people->len; i++)
    {
      certificate_draw (cr, paper, g_ptr_array_index (people, i));
      cairo_show_page (cr);
    }

  return people->len;
}

/* Writing */

gboolean
_desk_paperwork_write (DeskPaperworkData     *data,
                       double                 width,
                       double                 height,
                       const char            *path,
                       DeskPaperworkDrawFunc  draw,
                       gpointer               user_data,
                       GError               **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *title = pair_in (data, data->title, " · ");
  DeskPdfSink sink = { -1, 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  /* Never over the open database, its companions or backups, nor into a device or a
   * pipe: written beside the target under a name of its own, renamed when whole. */
  sink.fd = desk_file_create_temp_beside (path, 0644, &tmp, error);
  if (sink.fd < 0)
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (_desk_pdf_sink_write, &sink, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Groupdesk " PACKAGE_VERSION);
  cr = cairo_create (surface);
  draw (cr, user_data);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status == CAIRO_STATUS_SUCCESS && fsync (sink.fd) != 0)
    {
      sink.saved_errno = errno;
      status = CAIRO_STATUS_WRITE_ERROR;
    }
  close (sink.fd);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp);
      g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                   _("The PDF %s could not be written: %s. Check that the folder is writable "
                     "and the disk has space."), path,
                   sink.saved_errno != 0 ? g_strerror (sink.saved_errno)
                                         : cairo_status_to_string (status));
      return FALSE;
    }

  return desk_file_commit_temp (tmp, path, error);
}

typedef struct
{
  DeskPaper paper;
  DeskPaperworkKind kind;
  GPtrArray *people;
} Job;

static void
job_draw (cairo_t  *cr,
          gpointer  user_data)
{
  Job *job = user_data;

  switch (job->kind)
    {
    case DESK_PAPERWORK_SIGN_IN:
      signin_draw (cr, &job->paper);
      break;
    case DESK_PAPERWORK_BADGES:
      badges_draw (cr, &job->paper, job->people);
      break;
    case DESK_PAPERWORK_CERTIFICATES:
      certificates_draw (cr, &job->paper, job->people);
      break;
    case DESK_PAPERWORK_PAYMENTS:
    default:
      g_assert_not_reached ();
    }
}

gboolean
desk_paperwork_write_pdf (DeskStore          *store,
                          const char         *workshop_uuid,
                          DeskPaperworkKind   kind,
                          const char         *path,
                          GError            **error)
{
  g_autoptr(DeskPaperworkData) data = NULL;
  g_autoptr(GPtrArray) people = NULL;
  Job job;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (workshop_uuid != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!desk_file_check_output (path, error))
    return FALSE;
  if (kind == DESK_PAPERWORK_PAYMENTS)
    return _desk_paperwork_write_payments (store, workshop_uuid, path, error);

  data = desk_paperwork_data_new (store, workshop_uuid, error);
  if (data == NULL)
    return FALSE;

  people = people_with_status (data, kind == DESK_PAPERWORK_CERTIFICATES ? PEOPLE_ATTENDED
                                                                         : PEOPLE_EXPECTED);
  if (kind == DESK_PAPERWORK_BADGES && people->len == 0)
    {
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_INVALID,
                           _("Nobody is registered for this workshop, so there are no badges "
                             "to print. Add people to its list first."));
      return FALSE;
    }
  if (kind == DESK_PAPERWORK_CERTIFICATES && people->len == 0)
    {
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_INVALID,
                           _("Nobody is marked as attended at this workshop, so there are no "
                             "certificates to print. Check people in first."));
      return FALSE;
    }

  job.paper.data = data;
  job.paper.width = kind == DESK_PAPERWORK_BADGES ? DESK_A4_SHORT : DESK_A4_LONG;
  job.paper.height = kind == DESK_PAPERWORK_BADGES ? DESK_A4_LONG : DESK_A4_SHORT;
  job.kind = kind;
  job.people = people;

  return _desk_paperwork_write (data, job.paper.width, job.paper.height, path, job_draw, &job,
                                error);
}
