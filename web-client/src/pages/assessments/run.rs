//! One assessment run: its state and dates, the office's steps (recompute, publish the
//! running score with its objection window, freeze, cancel), each checked first with the
//! contract's `run_step` so that a refusal shows before anything is sent; the ranking
//! (sortable, exported as XLSX), the distribution of the totals, the groups' scores, the
//! outstanding deputies proposed, and the objections with their resolution.

use super::chart::ScoreChart;
use super::fields::{check, field, Errors};
use super::objections::ObjectionsList;
use super::ranking::{group_table, RankingTable};
use super::ratings::RatingsPanel;
use super::runs::status_class;
use super::AreaNav;
use crate::api::assessments::office as calls;
use crate::api::ApiError;
use crate::components::widgets::{error_banner, loading, use_title};
use crate::data::use_load;
use crate::i18n::assessments::office::{use_ot, OfficeTexts};
use crate::i18n::use_t;
use crate::AuthCtx;
use renda_openapi::assessments::{
    run_step, Actor, AssessmentRun, RunContext, RunStatus, RunStep, RunTransition,
};
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::Link;

/// Props of [`RunPage`].
#[derive(Properties, PartialEq)]
pub struct RunProps {
    /// The run's id.
    pub id: Uuid,
}

/// The run's step as the contract would judge it now: `Err` with the refusal's text.
pub fn precheck(
    t: &OfficeTexts,
    run: &AssessmentRun,
    role: renda_openapi::Role,
    body: &RunTransition,
    today: chrono::NaiveDate,
) -> Result<(), String> {
    let ctx = RunContext {
        today,
        scored: run.scored,
        objections_until: body.objections_until.or(run.objections_until),
        open_objections: run.open_objections,
        close_window_early: body.close_window_early,
        ratings_since_compute: run.ratings_since_compute,
        // Whether another run of the period is frozen is the server's to say.
        period_frozen: false,
    };
    run_step(run.status, body.step, Actor { role, own: false }, &ctx)
        .map(|_| ())
        .map_err(|r| t.rule(&r))
}

/// One run.
#[function_component]
pub fn RunPage(p: &RunProps) -> Html {
    let t = use_t();
    let ot = use_ot();
    use_title(ot.run_title.to_string());
    let run = use_load(Some(p.id), calls::run);
    let scores = use_load(Some(p.id), calls::scores);
    let objections = use_load(Some(p.id), calls::objections);
    let reload = {
        let (a, b, c) = (
            run.reload.clone(),
            scores.reload.clone(),
            objections.reload.clone(),
        );
        Callback::from(move |_| {
            a.emit(());
            b.emit(());
            c.emit(());
        })
    };
    let export_error = use_state(|| None::<ApiError>);
    let on_export = |docx: bool| {
        let (id, export_error) = (p.id, export_error.clone());
        Callback::from(move |_: MouseEvent| {
            let export_error = export_error.clone();
            wasm_bindgen_futures::spawn_local(async move {
                export_error.set(calls::export_scores(id, docx).await.err());
            });
        })
    };
    let auth = use_context::<AuthCtx>().expect("AuthCtx");
    let Some(r) = run.data.clone() else {
        return match &run.error {
            Some(e) => {
                html! { <section class="page">{error_banner(t, e, Some(run.reload.clone()))}</section> }
            }
            None => loading(t.loading),
        };
    };
    let w = ot.wire();
    html! {
        <section class="page" data-run={p.id.to_string()}>
            <AreaNav />
            <div class="page-head">
                <h1>{&r.name}</h1>
                <span class={classes!("badge", status_class(r.status))} id="run-status">{r.status.label(w)}</span>
            </div>
            {summary(ot, &r)}
            if auth.is_office() { <RunActions run={(*r).clone()} on_changed={reload.clone()} /> }
            if let Some(e) = &*export_error { {error_banner(t, e, None)} }
            { match (&scores.data, &scores.error) {
                (_, Some(e)) => error_banner(t, e, Some(scores.reload.clone())),
                (Some(s), None) => html! { <>
                    <div class="section-head">
                        <h2>{ot.ranking}</h2>
                        <div class="actions">
                            <button type="button" class="btn" id="export-ranking" onclick={on_export(false)}>{ot.export_xlsx}</button>
                            <button type="button" class="btn" id="export-ranking-docx" onclick={on_export(true)}>{ot.export_docx}</button>
                        </div>
                    </div>
                    <ScoreChart totals={s.scores.iter().map(|x| x.total).collect::<Vec<_>>()} t={ot} />
                    <RankingTable scores={s.scores.clone()} t={ot} />
                    {group_table(ot, &s.groups)}
                </> },
                _ => loading(t.loading),
            } }
            <RatingsPanel run_id={p.id} />
            if let Some(list) = &objections.data {
                <ObjectionsList objections={(**list).clone()} t={ot} can_resolve={auth.is_office()} on_changed={reload} />
            }
        </section>
    }
}

