//! HTTP handlers of imports and exports.

use super::upload::Upload;
use super::{columns, export, roster, status_changes, ImportRun};
use crate::auth::caller::{AuthUser, REGISTRY_WRITERS};
use crate::db::{tx, DbPool};
use crate::deputies::personal::PersonalDataKey;
use crate::deputies::repo;
use crate::error::ApiError;
use crate::error::{ImportErrors, ReadErrors, WriteErrors};
use crate::http::today;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use diesel::prelude::*;
use renda_openapi::{DeputyListQuery, ImportReport, Role};
use serde::Deserialize;
use uuid::Uuid;

/// Query of the import endpoints.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// The term the rows' mandates belong to (its congress keeps the deputies).
    pub term_id: Uuid,
    /// Report what would happen and change nothing (default false).
    #[serde(default)]
    pub dry_run: bool,
    /// Apply nothing if any row fails; the failing rows come back as a 422 problem
    /// (default false: valid rows are applied, failing rows reported).
    #[serde(default)]
    pub all_or_nothing: bool,
    /// `all` (default) or `problems`: which rows the report lists.
    #[serde(default)]
    pub rows: Option<String>,
}

fn read_upload(
    upload: &Upload,
    required: columns::Column,
) -> Result<(columns::Layout, &'static str), ApiError> {
    let (format, table) = upload.table()?;
    let layout = columns::layout(table, required)?;
    Ok((layout, format.as_str()))
}

/// Import a roster (代表名册) into a term.
///
/// The body is the file itself: CSV (UTF-8 with or without BOM, or GB18030), XLSX (title
/// rows above the header allowed) or JSON (an array of objects), told apart by
/// `Content-Type` and content. Headers may be Chinese (序号, 代表团, 代表小组, 选区, 代表证号,
/// 姓名, 性别, 民族, 出生年月, 党派, 工作单位及职务, 联系电话, 身份证号, 地址, 备注, 外部编号) or
/// English (`name`, `gender`, `birth_date` …); only 姓名/name is required.
///
/// Each row creates a deputy with a mandate, updates the deputy it matches, or is
/// reported as an error with its row number, column and reason. Matching never merges
/// namesakes: see [`ImportReport`] and `matched_by`. Missing delegations and deputy groups
/// are created. Importing the same file again changes nothing. The whole import is one
/// transaction. Admin, staff and integration only.
#[utoipa::path(
    post, path = "/api/v1/imports/roster", tag = "imports",
    params(ImportQuery),
    request_body(description = "The roster file", content(
        (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (String = "application/json"))),
    responses(
        (status = 200, description = "What was (or, in a dry run, would be) done to each row", body = ImportReport),
        (status = 415, description = "Not a CSV, XLSX or JSON file", body = renda_openapi::Problem, content_type = "application/problem+json"),
        WriteErrors,
        ImportErrors
    ),
    security(("bearer" = []))
)]
pub async fn import_roster(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    key: web::Data<PersonalDataKey>,
    query: crate::http::Query<ImportQuery>,
    body: web::Payload,
) -> Result<web::Json<ImportReport>, ApiError> {
    run_import(req, user, pool, key, query.into_inner(), body, roster::run).await
}

/// Import status changes (补选, 辞职, 罢免, 去世, 迁出 …) into the mandates of a term.
///
/// Columns: 变动类型 (required), 代表团 (full or short name), 姓名, 变动日期, and optionally
/// 外部编号, 身份证号 and the person's fields. A by-election dates the named deputy's mandate;
/// a departure terminates it with the reason and date, or, for a person not in the
/// roster, registers a former deputy with a terminated mandate. Rows without a date are
/// kept without one and reported. Admin, staff and integration only.
#[utoipa::path(
    post, path = "/api/v1/imports/status-changes", tag = "imports",
    params(ImportQuery),
    request_body(description = "The status-change file", content(
        (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (String = "application/json"))),
    responses(
        (status = 200, description = "What was (or would be) done to each row", body = ImportReport),
        (status = 415, description = "Not a CSV, XLSX or JSON file", body = renda_openapi::Problem, content_type = "application/problem+json"),
        WriteErrors,
        ImportErrors
    ),
    security(("bearer" = []))
)]
pub async fn import_status_changes(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    key: web::Data<PersonalDataKey>,
    query: crate::http::Query<ImportQuery>,
    body: web::Payload,
) -> Result<web::Json<ImportReport>, ApiError> {
    run_import(
        req,
        user,
        pool,
        key,
        query.into_inner(),
        body,
        status_changes::run,
    )
    .await
}

