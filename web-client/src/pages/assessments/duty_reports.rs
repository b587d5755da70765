//! Duty reports to constituents (述职评议): choose a duty-report activity of a year, enter
//! each reporting deputy's ballots ([`super::ballots::BallotRow`]), or import a ballot
//! sheet (姓名, 满意, 基本满意, 不满意, 无效) — first checked only (the dry run's report
//! lists each row's problem), then applied; record a deputy's report at the activity
//! ([`super::duty_report_form::AddReport`]); and the term's coverage (who has reported).

use super::ballots::BallotRow;
use super::duty_report_form::AddReport;
use super::fields::select;
use super::AreaNav;
use crate::api::assessments::office as calls;
use crate::api::{self, ApiError};
use crate::components::widgets::{empty, error_banner, loading, use_title};
use crate::data::{effective_congress, use_congresses, use_load, use_units, Loaded};
use crate::i18n::assessments::office::{use_ot, OfficeTexts};
use crate::i18n::use_t;
use renda_openapi::assessments::{
    BallotImportReport, DutyReport, DutyReportCoverage, DutyReportListQuery,
};
use renda_openapi::{ActivityKind, CalendarQuery};
use uuid::Uuid;
use yew::prelude::*;

/// The duty-report activities of `year`, newest first, as (id, "date title").
async fn activities(year: i32) -> Result<Vec<(String, String)>, ApiError> {
    let q = CalendarQuery {
        from: chrono::NaiveDate::from_ymd_opt(year, 1, 1),
        to: chrono::NaiveDate::from_ymd_opt(year, 12, 31),
        kind: Some(ActivityKind::DutyReport),
        ..Default::default()
    };
    let mut rows = api::meetings::calendar(&q).await?;
    rows.sort_by_key(|r| std::cmp::Reverse(r.date));
    rows.dedup_by_key(|r| r.activity_id);
    Ok(rows
        .into_iter()
        .map(|r| (r.activity_id.to_string(), format!("{} {}", r.date, r.title)))
        .collect())
}

/// The coverage of the chosen activity's term, or (none chosen) of the congress's
/// current term (its first, the newest): its deputies are those a report may be recorded
/// for.
#[hook]
fn use_coverage(activity: Option<Uuid>) -> Loaded<DutyReportCoverage> {
    let congresses = use_congresses();
    let units = use_units(effective_congress(None, &congresses));
    let chosen = use_load(activity, api::meetings::activity);
    let newest = units
        .terms
        .data
        .as_ref()
        .and_then(|ts| ts.first().map(|t| t.id));
    let term = match (activity, &chosen.data) {
        (Some(_), Some(a)) => a.term_id.or(newest),
        (Some(_), None) => None,
        (None, _) => newest,
    };
    use_load(term, calls::coverage)
}

/// The duty reports page.
#[function_component]
pub fn DutyReportsPage() -> Html {
    let t = use_t();
    let ot = use_ot();
    use_title(ot.duty_reports_title.to_string());
    let year = use_state(|| {
        crate::validate::today()
            .format("%Y")
            .to_string()
            .parse::<i32>()
            .unwrap_or(2022)
    });
    let activity = use_state(|| None::<Uuid>);
    let list = use_load(Some(*year), activities);
    let reports = use_load(*activity, |a: Uuid| async move {
        calls::duty_reports(&DutyReportListQuery {
            activity_id: Some(a.into()),
            ..Default::default()
        })
        .await
    });
    let mut options = vec![(String::new(), ot.pick_activity.to_string())];
    options.extend(list.data.iter().flat_map(|l| l.iter().cloned()));
    let years: Vec<(String, String)> = (2018..=2030)
        .rev()
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    let on_year = {
        let (year, activity) = (year.clone(), activity.clone());
        Callback::from(move |v: String| {
            year.set(v.parse().unwrap_or(2022));
            activity.set(None);
        })
    };
    let on_activity = {
        let activity = activity.clone();
        Callback::from(move |v: String| activity.set(Uuid::parse_str(&v).ok()))
    };
    let chosen = activity.map(|a| a.to_string()).unwrap_or_default();
    let cov = use_coverage(*activity);
    let deputies: Vec<_> = cov
        .data
        .iter()
        .flat_map(|c| c.rows.iter().map(|r| r.deputy.clone()))
        .collect();
    let on_added = {
        let (a, b) = (reports.reload.clone(), cov.reload.clone());
        Callback::from(move |_| {
            a.emit(());
            b.emit(());
        })
    };
    html! {
        <section class="page">
            <AreaNav />
            <div class="page-head"><h1>{ot.duty_reports_title}</h1></div>
            <div class="card filters">
                {select("report-year", ot.year, &year.to_string(), years, on_year, None)}
                {select("report-activity", ot.activity, &chosen, options, on_activity, None)}
            </div>
            if let Some(e) = &list.error { {error_banner(t, e, Some(list.reload.clone()))} }
            if let Some(a) = *activity {
                {ballots_table(t, ot, &reports, on_added.clone())}
                <AddReport key={a.to_string()} activity={a} {deputies} {on_added} />
                <BallotImport activity={a} on_applied={reports.reload.clone()} />
            }
            <div class="card" id="coverage">
                <h2>{ot.coverage}</h2>
                { match (&cov.data, &cov.error) {
                    (_, Some(e)) => error_banner(t, e, Some(cov.reload.clone())),
                    (Some(c), None) => coverage_table(ot, c),
                    _ => Html::default(),
                } }
            </div>
        </section>
    }
}

