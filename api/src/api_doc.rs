//! The OpenAPI document, generated from the handlers' annotations. `renda openapi` prints
//! it; `openapi/openapi.json` is that output, committed, and a test fails when it drifts.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// Every operation that takes a request body may answer 408 `body_timeout` (the body
/// deadline of `crate::body_deadline` applies to all of them); those that do not say so
/// in their own annotation get it here.
struct BodyTimeout;

impl Modify for BodyTimeout {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let response = ResponseBuilder::new()
            .description("The request body did not arrive in time (`BODY_TIMEOUT_SECONDS`, `BODY_IDLE_SECONDS`): `body_timeout`, with `limit`; the connection is closed")
            .content(
                "application/problem+json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build();
        for item in openapi.paths.paths.values_mut() {
            for op in [&mut item.post, &mut item.put, &mut item.patch]
                .into_iter()
                .flatten()
            {
                if op.request_body.is_some() {
                    op.responses
                        .responses
                        .entry("408".into())
                        .or_insert_with(|| response.clone().into());
                }
            }
        }
    }
}

/// The API description.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Renda API",
        description = "镇人大代表工作平台 API: the registry of deputies and mandates of township people's congresses, their sessions, meetings and activities with attendance, and deputies' suggestions with their handling. \
            Errors are RFC 9457 problem documents (application/problem+json) with Chinese text.",
        version = "1.0.0"
    ),
    servers((url = "/", description = "This server")),
    modifiers(&BearerAuth, &BodyTimeout),
    // Enums used only as query parameters are not collected from the handlers.
    components(schemas(
        renda_openapi::DeputySort,
        renda_openapi::RateGrouping,
        renda_openapi::TermId
    )),
    paths(
        crate::auth::handlers::create_api_key,
        crate::auth::handlers::list_api_keys,
        crate::auth::handlers::revoke_api_key,
        crate::health::healthz,
        crate::health::readyz,
        crate::auth::handlers::login,
        crate::auth::handlers::refresh,
        crate::auth::handlers::logout,
        crate::auth::handlers::me,
        crate::auth::handlers::create_user,
        crate::auth::handlers::list_users,
        crate::congresses::handlers::list_congresses,
        crate::congresses::handlers::create_congress,
        crate::congresses::handlers::get_congress,
        crate::congresses::handlers::list_terms,
        crate::congresses::handlers::create_term,
        crate::congresses::handlers::get_term,
        crate::deputies::handlers::list_deputies,
        crate::deputies::handlers::create_deputy,
        crate::deputies::handlers::get_deputy,
        crate::deputies::handlers::update_deputy,
        crate::deputies::handlers::delete_deputy,
        crate::deputies::handlers::create_mandate,
        crate::deputies::handlers::update_mandate,
        crate::deputies::handlers::change_mandate_status,
        crate::deputies::handlers::list_delegations,
        crate::deputies::handlers::create_delegation,
        crate::deputies::handlers::get_delegation,
        crate::deputies::handlers::rename_delegation,
        crate::deputies::handlers::delete_delegation,
        crate::deputies::handlers::list_deputy_groups,
        crate::deputies::handlers::create_deputy_group,
        crate::deputies::handlers::get_deputy_group,
        crate::deputies::handlers::rename_deputy_group,
        crate::deputies::handlers::delete_deputy_group,
        crate::imports::handlers::import_roster,
        crate::imports::handlers::import_status_changes,
        crate::imports::handlers::export_deputies,
        crate::meetings::activities::list_activities,
        crate::meetings::activities::create_activity,
        crate::meetings::activities::get_activity,
        crate::meetings::activities::update_activity,
        crate::meetings::activities::change_status,
        crate::meetings::activities::take_out_occurrence,
        crate::meetings::calendar::calendar,
        crate::meetings::invitations::invite,
        crate::meetings::attendance::list_attendance,
        crate::meetings::attendance::record_attendance,
        crate::meetings::attendance::import_sign_in_sheet,
        crate::meetings::invitations::uninvite,
        crate::meetings::leave::list_leave_requests,
        crate::meetings::leave::request_leave,
        crate::meetings::leave::leave_queue,
        crate::meetings::leave::decide_leave,
        crate::meetings::leave::withdraw_leave,
        crate::meetings::sessions::quorum,
        crate::meetings::sessions::outcome,
        crate::meetings::sessions::add_agenda_item,
        crate::meetings::sessions::add_vote,
        crate::meetings::flags::list_flags,
        crate::meetings::flags::clear_flag,
        crate::meetings::statistics::deputy_activities,
        crate::meetings::statistics::attendance_rates,
        crate::meetings::statistics::activity_counts,
        crate::meetings::feeds::create_feed,
        crate::meetings::feeds::list_feeds,
        crate::meetings::feeds::revoke_feed,
        crate::meetings::feeds::feed,
        crate::meetings::sessions::session_check,
        crate::meetings::documents::upload_document,
        crate::meetings::documents::list_documents,
        crate::meetings::documents::download_document,
        crate::meetings::documents::delete_document,
        crate::suggestions::handlers::list_suggestions,
        crate::suggestions::handlers::create_suggestion,
        crate::suggestions::handlers::get_suggestion,
        crate::suggestions::handlers::update_suggestion,
        crate::suggestions::handlers::confirm_signature,
        crate::suggestions::handlers::transition,
        crate::suggestions::handlers::history,
        crate::suggestions::handlers::add_consultation,
        crate::suggestions::handlers::create_reply,
        crate::suggestions::handlers::update_reply,
        crate::suggestions::handlers::send_reply,
        crate::suggestions::handlers::rate,
        crate::suggestions::handlers::list_orgs,
        crate::suggestions::handlers::create_org,
        crate::suggestions::handlers::get_org,
        crate::suggestions::handlers::create_org_user,
        crate::suggestions::handlers::list_categories,
        crate::suggestions::handlers::create_category,
        crate::suggestions::handlers::import_categories,
        crate::suggestions::handlers::import_suggestions,
        crate::suggestions::handlers::get_settings,
        crate::suggestions::handlers::put_settings,
        crate::suggestions::handlers::get_calendar,
        crate::suggestions::handlers::put_calendar,
        crate::suggestions::handlers::report,
        crate::suggestions::handlers::list_reminders,
        crate::suggestions::handlers::upload_attachment,
        crate::suggestions::handlers::list_attachments,
        crate::suggestions::handlers::download_attachment,
        crate::suggestions::handlers::delete_attachment,
        crate::suggestions::handlers::read_reminder,
        crate::suggestions::handlers::sweep_reminders,
        crate::suggestions::handlers::public_list,
        crate::motions::handlers::list_motions,
        crate::motions::handlers::create_motion,
        crate::motions::handlers::get_motion,
        crate::motions::handlers::confirm_motion,
        crate::motions::handlers::motion_transition,
        crate::motions::handlers::motion_history,
    ),
    tags(
        (name = "health", description = "Liveness and readiness"),
        (name = "auth", description = "Login, tokens and users"),
        (name = "congresses", description = "Congresses and terms"),
        (name = "deputies", description = "Deputies, mandates, delegations and deputy groups"),
        (name = "imports", description = "Bulk import and export of rosters"),
        (name = "suggestions", description = "Deputies' suggestions, criticisms and opinions: submission, referral, deadlines, consultations, replies, feedback, supervision; handling organisations, categories, the working calendar"),
        (name = "motions", description = "Motions (议案): proposal by the presidium, the government or at least 5 deputies, agenda decision, vote, withdrawal, conversion into a suggestion"),
        (name = "meetings", description = "Sessions, meetings and activities: calendar, invitations, attendance, leave, quorum and votes, credentials flags, iCalendar feeds, documents"),
        (name = "assessments", description = "Performance records (履职档案), self-declared entries and correction requests, assessment schemes and runs with rater scores, published scores and objections, awards, duty reports to constituents, work appraisals, and the public pages of deputies (DL 58)"),
    )
)]
pub struct ApiDoc;

/// The whole document: the paths listed above, and those declared once with their
/// handlers ([`crate::routes`]).
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(crate::routes::openapi());
    // Again over the merged document: the declared endpoints take bodies too.
    BodyTimeout.modify(&mut doc);
    doc
}

/// The document as pretty JSON with a trailing newline (the committed file's form).
pub fn openapi_json() -> String {
    let mut s = openapi().to_pretty_json().expect("serialisable");
    s.push('\n');
    s
}
