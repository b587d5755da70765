//! A deputy's own score (亮分) in the runs of a year that are published or frozen: total,
//! rank, grade and the item-by-item breakdown with its explanation (which records, how
//! many, points, cap applied), the deputy's objections with the office's decision, and the
//! objection form while the window is open.

use super::dialog::{Submit, TextDialog};
use super::ratings::RatingsPanel;
use super::{banner, status_badge, today};
use crate::api;
use crate::components::widgets::loading;
use crate::data::{use_load, use_value};
use crate::i18n::assessments::{use_at, AssessmentTexts};
use crate::i18n::use_t;
use renda_openapi::messages::num;
use renda_openapi::{
    AssessmentRun, DeputyScore, ItemBasis, ItemScore, Objection, ObjectionInput, RunListQuery,
    RunStatus,
};
use uuid::Uuid;
use yew::prelude::*;

/// Props of [`ScorePanel`].
#[derive(Properties, PartialEq)]
pub struct ScorePanelProps {
    /// The deputy (the signed-in one).
    pub deputy_id: Uuid,
    /// The year of the runs.
    pub year: i32,
}

/// The runs of the year the deputy can see a score in, newest first.
#[function_component]
pub fn ScorePanel(p: &ScorePanelProps) -> Html {
    let t = use_t();
    let at = use_at();
    let q = RunListQuery {
        year: Some(p.year),
        ..Default::default()
    };
    let runs = use_load(Some(q), |q: RunListQuery| async move {
        api::assessments::runs(&q).await
    });
    html! {
        <section class="card" id="score">
            <h2>{at.score_title}</h2>
            { match (&runs.data, &runs.error) {
                // Before any run exists the list may be refused or absent: nothing to show.
                (_, Some(e)) if matches!(e.status(), 403 | 404) => html! { <p class="muted">{at.no_runs}</p> },
                (_, Some(e)) => banner(e, Some(runs.reload.clone())),
                (Some(list), None) => {
                    let mut shown: Vec<&AssessmentRun> = list.iter()
                        .filter(|r| matches!(r.status, RunStatus::Published | RunStatus::Frozen))
                        .collect();
                    shown.sort_by_key(|r| std::cmp::Reverse(r.period.to));
                    if shown.is_empty() {
                        html! { <p class="muted">{at.no_runs}</p> }
                    } else {
                        html! { { for shown.into_iter().map(|r| html! {
                            <RunScore run={r.clone()} deputy_id={p.deputy_id} />
                        }) } }
                    }
                }
                _ => loading(t.loading),
            } }
        </section>
    }
}

/// Props of [`RunScore`].
#[derive(Properties, PartialEq)]
pub struct RunScoreProps {
    /// The run.
    pub run: AssessmentRun,
    /// The deputy.
    pub deputy_id: Uuid,
}

/// One run: the deputy's row with its breakdown, objections and the objection form.
#[function_component]
pub fn RunScore(p: &RunScoreProps) -> Html {
    let t = use_t();
    let at = use_at();
    let run_id = p.run.id.0;
    let scores = use_load(Some(run_id), api::assessments::scores);
    let objections = use_load(Some(run_id), api::assessments::objections);
    let objecting = use_value(false);
    let open_window = p.run.status == RunStatus::Published
        && p.run.objections_until.is_some_and(|u| today() <= u);
    let own = scores.data.as_ref().and_then(|s| {
        s.scores
            .iter()
            .find(|d| d.deputy.deputy_id.0 == p.deputy_id)
            .cloned()
    });
    let dialog = match (&own, *objecting) {
        (Some(own), true) => objection_dialog(at, run_id, own, &objecting, &objections.reload),
        _ => Html::default(),
    };
    let open = {
        let objecting = objecting.clone();
        Callback::from(move |_: MouseEvent| objecting.set(true))
    };
    html! {
        <article class="run-score" data-run={run_id.to_string()}>
            <h3>{&p.run.name}{" "}{status_badge(p.run.status.as_str(), p.run.status.label(at.cat()))}</h3>
            if p.run.status == RunStatus::Frozen {
                <p class="muted" id="frozen-note">{at.frozen_note}</p>
            }
            if let (true, Some(until)) = (open_window, p.run.objections_until) {
                <p class="muted" id="objection-window">{at.objections_until(until)}</p>
            }
            { match (&own, &scores.error) {
                (_, Some(e)) => banner(e, Some(scores.reload.clone())),
                (Some(own), None) => breakdown(at, own),
                (None, None) if scores.data.is_some() => html! { <p class="muted">{at.not_scored}</p> },
                _ => loading(t.loading),
            } }
            if let Some(list) = &objections.data {
                {objection_list(at, list)}
            }
            if p.run.status == RunStatus::Published {
                <RatingsPanel {run_id} />
            }
            if open_window && own.is_some() && !*objecting {
                <button type="button" class="btn" id="object" onclick={open}>{at.raise_objection}</button>
            }
            {dialog}
        </article>
    }
}

