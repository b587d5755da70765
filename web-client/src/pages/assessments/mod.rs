//! The screens of the assessment area (issue 11), one module each: 我的履职 for a deputy
//! ([`my_record`]), the office's list of records ([`records`]) and one deputy's record
//! ([`record`]), the review queue of entries and corrections ([`review`]); and the office's
//! schemes ([`schemes`]), runs ([`runs`], [`run`]), awards ([`awards`]), duty reports
//! ([`duty_reports`]), work appraisals ([`appraisals`]) and publication with the public
//! pages ([`publication`]).

#[cfg(feature = "assessment_duties")]
pub mod appraisal_forms;
#[cfg(feature = "assessment_duties")]
pub mod appraisals;
#[cfg(feature = "assessment_duties")]
pub mod awards;
#[cfg(feature = "assessment_duties")]
pub mod ballots;
#[cfg(feature = "assessment_office")]
pub mod chart;
#[cfg(feature = "assessments")]
pub mod corrections;
pub mod dialog;
#[cfg(feature = "assessment_duties")]
pub mod duty_report_form;
#[cfg(feature = "assessment_duties")]
pub mod duty_reports;
#[cfg(feature = "assessments")]
pub mod entries;
#[cfg(feature = "assessments")]
pub mod entry_form;
pub mod fields;
#[cfg(feature = "assessments")]
pub mod my_record;
#[cfg(feature = "assessment_office")]
pub mod objections;
#[cfg(feature = "assessment_duties")]
pub mod publication;
#[cfg(feature = "assessment_office")]
pub mod ranking;
#[cfg(any(feature = "assessments", feature = "assessment_office"))]
pub mod ratings;
#[cfg(feature = "assessments")]
pub mod record;
#[cfg(feature = "assessments")]
pub mod record_view;
#[cfg(feature = "assessments")]
pub mod records;
#[cfg(feature = "assessments")]
pub mod review;
#[cfg(feature = "assessment_office")]
pub mod run;
#[cfg(feature = "assessment_office")]
pub mod runs;
#[cfg(feature = "assessment_schemes")]
pub mod scheme_editor;
#[cfg(feature = "assessment_schemes")]
pub mod scheme_items;
#[cfg(feature = "assessment_schemes")]
pub mod schemes;
#[cfg(feature = "assessments")]
pub mod score;

use crate::i18n::assessments::use_at;
use crate::{AuthCtx, Route};
use renda_openapi::Role;
use yew::prelude::*;
use yew_router::prelude::*;

