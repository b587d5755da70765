//! HTTP handlers of the office's set-up: handling organisations and their users,
//! categories, the import of items, settings, the working calendar.

use super::*;

/// Handling organisations (承办单位) in the caller's scope, by name; a handling-organisation
/// user sees only their own; deputies none.
#[utoipa::path(
    get, path = "/api/v1/handling-orgs", tag = "suggestions",
    params(OrgQuery),
    responses((status = 200, description = "Organisations", body = Vec<HandlingOrg>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_orgs(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<OrgQuery>,
) -> Result<web::Json<Vec<HandlingOrg>>, ApiError> {
    use crate::schema::handling_orgs;
    use diesel::prelude::*;
    let q = query.into_inner();
    let rows = tx(&pool, move |conn| {
        let mut query = repo::visible_orgs(&user);
        if let Some(c) = q.congress_id {
            query = query.filter(handling_orgs::congress_id.eq(c));
        }
        Ok(query
            .order((handling_orgs::name, handling_orgs::id))
            .select(super::super::models::HandlingOrgRow::as_select())
            .load(conn)?)
    })
    .await?;
    Ok(web::Json(rows.iter().map(|r| r.to_wire()).collect()))
}

/// Add a handling organisation to a congress (admin, staff).
#[utoipa::path(
    post, path = "/api/v1/handling-orgs", tag = "suggestions",
    request_body = NewHandlingOrg,
    responses((status = 201, description = "Created", body = HandlingOrg), WriteErrors),
    security(("bearer" = []))
)]
pub async fn create_org(
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: Json<NewHandlingOrg>,
) -> Result<HttpResponse, ApiError> {
    user.require(repo::OFFICE)?;
    let new = body.into_inner();
    let row = tx(&pool, move |conn| {
        let row = repo::create_org(conn, &user, &new)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "create",
            "handling_org",
            Some(row.id),
            None,
            Some(&serde_json::to_value(row.to_wire()).unwrap_or_default()),
        )?;
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(etag(row.version))
        .json(row.to_wire()))
}

/// One handling organisation.
#[utoipa::path(
    get, path = "/api/v1/handling-orgs/{id}", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Organisation id")),
    responses((status = 200, description = "The organisation", body = HandlingOrg), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_org(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let row = tx(&pool, move |conn| repo::ensure_org(conn, &user, id)).await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(row.to_wire()))
}

/// Create a login for a handling organisation (admin): role `handling_org`, in the
/// organisation's congress, acting for this organisation only.
#[utoipa::path(
    post, path = "/api/v1/handling-orgs/{id}/users", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Organisation id")),
    request_body = NewHandlingOrgUser,
    responses((status = 201, description = "Created", body = CurrentUser), WriteErrors),
    security(("bearer" = []))
)]
pub async fn create_org_user(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: Json<NewHandlingOrgUser>,
) -> Result<HttpResponse, ApiError> {
    use crate::schema::users;
    use diesel::prelude::*;
    user.require(&[Role::Admin])?;
    let (id, new) = (id.into_inner(), body.into_inner());
    let created = tx(&pool, move |conn| {
        let org = repo::ensure_org(conn, &user, id)?;
        let row = crate::auth::handlers::insert_user(
            conn,
            &NewUser {
                username: new.username,
                display_name: new.display_name,
                password: new.password,
                role: Role::HandlingOrg,
                congress_id: org.congress_id,
                deputy_id: None,
            },
        )?;
        diesel::update(users::table.find(row.id))
            .set(users::handling_org_id.eq(Some(org.id)))
            .execute(conn)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "create",
            "user",
            Some(row.id),
            None,
            Some(&serde_json::json!({
                "username": row.username, "role": row.role, "handling_org_id": org.id
            })),
        )?;
        Ok(CurrentUser {
            id: row.id,
            username: row.username,
            display_name: row.display_name,
            role: Role::HandlingOrg,
            congress_id: row.congress_id,
            deputy_id: None,
            handling_org_id: Some(org.id),
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(created))
}

/// The category taxonomy usable in a congress: its own categories and those of the
/// congresses above it, by level and name, each with its full path.
#[utoipa::path(
    get, path = "/api/v1/suggestion-categories", tag = "suggestions",
    params(CategoryQuery),
    responses((status = 200, description = "Categories", body = Vec<SuggestionCategory>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_categories(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<CategoryQuery>,
) -> Result<web::Json<Vec<SuggestionCategory>>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| repo::list_categories(conn, &user, &q)).await?,
    ))
}

