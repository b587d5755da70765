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
use crate::schema::{assessment_runs, awards, terms};
use chrono::{NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::templates::bands_hundred;
use renda_openapi::{
    CongressId, Role, RunInput, RunStatus, RunStep, RunTransition, SchemeInput, TermId,
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
    let scheme = SchemeInput {
        congress_id: CongressId(demo.township),
        name: "兆通镇人大代表履职考核细则（2022年）".into(),
        year: 2022,
        template: Some(template.code.clone()),
        notes: Some(template.source.clone()),
        definition: template.definition,
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
    compute::compute(conn, &row)?;
    let today = Utc::now().date_naive();
    let steps = [
        (RunStep::Publish, RunStatus::Published),
        (RunStep::Freeze, RunStatus::Frozen),
    ];
    for (step, next) in steps {
        let row = run_queries::find(conn, &staff, row.id, true)?;
        let t = RunTransition {
            step,
            objections_until: Some(today),
            publish_to_all: true,
            close_window_early: true,
        };
        runs::apply(conn, &row, &t, next)?;
    }
    let decided = NaiveDate::from_ymd_opt(2023, 1, 12).expect("valid date");
    diesel::update(awards::table.filter(awards::run_id.eq(row.id.0)))
        .set((
            awards::status.eq("confirmed"),
            awards::awarded_on.eq(Some(decided)),
            awards::document_no.eq(Some(AWARD_DOCUMENT)),
            awards::decided_by.eq(Some(presidium)),
            awards::decided_at.eq(Some(Utc::now())),
        ))
        .execute(conn)?;
    Ok(())
}