/// The page of an assessment route (see [`crate::Route::area`]).
pub fn switch(route: Route) -> Html {
    match route {
        #[cfg(feature = "assessments")]
        Route::MyRecord => html! { <my_record::MyRecordPage /> },
        #[cfg(feature = "assessments")]
        Route::Records => html! { <records::RecordsPage /> },
        #[cfg(feature = "assessments")]
        Route::Record { deputy_id } => html! { <record::RecordPage {deputy_id} /> },
        #[cfg(feature = "assessments")]
        Route::Review => html! { <review::ReviewPage /> },
        #[cfg(feature = "assessment_schemes")]
        Route::AssessmentSchemes => html! { <schemes::SchemesPage /> },
        #[cfg(feature = "assessment_office")]
        Route::AssessmentRuns => html! { <runs::RunsPage /> },
        #[cfg(feature = "assessment_office")]
        Route::AssessmentRun { id } => html! { <run::RunPage {id} /> },
        #[cfg(feature = "assessment_duties")]
        Route::Awards => html! { <awards::AwardsPage /> },
        #[cfg(feature = "assessment_duties")]
        Route::DutyReports => html! { <duty_reports::DutyReportsPage /> },
        #[cfg(feature = "assessment_duties")]
        Route::WorkAppraisals => html! { <appraisals::AppraisalsPage /> },
        #[cfg(feature = "assessment_duties")]
        Route::Publication => html! { <publication::PublicationPage /> },
        #[cfg(feature = "assessment_duties")]
        Route::PublicDeputies { id } => html! { <publication::PublicDeputiesPage {id} /> },
        #[cfg(feature = "assessment_duties")]
        Route::PublicDeputy { id } => html! { <publication::PublicDeputyPage {id} /> },
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
    let office = matches!(auth.role(), Some(Role::Admin | Role::Staff));
    let publication = office.then_some((Route::Publication, at.tab_publication));
    let tabs = tabs.into_iter().chain(publication);
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

/// The year in the address's `?year=`, else the current year.
pub fn initial_year() -> i32 {
    use chrono::Datelike;
    let from_query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
        .and_then(|p| p.get("year"))
        .and_then(|y| y.parse().ok());
    from_query.unwrap_or_else(|| today().year())
}

/// Today in the browser's time zone.
pub fn today() -> chrono::NaiveDate {
    let d = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_default()
}

/// The year picker: this year and the five before it (a record or run of an older year is
/// reached by `?year=`).
pub fn year_select(id: &'static str, label: &'static str, year: i32, on: Callback<i32>) -> Html {
    use chrono::Datelike;
    let now = today().year();
    let mut years: Vec<i32> = (now - 5..=now).rev().collect();
    if !years.contains(&year) {
        years.push(year);
    }
    let onchange = Callback::from(move |e: Event| {
        if let Ok(y) = crate::components::widgets::select_value(&e).parse() {
            on.emit(y);
        }
    });
    html! {
        <label class="field year-select" for={id}>
            <span class="field-label">{label}</span>
            <select {id} {onchange}>
                { for years.into_iter().map(|y| html! {
                    <option value={y.to_string()} selected={y == year}>{y}</option>
                }) }
            </select>
        </label>
    }
}

/// A failed request as a banner: the catalogue's sentence for a refusal, with "Try again"
/// when `on_retry` is given.
pub fn banner(e: &crate::api::ApiError, on_retry: Option<Callback<()>>) -> Html {
    html! { <Banner error={e.clone()} {on_retry} /> }
}

/// Props of [`Banner`].
#[derive(Properties, PartialEq)]
pub struct BannerProps {
    /// What failed.
    pub error: crate::api::ApiError,
    /// Offers "Try again".
    #[prop_or_default]
    pub on_retry: Option<Callback<()>>,
}

/// See [`banner`].
#[function_component]
pub fn Banner(p: &BannerProps) -> Html {
    let at = use_at();
    let t = crate::i18n::use_t();
    let fields: Vec<String> = p
        .error
        .field_errors()
        .iter()
        .map(
            |f| match crate::i18n::assessments::refusal(&f.code, f.params.as_ref()) {
                Some(m) => renda_openapi::Catalogue::text(&m, at.cat()),
                None => t.field_error_message(f),
            },
        )
        .collect();
    html! {
        <div class="banner banner-error" role="alert">
            <p class="banner-title">{at.error(&p.error)}</p>
            if !fields.is_empty() {
                <ul>{ for fields.into_iter().map(|m| html! { <li>{m}</li> }) }</ul>
            }
            if let Some(retry) = p.on_retry.clone() {
                <button type="button" class="btn btn-small" onclick={Callback::from(move |_| retry.emit(()))}>
                    {t.retry}
                </button>
            }
        </div>
    }
}

/// A status as a badge: `badge-<code>` so the stylesheet colours it.
pub fn status_badge(code: &'static str, label: &'static str) -> Html {
    html! { <span class={classes!("badge", format!("badge-{code}"))} data-status={code}>{label}</span> }
}

/// Sends `future` in the background: `busy` while it runs, its error into `error`, and
/// `on_done` after a success.
pub fn send(
    future: impl std::future::Future<Output = Result<(), crate::api::ApiError>> + 'static,
    busy: &UseStateHandle<bool>,
    error: &UseStateHandle<Option<crate::api::ApiError>>,
    on_done: &Callback<()>,
) {
    busy.set(true);
    let (busy, error, on_done) = (busy.clone(), error.clone(), on_done.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let result = future.await;
        busy.set(false);
        match result {
            Ok(()) => on_done.emit(()),
            Err(e) => error.set(Some(e)),
        }
    });
}