/// An import's entry point: rows of a read file into the term of the options.
type Importer = fn(
    &mut PgConnection,
    &ImportRun,
    columns::Layout,
    &str,
    NaiveDate,
) -> Result<ImportReport, ApiError>;

/// What both imports share: the role check, the term in scope, reading the upload, one
/// transaction.
async fn run_import(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    key: web::Data<PersonalDataKey>,
    q: ImportQuery,
    body: web::Payload,
    importer: Importer,
) -> Result<web::Json<ImportReport>, ApiError> {
    user.require(REGISTRY_WRITERS)?;
    let key = key.into_inner();
    let only_problems = match q.rows.as_deref() {
        None | Some("all") => false,
        Some("problems") => true,
        Some(_) => {
            return Err(ApiError::field(
                "?rows",
                "invalid_value",
                "rows 须为 all 或 problems。",
            ))
        }
    };
    let upload = Upload::read(&req, body).await?;
    let report = tx(&pool, move |conn| {
        let term = crate::congresses::repo::term_in_scope(conn, &user, q.term_id)?;
        // One import per term at a time: a second one waits, then sees what the first wrote
        // (a double submit or a retry must not create everyone twice).
        crate::schema::terms::table
            .find(term.id)
            .select(crate::schema::terms::id)
            .for_update()
            .first::<Uuid>(conn)?;
        let (layout, format) = read_upload(&upload, columns::Column::Name)?;
        let limits = upload.limits;
        // The cells are read: the upload's bytes are not needed any more (its slot is
        // held until the import is done).
        let slot = upload.into_slot();
        let opts = ImportRun {
            term: &term,
            dry_run: q.dry_run,
            all_or_nothing: q.all_or_nothing,
            only_problems,
            actor: user.id,
            key: &key,
            limits,
        };
        let report = importer(conn, &opts, layout, format, today());
        drop(slot);
        report
    })
    .await?;
    Ok(web::Json(report))
}

/// Export format.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `csv` (default) or `xlsx`.
    pub format: Option<String>,
}

/// Export the filtered deputies list (same filters as `GET /api/v1/deputies`, all pages) as
/// CSV or XLSX with the roster import's columns. Contacts and ID-card numbers only for
/// roles that may see them. Not for handling organisations.
#[utoipa::path(
    get, path = "/api/v1/deputies/export", tag = "imports",
    params(ExportQuery, DeputyListQuery),
    responses(
        (status = 200, description = "The file", content(
            (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 403, description = "Role may not export", body = renda_openapi::Problem, content_type = "application/problem+json"),
        ReadErrors
    ),
    security(("bearer" = []))
)]
pub async fn export_deputies(
    user: AuthUser,
    pool: web::Data<DbPool>,
    key: web::Data<PersonalDataKey>,
    format: crate::http::Query<ExportQuery>,
    query: crate::http::Query<DeputyListQuery>,
) -> Result<HttpResponse, ApiError> {
    user.require(&[Role::Admin, Role::Staff, Role::Presidium, Role::Integration])?;
    let xlsx = match format.format.as_deref() {
        None | Some("csv") => false,
        Some("xlsx") => true,
        Some(_) => {
            return Err(ApiError::field(
                "?format",
                "invalid_value",
                "format 须为 csv 或 xlsx。",
            ))
        }
    };
    let mut q = query.into_inner();
    let key = key.into_inner();
    let (cols, rows) = tx(&pool, move |conn| {
        let cols = export::columns(&user);
        let mut rows = vec![];
        q.limit = Some(repo::MAX_PAGE);
        q.with_total = None;
        loop {
            let page = repo::list(conn, &user, &q)?;
            for (d, m) in &page.rows {
                rows.push(export::cells(rows.len() + 1, d, m.as_ref(), &cols, &key));
            }
            match page.next_cursor {
                Some(c) => q.cursor = Some(c),
                None => break,
            }
        }
        Ok((cols, rows))
    })
    .await?;
    let stamp = today().format("%Y%m%d");
    let (body, mime, ext) = if xlsx {
        (
            export::to_xlsx(&cols, &rows)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        )
    } else {
        (
            export::to_csv(&cols, &rows)?,
            "text/csv; charset=utf-8",
            "csv",
        )
    };
    Ok(HttpResponse::Ok()
        .content_type(mime)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"deputies-{stamp}.{ext}\"; filename*=UTF-8''%E4%BB%A3%E8%A1%A8%E5%90%8D%E5%86%8C-{stamp}.{ext}"),
        ))
        .body(body))
}
