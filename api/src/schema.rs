// @generated automatically by Diesel CLI.

diesel::table! {
    audit_log (id) {
        id -> Uuid,
        actor_id -> Nullable<Uuid>,
        action -> Text,
        entity -> Text,
        entity_id -> Nullable<Uuid>,
        before -> Nullable<Jsonb>,
        after -> Nullable<Jsonb>,
        at -> Timestamptz,
    }
}

diesel::table! {
    congresses (id) {
        id -> Uuid,
        name -> Text,
        level -> Text,
        parent_id -> Nullable<Uuid>,
        ancestor_ids -> Array<Uuid>,
        time_zone -> Text,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    delegations (id) {
        id -> Uuid,
        congress_id -> Uuid,
        name -> Text,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    deputies (id) {
        id -> Uuid,
        congress_id -> Uuid,
        external_id -> Nullable<Text>,
        name -> Text,
        gender -> Nullable<Text>,
        ethnicity -> Nullable<Text>,
        birth_year -> Nullable<Int4>,
        birth_month -> Nullable<Int4>,
        birth_day -> Nullable<Int4>,
        party -> Nullable<Text>,
        workplace_post -> Nullable<Text>,
        phone -> Nullable<Text>,
        id_card_encrypted -> Nullable<Bytea>,
        id_card_digest -> Nullable<Bytea>,
        address -> Nullable<Text>,
        notes -> Nullable<Text>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    deputy_groups (id) {
        id -> Uuid,
        congress_id -> Uuid,
        name -> Text,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    idempotency_keys (user_id, key) {
        user_id -> Uuid,
        key -> Text,
        request_digest -> Bytea,
        status -> Int4,
        body -> Jsonb,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    mandate_status_changes (id) {
        id -> Uuid,
        mandate_id -> Uuid,
        from_status -> Nullable<Text>,
        to_status -> Text,
        reason -> Nullable<Text>,
        changed_on -> Nullable<Date>,
        note -> Nullable<Text>,
        recorded_by -> Nullable<Uuid>,
        recorded_at -> Timestamptz,
    }
}

diesel::table! {
    mandates (id) {
        id -> Uuid,
        deputy_id -> Uuid,
        congress_id -> Uuid,
        term_id -> Uuid,
        delegation_id -> Nullable<Uuid>,
        deputy_group_id -> Nullable<Uuid>,
        constituency -> Nullable<Text>,
        certificate_number -> Nullable<Text>,
        elected_via -> Text,
        elected_on -> Nullable<Date>,
        status -> Text,
        status_reason -> Nullable<Text>,
        status_date -> Nullable<Date>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Uuid,
        user_id -> Uuid,
        family_id -> Uuid,
        token_hash -> Bytea,
        expires_at -> Timestamptz,
        used_at -> Nullable<Timestamptz>,
        revoked_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    terms (id) {
        id -> Uuid,
        congress_id -> Uuid,
        number -> Int4,
        starts_on -> Date,
        ends_on -> Nullable<Date>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    tombstones (id) {
        id -> Uuid,
        entity -> Text,
        entity_id -> Uuid,
        congress_id -> Uuid,
        deleted_at -> Timestamptz,
    }
}

diesel::table! {
    users (id) {
        id -> Uuid,
        username -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        congress_id -> Uuid,
        deputy_id -> Nullable<Uuid>,
        is_active -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::joinable!(delegations -> congresses (congress_id));
diesel::joinable!(deputies -> congresses (congress_id));
diesel::joinable!(deputy_groups -> congresses (congress_id));
diesel::joinable!(idempotency_keys -> users (user_id));
diesel::joinable!(mandate_status_changes -> mandates (mandate_id));
diesel::joinable!(mandate_status_changes -> users (recorded_by));
diesel::joinable!(mandates -> congresses (congress_id));
diesel::joinable!(mandates -> delegations (delegation_id));
diesel::joinable!(mandates -> deputies (deputy_id));
diesel::joinable!(mandates -> deputy_groups (deputy_group_id));
diesel::joinable!(mandates -> terms (term_id));
diesel::joinable!(refresh_tokens -> users (user_id));
diesel::joinable!(terms -> congresses (congress_id));
diesel::joinable!(users -> congresses (congress_id));

diesel::allow_tables_to_appear_in_same_query!(
    audit_log,
    congresses,
    delegations,
    deputies,
    deputy_groups,
    idempotency_keys,
    mandate_status_changes,
    mandates,
    refresh_tokens,
    terms,
    tombstones,
    users,
);
