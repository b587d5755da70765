-- The assessment of deputies' performance of duties (issue 11; DL 58, R14): posts and
-- group leaders in the registry, self-declared entries and their kinds, correction
-- requests, versioned schemes, runs with scores, ratings, objections, awards, duty reports
-- with ballots, work appraisals, and what each congress publishes.
--
-- Codes in CHECK constraints are those of the contract crate's enums
-- (openapi/src/assessments); the server maps them through ToSql/FromSql.

-- A post a deputy holds in the congress for the term (chairperson, …): a quota may
-- exclude posts from the selection of outstanding deputies.
ALTER TABLE mandates ADD COLUMN post text
    CHECK (post IN ('chairperson', 'vice_chairperson', 'presidium_member', 'group_leader'));

-- A deputy group's leader (组长) rates the group's members in an assessment.
ALTER TABLE deputy_groups ADD COLUMN leader_deputy_id uuid REFERENCES deputies (id) ON DELETE SET NULL;

-- 履职登记类别, per congress.
CREATE TABLE entry_kinds (
    id uuid PRIMARY KEY,
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE CASCADE,
    code text NOT NULL CHECK (code ~ '^[a-z0-9_]{1,40}$'),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    section text NOT NULL CHECK (section IN ('basic', 'meetings', 'inspections_research', 'training',
        'group_activities', 'suggestions_motions', 'duty_reports_supervision', 'awards', 'other')),
    is_active boolean NOT NULL DEFAULT true,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (congress_id, code)
);

-- 履职登记: a deputy's own entry, approved or rejected by the office.
CREATE TABLE performance_entries (
    id uuid PRIMARY KEY,
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE CASCADE,
    deputy_id uuid NOT NULL REFERENCES deputies (id) ON DELETE CASCADE,
    kind_id uuid NOT NULL REFERENCES entry_kinds (id) ON DELETE RESTRICT,
    occurred_on date NOT NULL,
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    content text NOT NULL DEFAULT '' CHECK (length(content) <= 5000),
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'recalled')),
    review_note text,
    reviewed_by uuid REFERENCES users (id) ON DELETE SET NULL,
    reviewed_at timestamptz,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (status <> 'rejected' OR review_note IS NOT NULL)
);
CREATE INDEX performance_entries_deputy ON performance_entries (deputy_id, occurred_on);
CREATE INDEX performance_entries_queue ON performance_entries (congress_id, status, id);
CREATE INDEX performance_entries_updated ON performance_entries (congress_id, updated_at, id);

CREATE TABLE entry_attachments (
    id uuid PRIMARY KEY,
    entry_id uuid NOT NULL REFERENCES performance_entries (id) ON DELETE CASCADE,
    file_name text NOT NULL,
    content_type text NOT NULL,
    size_bytes bigint NOT NULL,
    sha256 bytea NOT NULL,
    content bytea NOT NULL,
    uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
    uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entry_attachments_of ON entry_attachments (entry_id, uploaded_at);

-- 纠错申请 (错重漏): a deputy asks the office to correct a line of their record.
CREATE TABLE correction_requests (
    id uuid PRIMARY KEY,
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE CASCADE,
    deputy_id uuid NOT NULL REFERENCES deputies (id) ON DELETE CASCADE,
    claim_type text NOT NULL CHECK (claim_type IN ('attendance', 'other')),
    activity_id uuid REFERENCES activities (id) ON DELETE CASCADE,
    claimed_status text CHECK (claimed_status IN ('present', 'late', 'on_leave')),
    recorded_status text,
    reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected', 'withdrawn')),
    resolution_note text,
    resolved_by uuid REFERENCES users (id) ON DELETE SET NULL,
    resolved_at timestamptz,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((claim_type = 'attendance') = (activity_id IS NOT NULL AND claimed_status IS NOT NULL))
);
CREATE INDEX correction_requests_queue ON correction_requests (congress_id, status, id);
CREATE INDEX correction_requests_deputy ON correction_requests (deputy_id, status);

-- 考核细则: one row per version; `definition` is the contract's SchemeDefinition, checked
-- by the server before it is written. A version used by a run is frozen.
CREATE TABLE assessment_schemes (
    id uuid PRIMARY KEY,
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    number integer NOT NULL DEFAULT 1 CHECK (number >= 1),
    previous_id uuid REFERENCES assessment_schemes (id) ON DELETE SET NULL,
    template text,
    notes text,
    definition jsonb NOT NULL,
    frozen boolean NOT NULL DEFAULT false,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assessment_schemes_congress ON assessment_schemes (congress_id, year, id);

-- 考核: a run of a scheme over a term's deputies for a period.
CREATE TABLE assessment_runs (
    id uuid PRIMARY KEY,
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE CASCADE,
    term_id uuid NOT NULL REFERENCES terms (id) ON DELETE CASCADE,
    scheme_id uuid NOT NULL REFERENCES assessment_schemes (id) ON DELETE RESTRICT,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    period_kind text NOT NULL CHECK (period_kind IN ('year', 'quarter')),
    period_from date NOT NULL,
    period_to date NOT NULL,
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'frozen', 'cancelled')),
    publish_to_all boolean NOT NULL DEFAULT false,
    objections_until date,
    computed_at timestamptz,
    published_at timestamptz,
    frozen_at timestamptz,
    -- The quota's proposal at freezing (OutstandingProposal).
    proposal jsonb,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (period_from <= period_to)
);
CREATE INDEX assessment_runs_congress ON assessment_runs (congress_id, period_from, id);

