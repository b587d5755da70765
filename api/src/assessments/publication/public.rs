//! The public pages of deputies (DL 58, R14), without signing in: a congress's list of
//! deputies and each deputy's page with the basic information and the year's counts that
//! the congress publishes. They read only the fields named here, so personal data (ID
//! number, phone, address, birth month and day) cannot leak, and are rate-limited per
//! client address ([`LIMIT`]). A congress that publishes nothing answers 404.

use super::super::records::{build, counts};
use super::settings_of;
use crate::db::{tx, DbPool};
use crate::error::ApiError;
use crate::http::Query;
use crate::paging::limit;
use crate::schema::{assessment_runs, assessment_scores, awards, congresses, deputies, terms};
use actix_governor::{Governor, GovernorConfig, GovernorConfigBuilder, PeerIpKeyExtractor};
use actix_web::{get, web};
use chrono::{Datelike, Utc};
use diesel::prelude::*;
use renda_openapi::messages::{AssessmentMessage as M, CommonMessage};
use renda_openapi::{
    CongressId, DeputyId, Gender, Grade, Period, Problem, PublicAward, PublicDeputy,
    PublicDeputyItem, PublicDeputyList, PublicDeputyQuery, PublicListQuery, PublicationSettings,
    Refusal, TermId,
};
use std::sync::OnceLock;
use utoipa_actix_web::service_config::ServiceConfig;

/// Requests per minute per client address on the public pages (after a burst of 60).
pub const PER_MINUTE: u64 = 120;

type Limit =
    GovernorConfig<PeerIpKeyExtractor, actix_governor::governor::middleware::NoOpMiddleware>;

/// The public pages' rate limit, shared by every worker.
pub static LIMIT: OnceLock<Limit> = OnceLock::new();

fn limit_config() -> &'static Limit {
    LIMIT.get_or_init(|| {
        GovernorConfigBuilder::default()
            .requests_per_minute(PER_MINUTE)
            .burst_size(60)
            .finish()
            .expect("non-zero rate and burst")
    })
}

/// The public routes, under `/public`, behind the rate limit.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/public")
            .wrap(Governor::new(limit_config()))
            .service(public_deputies)
            .service(public_deputy),
    );
}

fn not_found() -> ApiError {
    Refusal::not_found(CommonMessage::NotInScope).into()
}

/// The settings of a congress that publishes.
///
/// Errors: 404 `publication_off` otherwise.
fn published(
    conn: &mut PgConnection,
    congress: CongressId,
) -> Result<PublicationSettings, ApiError> {
    let (s, _) = settings_of(conn, congress)?;
    if s.enabled {
        Ok(s)
    } else {
        Err(Refusal::not_found(M::PublicationOff).into())
    }
}

/// The congress's name and its latest term (number).
fn latest_term(
    conn: &mut PgConnection,
    congress: CongressId,
) -> Result<(String, TermId, i32), ApiError> {
    let name: String = congresses::table
        .find(congress)
        .select(congresses::name)
        .first(conn)
        .optional()?
        .ok_or_else(not_found)?;
    let (term, number): (TermId, i32) = terms::table
        .filter(terms::congress_id.eq(congress))
        .order(terms::starts_on.desc())
        .select((terms::id, terms::number))
        .first(conn)
        .optional()?
        .ok_or_else(not_found)?;
    Ok((name, term, number))
}

fn list(
    conn: &mut PgConnection,
    congress: CongressId,
    q: &PublicListQuery,
) -> Result<PublicDeputyList, ApiError> {
    let size = limit(q.limit)? as usize;
    let settings = published(conn, congress)?;
    let (congress_name, term, term_number) = latest_term(conn, congress)?;
    let mut all = counts::assessed(conn, term, None, None)?;
    if let Some(c) = q.cursor.as_deref() {
        let at = all
            .iter()
            .position(|d| d.deputy_id.0.to_string() == c)
            .ok_or_else(|| {
                ApiError::from(Refusal::invalid("?cursor", CommonMessage::InvalidValue))
            })?;
        all.drain(..=at);
    }
    let more = all.len() > size;
    all.truncate(size);
    let next_cursor = more
        .then(|| all.last().map(|d| d.deputy_id.0.to_string()))
        .flatten();
    Ok(PublicDeputyList {
        congress_id: congress,
        congress_name,
        term_number,
        deputies: all
            .into_iter()
            .map(|d| PublicDeputyItem {
                deputy_id: d.deputy_id,
                name: d.name,
                deputy_group: d.deputy_group_name.filter(|_| settings.show_deputy_group),
                constituency: d.constituency.filter(|_| settings.show_constituency),
            })
            .collect(),
        next_cursor,
    })
}

/// The deputies of a congress's latest term, by name, with their group and constituency
/// where the congress publishes them. No sign-in; at most [`PER_MINUTE`] requests a
/// minute per client address.
///
/// Errors: 404 `publication_off` when the congress does not publish (or does not exist);
/// 422 for a bad `limit` or `cursor`; 429 over the rate limit.
#[utoipa::path(
    tag = "assessments",
    params(("id" = CongressId, Path, description = "Congress id"), PublicListQuery),
    responses((status = 200, description = "The deputies", body = PublicDeputyList), (status = 404, description = "Not published", body = Problem, content_type = "application/problem+json"), (status = 422, description = "Bad paging", body = Problem, content_type = "application/problem+json"), (status = 429, description = "Too many requests from this address", body = Problem, content_type = "application/problem+json")),
    security(())
)]
#[get("/congresses/{id}/deputies")]
pub async fn public_deputies(
    pool: web::Data<DbPool>,
    id: web::Path<CongressId>,
    query: Query<PublicListQuery>,
) -> Result<web::Json<PublicDeputyList>, ApiError> {
    let (congress, q) = (id.into_inner(), query.into_inner());
    Ok(web::Json(
        tx(&pool, move |conn| list(conn, congress, &q)).await?,
    ))
}

