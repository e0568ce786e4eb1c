/* desk-checkin-search.c — what a name typed at the door may mean
 *
 * The rows under the entry: first the people whose name is close to what is typed
 * (desk_people_find_similar: the same name in another organisation, or a letter or two
 * off), each with what tells them apart — organisation and pillar — then everyone whose
 * details contain it, then one explicit "Add new person “…”" row. The best person is
 * selected, so Enter checks in someone known; the add row is never selected by itself,
 * so a misspelt name cannot make a second record of someone: it is ↓ (or a click) onto
 * that row, or Ctrl+Enter, that adds a person.
 *
 * A badge's code ("P-1A2B3C4D", desk_person_code), typed by a USB scanner that then
 * presses Enter, offers the one person it names and nothing else, so Enter checks them
 * in at once; a code that names nobody of the group offers nothing, and Enter on it
 * says so and adds nobody (a code is never anyone's name).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-checkin"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "desk-checkin-private.h"
#include "desk-list-access.h"

/* Names shorter than this are still being typed: only the people containing them are
 * offered, not the many a letter or two away. */
#define MIN_SIMILAR_CHARS 3

gboolean
_desk_checkin_is_add_row (gpointer item)
{
  return GTK_IS_STRING_OBJECT (item);
}

static void update_matches (DeskCheckin *self);

/* The people the entry searches: the whole group, read once per group. */
void
_desk_checkin_ensure_people (DeskCheckin *self)
{
  g_clear_handle_id (&self->people_idle, g_source_remove);
  if (self->people != NULL || self->group_uuid == NULL)
    return;

  self->people = desk_record_model_new (self->store, DESK_KIND_PERSON, self->group_uuid);
  /* Read after the first letters were typed: offer them now. */
  if (self->query != NULL)
    update_matches (self);
}

/* The people of a similar name, closest first, noted in self->similar. */
static void
add_similar (DeskCheckin *self,
             const char  *text,
             GPtrArray   *rows)
{
  g_autoptr(GPtrArray) similar = NULL;
  g_autoptr(GError) error = NULL;

  if (self->group_uuid == NULL || g_utf8_strlen (self->query, -1) < MIN_SIMILAR_CHARS)
    return;

  similar = desk_people_find_similar (self->store, self->group_uuid, text, &error);
  if (similar == NULL)
    {
      g_warning ("Could not look for similar names: %s", error->message);
      return;
    }

  for (guint i = 0; i < similar->len; i++)
    {
      DeskRecord *person = g_ptr_array_index (similar, i);

      g_hash_table_add (self->similar, g_strdup (desk_record_get_uuid (person)));
      g_ptr_array_add (rows, g_object_ref (person));
    }
}

/* Everyone else whose details contain the query. */
static void
add_containing (DeskCheckin *self,
                GPtrArray   *rows)
{
  guint n;

  if (self->people == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->people));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) person = g_list_model_get_item (G_LIST_MODEL (self->people), i);

      if (strstr (desk_record_get_search_key (person), self->query) != NULL &&
          !g_hash_table_contains (self->similar, desk_record_get_uuid (person)))
        g_ptr_array_add (rows, g_steal_pointer (&person));
    }
}

/* The person of the group a badge's code names, or NULL. */
static DeskRecord *
person_of_code (DeskCheckin *self,
                const char  *text)
{
  g_autoptr(GError) error = NULL;
  DeskRecord *person;

  if (self->group_uuid == NULL)
    return NULL;

  person = desk_people_find_by_code (self->store, self->group_uuid, text, &error);
  if (error != NULL)
    g_warning ("Could not look for a badge code: %s", error->message);

  return person;
}

/* Enter on a code that names nobody: a message, the code selected so that the next scan
 * replaces it, and nothing added. TRUE when @text was such a code. */
static gboolean
refuse_unknown_code (DeskCheckin *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  g_autoptr(DeskRecord) person = NULL;
  g_autofree char *message = NULL;

  g_strstrip (text);
  if (!desk_person_code_parse (text, NULL))
    return FALSE;
  person = person_of_code (self, text);
  if (person != NULL)
    return FALSE;

  /* Translators: Enter on a badge's code (as printed under its QR code) that is no
   * person's of this group; the code. */
  message = g_strdup_printf (_("No one in this group has the badge code %s. Check that the "
                               "badge was printed for this group, or type the person’s name."),
                             text);
  gtk_label_set_label (self->status_label, message);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);

  return TRUE;
}

/* Fills the rows for the entry's text, in one splice, the best person selected. */
static void
update_matches (DeskCheckin *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  guint people;

  g_hash_table_remove_all (self->similar);
  g_strstrip (text);
  if (self->query != NULL && desk_person_code_parse (text, NULL))
    {
      /* A badge's code: its person alone, or nothing; never an "Add new person" row. */
      DeskRecord *person = person_of_code (self, text);

      if (person != NULL)
        g_ptr_array_add (rows, person);
      people = rows->len;
    }
  else if (self->query != NULL)
    {
      add_similar (self, text, rows);
      add_containing (self, rows);
      people = rows->len;
      g_ptr_array_add (rows, gtk_string_object_new (text));
    }
  else
    people = 0;

  g_list_store_splice (self->matches, 0, g_list_model_get_n_items (G_LIST_MODEL (self->matches)),
                       rows->pdata, rows->len);
  gtk_widget_set_visible (GTK_WIDGET (self->matches_scroller), rows->len > 0);
  gtk_single_selection_set_selected (self->match_selection,
                                     people > 0 ? 0 : GTK_INVALID_LIST_POSITION);
  if (people > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->matches_view), "list.scroll-to-item", "u", 0);
}

