//! The office's list of deputies' performance records for a term and a year: one row per
//! deputy with their counts, sortable by any column, exported as an XLSX workbook (one row
//! each), and each deputy's record as a print-ready DOCX.

use super::{banner, initial_year, year_select, AreaNav};
use crate::api;
use crate::components::widgets::{loading, select_field, use_title, SelectFieldProps};
use crate::data::{effective_congress, use_congresses, use_load, use_units, use_value};
use crate::i18n::assessments::{use_at, AssessmentTexts};
use crate::i18n::use_t;
use crate::Route;
use renda_openapi::{Metric, PerformanceSummary, RecordListQuery, RecordQuery, TermId};
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

/// The count columns of the list, in order.
pub const COLUMNS: [Metric; 10] = [
    Metric::SessionsAttended,
    Metric::SessionsOnLeave,
    Metric::SessionsAbsent,
    Metric::ActivitiesAttended,
    Metric::SuggestionsLed,
    Metric::SuggestionsCosigned,
    Metric::MotionsLed,
    Metric::DutyReports,
    Metric::EntriesApproved,
    Metric::Awards,
];

/// How the rows are ordered: by name, or by a count; descending or not.
#[derive(Clone, Copy, PartialEq)]
struct Sort {
    by: Option<Metric>,
    desc: bool,
}

/// Sorts the rows: counts highest first by default, names in order.
fn sorted(rows: &[PerformanceSummary], sort: Sort) -> Vec<&PerformanceSummary> {
    let mut v: Vec<&PerformanceSummary> = rows.iter().collect();
    match sort.by {
        Some(m) => v.sort_by(|a, b| {
            a.counts
                .get(m)
                .cmp(&b.counts.get(m))
                .then(a.deputy.name.cmp(&b.deputy.name))
        }),
        None => v.sort_by(|a, b| a.deputy.name.cmp(&b.deputy.name)),
    }
    if sort.desc {
        v.reverse();
    }
    v
}