-- The computed score of each deputy in a run (the snapshot a frozen run keeps).
CREATE TABLE assessment_scores (
    run_id uuid NOT NULL REFERENCES assessment_runs (id) ON DELETE CASCADE,
    deputy_id uuid NOT NULL REFERENCES deputies (id) ON DELETE CASCADE,
    mandate_id uuid NOT NULL REFERENCES mandates (id) ON DELETE CASCADE,
    total double precision NOT NULL,
    rank integer NOT NULL,
    grade text NOT NULL CHECK (grade IN ('excellent', 'good', 'fair', 'poor')),
    -- DeputyScore as the contract defines it (items with their explanations).
    score jsonb NOT NULL,
    PRIMARY KEY (run_id, deputy_id)
);
CREATE INDEX assessment_scores_rank ON assessment_scores (run_id, rank, deputy_id);
CREATE INDEX assessment_scores_deputy ON assessment_scores (deputy_id);

-- Group scores of a run (GroupScore), kept with the scores.
CREATE TABLE assessment_group_scores (
    run_id uuid NOT NULL REFERENCES assessment_runs (id) ON DELETE CASCADE,
    deputy_group_id uuid NOT NULL REFERENCES deputy_groups (id) ON DELETE CASCADE,
    total double precision NOT NULL,
    rank integer NOT NULL,
    score jsonb NOT NULL,
    PRIMARY KEY (run_id, deputy_group_id)
);

-- One rater's score of one deputy at one stage.
CREATE TABLE assessment_ratings (
    id uuid PRIMARY KEY,
    run_id uuid NOT NULL REFERENCES assessment_runs (id) ON DELETE CASCADE,
    deputy_id uuid NOT NULL REFERENCES deputies (id) ON DELETE CASCADE,
    stage text NOT NULL CHECK (stage IN ('self', 'group', 'presidium', 'office')),
    rater_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    score double precision NOT NULL CHECK (score >= 0 AND score <= 100),
    comment text CHECK (length(comment) <= 500),
    rated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (run_id, deputy_id, stage, rater_id)
);
CREATE INDEX assessment_ratings_run ON assessment_ratings (run_id, deputy_id);

-- 异议
CREATE TABLE assessment_objections (
    id uuid PRIMARY KEY,
    run_id uuid NOT NULL REFERENCES assessment_runs (id) ON DELETE CASCADE,
    deputy_id uuid NOT NULL REFERENCES deputies (id) ON DELETE CASCADE,
    item_key text,
    text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'dismissed', 'withdrawn')),
    resolution text,
    adjustment double precision CHECK (adjustment BETWEEN -100 AND 100),
    resolved_by uuid REFERENCES users (id) ON DELETE SET NULL,
    resolved_at timestamptz,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (adjustment IS NULL OR status = 'upheld')
);
CREATE INDEX assessment_objections_run ON assessment_objections (run_id, status);

