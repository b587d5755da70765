-- Attachments of suggestions (by their authors while a draft, or by the office) and of
-- replies (by the replying organisation while the reply is a draft), stored like activity
-- documents: checked type, content in bytea, the user's name only as a label.
CREATE TABLE suggestion_attachments (
    id            uuid PRIMARY KEY,
    suggestion_id uuid NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
    reply_id      uuid REFERENCES suggestion_replies (id) ON DELETE CASCADE,
    file_name     text NOT NULL,
    content_type  text NOT NULL,
    size_bytes    bigint NOT NULL,
    sha256        bytea NOT NULL,
    content       bytea NOT NULL,
    uploaded_by   uuid REFERENCES users (id),
    uploaded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX suggestion_attachments_of ON suggestion_attachments (suggestion_id, uploaded_at);