/// The reports at the chosen activity, each with its ballot entry; `on_saved` reloads
/// them and the coverage.
fn ballots_table(
    t: &'static crate::i18n::Texts,
    ot: &'static OfficeTexts,
    reports: &Loaded<Vec<DutyReport>>,
    on_saved: Callback<()>,
) -> Html {
    match (&reports.data, &reports.error) {
        (_, Some(e)) => error_banner(t, e, Some(reports.reload.clone())),
        (Some(rows), None) if rows.is_empty() => empty(ot.no_reports, Html::default()),
        (Some(rows), None) => html! {
            <div class="table-wrap"><table class="data-table" id="ballots">
                <thead><tr>
                    <th scope="col">{ot.deputy}</th><th scope="col" class="num">{ot.audience}</th>
                    <th scope="col" class="num">{ot.satisfied}</th><th scope="col" class="num">{ot.basically_satisfied}</th>
                    <th scope="col" class="num">{ot.dissatisfied}</th><th scope="col" class="num">{ot.invalid}</th>
                    <th scope="col" class="num">{ot.valid}</th><th scope="col" class="num">{ot.satisfaction_rate}</th><th scope="col"></th>
                </tr></thead>
                <tbody>{ for rows.iter().map(|r| html! {
                    <BallotRow key={r.id.to_string()} report={r.clone()} t={ot} on_saved={on_saved.reform(|_| ())} />
                }) }</tbody>
            </table></div>
        },
        _ => loading(t.loading),
    }
}

#[derive(Properties, PartialEq)]
struct ImportProps {
    activity: Uuid,
    on_applied: Callback<()>,
}

/// The sheet import: check only, then import.
#[function_component]
fn BallotImport(p: &ImportProps) -> Html {
    let t = use_t();
    let ot = use_ot();
    let file = use_node_ref();
    let report = use_state(|| None::<BallotImportReport>);
    let failure = use_state(|| None::<ApiError>);
    let send = |dry_run: bool| {
        let (file, report, failure, activity, applied) = (
            file.clone(),
            report.clone(),
            failure.clone(),
            p.activity,
            p.on_applied.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(f) = file
                .cast::<web_sys::HtmlInputElement>()
                .and_then(|i| i.files())
                .and_then(|l| l.get(0))
            else {
                return;
            };
            let (report, failure, applied) = (report.clone(), failure.clone(), applied.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match calls::import_ballots(activity, f, dry_run).await {
                    Ok(r) => {
                        failure.set(None);
                        if !r.dry_run {
                            applied.emit(());
                        }
                        report.set(Some(r));
                    }
                    Err(e) => failure.set(Some(e)),
                }
            });
        })
    };
    html! {
        <div class="card" id="ballot-import">
            <h2>{ot.import_sheet}</h2>
            <p class="hint">{ot.import_hint}</p>
            <input type="file" id="ballot-file" accept=".csv,.xlsx" ref={file.clone()} aria-label={ot.import_sheet} />
            <div class="actions">
                <button type="button" class="btn" id="ballot-check" onclick={send(true)}>{ot.check_only}</button>
                <button type="button" class="btn btn-primary" id="ballot-apply" onclick={send(false)}>{ot.apply_import}</button>
            </div>
            if let Some(e) = &*failure { {error_banner(t, e, None)} }
            if let Some(r) = &*report { {import_report(ot, r)} }
        </div>
    }
}

fn import_report(t: &'static OfficeTexts, r: &BallotImportReport) -> Html {
    html! {
        <div id="ballot-report" class={classes!(r.dry_run.then_some("dry-run"))}>
            <h3>{if r.dry_run { t.dry_run_report } else { t.import_report }}</h3>
            <p>{format!("{}: {} · {}: {}", t.rows, r.rows, t.updated, r.updated)}</p>
            if !r.errors.is_empty() {
                <ul class="messages">{ for r.errors.iter().map(|e| html! {
                    <li class="msg-error">{format!("{}: {}", t.row_n(&e.pointer), t.refusal(e))}</li>
                }) }</ul>
            }
        </div>
    }
}

/// Who has reported this term and who not.
fn coverage_table(t: &'static OfficeTexts, c: &DutyReportCoverage) -> Html {
    html! { <>
        <p>{format!("{} {} / {}", t.reported, c.reported, t.deputies_n(c.deputies))}</p>
        <div class="table-wrap"><table class="data-table">
            <thead><tr><th scope="col">{t.deputy}</th><th scope="col">{t.status}</th><th scope="col" class="num">{t.satisfaction_rate}</th></tr></thead>
            <tbody>{ for c.rows.iter().map(|r| html! { <tr>
                <th scope="row" data-label={t.deputy}>{&r.deputy.name}</th>
                <td data-label={t.status}>{if r.reports > 0 { format!("{} {} · {}", t.reported, r.reports, r.last_reported_on.map(|d| d.to_string()).unwrap_or_default()) } else { t.not_reported.to_string() }}</td>
                <td class="num" data-label={t.satisfaction_rate}>{super::fields::fmt2(r.last_satisfaction_rate)}</td>
            </tr> }) }</tbody>
        </table></div>
    </> }
}
