-- Deputies' suggestions, criticisms and opinions (issue 5): handling organisations and
-- their users, the category taxonomy, per-congress deadline settings, the working-day
-- calendar, suggestions with co-signers, referrals, consultations, replies, feedback and
-- the history of every transition.

-- The official calendar of public holidays and adjusted working days (调休). Days not
-- listed follow the week: Monday to Friday work, Saturday and Sunday rest. Updatable
-- through PUT /api/v1/working-calendar/{year}.
CREATE TABLE working_calendar (
    day date PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name text NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- 承办单位: a government department or other body that handles suggestions.
CREATE TABLE handling_orgs (
    id uuid PRIMARY KEY,
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE RESTRICT,
    name text NOT NULL CHECK (length(name) > 0),
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (congress_id, name)
);

-- A user of role handling_org acts for exactly this organisation; without one it sees nothing.
ALTER TABLE users ADD COLUMN handling_org_id uuid REFERENCES handling_orgs (id) ON DELETE RESTRICT;

-- The category taxonomy (up to three levels), per congress; a congress uses its own
-- categories and those of the congresses above it.
CREATE TABLE suggestion_categories (
    id uuid PRIMARY KEY,
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE CASCADE,
    parent_id uuid REFERENCES suggestion_categories (id) ON DELETE CASCADE,
    level integer NOT NULL CHECK (level BETWEEN 1 AND 3),
    name text NOT NULL CHECK (length(name) > 0),
    is_active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((level = 1) = (parent_id IS NULL))
);
CREATE UNIQUE INDEX suggestion_categories_path
    ON suggestion_categories (congress_id, COALESCE(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), name);

-- Local-practice limits, per congress (defaults from DOMAIN.md when no row exists).
CREATE TABLE suggestion_settings (
    congress_id uuid PRIMARY KEY REFERENCES congresses (id) ON DELETE CASCADE,
    referral_working_days integer NOT NULL DEFAULT 7 CHECK (referral_working_days BETWEEN 1 AND 60),
    return_working_days integer NOT NULL DEFAULT 7 CHECK (return_working_days BETWEEN 1 AND 60),
    rehandling_months integer NOT NULL DEFAULT 1 CHECK (rehandling_months BETWEEN 1 AND 6),
    due_soon_days integer NOT NULL DEFAULT 7 CHECK (due_soon_days BETWEEN 1 AND 90),
    max_rehandling_rounds integer NOT NULL DEFAULT 1 CHECK (max_rehandling_rounds BETWEEN 0 AND 5),
    version integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE suggestions (
    id uuid PRIMARY KEY,
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE RESTRICT,
    lead_deputy_id uuid NOT NULL REFERENCES deputies (id) ON DELETE RESTRICT,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    kind text NOT NULL CHECK (kind IN ('suggestion', 'criticism', 'opinion')),
    title text NOT NULL CHECK (length(title) > 0),
    content text NOT NULL,
    category_id uuid REFERENCES suggestion_categories (id) ON DELETE RESTRICT,
    session_activity_id uuid REFERENCES activities (id) ON DELETE SET NULL,
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'accepted',
        'not_accepted', 'withdrawn', 'referred', 'returned', 'in_progress', 'extended', 'replied',
        'rated', 'rehandling', 'closed')),
    not_accepted_code text CHECK (not_accepted_code IN ('personal_matter', 'court_case', 'forwarded_letter', 'other')),
    not_accepted_reason text,
    wide_ranging boolean NOT NULL DEFAULT false,
    is_key boolean NOT NULL DEFAULT false,
    forwarded_to text,
    external_reference text,
    round integer NOT NULL DEFAULT 1 CHECK (round >= 1),
    submitted_on date,
    referral_due date,
    referred_on date,
    reply_due_base date,
    extension_months integer NOT NULL DEFAULT 0 CHECK (extension_months BETWEEN 0 AND 3),
    reply_due date,
    rehandling_due date,
    -- the deadline that applies in the current state (referral, reply or re-handling);
    -- overdue and due-soon are derived from it
    due_on date,
    closed_on date,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (status <> 'not_accepted' OR not_accepted_reason IS NOT NULL)
);
CREATE INDEX suggestions_congress ON suggestions (congress_id, status, id);
CREATE INDEX suggestions_lead ON suggestions (lead_deputy_id);
CREATE INDEX suggestions_due ON suggestions (due_on) WHERE due_on IS NOT NULL;

-- The lead deputy (role lead, confirmed on creation) and co-signers, who each confirm.
CREATE TABLE suggestion_signers (
    suggestion_id uuid NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
    deputy_id uuid NOT NULL REFERENCES deputies (id) ON DELETE RESTRICT,
    role text NOT NULL CHECK (role IN ('lead', 'co')),
    confirmed_at timestamptz,
    PRIMARY KEY (suggestion_id, deputy_id)
);
CREATE INDEX suggestion_signers_deputy ON suggestion_signers (deputy_id);

