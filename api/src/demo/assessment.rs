//! The demo township's 2022 assessment (考核), run through the same code as the API: a
//! scheme from the `bands_hundred` template (Baihe's bands, Yuanjiang's 20 % quota with
//! leaders excluded), the 2022 run computed from the demo's record, published to all with
//! its objection window, frozen, and the proposed outstanding deputies and groups
//! confirmed by the presidium (兆人大〔2023〕1号, 12 January 2023).

use super::Demo;
use crate::assessments::runs::{self, compute, queries as run_queries};
use crate::assessments::schemes::queries as scheme_queries;
use crate::auth::caller::AuthUser;
use crate::error::ApiError;
use crate::schema::{assessment_ratings, assessment_runs, awards, mandates, terms};
use chrono::{NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::templates::bands_hundred;
use renda_openapi::{
    award_step, Actor, AwardStatus, AwardStep, CongressId, Grade, Role, RunInput, RunStatus,
    RunStep, RunTransition, SchemeInput, TermId,
};
use uuid::Uuid;

/// The presidium's decision commending the outstanding deputies and groups of 2022.
pub const AWARD_DOCUMENT: &str = "兆人大〔2023〕1号";

fn caller(id: Uuid, role: Role, congress: Uuid) -> AuthUser {
    AuthUser {
        id,
        role,
        congress_id: congress,
        deputy_id: None,
        handling_org_id: None,
        scopes: None,
    }
}

/// Runs the 2022 assessment of the demo township, unless it has a run; `office` and
/// `presidium` are the demo logins' user ids (they appear as who did each step).
pub fn load(
    conn: &mut PgConnection,
    demo: &Demo,
    office: Uuid,
    presidium: Uuid,
) -> Result<(), ApiError> {
    let exists: bool = diesel::select(diesel::dsl::exists(
        assessment_runs::table.filter(assessment_runs::congress_id.eq(demo.township)),
    ))
    .get_result(conn)?;
    if exists {
        return Ok(());
    }
    let staff = caller(office, Role::Staff, demo.township);
    let template = bands_hundred();
    let mut definition = template.definition;
    // The township's own reading of the quota: the top 20 % of those graded 一般 or better
    // (the template asks for 优秀, which no deputy of a first year reached).
    if let Some(q) = definition.quota.as_mut() {
        q.min_grade = Grade::Fair;
    }
    let scheme = SchemeInput {
        congress_id: CongressId(demo.township),
        name: "兆通镇人大代表履职考核细则（2022年）".into(),
        year: 2022,
        template: Some(template.code.clone()),
        notes: Some(template.source.clone()),
        definition,
    };
    scheme_queries::check(&scheme)?;
    let scheme = scheme_queries::insert(conn, &staff, &scheme, None)?;
    let term: TermId = terms::table
        .filter(terms::congress_id.eq(demo.township))
        .order(terms::number.desc())
        .select(terms::id)
        .first(conn)?;
    let input = RunInput {
        term_id: term,
        scheme_id: scheme.id,
        name: "2022年度代表履职考核".into(),
        year: 2022,
        quarter: None,
    };
    let (kind, period) = run_queries::check(&input)?;
    let row = run_queries::insert(conn, &staff, &input, kind, period)?;
    ratings(conn, row.id.0, term, office)?;
    compute::compute(conn, &row)?;
    // The window the office gave in December 2022, closed before the presidium decided.
    let window_closed = NaiveDate::from_ymd_opt(2023, 1, 5).expect("valid date");
    let steps = [
        (RunStep::Publish, RunStatus::Published),
        (RunStep::Freeze, RunStatus::Frozen),
    ];
    for (step, next) in steps {
        let row = run_queries::find(conn, &staff, row.id, true)?;
        let t = RunTransition {
            step,
            objections_until: Some(window_closed),
            publish_to_all: true,
            close_window_early: true,
        };
        runs::apply(conn, &row, &t, next)?;
    }
    confirm_awards(conn, row.id.0, presidium)
}

/// The presidium's decision of 12 January 2023 on every proposal of the run, each step
/// checked by the contract's `award_step` and audited as the API does.
fn confirm_awards(conn: &mut PgConnection, run: Uuid, presidium: Uuid) -> Result<(), ApiError> {
    let decided = NaiveDate::from_ymd_opt(2023, 1, 12).expect("valid date");
    let who = Actor {
        role: Role::Presidium,
        own: false,
    };
    let proposed: Vec<(Uuid, String)> = awards::table
        .filter(awards::run_id.eq(run))
        .select((awards::id, awards::status))
        .load(conn)?;
    for (id, status) in proposed {
        let state = AwardStatus::parse(&status)
            .ok_or_else(|| ApiError::Internal(format!("award status {status}")))?;
        let next = award_step(state, AwardStep::Confirm, who)?;
        diesel::update(awards::table.find(id))
            .set((
                awards::status.eq(next.as_str()),
                awards::awarded_on.eq(Some(decided)),
                awards::document_no.eq(Some(AWARD_DOCUMENT)),
                awards::decided_by.eq(Some(presidium)),
                awards::decided_at.eq(Some(Utc::now())),
            ))
            .execute(conn)?;
        let after = serde_json::json!({"status": next, "awarded_on": decided, "document_no": AWARD_DOCUMENT});
        crate::audit::record(
            conn,
            Some(presidium),
            "confirm",
            "award",
            Some(id),
            None,
            Some(&after),
        )?;
    }
    Ok(())
}

/// The paper forms of the self, group and office stages, entered by the office: scores
/// between 78 and 98 that differ from deputy to deputy and stage to stage.
fn ratings(conn: &mut PgConnection, run: Uuid, term: TermId, office: Uuid) -> QueryResult<()> {
    let deputies: Vec<Uuid> = mandates::table
        .filter(mandates::term_id.eq(term))
        .order(mandates::deputy_id)
        .select(mandates::deputy_id)
        .load(conn)?;
    let mut rows = Vec::new();
    for (i, deputy) in deputies.iter().enumerate() {
        for (j, stage) in ["self", "group", "office"].iter().enumerate() {
            let score = 78.0 + ((i * 7 + j * 5) % 21) as f64;
            rows.push((
                assessment_ratings::id.eq(Uuid::now_v7()),
                assessment_ratings::run_id.eq(run),
                assessment_ratings::deputy_id.eq(*deputy),
                assessment_ratings::stage.eq(*stage),
                assessment_ratings::rater_id.eq(office),
                assessment_ratings::score.eq(score),
            ));
        }
    }
    diesel::insert_into(assessment_ratings::table)
        .values(rows)
        .execute(conn)
        .map(|_| ())
}
