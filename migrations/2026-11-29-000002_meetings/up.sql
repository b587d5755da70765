-- Sessions, meetings and activities with attendance (issue 4).
-- Times are timestamptz; business dates are taken in the congress's time zone
-- (congresses.time_zone, default Asia/Shanghai).

-- An activity of the office's calendar. A row with `rrule` is a recurring series
-- (its starts_at/ends_at are the first occurrence); a row with `series_id` is one
-- occurrence of a series taken out of it to be moved, cancelled or attended
-- (`occurrence_start` is the start the rule gave it, RFC 5545 RECURRENCE-ID).
CREATE TABLE activities (
    id uuid PRIMARY KEY,
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE RESTRICT,
    term_id uuid REFERENCES terms (id) ON DELETE RESTRICT,
    kind text NOT NULL CHECK (kind IN ('session', 'presidium_meeting', 'training', 'inspection',
        'research', 'law_enforcement_inspection', 'forum', 'reception_day', 'liaison_day',
        'dual_contact_visit', 'duty_report')),
    title text NOT NULL CHECK (length(title) > 0),
    organiser_kind text NOT NULL CHECK (organiser_kind IN ('congress', 'presidium', 'deputy_group', 'liaison_station')),
    organiser_group_id uuid REFERENCES deputy_groups (id) ON DELETE RESTRICT,
    organiser_name text,
    place text,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    description text,
    topics text[] NOT NULL DEFAULT '{}',
    status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'notified', 'held', 'summarised', 'archived', 'cancelled')),
    summary text,
    outcomes text,
    cancel_reason text,
    session_kind text CHECK (session_kind IN ('regular', 'temporary')),
    session_number integer CHECK (session_number > 0),
    requested_by_count integer CHECK (requested_by_count >= 0),
    rrule text,
    series_id uuid REFERENCES activities (id) ON DELETE CASCADE,
    occurrence_start timestamptz,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at >= starts_at),
    CHECK ((kind = 'session') = (session_kind IS NOT NULL)),
    CHECK (kind <> 'session' OR term_id IS NOT NULL),
    CHECK (session_kind IS DISTINCT FROM 'temporary' OR requested_by_count IS NOT NULL),
    CHECK (organiser_kind <> 'deputy_group' OR organiser_group_id IS NOT NULL),
    CHECK (rrule IS NULL OR series_id IS NULL),
    CHECK ((series_id IS NULL) = (occurrence_start IS NULL)),
    UNIQUE (series_id, occurrence_start)
);
CREATE INDEX activities_congress_start ON activities (congress_id, starts_at, id);
CREATE INDEX activities_series ON activities (congress_id) WHERE rrule IS NOT NULL;
CREATE INDEX activities_term_kind ON activities (term_id, kind);

-- Who is invited and how they attended. `capacity` is `member` for a deputy of the
-- activity's congress (counted for quorum), `observer` (列席) for anyone else: a deputy of
-- another level, or a person who is not a deputy (deputy_id NULL, observer_name set).
CREATE TABLE attendances (
    id uuid PRIMARY KEY,
    activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    deputy_id uuid REFERENCES deputies (id) ON DELETE CASCADE,
    capacity text NOT NULL CHECK (capacity IN ('member', 'observer')),
    observer_name text,
    observer_affiliation text,
    status text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'present', 'late', 'on_leave', 'absent')),
    checked_in_at timestamptz,
    note text,
    recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (deputy_id IS NOT NULL OR (capacity = 'observer' AND observer_name IS NOT NULL))
);
CREATE UNIQUE INDEX attendances_deputy ON attendances (activity_id, deputy_id) WHERE deputy_id IS NOT NULL;
CREATE INDEX attendances_by_deputy ON attendances (deputy_id, activity_id);

-- Leave of absence (请假, DL 13): asked by the deputy or recorded by staff, decided by staff.
CREATE TABLE leave_requests (
    id uuid PRIMARY KEY,
    activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    deputy_id uuid NOT NULL REFERENCES deputies (id) ON DELETE CASCADE,
    reason text NOT NULL CHECK (length(reason) > 0),
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
    requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
    requested_at timestamptz NOT NULL DEFAULT now(),
    decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
    decided_at timestamptz,
    decision_note text,
    version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX leave_requests_open ON leave_requests (activity_id, deputy_id) WHERE status IN ('pending', 'approved');
CREATE INDEX leave_requests_deputy ON leave_requests (deputy_id);

-- Agenda items of a session and the votes taken on them.
CREATE TABLE agenda_items (
    id uuid PRIMARY KEY,
    activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    position integer NOT NULL CHECK (position > 0),
    title text NOT NULL CHECK (length(title) > 0),
    kind text NOT NULL CHECK (kind IN ('report', 'resolution', 'election', 'other')),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (activity_id, position)
);

CREATE TABLE votes (
    id uuid PRIMARY KEY,
    agenda_item_id uuid NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    subject text NOT NULL CHECK (length(subject) > 0),
    office text CHECK (office IN ('chairperson', 'vice_chairperson', 'presidium_member', 'township_head', 'deputy_township_head')),
    candidate_deputy_id uuid REFERENCES deputies (id) ON DELETE SET NULL,
    yes integer NOT NULL CHECK (yes >= 0),
    no integer NOT NULL CHECK (no >= 0),
    abstain integer NOT NULL CHECK (abstain >= 0),
    recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX votes_item ON votes (agenda_item_id);

-- DL 62: two absences from sessions without approved leave flag the mandate for the
-- credentials committee. Nothing is terminated; staff clear a flag with a note.
CREATE TABLE credentials_flags (
    id uuid PRIMARY KEY,
    mandate_id uuid NOT NULL REFERENCES mandates (id) ON DELETE CASCADE,
    deputy_id uuid NOT NULL REFERENCES deputies (id) ON DELETE CASCADE,
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE CASCADE,
    term_id uuid NOT NULL REFERENCES terms (id) ON DELETE CASCADE,
    session_ids uuid[] NOT NULL,
    raised_at timestamptz NOT NULL DEFAULT now(),
    cleared_at timestamptz,
    cleared_by uuid REFERENCES users (id) ON DELETE SET NULL,
    clear_note text,
    UNIQUE (mandate_id, session_ids)
);
CREATE INDEX credentials_flags_congress ON credentials_flags (congress_id, cleared_at);

-- Subscribable iCalendar feeds; the token is in the URL and stored only as its SHA-256.
CREATE TABLE calendar_feeds (
    id uuid PRIMARY KEY,
    token_hash bytea NOT NULL UNIQUE,
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE CASCADE,
    deputy_id uuid REFERENCES deputies (id) ON DELETE CASCADE,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

-- Documents of an activity (notices, materials, minutes, photos), stored in the database.
CREATE TABLE activity_documents (
    id uuid PRIMARY KEY,
    activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    file_name text NOT NULL,
    content_type text NOT NULL,
    size_bytes bigint NOT NULL,
    sha256 bytea NOT NULL,
    content bytea NOT NULL,
    uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
    uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activity_documents_activity ON activity_documents (activity_id);