-- 表彰: outstanding deputies and groups.
CREATE TABLE awards (
    id uuid PRIMARY KEY,
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('outstanding_deputy', 'outstanding_group')),
    deputy_id uuid REFERENCES deputies (id) ON DELETE CASCADE,
    deputy_group_id uuid REFERENCES deputy_groups (id) ON DELETE CASCADE,
    run_id uuid REFERENCES assessment_runs (id) ON DELETE SET NULL,
    year integer NOT NULL,
    rank integer,
    total double precision,
    status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'confirmed', 'declined')),
    awarded_on date,
    document_no text CHECK (length(document_no) <= 50),
    decline_reason text,
    decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
    decided_at timestamptz,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'outstanding_deputy') = (deputy_id IS NOT NULL)),
    CHECK ((kind = 'outstanding_group') = (deputy_group_id IS NOT NULL)),
    CHECK (status <> 'confirmed' OR (awarded_on IS NOT NULL AND document_no IS NOT NULL))
);
CREATE INDEX awards_congress ON awards (congress_id, year, status);
CREATE INDEX awards_deputy ON awards (deputy_id) WHERE deputy_id IS NOT NULL;

-- 述职: one deputy's report at a duty-report activity, with the ballots.
CREATE TABLE duty_reports (
    id uuid PRIMARY KEY,
    activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    deputy_id uuid NOT NULL REFERENCES deputies (id) ON DELETE CASCADE,
    constituency text,
    audience integer NOT NULL CHECK (audience BETWEEN 0 AND 100000),
    form text NOT NULL CHECK (form IN ('oral', 'written')),
    satisfied integer CHECK (satisfied >= 0),
    basically_satisfied integer CHECK (basically_satisfied >= 0),
    dissatisfied integer CHECK (dissatisfied >= 0),
    invalid integer CHECK (invalid >= 0),
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (activity_id, deputy_id),
    CHECK ((satisfied IS NULL) = (basically_satisfied IS NULL)
       AND (satisfied IS NULL) = (dissatisfied IS NULL)
       AND (satisfied IS NULL) = (invalid IS NULL))
);
CREATE INDEX duty_reports_deputy ON duty_reports (deputy_id);

-- 工作评议
CREATE TABLE work_appraisals (
    id uuid PRIMARY KEY,
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE CASCADE,
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    year integer NOT NULL,
    period_from date NOT NULL,
    period_to date NOT NULL,
    plan_discussed_on date,
    plan text,
    stage text NOT NULL DEFAULT 'plan' CHECK (stage IN ('plan', 'self_check', 'investigation',
        'appraisal_meeting', 'rectification', 'second_ballot', 'closed')),
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (period_from <= period_to)
);

CREATE TABLE work_appraisal_units (
    appraisal_id uuid NOT NULL REFERENCES work_appraisals (id) ON DELETE CASCADE,
    handling_org_id uuid NOT NULL REFERENCES handling_orgs (id) ON DELETE RESTRICT,
    self_check_report text,
    investigation_notes text,
    -- Ballots as [satisfied, basically_satisfied, dissatisfied, invalid].
    first_ballot integer[] CHECK (first_ballot IS NULL OR cardinality(first_ballot) = 4),
    opinions text,
    issues text[] NOT NULL DEFAULT '{}',
    rectification_due date,
    rectification_report text,
    second_ballot integer[] CHECK (second_ballot IS NULL OR cardinality(second_ballot) = 4),
    PRIMARY KEY (appraisal_id, handling_org_id)
);

CREATE TABLE work_appraisal_team (
    appraisal_id uuid NOT NULL REFERENCES work_appraisals (id) ON DELETE CASCADE,
    deputy_id uuid NOT NULL REFERENCES deputies (id) ON DELETE CASCADE,
    PRIMARY KEY (appraisal_id, deputy_id)
);
CREATE INDEX work_appraisal_team_deputy ON work_appraisal_team (deputy_id);

-- What a congress publishes (PublicationSettings as JSON; absent: not published).
CREATE TABLE publication_settings (
    congress_id uuid PRIMARY KEY REFERENCES congresses (id) ON DELETE CASCADE,
    settings jsonb NOT NULL,
    version integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now()
);
