-- The deputies registry: congresses, terms, users, deputies and their mandates.
-- Codes (levels, roles, statuses) are text with CHECK constraints so that the
-- database refuses what the application would refuse.

CREATE TABLE congresses (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    level text NOT NULL CHECK (level IN ('township', 'district', 'city', 'province', 'national')),
    parent_id uuid REFERENCES congresses (id) ON DELETE RESTRICT,
    -- every congress above this one, nearest last: scopes a district's users to its townships
    ancestor_ids uuid[] NOT NULL DEFAULT '{}',
    time_zone text NOT NULL DEFAULT 'Asia/Shanghai',
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (parent_id, name)
);
CREATE INDEX congresses_ancestors ON congresses USING gin (ancestor_ids);

CREATE TABLE terms (
    id uuid PRIMARY KEY,
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE CASCADE,
    number integer NOT NULL CHECK (number > 0),
    starts_on date NOT NULL,
    ends_on date,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (congress_id, number),
    CHECK (ends_on IS NULL OR ends_on > starts_on)
);

CREATE TABLE users (
    id uuid PRIMARY KEY,
    username text NOT NULL UNIQUE,
    display_name text NOT NULL,
    password_hash text NOT NULL,
    role text NOT NULL CHECK (role IN ('admin', 'staff', 'presidium', 'deputy', 'handling_org', 'integration')),
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE RESTRICT,
    deputy_id uuid,
    is_active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Refresh tokens are stored as SHA-256 hashes. A family is one login; when a
-- rotated (already used) token comes back, the whole family is revoked.
CREATE TABLE refresh_tokens (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id uuid NOT NULL,
    token_hash bytea NOT NULL UNIQUE,
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    revoked_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE delegations (
    id uuid PRIMARY KEY,
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE CASCADE,
    name text NOT NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (congress_id, name)
);

CREATE TABLE deputy_groups (
    id uuid PRIMARY KEY,
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE CASCADE,
    name text NOT NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (congress_id, name)
);

-- A deputy is the person. congress_id is the congress whose office keeps the
-- record; it scopes who may see and change it.
CREATE TABLE deputies (
    id uuid PRIMARY KEY,
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE RESTRICT,
    external_id text,
    name text NOT NULL CHECK (length(name) > 0),
    gender text CHECK (gender IN ('male', 'female')),
    ethnicity text,
    birth_year integer CHECK (birth_year BETWEEN 1900 AND 2100),
    birth_month integer CHECK (birth_month BETWEEN 1 AND 12),
    birth_day integer CHECK (birth_day BETWEEN 1 AND 31),
    party text,
    workplace_post text,
    phone text,
    id_card_encrypted bytea,
    -- keyed hash of the normalised ID-card number, to match without decrypting
    id_card_digest bytea,
    address text,
    notes text,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (birth_month IS NOT NULL OR birth_day IS NULL),
    CHECK (birth_year IS NOT NULL OR birth_month IS NULL)
);
CREATE UNIQUE INDEX deputies_external_id ON deputies (congress_id, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX deputies_id_card ON deputies (congress_id, id_card_digest) WHERE id_card_digest IS NOT NULL;
CREATE INDEX deputies_congress_name ON deputies (congress_id, name, id);
CREATE INDEX deputies_updated ON deputies (updated_at, id);

CREATE TABLE mandates (
    id uuid PRIMARY KEY,
    deputy_id uuid NOT NULL REFERENCES deputies (id) ON DELETE CASCADE,
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE RESTRICT,
    term_id uuid NOT NULL REFERENCES terms (id) ON DELETE RESTRICT,
    delegation_id uuid REFERENCES delegations (id) ON DELETE RESTRICT,
    deputy_group_id uuid REFERENCES deputy_groups (id) ON DELETE SET NULL,
    constituency text,
    certificate_number text,
    elected_via text NOT NULL DEFAULT 'general_election' CHECK (elected_via IN ('general_election', 'by_election')),
    elected_on date,
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'terminated')),
    status_reason text,
    status_date date,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (deputy_id, term_id),
    CHECK (status <> 'terminated' OR status_reason IS NOT NULL)
);
CREATE INDEX mandates_term ON mandates (term_id, status);
CREATE INDEX mandates_delegation ON mandates (delegation_id);
CREATE INDEX mandates_group ON mandates (deputy_group_id);

CREATE TABLE mandate_status_changes (
    id uuid PRIMARY KEY,
    mandate_id uuid NOT NULL REFERENCES mandates (id) ON DELETE CASCADE,
    from_status text,
    to_status text NOT NULL,
    reason text,
    changed_on date,
    note text,
    recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mandate_status_changes_mandate ON mandate_status_changes (mandate_id, recorded_at);

-- Deleted records, so that `updated_since` syncs can see deletions.
CREATE TABLE tombstones (
    id uuid PRIMARY KEY,
    entity text NOT NULL,
    entity_id uuid NOT NULL,
    congress_id uuid NOT NULL,
    deleted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tombstones_entity ON tombstones (entity, congress_id, deleted_at);

CREATE TABLE audit_log (
    id uuid PRIMARY KEY,
    actor_id uuid,
    action text NOT NULL,
    entity text NOT NULL,
    entity_id uuid,
    before jsonb,
    after jsonb,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

CREATE TABLE idempotency_keys (
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key text NOT NULL,
    request_digest bytea NOT NULL,
    status integer NOT NULL,
    body jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);
