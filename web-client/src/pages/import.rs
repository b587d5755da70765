//! The roster import wizard: choose the term and a CSV or XLSX file, see the dry-run report
//! (rows to create, update, leave unchanged, errors, possible duplicates) in a table that
//! can be filtered to problems, then confirm or cancel, and see the result. Uploads show
//! their progress.

use crate::api::{self, ApiError, UploadProgress};
use crate::components::widgets::{
    error_banner, loading, select_field, use_title, SelectFieldProps, SelectOption,
};
use crate::data::{use_congresses, use_units, use_value};
use crate::i18n::{use_t, Texts};
use crate::{AuthCtx, Route};
use renda_openapi::{
    DeputyListQuery, DuplicateGroup, ImportReport, ImportSummary, RowOutcome, RowReport,
};
use std::rc::Rc;
use uuid::Uuid;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

/// Rows of the report shown per page.
const ROWS_PER_PAGE: usize = 100;

/// Which rows of the report the table shows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum RowFilter {
    /// Every row.
    All,
    /// Rows with errors, warnings or possible duplicates.
    Problems,
    /// Rows that fail.
    Errors,
    /// Rows with warnings.
    Warnings,
    /// Rows that may be the same person as another row.
    Duplicates,
    /// New deputies.
    Create,
    /// Changed deputies.
    Update,
    /// Deputies already as in the file.
    Unchanged,
}

impl RowFilter {
    const ALL: [RowFilter; 8] = [
        RowFilter::All,
        RowFilter::Problems,
        RowFilter::Errors,
        RowFilter::Warnings,
        RowFilter::Duplicates,
        RowFilter::Create,
        RowFilter::Update,
        RowFilter::Unchanged,
    ];

    fn code(self) -> &'static str {
        match self {
            RowFilter::All => "all",
            RowFilter::Problems => "problems",
            RowFilter::Errors => "errors",
            RowFilter::Warnings => "warnings",
            RowFilter::Duplicates => "duplicates",
            RowFilter::Create => "create",
            RowFilter::Update => "update",
            RowFilter::Unchanged => "unchanged",
        }
    }

    fn keeps(self, r: &RowReport) -> bool {
        match self {
            RowFilter::All => true,
            RowFilter::Problems => {
                r.outcome == RowOutcome::Error || !r.warnings.is_empty() || is_duplicate(r)
            }
            RowFilter::Errors => r.outcome == RowOutcome::Error,
            RowFilter::Warnings => !r.warnings.is_empty(),
            RowFilter::Duplicates => is_duplicate(r),
            RowFilter::Create => r.outcome == RowOutcome::Create,
            RowFilter::Update => r.outcome == RowOutcome::Update,
            RowFilter::Unchanged => r.outcome == RowOutcome::Unchanged,
        }
    }

    fn count(self, s: &ImportSummary, rows: &[RowReport]) -> usize {
        match self {
            RowFilter::All => s.rows as usize,
            RowFilter::Errors => s.error as usize,
            RowFilter::Warnings => s.with_warnings as usize,
            RowFilter::Duplicates => s.possible_duplicates as usize,
            RowFilter::Create => s.create as usize,
            RowFilter::Update => s.update as usize,
            RowFilter::Unchanged => s.unchanged as usize,
            RowFilter::Problems => rows.iter().filter(|r| self.keeps(r)).count(),
        }
    }
}

/// Whether a row shares its name with others (a server before groups listed only rows).
fn is_duplicate(r: &RowReport) -> bool {
    r.duplicate_group.is_some() || !r.possible_duplicate_rows.is_empty()
}

/// Where the wizard stands.
#[derive(Clone, PartialEq)]
enum Step {
    /// Choosing the term and the file.
    Choose,
    /// Sending the file for the dry run.
    Checking(Option<UploadProgress>),
    /// The dry-run report, waiting for confirmation.
    Review(Rc<ImportReport>),
    /// Sending the file to import it.
    Applying(Rc<ImportReport>, Option<UploadProgress>),
    /// The import is done.
    Done(Rc<ImportReport>),
}