/// What a public page may show of a deputy (never the ID number, phone, address or the
/// birth month and day: they are not read).
type PublicFields = (
    CongressId,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i32>,
    Option<String>,
);

/// The grade of the deputy's frozen yearly run of `period` (the year the page shows).
fn grade_of(
    conn: &mut PgConnection,
    deputy: DeputyId,
    period: Period,
) -> QueryResult<Option<Grade>> {
    assessment_scores::table
        .inner_join(assessment_runs::table.on(assessment_runs::id.eq(assessment_scores::run_id)))
        .filter(assessment_scores::deputy_id.eq(deputy))
        .filter(assessment_runs::status.eq("frozen"))
        .filter(assessment_runs::period_kind.eq("year"))
        .filter(assessment_runs::period_from.eq(period.from))
        .order(assessment_runs::period_from.desc())
        .select(assessment_scores::grade)
        .first::<String>(conn)
        .optional()
        .map(|g| g.as_deref().and_then(Grade::parse))
}

fn awards_of(conn: &mut PgConnection, deputy: DeputyId) -> QueryResult<Vec<PublicAward>> {
    Ok(awards::table
        .filter(awards::deputy_id.eq(deputy))
        .filter(awards::status.eq("confirmed"))
        .order((awards::year.desc(), awards::awarded_on.desc()))
        .select((
            awards::kind,
            awards::year,
            awards::awarded_on,
            awards::document_no,
        ))
        .load::<(String, i32, Option<chrono::NaiveDate>, Option<String>)>(conn)?
        .into_iter()
        .filter_map(|(kind, year, awarded_on, document_no)| {
            Some(PublicAward {
                kind: renda_openapi::AwardKind::parse(&kind)?,
                year,
                awarded_on,
                document_no,
            })
        })
        .collect())
}

fn page(conn: &mut PgConnection, deputy: DeputyId, year: i32) -> Result<PublicDeputy, ApiError> {
    let (congress, name, gender, ethnicity, party, birth_year, workplace_post): PublicFields =
        deputies::table
            .find(deputy)
            .select((
                deputies::congress_id,
                deputies::name,
                deputies::gender,
                deputies::ethnicity,
                deputies::party,
                deputies::birth_year,
                deputies::workplace_post,
            ))
            .first(conn)
            .optional()?
            .ok_or_else(not_found)?;
    let s = published(conn, congress)?;
    let (congress_name, _, _) = latest_term(conn, congress)?;
    let term = build::term_of(conn, deputy, None).map_err(|_| not_found())?;
    let term_number: i32 = terms::table.find(term).select(terms::number).first(conn)?;
    let brief = counts::assessed(conn, term, Some(&[deputy]), None)?
        .pop()
        .ok_or_else(not_found)?;
    let period = Period::year(year).ok_or_else(not_found)?;
    let all = counts::for_deputies(conn, term, period, &[deputy])?
        .remove(&deputy)
        .unwrap_or_default();
    Ok(PublicDeputy {
        deputy_id: deputy,
        name,
        congress_id: congress,
        congress_name,
        term_number,
        gender: gender
            .as_deref()
            .and_then(Gender::parse)
            .filter(|_| s.show_gender),
        ethnicity: ethnicity.filter(|_| s.show_ethnicity),
        party: party.filter(|_| s.show_party),
        birth_year: birth_year.filter(|_| s.show_birth_year),
        workplace_post: workplace_post.filter(|_| s.show_workplace_post),
        constituency: brief.constituency.filter(|_| s.show_constituency),
        deputy_group: brief.deputy_group_name.filter(|_| s.show_deputy_group),
        year,
        counts: s.counts.iter().map(|m| (*m, all.get(*m))).collect(),
        count_order: s.counts.clone(),
        awards: if s.show_awards {
            awards_of(conn, deputy)?
        } else {
            vec![]
        },
        grade: if s.show_grade {
            grade_of(conn, deputy, period)?
        } else {
            None
        },
        as_of: Utc::now(),
    })
}

/// A deputy's public page: the basic information and the counts of the year (default
/// the current year) that their congress publishes, awards and the grade of that year
/// if it publishes them. Fields it does not publish are absent. No sign-in; at most
/// [`PER_MINUTE`] requests a minute per client address.
///
/// Errors: 404 for an unknown deputy, one without a current mandate, or a congress that
/// does not publish (`publication_off`); 422 `out_of_range` at `?year` (2000–2100); 429
/// over the rate limit.
#[utoipa::path(
    tag = "assessments",
    params(("id" = DeputyId, Path, description = "Deputy id"), PublicDeputyQuery),
    responses((status = 200, description = "The public page", body = PublicDeputy), (status = 404, description = "Not published", body = Problem, content_type = "application/problem+json"), (status = 422, description = "Bad year", body = Problem, content_type = "application/problem+json"), (status = 429, description = "Too many requests from this address", body = Problem, content_type = "application/problem+json")),
    security(())
)]
#[get("/deputies/{id}")]
pub async fn public_deputy(
    pool: web::Data<DbPool>,
    id: web::Path<DeputyId>,
    query: Query<PublicDeputyQuery>,
) -> Result<web::Json<PublicDeputy>, ApiError> {
    let deputy = id.into_inner();
    let year = build::period(query.year, None, None, None)?.from.year();
    Ok(web::Json(
        tx(&pool, move |conn| page(conn, deputy, year)).await?,
    ))
}