/// Add a category (admin, staff): level 1 without `parent_id`, else below a level-1 or
/// level-2 category of the same congress.
#[utoipa::path(
    post, path = "/api/v1/suggestion-categories", tag = "suggestions",
    request_body = NewSuggestionCategory,
    responses((status = 201, description = "Created", body = SuggestionCategory), WriteErrors),
    security(("bearer" = []))
)]
pub async fn create_category(
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: Json<NewSuggestionCategory>,
) -> Result<HttpResponse, ApiError> {
    user.require(repo::OFFICE)?;
    let new = body.into_inner();
    let c = tx(&pool, move |conn| repo::create_category(conn, &user, &new)).await?;
    Ok(HttpResponse::Created().json(c))
}

/// `POST /api/v1/suggestion-categories/import` parameters.
#[derive(Debug, Clone, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CategoryImportQuery {
    /// The congress whose taxonomy the file fills.
    pub congress_id: Uuid,
}

/// Import a three-level taxonomy from XLSX or CSV (admin, staff): a header row with
/// 一级分类, 二级分类, 三级分类 and one row per category path, as in the TipDM 2020
/// smart-government taxonomy (附件1.xlsx: 15 level-1 classes, 517 rows). Existing
/// categories are kept: importing twice changes nothing.
#[utoipa::path(
    post, path = "/api/v1/suggestion-categories/import", tag = "suggestions",
    params(CategoryImportQuery),
    request_body(description = "The taxonomy file", content(
        (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
    responses(
        (status = 200, description = "Categories created and kept, rows skipped", body = CategoryImportReport),
        (status = 415, description = "Not a CSV or XLSX file", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ImportErrors
    ),
    security(("bearer" = []))
)]
pub async fn import_categories(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<CategoryImportQuery>,
    body: web::Payload,
) -> Result<web::Json<CategoryImportReport>, ApiError> {
    use crate::imports::table;
    user.require(repo::OFFICE)?;
    let upload = crate::imports::upload::Upload::read(&req, body).await?;
    let congress = query.congress_id;
    let report = tx(&pool, move |conn| {
        if upload.format()? == table::Format::Json {
            return Err(ApiError::UnsupportedMediaType(
                "分类表须为 XLSX 或 CSV 文件。".into(),
            ));
        }
        let rows = upload.table()?.1.rows;
        let _slot = upload.into_slot();
        let report = repo::import_categories(conn, &user, congress, &rows)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "import",
            "suggestion_category",
            Some(congress),
            None,
            Some(&serde_json::to_value(&report).unwrap_or_default()),
        )?;
        Ok(report)
    })
    .await?;
    Ok(web::Json(report))
}

/// Import suggestions from a file (admin, staff), with the roster import's dry run and
/// row report.
///
/// The body is the file itself: CSV (UTF-8 with or without BOM, or GB18030; quoted fields
/// may span lines), XLSX (title rows above the header allowed) or JSON (an array of
/// objects). Columns, Chinese or English: 编号/提案号 (`proposal_number`), 提出人
/// (`personnel_name`), 案由/标题 (`reason`, `title`), 内容 (`content`) are required;
/// 类别 (`type`), 提交日期/发布时间 (`publish_time`), 年度 (`year`) and 种类 (`kind`) are
/// read when present.
///
/// Each row creates a `submitted` item of origin `imported` that keeps the file's number,
/// year, proposer and category, or is `unchanged` when that number and year were imported
/// before (a re-import changes nothing), or an `error` with its reasons. Proposers are
/// matched by name against the congress's deputies and never created: the report says
/// per row which name matched which deputy, which matched none or several, and which
/// proposers are bodies. The file's categories are placed in the configured taxonomy by
/// name or by the documented mapping table; a category with no counterpart is a warning
/// and the item stays uncategorised. Row numbers are those the file shows. One
/// transaction; one import per congress at a time.
#[utoipa::path(
    post, path = "/api/v1/suggestions/import", tag = "suggestions",
    params(SuggestionImportQuery),
    request_body(description = "The suggestions file", content(
        (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (String = "application/json"))),
    responses(
        (status = 200, description = "What was (or, in a dry run, would be) done to each row", body = SuggestionImportReport),
        (status = 415, description = "Not a CSV, XLSX or JSON file", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ImportErrors
    ),
    security(("bearer" = []))
)]
pub async fn import_suggestions(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<SuggestionImportQuery>,
    body: web::Payload,
) -> Result<web::Json<SuggestionImportReport>, ApiError> {
    use crate::imports::columns;
    user.require(repo::OFFICE)?;
    let q = query.into_inner();
    let only_problems = match q.rows.as_deref() {
        None | Some("all") => false,
        Some("problems") => true,
        Some(_) => return Err(Refusal::invalid("?rows", CommonMessage::InvalidValue).into()),
    };
    let upload = crate::imports::upload::Upload::read(&req, body).await?;
    let report = tx(&pool, move |conn| {
        use crate::schema::congresses;
        use diesel::prelude::*;
        let congress = q.congress_id.unwrap_or(user.congress_id);
        crate::congresses::repo::ensure_in_scope(conn, &user, congress)?;
        // One import per congress at a time: a second one waits, then finds the first's
        // items (a double submit must not import everything twice).
        congresses::table
            .find(congress)
            .select(congresses::id)
            .for_update()
            .first::<Uuid>(conn)?;
        let (format, table) = upload.table()?;
        let limits = upload.limits;
        let layout = columns::layout(table, super::super::import::SuggestionColumn::Title)?;
        let _slot = upload.into_slot();
        let opts = super::super::import::Run {
            congress,
            dry_run: q.dry_run,
            all_or_nothing: q.all_or_nothing,
            only_problems,
            actor: user.id,
            actor_role: user.role.as_str(),
            report_bytes: limits.max_report_bytes,
        };
        super::super::import::run(conn, &opts, layout, format.as_str())
    })
    .await?;
    Ok(web::Json(report))
}

/// The suggestion settings of a congress (defaults when none are stored).
#[utoipa::path(
    get, path = "/api/v1/congresses/{id}/suggestion-settings", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Congress id")),
    responses((status = 200, description = "Settings", body = SuggestionSettings), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_settings(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<web::Json<SuggestionSettings>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| {
            crate::congresses::repo::ensure_in_scope(conn, &user, id)?;
            Ok(repo::settings(conn, id)?)
        })
        .await?,
    ))
}

