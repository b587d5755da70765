//! Endpoints declared once. A handler carries its route (`#[get("/…")]`, relative to
//! `/api/v1`) and its OpenAPI description (`#[utoipa::path]`, which takes the path and
//! method from the route); [`declared`] lists the handlers, and the same list registers
//! them on the server ([`register`]) and in the document ([`openapi`]). Areas written
//! before this (their routes in `mod.rs`, their paths in `api_doc.rs`) move here as they
//! are reworked.
//!
//! A path served for other methods answers 405 with `Allow` ([`allowed_methods`]), as a
//! resource with several routes would.

use actix_web::http::Method;
use actix_web::web;
use std::sync::OnceLock;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::AppExt;

/// Every endpoint declared once, by area.
pub fn declared(cfg: &mut ServiceConfig) {
    cfg.configure(crate::assessments::routes);
}

/// Registers the declared endpoints on the server's `/api/v1` scope.
pub fn register(cfg: &mut web::ServiceConfig) {
    declared(&mut ServiceConfig::new(cfg));
}

/// The OpenAPI description of the declared endpoints (paths under `/api/v1`, with the
/// schemas they use).
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, api) = actix_web::App::new()
        .into_utoipa_app()
        .service(utoipa_actix_web::scope("/api/v1").configure(declared))
        .split_for_parts();
    api
}

/// Each documented path template with its methods, read once from the whole document.
fn templates() -> &'static Vec<(Vec<String>, Vec<Method>)> {
    static T: OnceLock<Vec<(Vec<String>, Vec<Method>)>> = OnceLock::new();
    T.get_or_init(|| {
        let doc = crate::api_doc::openapi();
        doc.paths
            .paths
            .iter()
            .map(|(path, item)| {
                let segments = path
                    .trim_matches('/')
                    .split('/')
                    .map(str::to_string)
                    .collect();
                let mut methods = vec![];
                let ops = [
                    (Method::GET, item.get.is_some()),
                    (Method::POST, item.post.is_some()),
                    (Method::PUT, item.put.is_some()),
                    (Method::PATCH, item.patch.is_some()),
                    (Method::DELETE, item.delete.is_some()),
                ];
                for (m, present) in ops {
                    if present {
                        methods.push(m);
                    }
                }
                (segments, methods)
            })
            .collect()
    })
}

/// The methods the document declares for `path` (a request path, `{x}` segments of the
/// templates matching any one non-empty segment); empty when no template matches.
pub fn allowed_methods(path: &str) -> Vec<Method> {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let mut out: Vec<Method> = vec![];
    for (template, methods) in templates() {
        let matches = template.len() == segments.len()
            && template
                .iter()
                .zip(&segments)
                .all(|(t, s)| (t.starts_with('{') && !s.is_empty()) || t == s);
        if matches {
            for m in methods {
                if !out.contains(m) {
                    out.push(m.clone());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_matches_one_segment_per_parameter() {
        let m = allowed_methods("/api/v1/performance-entries/0191a8c6-0000-7000-8000-000000000000");
        assert_eq!(m, vec![Method::GET, Method::PUT]);
        assert!(allowed_methods("/api/v1/performance-entries/x/y/z/w").is_empty());
        assert!(allowed_methods("/api/v1/performance-entries/").is_empty());
    }
}
