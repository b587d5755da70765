//! Serves the built web client (`STATIC_DIR`, default `dist/`) at `/`. Paths that are not
//! files fall back to `index.html`, so client-side routes survive a reload.

use actix_files::{Files, NamedFile};
use actix_web::dev::{fn_service, ServiceRequest, ServiceResponse};
use actix_web::{web, HttpResponse};
use std::path::PathBuf;

/// Registers the static files, or a short page pointing at the API docs when the web
/// client has not been built.
pub fn routes(cfg: &mut web::ServiceConfig, dir: String) {
    let index = PathBuf::from(&dir).join("index.html");
    if index.is_file() {
        cfg.service(
            Files::new("/", dir)
                .index_file("index.html")
                .prefer_utf8(true)
                .default_handler(fn_service(move |req: ServiceRequest| {
                    let index = index.clone();
                    async move {
                        let (req, _) = req.into_parts();
                        let file = NamedFile::open_async(&index).await?;
                        let res = file.into_response(&req);
                        Ok(ServiceResponse::new(req, res))
                    }
                })),
        );
    } else {
        cfg.route("/", web::get().to(|| async {
            HttpResponse::Ok().content_type("text/html; charset=utf-8").body(
                "<!doctype html><meta charset=utf-8><title>Renda</title>\
                 <h1>Renda 镇人大代表工作平台</h1><p>网页客户端尚未构建。API 文档：<a href=\"/api/docs/\">/api/docs/</a></p>",
            )
        }));
    }
}
