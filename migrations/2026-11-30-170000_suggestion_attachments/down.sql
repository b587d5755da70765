DROP TABLE suggestion_attachments;