fn summary(t: &'static OfficeTexts, r: &AssessmentRun) -> Html {
    let row = |label: &str, value: String| {
        html! {
            <div class="detail-row"><dt>{label.to_string()}</dt><dd>{value}</dd></div>
        }
    };
    html! {
        <dl class="card details" id="run-summary">
            {row(t.scheme, r.scheme_name.clone())}
            {row(t.period, format!("{} – {}", r.period.from, r.period.to))}
            {row(t.scored, t.deputies_n(r.scored))}
            {row(t.open_objections, r.open_objections.to_string())}
            if r.ratings_since_compute > 0 { {row(t.ratings_since_compute, r.ratings_since_compute.to_string())} }
            if let Some(d) = r.objections_until { {row(t.objections_until, d.to_string())} }
            if let Some(p) = &r.proposal {
                {row(t.proposal, format!("{} {} · {} {}", t.quota_limit, p.limit, t.proposed, p.chosen.len()))}
                if !p.tied_at_cut.is_empty() { {row(t.tied_at_cut, p.tied_at_cut.len().to_string())} }
            }
        </dl>
    }
}

#[derive(Properties, PartialEq)]
struct ActionsProps {
    run: AssessmentRun,
    on_changed: Callback<()>,
}

/// The office's steps on the run.
#[function_component]
fn RunActions(p: &ActionsProps) -> Html {
    let t = use_t();
    let ot = use_ot();
    let auth = use_context::<AuthCtx>().expect("AuthCtx");
    let role = auth.role().unwrap_or(renda_openapi::Role::Deputy);
    let until = use_state(String::new);
    let to_all = use_state(|| false);
    let early = use_state(|| false);
    let errors = use_state(Errors::default);
    let failure = use_state(|| None::<ApiError>);
    let take = |step: RunStep| {
        let (until, to_all, early, errors, failure) = (
            until.clone(),
            to_all.clone(),
            early.clone(),
            errors.clone(),
            failure.clone(),
        );
        let (run, changed) = (p.run.clone(), p.on_changed.clone());
        Callback::from(move |_: MouseEvent| {
            let body = RunTransition {
                step,
                objections_until: (step == RunStep::Publish)
                    .then(|| until.parse().ok())
                    .flatten(),
                publish_to_all: step == RunStep::Publish && *to_all,
                close_window_early: step == RunStep::Freeze && *early,
            };
            let at = if step == RunStep::Publish {
                "/objections_until"
            } else {
                ""
            };
            if let Err(m) = precheck(ot, &run, role, &body, crate::validate::today()) {
                errors.set(Errors::from_pairs([(at.to_string(), m)]));
                return;
            }
            errors.set(Errors::default());
            let (run, changed, errors, failure) = (
                run.clone(),
                changed.clone(),
                errors.clone(),
                failure.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match calls::run_step(run.id.uuid(), run.version, &body).await {
                    Ok(_) => {
                        failure.set(None);
                        changed.emit(())
                    }
                    Err(e) => {
                        errors.set(Errors::of_api(ot, &e));
                        failure.set(Some(e));
                    }
                }
            });
        })
    };
    let s = p.run.status;
    let open = matches!(s, RunStatus::Draft | RunStatus::Published);
    let set_until = {
        let until = until.clone();
        Callback::from(move |e: Event| until.set(crate::components::widgets::event_value(&e)))
    };
    let flag = |h: &UseStateHandle<bool>| {
        let h = h.clone();
        Callback::from(move |v: bool| h.set(v))
    };
    html! {
        <div class="card run-actions" id="run-actions">
            if let Some(e) = &*failure { {error_banner(t, e, None)} }
            if let Some(m) = errors.at("") { <p class="field-error" role="alert" id="run-step-error">{m}</p> }
            if open {
                <button type="button" class="btn" id="run-compute" onclick={take(RunStep::Compute)}>{RunStep::Compute.label(ot.wire())}</button>
            }
            if s == RunStatus::Draft {
                <div class="form-grid">
                    {field("objections-until", ot.objections_until, html! {
                        <input id="objections-until" type="date" value={(*until).clone()} onchange={set_until} />
                    }, errors.at("/objections_until"))}
                    {check("publish-to-all", ot.publish_to_all, *to_all, flag(&to_all))}
                </div>
                <button type="button" class="btn btn-primary" id="run-publish" onclick={take(RunStep::Publish)}>{RunStep::Publish.label(ot.wire())}</button>
            }
            if s == RunStatus::Published {
                {check("close-early", ot.close_early, *early, flag(&early))}
                <button type="button" class="btn btn-primary" id="run-freeze" onclick={take(RunStep::Freeze)}>{RunStep::Freeze.label(ot.wire())}</button>
            }
            if open {
                <button type="button" class="btn btn-danger" id="run-cancel" onclick={take(RunStep::Cancel)}>{RunStep::Cancel.label(ot.wire())}</button>
            }
            if s == RunStatus::Frozen { <Link<crate::Route> to={crate::Route::Awards} classes="btn">{ot.awards_title}</Link<crate::Route>> }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use renda_openapi::assessments::{Period, PeriodKind};
    use renda_openapi::Role;

    fn run(status: RunStatus, scored: u32) -> AssessmentRun {
        let now = chrono::Utc::now();
        AssessmentRun {
            id: Uuid::nil().into(),
            congress_id: Uuid::nil().into(),
            term_id: Uuid::nil().into(),
            scheme_id: Uuid::nil().into(),
            scheme_name: String::new(),
            name: "2022".into(),
            period_kind: PeriodKind::Year,
            period: Period::year(2022).unwrap(),
            status,
            publish_to_all: false,
            objections_until: None,
            scored,
            computed_at: None,
            published_at: None,
            frozen_at: None,
            open_objections: 0,
            ratings_since_compute: 0,
            proposal: None,
            created_at: now,
            updated_at: now,
            version: 1,
        }
    }

    #[test]
    fn publishing_needs_scores_and_a_window_from_today() {
        let t = OfficeTexts::of(Lang::En);
        let today = chrono::NaiveDate::from_ymd_opt(2023, 1, 10).unwrap();
        let publish = |until: Option<chrono::NaiveDate>| RunTransition {
            step: RunStep::Publish,
            objections_until: until,
            publish_to_all: false,
            close_window_early: false,
        };
        assert!(precheck(
            t,
            &run(RunStatus::Draft, 0),
            Role::Staff,
            &publish(Some(today)),
            today
        )
        .is_err());
        let past = today.pred_opt();
        assert!(precheck(
            t,
            &run(RunStatus::Draft, 5),
            Role::Staff,
            &publish(past),
            today
        )
        .is_err());
        assert!(precheck(
            t,
            &run(RunStatus::Draft, 5),
            Role::Staff,
            &publish(Some(today)),
            today
        )
        .is_ok());
        assert!(precheck(
            t,
            &run(RunStatus::Draft, 5),
            Role::Presidium,
            &publish(Some(today)),
            today
        )
        .is_err());
    }
}
