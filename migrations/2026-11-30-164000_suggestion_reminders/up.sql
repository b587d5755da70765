-- Reminders of deadlines (issue 5, item 3): one per suggestion, kind, deadline and
-- recipient (a handling organisation, or the congress office when recipient_org_id is
-- null), written by the reminder sweep and read in the recipients' inboxes.
CREATE TABLE suggestion_reminders (
    id               uuid PRIMARY KEY,
    suggestion_id    uuid NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
    congress_id      uuid NOT NULL REFERENCES congresses (id),
    recipient_org_id uuid REFERENCES handling_orgs (id),
    kind             text NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
    due_on           date NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    read_at          timestamptz
);
-- The sweep may run any number of times: a reminder is written once.
CREATE UNIQUE INDEX suggestion_reminders_once
    ON suggestion_reminders (suggestion_id, kind, due_on, COALESCE(recipient_org_id, '00000000-0000-0000-0000-000000000000'::uuid));
CREATE INDEX suggestion_reminders_inbox ON suggestion_reminders (congress_id, recipient_org_id, read_at);