/// The page.
#[function_component]
pub fn RecordsPage() -> Html {
    let t = use_t();
    let at = use_at();
    use_title(at.records_title.to_string());
    let congresses = use_congresses();
    let congress = effective_congress(None, &congresses);
    let units = use_units(congress);
    let chosen_term = use_value(String::new());
    let group = use_value(String::new());
    let year = use_value(initial_year());
    let sort = use_value(Sort {
        by: None,
        desc: false,
    });
    let export_error = use_value(None::<api::ApiError>);
    let term = Uuid::parse_str(&chosen_term).ok().or_else(|| {
        units
            .terms
            .data
            .as_ref()
            .and_then(|ts| ts.first().map(|t| t.id))
    });
    let query = term.map(|term| RecordListQuery {
        term_id: TermId(term),
        year: Some(*year),
        quarter: None,
        from: None,
        to: None,
        deputy_group_id: Uuid::parse_str(&group)
            .ok()
            .map(renda_openapi::DeputyGroupId),
        name: None,
        limit: None,
        cursor: None,
    });
    let rows = use_load(query.clone(), |q: RecordListQuery| async move {
        api::assessments::records(&q).await
    });
    let on_export = {
        let (q, export_error) = (query.clone(), export_error.clone());
        Callback::from(move |_: MouseEvent| {
            let (Some(q), export_error) = (q.clone(), export_error.clone()) else {
                return;
            };
            wasm_bindgen_futures::spawn_local(async move {
                export_error.set(api::assessments::export_records(&q).await.err());
            });
        })
    };
    let set = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |v: String| s.set(v))
    };
    let options = |l: &Option<std::rc::Rc<Vec<api::Named>>>| -> Vec<(String, String)> {
        l.as_ref()
            .map(|v| {
                v.iter()
                    .map(|x| (x.id.to_string(), x.name.clone()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let term_options: Vec<(String, String)> = units
        .terms
        .data
        .as_ref()
        .map(|ts| {
            ts.iter()
                .map(|x| (x.id.to_string(), t.term_label(x.number)))
                .collect()
        })
        .unwrap_or_default();
    let set_year = {
        let year = year.clone();
        Callback::from(move |y: i32| year.set(y))
    };
    html! {
        <section class="page">
            <AreaNav />
            <div class="page-head">
                <h1>{at.records_title}</h1>
                <div class="actions">
                    <button type="button" class="btn" id="export-records" onclick={on_export} disabled={query.is_none()}>{at.export_xlsx}</button>
                </div>
            </div>
            if let Some(e) = &*export_error { {banner(e, None)} }
            <div class="card filters">
                {select_field(t, SelectFieldProps {
                    id: "records-term", label: t.f_term, value: term.map(|x| x.to_string()).unwrap_or_default().into(),
                    options: term_options, onchange: set(&chosen_term), ..Default::default()
                })}
                {year_select("records-year", at.f_year, *year, set_year)}
                {select_field(t, SelectFieldProps {
                    id: "records-group", label: at.f_group, value: (*group).clone().into(),
                    options: options(&units.groups.data), empty_label: Some(t.all), onchange: set(&group),
                    ..Default::default()
                })}
            </div>
            <div class={classes!("card", rows.loading.then_some("is-loading"))} aria-busy={rows.loading.to_string()}>
                { match (&rows.data, &rows.error) {
                    (_, Some(e)) => banner(e, Some(rows.reload.clone())),
                    (Some(list), None) if list.is_empty() => html! { <p class="muted">{at.no_records}</p> },
                    (Some(list), None) => table(at, list, *year, &sort),
                    _ if query.is_none() && units.terms.data.is_some() => html! { <p class="muted">{at.no_term}</p> },
                    _ => loading(t.loading),
                } }
            </div>
        </section>
    }
}

/// A header that sorts by its column (a second click reverses the order).
fn sort_header(
    at: &AssessmentTexts,
    label: &'static str,
    by: Option<Metric>,
    sort: &UseStateHandle<Sort>,
) -> Html {
    let on = sort.by == by;
    let aria = match (on, sort.desc) {
        (false, _) => "none",
        (true, false) => "ascending",
        (true, true) => "descending",
    };
    let onclick = {
        let sort = sort.clone();
        Callback::from(move |_: MouseEvent| {
            let desc = if sort.by == by {
                !sort.desc
            } else {
                by.is_some()
            };
            sort.set(Sort { by, desc });
        })
    };
    html! {
        <th scope="col" aria-sort={aria} class={classes!(by.is_some().then_some("num"))}>
            <button type="button" class="sort-button" {onclick} title={at.sort_by(label)}
                data-sort={by.map(|m| m.as_str()).unwrap_or("name")}>
                {label}
                <span class="sort-arrow" aria-hidden="true">{match aria { "ascending" => " ▲", "descending" => " ▼", _ => " ↕" }}</span>
            </button>
        </th>
    }
}

/// The table of records.
fn table(
    at: &AssessmentTexts,
    list: &[PerformanceSummary],
    year: i32,
    sort: &UseStateHandle<Sort>,
) -> Html {
    let lang = at.cat();
    html! {
        <div class="table-wrap">
            <table class="data-table" id="records-table">
                <thead><tr>
                    {sort_header(at, at.f_name, None, sort)}
                    <th scope="col">{at.f_group}</th>
                    { for COLUMNS.iter().map(|m| sort_header(at, m.label(lang), Some(*m), sort)) }
                    <th scope="col"><span class="visually-hidden">{at.export_docx}</span></th>
                </tr></thead>
                <tbody>
                    { for sorted(list, **sort).into_iter().map(|r| row(at, r, year)) }
                </tbody>
            </table>
        </div>
    }
}

fn row(at: &AssessmentTexts, r: &PerformanceSummary, year: i32) -> Html {
    let lang = at.cat();
    let id = r.deputy.deputy_id.0;
    let docx = Callback::from(move |_: MouseEvent| {
        let q = RecordQuery {
            year: Some(year),
            ..Default::default()
        };
        wasm_bindgen_futures::spawn_local(async move {
            api::assessments::export_record(id, &q).await.ok();
        });
    });
    html! {
        <tr data-deputy={id.to_string()}>
            <th scope="row" data-label={at.f_name}>
                <Link<Route, YearQuery> to={Route::Record { deputy_id: id }} query={Some(YearQuery { year })}>{&r.deputy.name}</Link<Route, YearQuery>>
            </th>
            <td data-label={at.f_group}>{r.deputy.deputy_group_name.clone().unwrap_or_default()}</td>
            { for COLUMNS.iter().map(|m| html! {
                <td class="num" data-label={m.label(lang)} data-metric={m.as_str()}>{r.counts.get(*m)}</td>
            }) }
            <td><button type="button" class="btn btn-small export-docx" onclick={docx}>{at.export_docx}</button></td>
        </tr>
    }
}

/// `?year=` of a link to a record.
#[derive(Clone, PartialEq, serde::Serialize)]
pub struct YearQuery {
    /// The year.
    pub year: i32,
}