/// The objection dialog: the item objected to (or the whole score) and the reasons.
fn objection_dialog(
    at: &AssessmentTexts,
    run_id: Uuid,
    own: &DeputyScore,
    objecting: &UseStateHandle<bool>,
    reload: &Callback<()>,
) -> Html {
    let mut choices = vec![(String::new(), at.whole_score.to_string())];
    choices.extend(own.items.iter().map(|i| (i.key.clone(), i.label.clone())));
    let submit = Submit::new(move |item: String, text: String| {
        let input = ObjectionInput {
            item_key: (!item.is_empty()).then_some(item),
            text,
        };
        Box::pin(async move { api::assessments::object(run_id, &input).await.map(|_| ()) })
    });
    let close = {
        let objecting = objecting.clone();
        Callback::from(move |_| objecting.set(false))
    };
    let done = {
        let (objecting, reload) = (objecting.clone(), reload.clone());
        Callback::from(move |_| {
            objecting.set(false);
            reload.emit(());
        })
    };
    html! {
        <TextDialog id="objection" title={at.raise_objection} label={at.objection_reasons}
            choices={choices} choice_label={at.objected_item} {submit} on_done={done} on_close={close} />
    }
}

/// Total, rank and grade, then every item with its points and explanation.
fn breakdown(at: &AssessmentTexts, s: &DeputyScore) -> Html {
    let lang = at.cat();
    html! {
        <>
            <dl class="score-head" id="own-score">
                <div><dt>{at.total}</dt><dd id="score-total">{num(s.total)}</dd></div>
                <div><dt>{at.rank}</dt><dd id="score-rank">{s.rank}</dd></div>
                <div><dt>{at.grade}</dt><dd id="score-grade">{s.grade.label(lang)}</dd></div>
            </dl>
            <div class="table-wrap">
                <table class="data-table score-items" id="score-items">
                    <thead><tr>
                        <th scope="col">{at.item}</th>
                        <th scope="col">{at.explanation}</th>
                        <th scope="col" class="num">{at.points}</th>
                    </tr></thead>
                    <tbody>
                        if s.base_score != 0.0 {
                            <tr><th scope="row" data-label={at.item}>{at.base_score}</th><td data-label={at.explanation}></td>
                                <td class="num" data-label={at.points}>{num(s.base_score)}</td></tr>
                        }
                        { for s.items.iter().map(|i| item_row(at, i)) }
                        if s.total_adjustment != 0.0 {
                            <tr><th scope="row" data-label={at.item}>{at.adjustment}</th><td data-label={at.explanation}></td>
                                <td class="num" data-label={at.points}>{num(s.total_adjustment)}</td></tr>
                        }
                    </tbody>
                </table>
            </div>
            if !s.flags.is_empty() {
                <p class="badges">{ for s.flags.iter().map(|f| html! { <span class="badge badge-flag">{f.label(lang)}</span> }) }</p>
            }
        </>
    }
}

fn item_row(at: &AssessmentTexts, i: &ItemScore) -> Html {
    let lang = at.cat();
    html! {
        <tr data-item={i.key.clone()}>
            <th scope="row" data-label={at.item}>{&i.label}<span class="muted item-category">{i.category.label(lang)}</span></th>
            <td data-label={at.explanation}>
                {i.explain(lang)}
                // Which records were counted: the section of the record above that lists them.
                if let ItemBasis::Count { metric, count, .. } = &i.basis {
                    if let (true, Some(section)) = (*count > 0, metric.section()) {
                        {" "}<a class="records-link" href={format!("#section-{}", section.as_str())}>{at.see_records}</a>
                    }
                }
            </td>
            <td class="num" data-label={at.points}>{num(i.points)}</td>
        </tr>
    }
}

/// The deputy's objections with the office's decision.
fn objection_list(at: &AssessmentTexts, list: &[Objection]) -> Html {
    if list.is_empty() {
        return Html::default();
    }
    let lang = at.cat();
    html! {
        <div class="objections" id="objections">
            <h4>{at.my_objections}</h4>
            <ul>
                { for list.iter().map(|o| html! {
                    <li data-objection={o.id.0.to_string()} data-status={o.status.as_str()}>
                        {status_badge(o.status.as_str(), o.status.label(lang))}{" "}
                        <span>{&o.text}</span>
                        if let Some(r) = &o.resolution {
                            <p class="review-note"><strong>{at.decision}</strong>{r}
                                if let Some(a) = o.adjustment { {format!(" ({} {})", at.adjustment, num(a))} }
                            </p>
                        }
                    </li>
                }) }
            </ul>
        </div>
    }
}