/// Replace the suggestion settings of a congress (admin, staff): working days to refer
/// and to return, months to re-handle, the due-soon window, re-handling rounds, months for
/// a co-handler's input to the lead.
#[utoipa::path(
    put, path = "/api/v1/congresses/{id}/suggestion-settings", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Congress id")),
    request_body = SuggestionSettings,
    responses((status = 200, description = "Stored", body = SuggestionSettings), WriteErrors),
    security(("bearer" = []))
)]
pub async fn put_settings(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: Json<SuggestionSettings>,
) -> Result<web::Json<SuggestionSettings>, ApiError> {
    user.require(repo::OFFICE)?;
    let (id, s) = (id.into_inner(), body.into_inner());
    Ok(web::Json(
        tx(&pool, move |conn| repo::put_settings(conn, &user, id, &s)).await?,
    ))
}

/// The public holidays and adjusted working days (调休) of a year, as the deadlines count
/// them. Days not listed follow the week.
#[utoipa::path(
    get, path = "/api/v1/working-calendar/{year}", tag = "suggestions",
    params(("year" = i32, Path, description = "Year, 2000–2100")),
    responses((status = 200, description = "The year's exceptions, by date", body = WorkingCalendar), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_calendar(
    _user: AuthUser,
    pool: web::Data<DbPool>,
    year: web::Path<i32>,
) -> Result<web::Json<WorkingCalendar>, ApiError> {
    let year = year.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| repo::calendar_year(conn, year)).await?,
    ))
}

/// Replace a year's holidays and adjusted working days (admin), e.g. when the State
/// Council publishes next year's arrangements (国务院办公厅关于部分节假日安排的通知).
#[utoipa::path(
    put, path = "/api/v1/working-calendar/{year}", tag = "suggestions",
    params(("year" = i32, Path, description = "Year, 2000–2100")),
    request_body = WorkingCalendar,
    responses((status = 200, description = "Stored", body = WorkingCalendar), WriteErrors),
    security(("bearer" = []))
)]
pub async fn put_calendar(
    user: AuthUser,
    pool: web::Data<DbPool>,
    year: web::Path<i32>,
    body: Json<WorkingCalendar>,
) -> Result<web::Json<WorkingCalendar>, ApiError> {
    user.require(&[Role::Admin])?;
    let (year, cal) = (year.into_inner(), body.into_inner());
    Ok(web::Json(
        tx(&pool, move |conn| {
            // One calendar serves every congress of the deployment: only an administrator
            // of its top congress (one without a parent) may change it.
            use diesel::prelude::*;
            let parent: Option<Uuid> = crate::schema::congresses::table
                .find(user.congress_id)
                .select(crate::schema::congresses::parent_id)
                .first(conn)?;
            if parent.is_some() {
                return Err(Refusal::forbidden(SuggestionMessage::CalendarTopOnly).into());
            }
            repo::put_calendar_year(conn, &user, year, &cal)
        })
        .await?,
    ))
}