-- Every transition: who, when, from, to, note.
CREATE TABLE suggestion_events (
    id uuid PRIMARY KEY,
    suggestion_id uuid NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
    from_status text,
    to_status text NOT NULL,
    action text NOT NULL,
    actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
    actor_role text NOT NULL,
    note text,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX suggestion_events_suggestion ON suggestion_events (suggestion_id, at, id);

CREATE TABLE suggestion_referrals (
    id uuid PRIMARY KEY,
    suggestion_id uuid NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
    handling_org_id uuid NOT NULL REFERENCES handling_orgs (id) ON DELETE RESTRICT,
    role text NOT NULL CHECK (role IN ('lead', 'co')),
    referred_on date NOT NULL,
    return_due date NOT NULL,
    returned_at timestamptz,
    return_reason text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX suggestion_referrals_org ON suggestion_referrals (handling_org_id, suggestion_id) WHERE returned_at IS NULL;
CREATE UNIQUE INDEX suggestion_referrals_active ON suggestion_referrals (suggestion_id, handling_org_id) WHERE returned_at IS NULL;

-- 面商 and other consultations with the deputy.
CREATE TABLE suggestion_consultations (
    id uuid PRIMARY KEY,
    suggestion_id uuid NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
    handling_org_id uuid REFERENCES handling_orgs (id) ON DELETE RESTRICT,
    form text NOT NULL CHECK (form IN ('face_to_face', 'phone', 'site_visit', 'forum', 'other')),
    held_on date NOT NULL,
    met_by text NOT NULL CHECK (length(met_by) > 0),
    notes text,
    recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE suggestion_replies (
    id uuid PRIMARY KEY,
    suggestion_id uuid NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
    -- null for a reply recorded by the office for an item forwarded to the upper level
    handling_org_id uuid REFERENCES handling_orgs (id) ON DELETE RESTRICT,
    round integer NOT NULL CHECK (round >= 1),
    result_class text NOT NULL CHECK (result_class IN ('A', 'B', 'C', 'D')),
    body text NOT NULL CHECK (length(body) > 0),
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent')),
    sent_at timestamptz,
    author_id uuid REFERENCES users (id) ON DELETE SET NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX suggestion_replies_suggestion ON suggestion_replies (suggestion_id, id);

CREATE TABLE suggestion_feedback (
    id uuid PRIMARY KEY,
    suggestion_id uuid NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
    deputy_id uuid NOT NULL REFERENCES deputies (id) ON DELETE RESTRICT,
    round integer NOT NULL,
    attitude text NOT NULL CHECK (attitude IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
    result text NOT NULL CHECK (result IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
    comment text,
    rated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (suggestion_id, deputy_id, round)
);

-- The State Council's arrangements (国务院办公厅关于部分节假日安排的通知) for 2024
-- (国办发明电〔2023〕7号), 2025 (国办发明电〔2024〕12号) and 2026 (国办发明电〔2025〕7号,
-- published November 2025; entered from the notice as recalled, to be checked against the
-- published text and corrected through the API if needed).
INSERT INTO working_calendar (day, kind, name)
SELECT d::date, 'holiday', n FROM (VALUES
    ('2024-01-01', '2024-01-01', '元旦'),
    ('2024-02-10', '2024-02-17', '春节'),
    ('2024-04-04', '2024-04-06', '清明节'),
    ('2024-05-01', '2024-05-05', '劳动节'),
    ('2024-06-10', '2024-06-10', '端午节'),
    ('2024-09-15', '2024-09-17', '中秋节'),
    ('2024-10-01', '2024-10-07', '国庆节'),
    ('2025-01-01', '2025-01-01', '元旦'),
    ('2025-01-28', '2025-02-04', '春节'),
    ('2025-04-04', '2025-04-06', '清明节'),
    ('2025-05-01', '2025-05-05', '劳动节'),
    ('2025-05-31', '2025-06-02', '端午节'),
    ('2025-10-01', '2025-10-08', '国庆节、中秋节'),
    ('2026-01-01', '2026-01-03', '元旦'),
    ('2026-02-15', '2026-02-23', '春节'),
    ('2026-04-04', '2026-04-06', '清明节'),
    ('2026-05-01', '2026-05-05', '劳动节'),
    ('2026-06-19', '2026-06-21', '端午节'),
    ('2026-09-25', '2026-09-27', '中秋节'),
    ('2026-10-01', '2026-10-07', '国庆节')
) AS h (first, last, n), generate_series(first::date, last::date, interval '1 day') AS d;

INSERT INTO working_calendar (day, kind, name) VALUES
    ('2024-02-04', 'workday', '春节调休上班'),
    ('2024-02-18', 'workday', '春节调休上班'),
    ('2024-04-07', 'workday', '清明节调休上班'),
    ('2024-04-28', 'workday', '劳动节调休上班'),
    ('2024-05-11', 'workday', '劳动节调休上班'),
    ('2024-09-14', 'workday', '中秋节调休上班'),
    ('2024-09-29', 'workday', '国庆节调休上班'),
    ('2024-10-12', 'workday', '国庆节调休上班'),
    ('2025-01-26', 'workday', '春节调休上班'),
    ('2025-02-08', 'workday', '春节调休上班'),
    ('2025-04-27', 'workday', '劳动节调休上班'),
    ('2025-09-28', 'workday', '国庆节调休上班'),
    ('2025-10-11', 'workday', '国庆节调休上班'),
    ('2026-01-04', 'workday', '元旦调休上班'),
    ('2026-02-14', 'workday', '春节调休上班'),
    ('2026-02-28', 'workday', '春节调休上班'),
    ('2026-05-09', 'workday', '劳动节调休上班'),
    ('2026-09-20', 'workday', '国庆节调休上班'),
    ('2026-10-10', 'workday', '国庆节调休上班');