fn summary_cards(t: &Texts, s: &ImportSummary, dry_run: bool) -> Html {
    let card = |id: &'static str, label: &'static str, n: u32, class: &'static str| {
        html! {
            <div class={classes!("stat", class)} id={id}>
                <span class="stat-value">{n}</span>
                <span class="stat-label">{label}</span>
            </div>
        }
    };
    html! {
        <div class="stats" aria-label={t.import_summary}>
            { card("sum-rows", t.sum_rows, s.rows, "") }
            { card("sum-create", if dry_run { t.sum_create } else { t.sum_created }, s.create, "stat-create") }
            { card("sum-update", if dry_run { t.sum_update } else { t.sum_updated }, s.update, "stat-update") }
            { card("sum-unchanged", t.sum_unchanged, s.unchanged, "") }
            { card("sum-error", t.sum_error, s.error, if s.error > 0 { "stat-error" } else { "" }) }
            { card("sum-warnings", t.sum_warnings, s.with_warnings, if s.with_warnings > 0 { "stat-warning" } else { "" }) }
            { card("sum-duplicates", t.sum_duplicates, s.possible_duplicates, if s.possible_duplicates > 0 { "stat-warning" } else { "" }) }
        </div>
    }
}

fn outcome_badge(t: &Texts, o: RowOutcome) -> Html {
    let class = match o {
        RowOutcome::Create => "outcome-create",
        RowOutcome::Update => "outcome-update",
        RowOutcome::Unchanged => "outcome-unchanged",
        RowOutcome::Error => "outcome-error",
    };
    html! { <span class={classes!("badge", class)}>{t.outcome(o)}</span> }
}

fn report_row(t: &Texts, r: &RowReport) -> Html {
    let messages = r
        .errors
        .iter()
        .map(|m| ("msg-error", m))
        .chain(r.warnings.iter().map(|m| ("msg-warning", m)));
    html! {
        <tr key={r.row.to_string()} class={classes!((r.outcome == RowOutcome::Error).then_some("row-error"))}>
            <td data-label={t.row_number} class="num">{r.row}</td>
            <td data-label={t.outcome_label}>{outcome_badge(t, r.outcome)}</td>
            <th scope="row" data-label={t.f_name}>{ r.name.clone().unwrap_or_default() }</th>
            <td data-label={t.f_delegation}>{ r.delegation.clone().unwrap_or_default() }</td>
            <td data-label={t.matched_by}>{ r.matched_by.map(|m| t.matched(m)).unwrap_or("") }</td>
            <td data-label={t.changes}>{ r.changes.iter().map(|c| t.field_label(c)).collect::<Vec<_>>().join(t.list_separator) }</td>
            <td data-label={t.messages} class="cell-wrap">
                <ul class="messages">
                    { for messages.map(|(class, m)| html! {
                        <li class={class}>
                            if let Some(c) = &m.column { <strong>{c.clone()}{t.colon}</strong> }
                            {t.cell_message(m)}
                        </li>
                    }) }
                    if !r.possible_duplicate_rows.is_empty() {
                        <li class="msg-warning">{(t.possible_duplicate_of)(&r.possible_duplicate_rows.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(t.list_separator), r.possible_duplicates_more)}</li>
                    }
                </ul>
            </td>
        </tr>
    }
}

/// The report table's filter and page, with the report they belong to (another report
/// starts over, as a fresh table would).
type TableState = Option<(Rc<ImportReport>, RowFilter, usize)>;

