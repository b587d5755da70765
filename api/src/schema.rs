// @generated automatically by Diesel CLI.

diesel::table! {
    activities (id) {
        id -> Uuid,
        congress_id -> Uuid,
        term_id -> Nullable<Uuid>,
        kind -> Text,
        title -> Text,
        organiser_kind -> Text,
        organiser_group_id -> Nullable<Uuid>,
        organiser_name -> Nullable<Text>,
        place -> Nullable<Text>,
        starts_at -> Timestamptz,
        ends_at -> Timestamptz,
        description -> Nullable<Text>,
        topics -> Array<Text>,
        status -> Text,
        summary -> Nullable<Text>,
        outcomes -> Nullable<Text>,
        cancel_reason -> Nullable<Text>,
        session_kind -> Nullable<Text>,
        session_number -> Nullable<Int4>,
        requested_by_count -> Nullable<Int4>,
        rrule -> Nullable<Text>,
        series_id -> Nullable<Uuid>,
        occurrence_start -> Nullable<Timestamptz>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    activity_documents (id) {
        id -> Uuid,
        activity_id -> Uuid,
        file_name -> Text,
        content_type -> Text,
        size_bytes -> Int8,
        sha256 -> Bytea,
        content -> Bytea,
        uploaded_by -> Nullable<Uuid>,
        uploaded_at -> Timestamptz,
    }
}

diesel::table! {
    agenda_items (id) {
        id -> Uuid,
        activity_id -> Uuid,
        position -> Int4,
        title -> Text,
        kind -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    api_keys (id) {
        id -> Uuid,
        user_id -> Uuid,
        name -> Text,
        key_hash -> Bytea,
        scopes -> Array<Text>,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        last_used_at -> Nullable<Timestamptz>,
        revoked_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    assessment_group_scores (run_id, deputy_group_id) {
        run_id -> Uuid,
        deputy_group_id -> Uuid,
        total -> Float8,
        rank -> Int4,
        score -> Json,
    }
}

diesel::table! {
    assessment_objections (id) {
        id -> Uuid,
        run_id -> Uuid,
        deputy_id -> Uuid,
        item_key -> Nullable<Text>,
        text -> Text,
        status -> Text,
        resolution -> Nullable<Text>,
        adjustment -> Nullable<Float8>,
        resolved_by -> Nullable<Uuid>,
        resolved_at -> Nullable<Timestamptz>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    assessment_ratings (id) {
        id -> Uuid,
        run_id -> Uuid,
        deputy_id -> Uuid,
        stage -> Text,
        rater_id -> Uuid,
        score -> Float8,
        comment -> Nullable<Text>,
        rated_at -> Timestamptz,
    }
}

diesel::table! {
    assessment_runs (id) {
        id -> Uuid,
        congress_id -> Uuid,
        term_id -> Uuid,
        scheme_id -> Uuid,
        name -> Text,
        period_kind -> Text,
        period_from -> Date,
        period_to -> Date,
        status -> Text,
        publish_to_all -> Bool,
        objections_until -> Nullable<Date>,
        computed_at -> Nullable<Timestamptz>,
        published_at -> Nullable<Timestamptz>,
        frozen_at -> Nullable<Timestamptz>,
        proposal -> Nullable<Jsonb>,
        created_by -> Nullable<Uuid>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    assessment_schemes (id) {
        id -> Uuid,
        congress_id -> Uuid,
        name -> Text,
        year -> Int4,
        number -> Int4,
        previous_id -> Nullable<Uuid>,
        template -> Nullable<Text>,
        notes -> Nullable<Text>,
        definition -> Jsonb,
        frozen -> Bool,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    assessment_scores (run_id, deputy_id) {
        run_id -> Uuid,
        deputy_id -> Uuid,
        mandate_id -> Uuid,
        total -> Float8,
        rank -> Int4,
        grade -> Text,
        score -> Nullable<Json>,
        inputs -> Nullable<Json>,
    }
}

diesel::table! {
    attendances (id) {
        id -> Uuid,
        activity_id -> Uuid,
        deputy_id -> Nullable<Uuid>,
        capacity -> Text,
        observer_name -> Nullable<Text>,
        observer_affiliation -> Nullable<Text>,
        status -> Text,
        checked_in_at -> Nullable<Timestamptz>,
        note -> Nullable<Text>,
        recorded_by -> Nullable<Uuid>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

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
    awards (id) {
        id -> Uuid,
        congress_id -> Uuid,
        kind -> Text,
        deputy_id -> Nullable<Uuid>,
        deputy_group_id -> Nullable<Uuid>,
        run_id -> Nullable<Uuid>,
        year -> Int4,
        rank -> Nullable<Int4>,
        total -> Nullable<Float8>,
        status -> Text,
        awarded_on -> Nullable<Date>,
        document_no -> Nullable<Text>,
        decline_reason -> Nullable<Text>,
        decided_by -> Nullable<Uuid>,
        decided_at -> Nullable<Timestamptz>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    calendar_feeds (id) {
        id -> Uuid,
        token_hash -> Bytea,
        congress_id -> Uuid,
        deputy_id -> Nullable<Uuid>,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        revoked_at -> Nullable<Timestamptz>,
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
    correction_requests (id) {
        id -> Uuid,
        congress_id -> Uuid,
        deputy_id -> Uuid,
        claim_type -> Text,
        activity_id -> Nullable<Uuid>,
        claimed_status -> Nullable<Text>,
        recorded_status -> Nullable<Text>,
        reason -> Text,
        status -> Text,
        resolution_note -> Nullable<Text>,
        resolved_by -> Nullable<Uuid>,
        resolved_at -> Nullable<Timestamptz>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    credentials_flags (id) {
        id -> Uuid,
        mandate_id -> Uuid,
        deputy_id -> Uuid,
        congress_id -> Uuid,
        term_id -> Uuid,
        session_ids -> Array<Uuid>,
        raised_at -> Timestamptz,
        cleared_at -> Nullable<Timestamptz>,
        cleared_by -> Nullable<Uuid>,
        clear_note -> Nullable<Text>,
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
        leader_deputy_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    duty_reports (id) {
        id -> Uuid,
        activity_id -> Uuid,
        deputy_id -> Uuid,
        constituency -> Nullable<Text>,
        audience -> Int4,
        form -> Text,
        satisfied -> Nullable<Int4>,
        basically_satisfied -> Nullable<Int4>,
        dissatisfied -> Nullable<Int4>,
        invalid -> Nullable<Int4>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    entry_attachments (id) {
        id -> Uuid,
        entry_id -> Uuid,
        file_name -> Text,
        content_type -> Text,
        size_bytes -> Int8,
        sha256 -> Bytea,
        content -> Bytea,
        uploaded_by -> Nullable<Uuid>,
        uploaded_at -> Timestamptz,
    }
}

diesel::table! {
    entry_kinds (id) {
        id -> Uuid,
        congress_id -> Uuid,
        code -> Text,
        name -> Text,
        section -> Text,
        is_active -> Bool,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    handling_orgs (id) {
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
    leave_requests (id) {
        id -> Uuid,
        activity_id -> Uuid,
        deputy_id -> Uuid,
        reason -> Text,
        status -> Text,
        requested_by -> Nullable<Uuid>,
        requested_at -> Timestamptz,
        decided_by -> Nullable<Uuid>,
        decided_at -> Nullable<Timestamptz>,
        decision_note -> Nullable<Text>,
        version -> Int4,
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
        post -> Nullable<Text>,
    }
}

diesel::table! {
    motion_events (id) {
        id -> Uuid,
        motion_id -> Uuid,
        from_status -> Nullable<Text>,
        to_status -> Text,
        action -> Text,
        actor_id -> Nullable<Uuid>,
        actor_role -> Text,
        note -> Nullable<Text>,
        at -> Timestamptz,
    }
}

diesel::table! {
    motion_signers (motion_id, deputy_id) {
        motion_id -> Uuid,
        deputy_id -> Uuid,
        role -> Text,
        confirmed_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    motions (id) {
        id -> Uuid,
        congress_id -> Uuid,
        session_activity_id -> Nullable<Uuid>,
        proposer_kind -> Text,
        lead_deputy_id -> Nullable<Uuid>,
        created_by -> Nullable<Uuid>,
        subject -> Text,
        grounds -> Text,
        proposal -> Text,
        status -> Text,
        decision_note -> Nullable<Text>,
        suggestion_id -> Nullable<Uuid>,
        submitted_on -> Nullable<Date>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        votes_for -> Nullable<Int4>,
        votes_against -> Nullable<Int4>,
        abstentions -> Nullable<Int4>,
        votes_in_office -> Nullable<Int4>,
        voted_on -> Nullable<Date>,
    }
}

diesel::table! {
    performance_entries (id) {
        id -> Uuid,
        congress_id -> Uuid,
        deputy_id -> Uuid,
        kind_id -> Uuid,
        occurred_on -> Date,
        title -> Text,
        content -> Text,
        status -> Text,
        review_note -> Nullable<Text>,
        reviewed_by -> Nullable<Uuid>,
        reviewed_at -> Nullable<Timestamptz>,
        created_by -> Nullable<Uuid>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    publication_settings (congress_id) {
        congress_id -> Uuid,
        settings -> Jsonb,
        version -> Int4,
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
    suggestion_attachments (id) {
        id -> Uuid,
        suggestion_id -> Uuid,
        reply_id -> Nullable<Uuid>,
        file_name -> Text,
        content_type -> Text,
        size_bytes -> Int8,
        sha256 -> Bytea,
        content -> Bytea,
        uploaded_by -> Nullable<Uuid>,
        uploaded_at -> Timestamptz,
    }
}

diesel::table! {
    suggestion_categories (id) {
        id -> Uuid,
        congress_id -> Uuid,
        parent_id -> Nullable<Uuid>,
        level -> Int4,
        name -> Text,
        is_active -> Bool,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    suggestion_consultations (id) {
        id -> Uuid,
        suggestion_id -> Uuid,
        handling_org_id -> Nullable<Uuid>,
        form -> Text,
        held_on -> Date,
        met_by -> Text,
        notes -> Nullable<Text>,
        recorded_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        round -> Int4,
    }
}

diesel::table! {
    suggestion_events (id) {
        id -> Uuid,
        suggestion_id -> Uuid,
        from_status -> Nullable<Text>,
        to_status -> Text,
        action -> Text,
        actor_id -> Nullable<Uuid>,
        actor_role -> Text,
        note -> Nullable<Text>,
        at -> Timestamptz,
    }
}

diesel::table! {
    suggestion_extension_requests (id) {
        id -> Uuid,
        suggestion_id -> Uuid,
        handling_org_id -> Uuid,
        months -> Int4,
        reason -> Text,
        requested_by -> Nullable<Uuid>,
        requested_at -> Timestamptz,
        outcome -> Nullable<Text>,
        decided_by -> Nullable<Uuid>,
        decided_at -> Nullable<Timestamptz>,
        decision_note -> Nullable<Text>,
    }
}

diesel::table! {
    suggestion_feedback (id) {
        id -> Uuid,
        suggestion_id -> Uuid,
        deputy_id -> Uuid,
        round -> Int4,
        attitude -> Text,
        result -> Text,
        comment -> Nullable<Text>,
        rated_at -> Timestamptz,
    }
}

diesel::table! {
    suggestion_imports (suggestion_id) {
        suggestion_id -> Uuid,
        congress_id -> Uuid,
        source_year -> Nullable<Int4>,
        source_reference -> Text,
        proposer -> Nullable<Text>,
        source_category -> Nullable<Text>,
        imported_at -> Timestamptz,
    }
}

diesel::table! {
    suggestion_referrals (id) {
        id -> Uuid,
        suggestion_id -> Uuid,
        handling_org_id -> Uuid,
        role -> Text,
        referred_on -> Date,
        return_due -> Date,
        returned_at -> Nullable<Timestamptz>,
        return_reason -> Nullable<Text>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    suggestion_reminders (id) {
        id -> Uuid,
        suggestion_id -> Uuid,
        congress_id -> Uuid,
        recipient_org_id -> Nullable<Uuid>,
        kind -> Text,
        due_on -> Date,
        created_at -> Timestamptz,
        read_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    suggestion_replies (id) {
        id -> Uuid,
        suggestion_id -> Uuid,
        handling_org_id -> Nullable<Uuid>,
        round -> Int4,
        result_class -> Text,
        body -> Text,
        status -> Text,
        sent_at -> Nullable<Timestamptz>,
        author_id -> Nullable<Uuid>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    suggestion_settings (congress_id) {
        congress_id -> Uuid,
        referral_working_days -> Int4,
        return_working_days -> Int4,
        rehandling_months -> Int4,
        due_soon_days -> Int4,
        max_rehandling_rounds -> Int4,
        version -> Int4,
        updated_at -> Timestamptz,
        co_input_months -> Int4,
    }
}

diesel::table! {
    suggestion_signers (suggestion_id, deputy_id) {
        suggestion_id -> Uuid,
        deputy_id -> Uuid,
        role -> Text,
        confirmed_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    suggestions (id) {
        id -> Uuid,
        congress_id -> Uuid,
        lead_deputy_id -> Nullable<Uuid>,
        created_by -> Nullable<Uuid>,
        kind -> Text,
        title -> Text,
        content -> Text,
        category_id -> Nullable<Uuid>,
        session_activity_id -> Nullable<Uuid>,
        status -> Text,
        not_accepted_code -> Nullable<Text>,
        not_accepted_reason -> Nullable<Text>,
        wide_ranging -> Bool,
        is_key -> Bool,
        forwarded_to -> Nullable<Text>,
        external_reference -> Nullable<Text>,
        round -> Int4,
        submitted_on -> Nullable<Date>,
        referral_due -> Nullable<Date>,
        referred_on -> Nullable<Date>,
        reply_due_base -> Nullable<Date>,
        extension_months -> Int4,
        reply_due -> Nullable<Date>,
        rehandling_due -> Nullable<Date>,
        due_on -> Nullable<Date>,
        closed_on -> Nullable<Date>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        origin -> Text,
        round_started_on -> Nullable<Date>,
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
        handling_org_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    votes (id) {
        id -> Uuid,
        agenda_item_id -> Uuid,
        subject -> Text,
        office -> Nullable<Text>,
        candidate_deputy_id -> Nullable<Uuid>,
        yes -> Int4,
        no -> Int4,
        abstain -> Int4,
        recorded_by -> Nullable<Uuid>,
        recorded_at -> Timestamptz,
    }
}

diesel::table! {
    work_appraisal_team (appraisal_id, deputy_id) {
        appraisal_id -> Uuid,
        deputy_id -> Uuid,
    }
}

diesel::table! {
    work_appraisal_units (appraisal_id, handling_org_id) {
        appraisal_id -> Uuid,
        handling_org_id -> Uuid,
        self_check_report -> Nullable<Text>,
        investigation_notes -> Nullable<Text>,
        first_ballot -> Nullable<Array<Nullable<Int4>>>,
        opinions -> Nullable<Text>,
        issues -> Array<Nullable<Text>>,
        rectification_due -> Nullable<Date>,
        rectification_report -> Nullable<Text>,
        second_ballot -> Nullable<Array<Nullable<Int4>>>,
    }
}

diesel::table! {
    work_appraisals (id) {
        id -> Uuid,
        congress_id -> Uuid,
        title -> Text,
        year -> Int4,
        period_from -> Date,
        period_to -> Date,
        plan_discussed_on -> Nullable<Date>,
        plan -> Nullable<Text>,
        stage -> Text,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    working_calendar (day) {
        day -> Date,
        kind -> Text,
        name -> Text,
        updated_at -> Timestamptz,
    }
}

diesel::joinable!(activities -> congresses (congress_id));
diesel::joinable!(activities -> deputy_groups (organiser_group_id));
diesel::joinable!(activities -> terms (term_id));
diesel::joinable!(activity_documents -> activities (activity_id));
diesel::joinable!(activity_documents -> users (uploaded_by));
diesel::joinable!(agenda_items -> activities (activity_id));
diesel::joinable!(assessment_group_scores -> assessment_runs (run_id));
diesel::joinable!(assessment_group_scores -> deputy_groups (deputy_group_id));
diesel::joinable!(assessment_objections -> assessment_runs (run_id));
diesel::joinable!(assessment_objections -> deputies (deputy_id));
diesel::joinable!(assessment_objections -> users (resolved_by));
diesel::joinable!(assessment_ratings -> assessment_runs (run_id));
diesel::joinable!(assessment_ratings -> deputies (deputy_id));
diesel::joinable!(assessment_ratings -> users (rater_id));
diesel::joinable!(assessment_runs -> assessment_schemes (scheme_id));
diesel::joinable!(assessment_runs -> congresses (congress_id));
diesel::joinable!(assessment_runs -> terms (term_id));
diesel::joinable!(assessment_runs -> users (created_by));
diesel::joinable!(assessment_schemes -> congresses (congress_id));
diesel::joinable!(assessment_scores -> assessment_runs (run_id));
diesel::joinable!(assessment_scores -> deputies (deputy_id));
diesel::joinable!(assessment_scores -> mandates (mandate_id));
diesel::joinable!(attendances -> activities (activity_id));
diesel::joinable!(attendances -> deputies (deputy_id));
diesel::joinable!(attendances -> users (recorded_by));
diesel::joinable!(awards -> assessment_runs (run_id));
diesel::joinable!(awards -> congresses (congress_id));
diesel::joinable!(awards -> deputies (deputy_id));
diesel::joinable!(awards -> deputy_groups (deputy_group_id));
diesel::joinable!(awards -> users (decided_by));
diesel::joinable!(calendar_feeds -> congresses (congress_id));
diesel::joinable!(calendar_feeds -> deputies (deputy_id));
diesel::joinable!(calendar_feeds -> users (created_by));
diesel::joinable!(correction_requests -> activities (activity_id));
diesel::joinable!(correction_requests -> congresses (congress_id));
diesel::joinable!(correction_requests -> deputies (deputy_id));
diesel::joinable!(correction_requests -> users (resolved_by));
diesel::joinable!(credentials_flags -> congresses (congress_id));
diesel::joinable!(credentials_flags -> deputies (deputy_id));
diesel::joinable!(credentials_flags -> mandates (mandate_id));
diesel::joinable!(credentials_flags -> terms (term_id));
diesel::joinable!(credentials_flags -> users (cleared_by));
diesel::joinable!(delegations -> congresses (congress_id));
diesel::joinable!(deputies -> congresses (congress_id));
diesel::joinable!(deputy_groups -> congresses (congress_id));
diesel::joinable!(deputy_groups -> deputies (leader_deputy_id));
diesel::joinable!(duty_reports -> activities (activity_id));
diesel::joinable!(duty_reports -> deputies (deputy_id));
diesel::joinable!(entry_attachments -> performance_entries (entry_id));
diesel::joinable!(entry_attachments -> users (uploaded_by));
diesel::joinable!(entry_kinds -> congresses (congress_id));
diesel::joinable!(handling_orgs -> congresses (congress_id));
diesel::joinable!(idempotency_keys -> users (user_id));
diesel::joinable!(leave_requests -> activities (activity_id));
diesel::joinable!(leave_requests -> deputies (deputy_id));
diesel::joinable!(mandate_status_changes -> mandates (mandate_id));
diesel::joinable!(mandate_status_changes -> users (recorded_by));
diesel::joinable!(mandates -> congresses (congress_id));
diesel::joinable!(mandates -> delegations (delegation_id));
diesel::joinable!(mandates -> deputies (deputy_id));
diesel::joinable!(mandates -> deputy_groups (deputy_group_id));
diesel::joinable!(mandates -> terms (term_id));
diesel::joinable!(motion_events -> motions (motion_id));
diesel::joinable!(motion_events -> users (actor_id));
diesel::joinable!(motion_signers -> deputies (deputy_id));
diesel::joinable!(motion_signers -> motions (motion_id));
diesel::joinable!(motions -> activities (session_activity_id));
diesel::joinable!(motions -> congresses (congress_id));
diesel::joinable!(motions -> deputies (lead_deputy_id));
diesel::joinable!(motions -> suggestions (suggestion_id));
diesel::joinable!(motions -> users (created_by));
diesel::joinable!(performance_entries -> congresses (congress_id));
diesel::joinable!(performance_entries -> deputies (deputy_id));
diesel::joinable!(performance_entries -> entry_kinds (kind_id));
diesel::joinable!(publication_settings -> congresses (congress_id));
diesel::joinable!(refresh_tokens -> users (user_id));
diesel::joinable!(suggestion_attachments -> suggestion_replies (reply_id));
diesel::joinable!(suggestion_attachments -> suggestions (suggestion_id));
diesel::joinable!(suggestion_attachments -> users (uploaded_by));
diesel::joinable!(suggestion_categories -> congresses (congress_id));
diesel::joinable!(suggestion_consultations -> handling_orgs (handling_org_id));
diesel::joinable!(suggestion_consultations -> suggestions (suggestion_id));
diesel::joinable!(suggestion_consultations -> users (recorded_by));
diesel::joinable!(suggestion_events -> suggestions (suggestion_id));
diesel::joinable!(suggestion_events -> users (actor_id));
diesel::joinable!(suggestion_extension_requests -> handling_orgs (handling_org_id));
diesel::joinable!(suggestion_extension_requests -> suggestions (suggestion_id));
diesel::joinable!(suggestion_feedback -> deputies (deputy_id));
diesel::joinable!(suggestion_feedback -> suggestions (suggestion_id));
diesel::joinable!(suggestion_imports -> congresses (congress_id));
diesel::joinable!(suggestion_imports -> suggestions (suggestion_id));
diesel::joinable!(suggestion_referrals -> handling_orgs (handling_org_id));
diesel::joinable!(suggestion_referrals -> suggestions (suggestion_id));
diesel::joinable!(suggestion_reminders -> congresses (congress_id));
diesel::joinable!(suggestion_reminders -> handling_orgs (recipient_org_id));
diesel::joinable!(suggestion_reminders -> suggestions (suggestion_id));
diesel::joinable!(suggestion_replies -> handling_orgs (handling_org_id));
diesel::joinable!(suggestion_replies -> suggestions (suggestion_id));
diesel::joinable!(suggestion_replies -> users (author_id));
diesel::joinable!(suggestion_settings -> congresses (congress_id));
diesel::joinable!(suggestion_signers -> deputies (deputy_id));
diesel::joinable!(suggestion_signers -> suggestions (suggestion_id));
diesel::joinable!(suggestions -> activities (session_activity_id));
diesel::joinable!(suggestions -> congresses (congress_id));
diesel::joinable!(suggestions -> deputies (lead_deputy_id));
diesel::joinable!(suggestions -> suggestion_categories (category_id));
diesel::joinable!(suggestions -> users (created_by));
diesel::joinable!(terms -> congresses (congress_id));
diesel::joinable!(users -> congresses (congress_id));
diesel::joinable!(users -> handling_orgs (handling_org_id));
diesel::joinable!(votes -> agenda_items (agenda_item_id));
diesel::joinable!(votes -> deputies (candidate_deputy_id));
diesel::joinable!(votes -> users (recorded_by));
diesel::joinable!(work_appraisal_team -> deputies (deputy_id));
diesel::joinable!(work_appraisal_team -> work_appraisals (appraisal_id));
diesel::joinable!(work_appraisal_units -> handling_orgs (handling_org_id));
diesel::joinable!(work_appraisal_units -> work_appraisals (appraisal_id));
diesel::joinable!(work_appraisals -> congresses (congress_id));

diesel::allow_tables_to_appear_in_same_query!(
    activities,
    activity_documents,
    agenda_items,
    api_keys,
    assessment_group_scores,
    assessment_objections,
    assessment_ratings,
    assessment_runs,
    assessment_schemes,
    assessment_scores,
    attendances,
    audit_log,
    awards,
    calendar_feeds,
    congresses,
    correction_requests,
    credentials_flags,
    delegations,
    deputies,
    deputy_groups,
    duty_reports,
    entry_attachments,
    entry_kinds,
    handling_orgs,
    idempotency_keys,
    leave_requests,
    mandate_status_changes,
    mandates,
    motion_events,
    motion_signers,
    motions,
    performance_entries,
    publication_settings,
    refresh_tokens,
    suggestion_attachments,
    suggestion_categories,
    suggestion_consultations,
    suggestion_events,
    suggestion_extension_requests,
    suggestion_feedback,
    suggestion_imports,
    suggestion_referrals,
    suggestion_reminders,
    suggestion_replies,
    suggestion_settings,
    suggestion_signers,
    suggestions,
    terms,
    tombstones,
    users,
    votes,
    work_appraisal_team,
    work_appraisal_units,
    work_appraisals,
    working_calendar,
);
