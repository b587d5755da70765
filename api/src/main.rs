//! `renda`: serve the API, migrate the database, create users, load the demo township.
//!
//! ```text
//! renda up            make sure the database exists, migrate, load the demo, print the
//!                     login, and serve (the one command of the README)
//! renda serve         run pending migrations, then serve on BIND_ADDR
//! renda migrate       run pending migrations
//! renda create-user   --username U --role admin --congress-name N --congress-level L
//!                     [--display-name D]; password from RENDA_PASSWORD or standard input
//! renda demo          load the demo township (idempotent) and print the demo logins
//! renda openapi       print the OpenAPI document
//! ```

use diesel::{Connection, PgConnection};
use renda_api::app::{server, AppState};
use renda_api::config::Config;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!(
        "usage: renda <up|serve|migrate|create-user|demo|openapi> [options]  (see README.md)"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        return usage();
    };
    let result = match command.as_str() {
        "openapi" => {
            print!("{}", renda_api::api_doc::openapi_json());
            Ok(())
        }
        "up" => renda_api::demo::prepare_local().and_then(|config| {
            migrate(&config)?;
            renda_api::demo::load_and_print(&config, true)?;
            serve(config)
        }),
        "serve" => Config::from_env().map_err(|e| e.to_string()).and_then(|c| {
            migrate(&c)?;
            serve(c)
        }),
        "migrate" => Config::from_env()
            .map_err(|e| e.to_string())
            .and_then(|c| migrate(&c)),
        "demo" => Config::from_env().map_err(|e| e.to_string()).and_then(|c| {
            migrate(&c)?;
            renda_api::demo::load_and_print(&c, false)
        }),
        "create-user" => Config::from_env().map_err(|e| e.to_string()).and_then(|c| {
            migrate(&c)?;
            renda_api::demo::create_user_from_args(&c, &args[1..])
        }),
        _ => return usage(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("renda: {e}");
            ExitCode::FAILURE
        }
    }
}

fn migrate(config: &Config) -> Result<(), String> {
    let mut conn = PgConnection::establish(&config.database_url).map_err(|e| {
        format!(
            "cannot connect to the database ({e}); is PostgreSQL running and DATABASE_URL right?"
        )
    })?;
    let applied = renda_api::db::migrate(&mut conn)?;
    for m in &applied {
        log::info!("applied migration {m}");
    }
    Ok(())
}

fn serve(config: Config) -> Result<(), String> {
    let bind = config.bind_addr.clone();
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    let sweep_minutes = config.reminder_sweep_minutes;
    let state = AppState::new(config);
    if sweep_minutes > 0 {
        renda_api::suggestions::reminders::spawn_sweeper(
            state.pool.get_ref().clone(),
            std::time::Duration::from_secs(sweep_minutes * 60),
        );
    }
    log::info!("serving on http://{bind}");
    let listener =
        std::net::TcpListener::bind(&bind).map_err(|e| format!("cannot listen on {bind}: {e}"))?;
    actix_web::rt::System::new()
        .block_on(async move { server(state, listener, workers)?.await })
        .map_err(|e| format!("server failed: {e}"))
}
