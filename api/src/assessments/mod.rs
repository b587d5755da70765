//! The assessment area (issue 11): performance records built from the data Renda holds,
//! self-declared entries and correction requests, assessment schemes and runs with rater
//! scores, the published running score with objections, awards, duty reports with
//! ballots, work appraisals, and the public pages of deputies (DL 58, R14).
//!
//! One module per resource, each with its handlers (declared once: route and OpenAPI in
//! one place, see [`crate::routes`]) and its queries. The rules (workflows, scheme
//! validation, the computation of scores) live in the contract crate
//! (`renda_openapi::assessments`), pure and tested there; the handlers guard every step
//! with them. Refusals are catalogue messages (`renda_openapi::messages`).

pub mod access;
pub mod awards;
pub mod corrections;
pub mod entries;
pub mod kinds;
pub mod publication;
pub mod records;
pub mod runs;
pub mod schemes;

use utoipa_actix_web::service_config::ServiceConfig;

/// The area's endpoints under `/api/v1`, by resource.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.configure(kinds::routes)
        .configure(entries::routes)
        .configure(records::routes)
        .configure(corrections::routes)
        .configure(publication::routes)
        .configure(schemes::routes)
        .configure(runs::routes)
        .configure(awards::routes);
}
