//! The screens of the assessment area (issue 11), one module each: 我的履职 for a deputy
//! ([`my_record`]), the office's list of records ([`records`]) and one deputy's record
//! ([`record`]), the review queue of entries and corrections ([`review`]); and the office's
//! schemes ([`schemes`]), runs ([`runs`], [`run`]), awards ([`awards`]), duty reports
//! ([`duty_reports`]) and work appraisals ([`appraisals`]).

pub mod appraisal_forms;
pub mod appraisals;
pub mod awards;
pub mod ballots;
pub mod chart;
pub mod duty_reports;
pub mod fields;
pub mod my_record;
pub mod objections;
pub mod ranking;
pub mod record;
pub mod records;
pub mod review;
pub mod run;
pub mod runs;
pub mod scheme_editor;
pub mod scheme_items;
pub mod schemes;

use crate::i18n::assessments::use_at;
use crate::{AuthCtx, Route};
use renda_openapi::Role;
use yew::prelude::*;
use yew_router::prelude::*;

/// The page of an assessment route (see [`crate::Route::area`]).
pub fn switch(route: Route) -> Html {
    match route {
        Route::MyRecord => html! { <my_record::MyRecordPage /> },
        Route::Records => html! { <records::RecordsPage /> },
        Route::Record { deputy_id } => html! { <record::RecordPage {deputy_id} /> },
        Route::Review => html! { <review::ReviewPage /> },
        Route::AssessmentSchemes => html! { <schemes::SchemesPage /> },
        Route::AssessmentRuns => html! { <runs::RunsPage /> },
        Route::AssessmentRun { id } => html! { <run::RunPage {id} /> },
        Route::Awards => html! { <awards::AwardsPage /> },
        Route::DutyReports => html! { <duty_reports::DutyReportsPage /> },
        Route::WorkAppraisals => html! { <appraisals::AppraisalsPage /> },
        _ => html! {},
    }
}

/// Whether the user works on every deputy's assessment: administrators, office staff and
/// the presidium (a deputy sees only 我的履职).
pub fn is_assessment_office(auth: &AuthCtx) -> bool {
    matches!(
        auth.role(),
        Some(Role::Admin | Role::Staff | Role::Presidium)
    )
}

/// The tabs of the assessment area for the office and the presidium, the current one
/// marked. Shown at the top of each office screen of the area.
#[function_component]
pub fn AreaNav() -> Html {
    let at = use_at();
    let auth = use_context::<AuthCtx>().expect("AuthCtx");
    let route = use_route::<Route>();
    if !is_assessment_office(&auth) {
        return html! {};
    }
    let tabs = [
        (Route::Records, at.tab_records),
        (Route::Review, at.tab_review),
        (Route::AssessmentSchemes, at.tab_schemes),
        (Route::AssessmentRuns, at.tab_runs),
        (Route::Awards, at.tab_awards),
        (Route::DutyReports, at.tab_duty_reports),
        (Route::WorkAppraisals, at.tab_appraisals),
    ];
    let current = |r: &Route| match (&route, r) {
        (Some(Route::Record { .. }), Route::Records) => true,
        (Some(Route::AssessmentRun { .. }), Route::AssessmentRuns) => true,
        (Some(c), r) => c == r,
        _ => false,
    };
    html! {
        <nav class="area-tabs" aria-label={at.area_nav}>
            <ul>
                { for tabs.into_iter().map(|(r, label)| {
                    let on = current(&r);
                    html! {
                        <li>
                            <Link<Route> to={r} classes={classes!(on.then_some("active"))}>
                                <span aria-current={on.then_some("page")}>{label}</span>
                            </Link<Route>>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