void
_desk_checkin_entry_changed_cb (DeskCheckin *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *folded = desk_text_fold_search (text);

  if (folded[0] == '\0')
    g_clear_pointer (&folded, g_free);
  if (g_strcmp0 (folded, self->query) == 0)
    {
      /* The same search, but the add row names what is typed, spaces and all. */
      if (folded != NULL)
        update_matches (self);
      return;
    }
  if (folded != NULL)
    _desk_checkin_ensure_people (self);

  g_free (self->query);
  self->query = g_steal_pointer (&folded);
  update_matches (self);
}

static void
move_match (DeskCheckin *self,
            int          delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->matches));
  guint selected = gtk_single_selection_get_selected (self->match_selection);
  int next;

  if (n == 0)
    return;

  next = selected == GTK_INVALID_LIST_POSITION ? 0 : (int) selected + delta;
  next = CLAMP (next, 0, (int) n - 1);
  gtk_single_selection_set_selected (self->match_selection, (guint) next);
  gtk_widget_activate_action (GTK_WIDGET (self->matches_view), "list.scroll-to-item", "u", (guint) next);
}

static gboolean
entry_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      DeskCheckin           *self)
{
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_match (self, 1);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_match (self, -1);
      return TRUE;

    case GDK_KEY_Page_Down:
      move_match (self, 8);
      return TRUE;

    case GDK_KEY_Page_Up:
      move_match (self, -8);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (refuse_unknown_code (self))
        return TRUE;
      if (state & GDK_CONTROL_MASK)
        {
          _desk_checkin_check_in_typed (self, TRUE);
          return TRUE;
        }
      /* Alt+Enter invites the person picked instead of checking them in. */
      if (state & GDK_ALT_MASK)
        {
          gtk_widget_activate_action (GTK_WIDGET (self), "checkin.invite", NULL);
          return TRUE;
        }
      return FALSE;

    default:
      return FALSE;
    }
}

/* After the view's own Enter (which adds nobody when nothing is offered), a code that
 * names nobody says so in place of "Nobody on record is called …". A scanner's Enter is
 * refused before it gets here (entry_key_pressed_cb); this covers activation by other
 * means. */
static void
entry_activated_cb (DeskCheckin *self)
{
  refuse_unknown_code (self);
}

/* Cells of the matches */

static void
match_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                DeskCheckin              *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *distinction = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (distinction), 1.0f);
  gtk_label_set_ellipsize (GTK_LABEL (distinction), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (distinction, TRUE);
  gtk_widget_add_css_class (distinction, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), distinction);
  gtk_list_item_set_child (item, box);
}

static void
match_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               DeskCheckin              *self)
{
  gpointer row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkLabel *name = GTK_LABEL (gtk_widget_get_first_child (box));
  GtkLabel *distinction = GTK_LABEL (gtk_widget_get_last_child (box));
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;

  if (_desk_checkin_is_add_row (row))
    {
      /* Translators: the row under the check-in entry that adds the typed name as a new
       * person; the name as typed. */
      text = g_strdup_printf (_("Add new person “%s”"), gtk_string_object_get_string (row));
      gtk_label_set_label (name, text);
      /* Translators: the key that chooses the "Add new person" row at once. */
      gtk_label_set_label (distinction, _("Ctrl+Enter"));
      gtk_widget_add_css_class (GTK_WIDGET (name), "accent");
      return;
    }

  /* Organisation and pillar: what tells apart two people of a similar name. */
  gtk_widget_remove_css_class (GTK_WIDGET (name), "accent");
  detail = desk_person_dup_distinction (self->store, row);
  gtk_label_set_label (name, desk_record_get_string (row, "name"));
  gtk_label_set_label (distinction, detail);
}

void
_desk_checkin_search_init (DeskCheckin *self)
{
  GtkEventController *keys;
  GtkListItemFactory *factory;

  self->similar = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->matches = g_list_store_new (G_TYPE_OBJECT);
  self->match_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->matches)));
  gtk_single_selection_set_autoselect (self->match_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->match_selection, TRUE);
  gtk_list_view_set_model (self->matches_view, GTK_SELECTION_MODEL (self->match_selection));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (match_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (match_bind_cb), self);
  desk_list_factory_name_rows (factory);
  gtk_list_view_set_factory (self->matches_view, factory);
  desk_list_view_make_accessible (GTK_WIDGET (self->matches_view));
  g_object_unref (factory);

  /* ↑/↓ move among the matches while the focus stays in the entry. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
  /* Connected after the template's handler, so that it runs after the check-in. */
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (entry_activated_cb), self);
}

void
_desk_checkin_search_dispose (DeskCheckin *self)
{
  g_clear_handle_id (&self->people_idle, g_source_remove);
  g_clear_object (&self->match_selection);
  g_clear_object (&self->matches);
  g_clear_object (&self->people);
  g_clear_pointer (&self->similar, g_hash_table_unref);
}
