//! Builds the actix-web application: routes, extractor configuration, error handling and
//! logging. `renda serve` and the integration tests both use [`configure`].

use crate::auth::tokens::TokenKeys;
use crate::auth::LoginLimit;
use crate::config::Config;
use crate::db::DbPool;
use crate::deputies::personal::PersonalDataKey;
use crate::error;
use crate::imports::upload::ImportSlots;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{from_fn, Compress, ErrorHandlers, Logger};
use actix_web::{web, App, HttpResponse};
use std::time::Duration;
use utoipa_swagger_ui::SwaggerUi;

/// State shared by every worker, built once.
#[derive(Clone)]
pub struct AppState {
    pub config: web::Data<Config>,
    pub pool: web::Data<DbPool>,
    pub keys: web::Data<TokenKeys>,
    pub personal: web::Data<PersonalDataKey>,
    pub login_limit: LoginLimit,
    pub import_slots: web::Data<ImportSlots>,
}

impl AppState {
    /// Builds the state from the configuration (the pool connects lazily).
    pub fn new(config: Config) -> AppState {
        let pool = crate::db::pool(
            &config.database_url,
            config.db_pool_size,
            config.statement_timeout_seconds,
        );
        AppState {
            import_slots: web::Data::new(ImportSlots::new(&config)),
            keys: web::Data::new(TokenKeys::new(&config)),
            personal: web::Data::new(PersonalDataKey::new(&config.data_key)),
            login_limit: crate::auth::login_limit(&config),
            pool: web::Data::new(pool),
            config: web::Data::new(config),
        }
    }
}

/// Registers everything on an `App`: `/healthz`, `/readyz`, `/api/v1/*`,
/// `/api/openapi.json`, `/api/docs/` and the web client at `/`.
pub fn configure(state: AppState) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg| {
        let json = web::JsonConfig::default()
            .limit(state.config.max_json_bytes)
            .error_handler(error::json_error);
        let upload = web::PayloadConfig::new(state.config.max_upload_bytes);
        let static_dir = state.config.static_dir.clone();
        cfg.app_data(json)
            .app_data(upload)
            .app_data(web::QueryConfig::default().error_handler(error::query_error))
            .app_data(web::PathConfig::default().error_handler(error::path_error))
            .app_data(state.config.clone())
            .app_data(state.pool.clone())
            .app_data(state.keys.clone())
            .app_data(state.personal.clone())
            .app_data(state.import_slots.clone())
            .route("/healthz", web::get().to(crate::health::healthz))
            .route("/readyz", web::get().to(crate::health::readyz))
            .service(
                web::scope("/api/v1")
                    // Answers may carry personal data: no caching, no type sniffing.
                    .wrap(
                        actix_web::middleware::DefaultHeaders::new()
                            .add((actix_web::http::header::CACHE_CONTROL, "no-store"))
                            .add((actix_web::http::header::X_CONTENT_TYPE_OPTIONS, "nosniff")),
                    )
                    .configure(|c| crate::auth::routes(c, &state.login_limit))
                    .configure(crate::congresses::routes)
                    .configure(crate::imports::routes)
                    .configure(crate::deputies::routes)
                    .configure(crate::meetings::routes)
                    .configure(crate::suggestions::routes)
                    .configure(crate::motions::routes)
                    .configure(crate::routes::register)
                    .default_service(web::to(error::not_found)),
            )
            .route(
                "/api/openapi.json",
                web::get().to(|| async {
                    HttpResponse::Ok()
                        .content_type("application/json")
                        .body(crate::api_doc::openapi_json())
                }),
            )
            .route(
                "/api/docs",
                web::get().to(|| async {
                    HttpResponse::PermanentRedirect()
                        .insert_header(("Location", "/api/docs/"))
                        .finish()
                }),
            )
            .service(
                SwaggerUi::new("/api/docs/{_:.*}")
                    .url("/api/openapi.json", crate::api_doc::openapi()),
            )
            // Anything else under /api is an unknown route, never the web client's page.
            .service(web::scope("/api").default_service(web::to(error::not_found)))
            .configure(|c| crate::web_client::routes(c, static_dir));
    }
}

/// The whole application with its middleware: request logging (env_logger, `RUST_LOG`),
/// gzip, the problem+json safety net for error responses, and the request-body deadline
/// (`crate::body_deadline`).
pub fn app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .configure(configure(state))
        .wrap(from_fn(crate::body_deadline::body_deadline))
        .wrap(ErrorHandlers::new().default_handler(error::ensure_problem))
        .wrap(Compress::default())
        .wrap(Logger::new("%a \"%r\" %s %b %Dms"))
}

/// The HTTP server of `renda serve` on `listener`, with the connection bounds of the
/// configuration: the request head must arrive within `CLIENT_REQUEST_TIMEOUT_SECONDS`
/// (else actix answers a bare 408 and closes: this answer is written by actix's HTTP/1
/// dispatcher before any middleware runs, so it cannot be problem+json; nor can its 400
/// for a request line or header it cannot parse, nor its 431 for too large a head), an
/// idle kept-alive connection is closed after `KEEP_ALIVE_SECONDS`, a closing connection
/// gets one second to shut down. The body's own deadline is the application's
/// ([`app`]). Integration tests start the server through this function too.
pub fn server(
    state: AppState,
    listener: std::net::TcpListener,
    workers: usize,
) -> std::io::Result<actix_web::dev::Server> {
    let head = Duration::from_secs(state.config.client_request_timeout_seconds);
    let keep_alive = Duration::from_secs(state.config.keep_alive_seconds);
    Ok(actix_web::HttpServer::new(move || app(state.clone()))
        .workers(workers)
        .client_request_timeout(head)
        .client_disconnect_timeout(Duration::from_secs(1))
        .keep_alive(keep_alive)
        .listen(listener)?
        .run())
}