/// The report's rows with the filter and client-side pages.
fn report_table(
    t: &'static Texts,
    report: &Rc<ImportReport>,
    table: &UseStateHandle<TableState>,
) -> Html {
    let (filter, page) = match &**table {
        Some((r, f, n)) if Rc::ptr_eq(r, report) => (*f, *n),
        _ => {
            let s = &report.summary;
            let has_problems = s.error > 0 || s.with_warnings > 0 || s.possible_duplicates > 0;
            (
                if has_problems {
                    RowFilter::Problems
                } else {
                    RowFilter::All
                },
                0,
            )
        }
    };
    let set = {
        let (table, report) = (table.clone(), report.clone());
        move |f: RowFilter, n: usize| table.set(Some((report.clone(), f, n)))
    };
    let rows: Vec<&RowReport> = report.rows.iter().filter(|r| filter.keeps(r)).collect();
    let pages = rows.len().div_ceil(ROWS_PER_PAGE).max(1);
    let current = page.min(pages - 1);
    let shown = &rows[(current * ROWS_PER_PAGE).min(rows.len())
        ..((current + 1) * ROWS_PER_PAGE).min(rows.len())];
    let on_filter = {
        let set = set.clone();
        Callback::from(move |e: Event| {
            let v = crate::components::widgets::select_value(&e);
            if let Some(f) = RowFilter::ALL.into_iter().find(|f| f.code() == v) {
                set(f, 0);
            }
        })
    };
    html! {
        <section class="report-rows" aria-labelledby="rows-title">
            <div class="section-head">
                <h3 id="rows-title">{t.report_rows}</h3>
                <label class="inline-field">
                    <span>{t.show_rows}</span>
                    <select id="row-filter" onchange={on_filter}>
                        { for RowFilter::ALL.iter().map(|f| html! {
                            <option value={f.code()} selected={*f == filter}>
                                {format!("{} ({})", t.row_filter(f.code()), f.count(&report.summary, &report.rows))}
                            </option>
                        }) }
                    </select>
                </label>
            </div>
            if rows.is_empty() {
                <p class="empty" role="status">{t.no_rows_for_filter}</p>
            } else {
                <div class="table-wrap">
                    <table class="data-table report-table" id="report-table">
                        <caption class="visually-hidden">{t.report_rows}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.row_number}</th>
                                <th scope="col">{t.outcome_label}</th>
                                <th scope="col">{t.f_name}</th>
                                <th scope="col">{t.f_delegation}</th>
                                <th scope="col">{t.matched_by}</th>
                                <th scope="col">{t.changes}</th>
                                <th scope="col">{t.messages}</th>
                            </tr>
                        </thead>
                        <tbody>{ for shown.iter().map(|r| report_row(t, r)) }</tbody>
                    </table>
                </div>
                if pages > 1 {
                    <nav class="pager" aria-label={t.pagination}>
                        <button type="button" class="btn" disabled={current == 0}
                            onclick={let set = set.clone(); Callback::from(move |_| set(filter, current.saturating_sub(1)))}>
                            {"‹ "}{t.prev_page}
                        </button>
                        <span class="page-number">{(t.page_of)(current + 1, pages)}</span>
                        <button type="button" class="btn" disabled={current + 1 >= pages}
                            onclick={Callback::from(move |_| set(filter, current + 1))}>
                            {t.next_page}{" ›"}
                        </button>
                    </nav>
                }
            }
        </section>
    }
}

fn progress_view(t: &Texts, label: &'static str, p: Option<UploadProgress>) -> Html {
    let (value, text) = match p {
        Some(UploadProgress::Sending { sent, total }) if total > 0.0 => {
            let pct = (sent / total * 100.0).clamp(0.0, 100.0);
            (Some(pct), (t.uploading_pct)(pct.round() as u32))
        }
        Some(UploadProgress::Processing) => (None, t.processing.to_string()),
        _ => (None, t.uploading.to_string()),
    };
    html! {
        <div class="progress-block" role="status" aria-live="polite" id="import-progress">
            <p class="progress-title">{label}</p>
            if let Some(v) = value {
                <progress max="100" value={(v.round() as u32).to_string()} aria-label={label}></progress>
            } else {
                <progress aria-label={label}></progress>
            }
            <p class="muted">{text}</p>
        </div>
    }
}

