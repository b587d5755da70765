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

/// The API description.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Renda API",
        description = "镇人大代表工作平台 API: the registry of deputies and mandates of township people's congresses. \
            Errors are RFC 9457 problem documents (application/problem+json) with Chinese text.",
        version = "1.0.0"
    ),
    servers((url = "/", description = "This server")),
    modifiers(&BearerAuth),
    paths(
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
    ),
    tags(
        (name = "health", description = "Liveness and readiness"),
        (name = "auth", description = "Login, tokens and users"),
        (name = "congresses", description = "Congresses and terms"),
        (name = "deputies", description = "Deputies, mandates, delegations and deputy groups"),
        (name = "imports", description = "Bulk import and export of rosters"),
    )
)]
pub struct ApiDoc;

/// The document as pretty JSON with a trailing newline (the committed file's form).
pub fn openapi_json() -> String {
    let mut s = ApiDoc::openapi().to_pretty_json().expect("serialisable");
    s.push('\n');
    s
}
