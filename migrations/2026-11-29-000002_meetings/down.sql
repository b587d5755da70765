DROP TABLE activity_documents;
DROP TABLE calendar_feeds;
DROP TABLE credentials_flags;
DROP TABLE votes;
DROP TABLE agenda_items;
DROP TABLE leave_requests;
DROP TABLE attendances;
DROP TABLE activities;
