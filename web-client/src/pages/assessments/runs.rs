//! The office's assessment runs (考核): every run with its period, scheme, state, deputies
//! scored and open objections, and a new run for a year or a quarter under a scheme
//! version of a term.

use super::fields::{select, text_input, use_draft, Errors};
use super::AreaNav;
use crate::api::assessments::office as calls;
use crate::api::ApiError;
use crate::components::widgets::{empty, error_banner, loading, use_title};
use crate::data::{effective_congress, use_congresses, use_load, use_units};
use crate::i18n::assessments::office::{use_ot, OfficeTexts};
use crate::i18n::use_t;
use crate::Route;
use renda_openapi::assessments::{AssessmentRun, RunInput, RunListQuery, RunStatus};
use std::rc::Rc;
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::Link;

/// The address of a run's page.
pub fn run_href(id: impl std::fmt::Display) -> String {
    format!("/assessment-runs/{id}")
}

/// The badge class of a run's state.
pub fn status_class(s: RunStatus) -> &'static str {
    match s {
        RunStatus::Draft => "status-suspended",
        RunStatus::Published => "outcome-update",
        RunStatus::Frozen => "status-active",
        RunStatus::Cancelled => "status-terminated",
    }
}

/// The runs page.
#[function_component]
pub fn RunsPage() -> Html {
    let t = use_t();
    let ot = use_ot();
    use_title(ot.runs_title.to_string());
    let runs = use_load(Some(()), |_| async move {
        calls::runs(&RunListQuery::default()).await
    });
    let creating = use_state(|| false);
    let toggle = {
        let creating = creating.clone();
        Callback::from(move |_: MouseEvent| creating.set(!*creating))
    };
    html! {
        <section class="page">
            <AreaNav />
            <div class="page-head">
                <h1>{ot.runs_title}</h1>
                <div class="actions">
                    <button type="button" class="btn btn-primary" id="new-run" onclick={toggle}>{ot.new_run}</button>
                </div>
            </div>
            if *creating { <NewRun /> }
            { match (&runs.data, &runs.error) {
                (_, Some(e)) => error_banner(t, e, Some(runs.reload.clone())),
                (Some(rows), None) => run_table(ot, rows),
                _ => loading(t.loading),
            } }
        </section>
    }
}

fn run_table(t: &'static OfficeTexts, rows: &Rc<Vec<AssessmentRun>>) -> Html {
    if rows.is_empty() {
        return empty(t.no_runs, Html::default());
    }
    let w = t.wire();
    html! {
        <div class="table-wrap"><table class="data-table" id="runs">
            <thead><tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.period}</th>
                <th scope="col">{t.scheme}</th>
                <th scope="col">{t.status}</th>
                <th scope="col" class="num">{t.scored}</th>
                <th scope="col" class="num">{t.open_objections}</th>
            </tr></thead>
            <tbody>
            { for rows.iter().map(|r| html! { <tr>
                <th scope="row" data-label={t.name}><Link<Route> to={Route::AssessmentRun { id: r.id.uuid() }}>{&r.name}</Link<Route>></th>
                <td data-label={t.period}>{format!("{} – {}", r.period.from, r.period.to)}</td>
                <td data-label={t.scheme}>{&r.scheme_name}</td>
                <td data-label={t.status}><span class={classes!("badge", status_class(r.status))}>{r.status.label(w)}</span></td>
                <td class="num" data-label={t.scored}>{r.scored}</td>
                <td class="num" data-label={t.open_objections}>{r.open_objections}</td>
            </tr> }) }
            </tbody>
        </table></div>
    }
}

/// What the new-run form holds, as typed.
#[derive(Clone, PartialEq, Default)]
struct RunForm {
    name: String,
    term: String,
    scheme: String,
    year: String,
    quarter: String,
}

/// The form's check before sending: what it cannot send, by field.
fn check_form(t: &OfficeTexts, f: &RunForm) -> Result<RunInput, Errors> {
    let mut errs = vec![];
    let term = Uuid::parse_str(&f.term).ok();
    let scheme = Uuid::parse_str(&f.scheme).ok();
    let year: Option<i32> = f
        .year
        .trim()
        .parse()
        .ok()
        .filter(|y| (2000..=2100).contains(y));
    let quarter: Option<u32> = f.quarter.parse().ok();
    let n = f.name.trim().chars().count();
    if n == 0 || n > 100 {
        errs.push(("/name".to_string(), t.name_required.to_string()));
    }
    if term.is_none() {
        errs.push(("/term_id".into(), t.term.to_string()));
    }
    if scheme.is_none() {
        errs.push(("/scheme_id".into(), t.scheme.to_string()));
    }
    if year.is_none() {
        errs.push(("/year".into(), t.year.to_string()));
    }
    match (term, scheme, year) {
        (Some(term), Some(scheme), Some(year)) if errs.is_empty() => Ok(RunInput {
            term_id: term.into(),
            scheme_id: scheme.into(),
            name: f.name.trim().to_string(),
            year,
            quarter,
        }),
        _ => Err(Errors::from_pairs(errs)),
    }
}

