DROP TABLE idempotency_keys, audit_log, tombstones, mandate_status_changes, mandates, deputies,
    deputy_groups, delegations, refresh_tokens, users, terms, congresses;
