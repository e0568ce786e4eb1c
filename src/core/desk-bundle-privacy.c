/* desk-bundle-privacy.c — what a bundle carries: the privacy levels, and which fields
 * of each kind the writer puts in at each level (the reader keeps its own value of a
 * field the writer leaves out)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-bundle"

#include "config.h"

#include "desk-bundle-private.h"

#include <string.h>

#include "desk-i18n.h"

/* Privacy levels */

const char *
desk_privacy_to_string (DeskPrivacy level)
{
  switch (level)
    {
    case DESK_PRIVACY_PSEUDONYMOUS:
      return "pseudonymous";
    case DESK_PRIVACY_NAMED:
      return "named";
    case DESK_PRIVACY_AGGREGATE:
    default:
      return "aggregate";
    }
}

gboolean
desk_privacy_from_string (const char  *text,
                          DeskPrivacy *level)
{
  for (DeskPrivacy l = DESK_PRIVACY_AGGREGATE; l <= DESK_PRIVACY_NAMED; l++)
    if (g_strcmp0 (text, desk_privacy_to_string (l)) == 0)
      {
        *level = l;
        return TRUE;
      }

  return FALSE;
}

const char *
desk_privacy_label (DeskPrivacy level)
{
  switch (level)
    {
    case DESK_PRIVACY_PSEUDONYMOUS:
      return _("Pseudonymous");
    case DESK_PRIVACY_NAMED:
      return _("Named with consent");
    case DESK_PRIVACY_AGGREGATE:
    default:
      return _("Counts only");
    }
}

const char *
desk_bundle_describe_privacy (DeskPrivacy level)
{
  switch (level)
    {
    case DESK_PRIVACY_PSEUDONYMOUS:
      return _("The bundle holds every participant as a record with an identifier, "
               "gender, pillar and organisation, and who attended which workshop, but "
               "no names, phone numbers or e-mail addresses. Member organisations are "
               "sent without their contact people, and attached files only when they are "
               "not marked as holding personal data.");
    case DESK_PRIVACY_NAMED:
      return _("The bundle holds the names of the participants who agreed to be named, "
               "and the contact people of the member organisations; the other "
               "participants are sent without their names. Phone numbers and e-mail "
               "addresses of participants are never sent. Every attached file is sent, "
               "those marked as holding personal data too.");
    case DESK_PRIVACY_AGGREGATE:
    default:
      return _("The bundle holds, for each workshop, only how many people of each "
               "pillar and gender attended: no list of participants and no names. "
               "Member organisations are sent without their contact people, and attached "
               "files only when they are not marked as holding personal data.");
    }
}

/* Field rules shared with the reader */

DeskBundleFieldRule
_desk_bundle_field_rule (const DeskKind  *kind,
                         const DeskField *field,
                         DeskPrivacy      privacy)
{
  /* A nominee is a person: an aggregate bundle names no person, not even by UUID. */
  if (kind == DESK_KIND_NOMINATION && g_str_equal (field->name, "person_uuid"))
    return privacy == DESK_PRIVACY_AGGREGATE ? DESK_BUNDLE_FIELD_NEVER : DESK_BUNDLE_FIELD_ALWAYS;

  if ((field->flags & DESK_FIELD_PRIVATE) == 0)
    return DESK_BUNDLE_FIELD_ALWAYS;

  if (privacy != DESK_PRIVACY_NAMED)
    return DESK_BUNDLE_FIELD_NEVER;

  /* Of a participant only the name, and only with consent; the folded name is derived. */
  if (kind == DESK_KIND_PERSON)
    return g_str_equal (field->name, "name") ? DESK_BUNDLE_FIELD_IF_CONSENT
                                             : DESK_BUNDLE_FIELD_NEVER;

  return DESK_BUNDLE_FIELD_ALWAYS;
}

char *
_desk_bundle_narrative_base (const DeskField  *field,
                             const char      **lang)
{
  gsize len = strlen (field->name);

  if ((field->flags & DESK_FIELD_NARRATIVE) == 0 || len < 4)
    return NULL;

  if (g_str_has_suffix (field->name, "_en"))
    *lang = "en";
  else if (g_str_has_suffix (field->name, "_zh"))
    *lang = "zh";
  else
    return NULL;

  return g_strndup (field->name, len - 3);
}

/* Attachments */

gboolean
_desk_bundle_attachment_in_bundle (const char  *owner_kind,
                                   gboolean     personal,
                                   DeskPrivacy  privacy)
{
  const DeskKind *kind = desk_kind_lookup (owner_kind);

  /* A file goes only with a record the bundle carries. */
  if (kind == NULL || !_desk_bundle_kind_in_bundle (kind, privacy))
    return FALSE;

  /* A file marked as holding personal data (a signed sheet, photos of participants)
   * leaves the laptop only in a bundle the coordinator chose to send names in. */
  return privacy == DESK_PRIVACY_NAMED || !personal;
}

/* The counts of a bundle, shared by the writer and the preview */

const char *
_desk_bundle_count_kind (guint index)
{
  if (index == COUNT_ATTENDANCE_COUNTS)
    return "attendance_counts";
  if (index == COUNT_TOMBSTONE)
    return "tombstone";
  if (index == COUNT_ATTACHMENT)
    return "attachment";
  return desk_kind_all ()[index]->name;
}

gboolean
desk_bundle_kind_is_record (const char *kind)
{
  return kind != NULL && !g_str_equal (kind, _desk_bundle_count_kind (COUNT_TOMBSTONE)) &&
         !g_str_equal (kind, "amendment");
}

const char *
_desk_bundle_count_label (guint index)
{
  static const char *const labels[] = {
    N_("Group"), N_("Members"), N_("Workplans"), N_("Activities"), N_("Deliverables"),
    N_("Indicators"), N_("Indicator values"), N_("Budget lines"), N_("Budget revisions"),
    N_("Expenses"), N_("Funding receipts"), N_("Exchange rates"), N_("Workshops"),
    N_("Participants"), N_("Attendance records"), N_("Plenary nominations"),
    N_("Workshops with attendance counts"), N_("Deletions"), N_("Attachments"),
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (labels) == N_COUNTS);

  return _(labels[index]);
}

gboolean
_desk_bundle_kind_in_bundle (const DeskKind *kind,
                             DeskPrivacy     privacy)
{
  return privacy != DESK_PRIVACY_AGGREGATE ||
         (kind != DESK_KIND_PERSON && kind != DESK_KIND_ATTENDANCE);
}