/// A column of the report (`出生年月 → birth_date`) as the file's header and the field's
/// label in the current language (`出生年月 → 出生年月`, `出生年月 → Date of birth`).
fn column_label(t: &Texts, column: &str) -> String {
    match column.split_once('→') {
        Some((header, field)) => format!("{} → {}", header.trim(), t.field_label(field.trim())),
        None => column.to_string(),
    }
}

fn file_details(t: &Texts, r: &ImportReport) -> Html {
    html! {
        <>
            if !r.file_warnings.is_empty() {
                <div class="banner banner-warning" id="file-warnings">
                    <p class="banner-title">{t.file_warnings}</p>
                    <ul>{ for r.file_warnings.iter().map(|m| html!{ <li>{t.cell_message(m)}</li> }) }</ul>
                </div>
            }
            if r.truncated {
                <p class="banner banner-warning" id="report-truncated" role="status">{(t.report_truncated)(r.rows.len(), r.rows_omitted)}</p>
            }
            if !r.duplicate_groups.is_empty() {
                <details class="card details-card" id="duplicate-groups">
                    <summary>{(t.duplicate_groups)(r.duplicate_groups.len())}</summary>
                    <ul>{ for r.duplicate_groups.iter().map(|g| html!{ <li>{duplicate_group(t, g)}</li> }) }</ul>
                </details>
            }
            <details class="card details-card">
                <summary>{(t.columns_read)(r.columns.len(), r.format.to_uppercase().as_str())}</summary>
                <ul class="chips" id="columns-read">{ for r.columns.iter().map(|c| html!{ <li>{column_label(t, c)}</li> }) }</ul>
            </details>
            if !r.created_units.is_empty() {
                <details class="card details-card" id="created-units">
                    <summary>{(t.units_created)(r.created_units.len(), r.dry_run)}</summary>
                    <ul class="chips">{ for r.created_units.iter().map(|c| html!{ <li>{c.clone()}</li> }) }</ul>
                </details>
            }
        </>
    }
}

/// One group of rows sharing a name: `张伟（某代表团）：第 2、9 行 …共 30 行`.
fn duplicate_group(t: &Texts, g: &DuplicateGroup) -> String {
    let rows = g
        .rows
        .iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(t.list_separator);
    let who = match &g.delegation {
        Some(d) => format!("{}（{d}）", g.name),
        None => g.name.clone(),
    };
    (t.duplicate_group)(&who, &rows, g.count, g.more)
}

