-- Local practice (DOMAIN.md): an extension of up to 3 more months in all, "with approval".
-- The lead organisation requests one (months and reason); the office approves it by
-- extending, or refuses it; a request still pending when the lead sends its reply lapses.
-- At most one request is pending per item; decided ones stay as a record.
CREATE TABLE suggestion_extension_requests (
    id uuid PRIMARY KEY,
    suggestion_id uuid NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
    handling_org_id uuid NOT NULL REFERENCES handling_orgs (id) ON DELETE RESTRICT,
    months integer NOT NULL CHECK (months BETWEEN 1 AND 3),
    reason text NOT NULL CHECK (length(reason) > 0),
    requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
    requested_at timestamptz NOT NULL DEFAULT now(),
    outcome text CHECK (outcome IN ('approved', 'refused', 'lapsed')),
    decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
    decided_at timestamptz,
    decision_note text,
    CHECK ((outcome IS NULL) = (decided_at IS NULL))
);
CREATE UNIQUE INDEX suggestion_extension_requests_pending
    ON suggestion_extension_requests (suggestion_id) WHERE outcome IS NULL;
