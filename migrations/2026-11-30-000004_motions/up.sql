-- Motions (议案, R5; OL 22): from the presidium, the government, or at least 5 township
-- deputies jointly; subject (案由), grounds (案据) and proposed solution (方案).

CREATE TABLE motions (
    id uuid PRIMARY KEY,
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE RESTRICT,
    session_activity_id uuid REFERENCES activities (id) ON DELETE SET NULL,
    proposer_kind text NOT NULL CHECK (proposer_kind IN ('presidium', 'government', 'deputies')),
    lead_deputy_id uuid REFERENCES deputies (id) ON DELETE RESTRICT,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    subject text NOT NULL CHECK (length(subject) > 0),
    grounds text NOT NULL,
    proposal text NOT NULL,
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'on_agenda',
        'not_on_agenda', 'adopted', 'rejected', 'withdrawn')),
    decision_note text,
    suggestion_id uuid REFERENCES suggestions (id) ON DELETE SET NULL,
    submitted_on date,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((proposer_kind = 'deputies') = (lead_deputy_id IS NOT NULL))
);
CREATE INDEX motions_congress ON motions (congress_id, status, id);

-- The lead deputy (confirmed on creation) and the joint proposers, who each confirm.
CREATE TABLE motion_signers (
    motion_id uuid NOT NULL REFERENCES motions (id) ON DELETE CASCADE,
    deputy_id uuid NOT NULL REFERENCES deputies (id) ON DELETE RESTRICT,
    role text NOT NULL CHECK (role IN ('lead', 'co')),
    confirmed_at timestamptz,
    PRIMARY KEY (motion_id, deputy_id)
);
CREATE INDEX motion_signers_deputy ON motion_signers (deputy_id);

CREATE TABLE motion_events (
    id uuid PRIMARY KEY,
    motion_id uuid NOT NULL REFERENCES motions (id) ON DELETE CASCADE,
    from_status text,
    to_status text NOT NULL,
    action text NOT NULL,
    actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
    actor_role text NOT NULL,
    note text,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX motion_events_motion ON motion_events (motion_id, at, id);