/// The import wizard page.
#[function_component]
pub fn ImportPage() -> Html {
    let t = use_t();
    use_title(t.import_title.to_string());
    let auth = use_context::<AuthCtx>().expect("AuthCtx");
    let congresses = use_congresses();
    let congress = use_value(Option::<Uuid>::default());
    let term = use_value(Option::<Uuid>::default());
    let file = use_value(Option::<web_sys::File>::default());
    let step = use_value(Step::Choose);
    let error = use_value(Option::<ApiError>::default());
    let choose_errors = use_value((false, false, false));
    let table = use_value(TableState::None);
    let file_input = use_node_ref();
    let navigator = use_navigator();

    // Preselected: the user's own congress when it has a term, else the first congress
    // (highest level first) that has one; its newest term follows below. Nothing is
    // preselected once the user has chosen.
    let chosen_by_user = use_mut_ref(|| false);
    {
        let congress = congress.clone();
        let chosen_by_user = chosen_by_user.clone();
        let user_congress = auth.user.as_ref().map(|u| u.congress_id);
        let list = congresses.data.clone();
        use_effect_with(list, move |list| {
            if let Some(cs) = list.clone().filter(|_| congress.is_none()) {
                let mut candidates: Vec<Uuid> = user_congress
                    .filter(|u| cs.iter().any(|c| c.id == *u))
                    .into_iter()
                    .collect();
                candidates.extend(
                    cs.iter()
                        .map(|c| c.id)
                        .filter(|c| Some(*c) != user_congress),
                );
                wasm_bindgen_futures::spawn_local(async move {
                    let mut pick = candidates.first().copied();
                    if candidates.len() > 1 {
                        for c in &candidates {
                            if api::terms(*c).await.is_ok_and(|ts| !ts.is_empty()) {
                                pick = Some(*c);
                                break;
                            }
                        }
                    }
                    if pick.is_some() && !*chosen_by_user.borrow() {
                        congress.set(pick);
                    }
                });
            }
        });
    }
    let units = use_units(*congress);
    {
        let term = term.clone();
        let newest = units
            .terms
            .data
            .as_ref()
            .and_then(|ts| ts.first().map(|x| x.id));
        let congress = *congress;
        use_effect_with((congress, newest), move |(_, newest)| term.set(*newest));
    }

    if !auth.can_write() {
        return html! {
            <section class="page">
                <h1>{t.import_title}</h1>
                <div class="banner banner-error" role="alert"><p class="banner-title">{t.err_forbidden}</p></div>
            </section>
        };
    }

    let run = {
        let step = step.clone();
        let error = error.clone();
        let file = file.clone();
        let term = term.clone();
        Rc::new(move |dry_run: bool, previous: Option<Rc<ImportReport>>| {
            let (Some(f), Some(term_id)) = ((*file).clone(), *term) else {
                return;
            };
            error.set(None);
            step.set(match &previous {
                None => Step::Checking(None),
                Some(r) => Step::Applying(r.clone(), None),
            });
            let progress_step = step.clone();
            let previous_for_progress = previous.clone();
            let on_progress: Rc<dyn Fn(UploadProgress)> = Rc::new(move |p| {
                progress_step.set(match &previous_for_progress {
                    None => Step::Checking(Some(p)),
                    Some(r) => Step::Applying(r.clone(), Some(p)),
                })
            });
            let step = step.clone();
            let error = error.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::import_roster(term_id, &f, dry_run, !dry_run, on_progress).await;
                match result {
                    Ok(report) if dry_run => step.set(Step::Review(Rc::new(report))),
                    Ok(report) => step.set(Step::Done(Rc::new(report))),
                    Err(e) => {
                        error.set(Some(e));
                        step.set(match previous {
                            None => Step::Choose,
                            Some(r) => Step::Review(r),
                        });
                    }
                }
            });
        })
    };

    let on_check = {
        let run = run.clone();
        let (congress, term, file, choose_errors) = (
            congress.clone(),
            term.clone(),
            file.clone(),
            choose_errors.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let missing = (congress.is_none(), term.is_none(), file.is_none());
            choose_errors.set(missing);
            if missing == (false, false, false) {
                run(true, None);
            }
        })
    };
    let on_file = {
        let file = file.clone();
        let choose_errors = choose_errors.clone();
        Callback::from(move |e: Event| {
            let picked = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|i| i.files())
                .and_then(|fs| fs.get(0));
            let mut errs = *choose_errors;
            errs.2 = picked.is_none();
            choose_errors.set(errs);
            file.set(picked);
        })
    };
    let on_cancel = {
        let step = step.clone();
        let error = error.clone();
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            step.set(Step::Choose);
        })
    };
    let on_restart = {
        let step = step.clone();
        let error = error.clone();
        let file = file.clone();
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            file.set(None);
            if let Some(i) = file_input.cast::<web_sys::HtmlInputElement>() {
                i.set_value("");
            }
            step.set(Step::Choose);
        })
    };

    let congress_options: Vec<SelectOption> = congresses
        .data
        .as_ref()
        .map(|cs| {
            cs.iter()
                .map(|c| (c.id.to_string(), c.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let term_options: Vec<SelectOption> = units
        .terms
        .data
        .as_ref()
        .map(|ts| {
            ts.iter()
                .map(|x| (x.id.to_string(), t.term_label(x.number)))
                .collect()
        })
        .unwrap_or_default();
    let no_terms = congress.is_some() && units.terms.data.as_ref().is_some_and(|ts| ts.is_empty());

    let steps = [t.step_choose, t.step_review, t.step_done];
    let current_step = match &*step {
        Step::Choose | Step::Checking(_) => 0,
        Step::Review(_) | Step::Applying(..) => 1,
        Step::Done(_) => 2,
    };
    let chosen_term = units
        .terms
        .data
        .as_ref()
        .and_then(|ts| {
            ts.iter()
                .find(|x| Some(x.id) == *term)
                .map(|x| t.term_label(x.number))
        })
        .unwrap_or_default();
    let chosen_congress = congresses
        .data
        .as_ref()
        .and_then(|cs| {
            cs.iter()
                .find(|c| Some(c.id) == *congress)
                .map(|c| c.name.clone())
        })
        .unwrap_or_default();
    let file_name = file.as_ref().map(|f| f.name()).unwrap_or_default();

    let body = match &*step {
        Step::Choose | Step::Checking(_) => {
            let checking = matches!(&*step, Step::Checking(_));
            html! {
                <form class="card import-choose" onsubmit={on_check} novalidate=true>
                    <p class="muted">{t.import_intro}</p>
                    if congresses.loading && congresses.data.is_none() {
                        {loading(t.loading)}
                    }
                    if let Some(e) = &congresses.error { {error_banner(t, e, Some(congresses.reload.clone()))} }
                    <div class="form-grid">
                        {select_field(t, SelectFieldProps {
                            id: "import-congress", label: t.f_congress,
                            value: (congress.map(|c| c.to_string()).unwrap_or_default()).into(),
                            options: congress_options, empty_label: Some(t.choose), required: true,
                            disabled: checking, error: choose_errors.0.then(|| t.choose_congress.to_string()),
                            onchange: { let c = congress.clone(); let term = term.clone(); let by_user = chosen_by_user.clone(); Callback::from(move |v: String| { *by_user.borrow_mut() = true; term.set(None); c.set(Uuid::parse_str(&v).ok()) }) },
                            ..Default::default()
                        })}
                        {select_field(t, SelectFieldProps {
                            id: "import-term", label: t.f_term,
                            value: (term.map(|c| c.to_string()).unwrap_or_default()).into(),
                            options: term_options, empty_label: Some(t.choose), required: true,
                            disabled: checking || congress.is_none(),
                            error: if no_terms { Some(t.no_terms.to_string()) } else { choose_errors.1.then(|| t.choose_term.to_string()) },
                            onchange: { let c = term.clone(); Callback::from(move |v: String| c.set(Uuid::parse_str(&v).ok())) },
                            ..Default::default()
                        })}
                    </div>
                    <div class={classes!("field", choose_errors.2.then_some("has-error"))}>
                        <label for="import-file">{t.roster_file}<span class="req" aria-hidden="true">{" *"}</span></label>
                        <p class="hint" id="import-file-hint">{t.roster_file_hint}</p>
                        <input id="import-file" type="file" ref={file_input.clone()}
                            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                            onchange={on_file} disabled={checking} required=true
                            aria-describedby={if choose_errors.2 { "import-file-hint import-file-error" } else { "import-file-hint" }}
                            aria-invalid={choose_errors.2.then_some("true")} />
                        if choose_errors.2 { <p class="field-error" id="import-file-error">{t.choose_file}</p> }
                    </div>
                    if let Some(e) = &*error { {error_banner(t, e, None)} }
                    if let Step::Checking(p) = &*step {
                        { progress_view(t, t.checking_file, *p) }
                    }
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" id="check-file" disabled={checking}>
                            { if checking { t.checking_file } else { t.check_file } }
                        </button>
                    </div>
                </form>
            }
        }
        Step::Review(report) | Step::Applying(report, _) => {
            let applying = matches!(&*step, Step::Applying(..));
            let on_confirm = {
                let run = run.clone();
                let report = report.clone();
                Callback::from(move |_: MouseEvent| run(false, Some(report.clone())))
            };
            let nothing_to_do = report.summary.create == 0 && report.summary.update == 0;
            html! {
                <section class="import-review" aria-labelledby="review-title">
                    <div class="card">
                        <h2 id="review-title">{t.dry_run_title}</h2>
                        <p class="import-target" id="import-target">
                            <span class="muted">{t.import_target}{t.colon}</span>
                            <strong>{&chosen_congress}</strong>{" "}<strong>{&chosen_term}</strong>
                        </p>
                        <p class="muted">{(t.dry_run_intro)(&file_name, &chosen_congress, &chosen_term)}</p>
                        { summary_cards(t, &report.summary, true) }
                        { file_details(t, report) }
                        if let Some(e) = &*error { {error_banner(t, e, None)} }
                        if report.summary.error > 0 {
                            <p class="banner banner-warning">{(t.errors_skipped)(report.summary.error)}</p>
                        }
                        if let Step::Applying(_, p) = &*step {
                            { progress_view(t, t.importing, *p) }
                        }
                        <div class="form-actions">
                            <button type="button" class="btn" id="cancel-import" onclick={on_cancel} disabled={applying}>{t.cancel}</button>
                            <button type="button" class="btn btn-primary" id="confirm-import" onclick={on_confirm} disabled={applying || nothing_to_do}>
                                { if applying { t.importing } else if nothing_to_do { t.nothing_to_import } else { t.confirm_import } }
                            </button>
                        </div>
                    </div>
                    {report_table(t, report, &table)}
                </section>
            }
        }
        Step::Done(report) => {
            let list_query = DeputyListQuery {
                congress_id: *congress,
                term_id: *term,
                ..Default::default()
            };
            let to_list = {
                let navigator = navigator.clone();
                Callback::from(move |_: MouseEvent| {
                    if let Some(n) = &navigator {
                        let _ = n.push_with_query(&Route::Deputies, &list_query);
                    }
                })
            };
            html! {
                <section class="card import-done" aria-labelledby="done-title">
                    <h2 id="done-title">{ if report.applied { t.import_done } else { t.import_not_applied } }</h2>
                    <p role="status" id="import-result">{(t.import_done_text)(report.summary.create, report.summary.update, report.summary.unchanged, report.summary.error)}</p>
                    { summary_cards(t, &report.summary, false) }
                    if !report.created_units.is_empty() {
                        <details class="card details-card">
                            <summary>{(t.units_created)(report.created_units.len(), false)}</summary>
                            <ul class="chips">{ for report.created_units.iter().map(|c| html!{ <li>{c.clone()}</li> }) }</ul>
                        </details>
                    }
                    if report.summary.error > 0 {
                        {report_table(t, report, &table)}
                    }
                    <div class="form-actions">
                        <button type="button" class="btn" onclick={on_restart}>{t.import_another}</button>
                        <button type="button" class="btn btn-primary" id="view-imported" onclick={to_list}>{t.view_deputies}</button>
                    </div>
                </section>
            }
        }
    };

    html! {
        <section class="page import-page">
            <h1>{t.import_title}</h1>
            <ol class="steps" aria-label={t.import_steps}>
                { for steps.iter().enumerate().map(|(i, s)| html! {
                    <li class={classes!((i == current_step).then_some("current"), (i < current_step).then_some("done"))}
                        aria-current={(i == current_step).then_some("step")}>
                        <span class="step-number" aria-hidden="true">{i + 1}</span>{*s}
                    </li>
                }) }
            </ol>
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::column_label;
    use crate::i18n::{EN, ZH};

    #[test]
    fn columns_show_header_and_label() {
        assert_eq!(
            column_label(&ZH, "出生年月 → birth_date"),
            "出生年月 → 出生年月"
        );
        assert_eq!(column_label(&EN, "序号 → seq"), "序号 → Row number");
        assert_eq!(column_label(&EN, "手机 → phone"), "手机 → Phone");
        assert_eq!(column_label(&ZH, "odd"), "odd");
    }
}