#[function_component]
fn NewRun() -> Html {
    let t = use_t();
    let ot = use_ot();
    let congresses = use_congresses();
    let congress = effective_congress(None, &congresses);
    let units = use_units(congress);
    let schemes = use_load(Some(congress), |c: Option<Uuid>| calls::schemes(c));
    let form = use_draft(|| RunForm {
        year: "2022".into(),
        ..Default::default()
    });
    let errors = use_state(Errors::default);
    let failure = use_state(|| None::<ApiError>);
    let key = use_state(calls::new_key);
    let terms: Vec<(String, String)> = std::iter::once((String::new(), "—".to_string()))
        .chain(units.terms.data.iter().flat_map(|ts| {
            ts.iter()
                .map(|tm| (tm.id.to_string(), t.term_label(tm.number)))
        }))
        .collect();
    let scheme_opts: Vec<(String, String)> = std::iter::once((String::new(), "—".to_string()))
        .chain(schemes.data.iter().flat_map(|ss| {
            ss.iter().map(|s| {
                (
                    s.id.to_string(),
                    format!("{} · {}", s.name, ot.version_n(s.number)),
                )
            })
        }))
        .collect();
    let quarters: Vec<(String, String)> = std::iter::once((String::new(), ot.year.to_string()))
        .chain((1..=4).map(|q| (q.to_string(), format!("{} {q}", ot.quarter))))
        .collect();
    let on_create = {
        let (form, errors, failure, key) = (
            form.clone(),
            errors.clone(),
            failure.clone(),
            (*key).clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match check_form(ot, &form.0) {
                Err(found) => errors.set(found),
                Ok(input) => {
                    errors.set(Errors::default());
                    let (errors, failure, key) = (errors.clone(), failure.clone(), key.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        match calls::create_run(&input, &key).await {
                            Ok(run) => {
                                if let Some(w) = web_sys::window() {
                                    w.location().set_href(&run_href(run.id)).ok();
                                }
                            }
                            Err(e) => {
                                errors.set(Errors::of_api(ot, &e));
                                failure.set(Some(e));
                            }
                        }
                    });
                }
            }
        })
    };
    html! {
        <form class="card" id="new-run-form" onsubmit={on_create} novalidate=true>
            <h2>{ot.new_run}</h2>
            if let Some(e) = &*failure { {error_banner(t, e, None)} }
            <div class="form-grid">
                {text_input("run-name", ot.name, &form.0.name, form.cb(|f, v: String| f.name = v), errors.at("/name"))}
                {select("run-term", ot.term, &form.0.term, terms, form.cb(|f, v: String| f.term = v), errors.at("/term_id"))}
                {select("run-scheme", ot.scheme, &form.0.scheme, scheme_opts, form.cb(|f, v: String| f.scheme = v), errors.at("/scheme_id"))}
                {text_input("run-year", ot.year, &form.0.year, form.cb(|f, v: String| f.year = v), errors.at("/year"))}
                {select("run-quarter", ot.period_kind, &form.0.quarter, quarters, form.cb(|f, v: String| f.quarter = v), errors.at("/quarter"))}
            </div>
            <button type="submit" class="btn btn-primary" id="create-run">{ot.create_run}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn the_form_names_each_missing_field() {
        let t = OfficeTexts::of(Lang::En);
        let errs = check_form(t, &RunForm::default()).unwrap_err();
        for p in ["/name", "/term_id", "/scheme_id", "/year"] {
            assert!(errs.at(p).is_some(), "{p}");
        }
        let ok = check_form(
            t,
            &RunForm {
                name: " 2022 ".into(),
                term: Uuid::nil().to_string(),
                scheme: Uuid::nil().to_string(),
                year: "2022".into(),
                quarter: "3".into(),
            },
        )
        .unwrap();
        assert_eq!(
            (ok.name.as_str(), ok.year, ok.quarter),
            ("2022", 2022, Some(3))
        );
    }
}
