//! Work appraisals (工作评议) of government departments: the list, a new plan (units, period,
//! team, the date the presidium discussed it), and one appraisal's workflow: its stages in
//! order with the current one marked, each unit's record of the current stage
//! ([`super::appraisal_forms::UnitEditor`]), and "next stage", checked first with the
//! contract's `appraisal_move` so that what a stage still lacks shows before anything
//! is sent.

use super::appraisal_forms::{PlanForm, UnitEditor};
use super::AreaNav;
use crate::api::assessments::office as calls;
use crate::api::ApiError;
use crate::components::widgets::{empty, error_banner, loading, use_title};
use crate::data::use_load;
use crate::i18n::assessments::office::{use_ot, OfficeTexts};
use crate::i18n::use_t;
use crate::AuthCtx;
use renda_openapi::assessments::{
    appraisal_move, Actor, AppraisalContext, AppraisalStage, WorkAppraisal,
};
use std::rc::Rc;
use yew::prelude::*;

/// What a stage needs, counted from the appraisal as the server counts it.
pub fn context_of(a: &WorkAppraisal) -> AppraisalContext {
    let count = |f: fn(&renda_openapi::assessments::AppraisalUnit) -> bool| {
        a.units.iter().filter(|u| f(u)).count() as u32
    };
    AppraisalContext {
        plan_discussed: a.plan_discussed_on.is_some(),
        units: a.units.len() as u32,
        team: a.team.len() as u32,
        units_with_self_check: count(|u| u.self_check_report.is_some()),
        units_with_first_ballot: count(|u| u.first_ballot.is_some()),
        units_with_opinions: count(|u| u.opinions.is_some()),
        units_with_rectification: count(|u| u.rectification_report.is_some()),
        units_with_second_ballot: count(|u| u.second_ballot.is_some()),
    }
}

/// What the page shows.
#[derive(Clone, PartialEq)]
enum View {
    List,
    New,
    One(Rc<WorkAppraisal>),
    EditPlan(Rc<WorkAppraisal>),
}

/// The work appraisals page.
#[function_component]
pub fn AppraisalsPage() -> Html {
    let t = use_t();
    let ot = use_ot();
    use_title(ot.appraisals_title.to_string());
    let list = use_load(Some(()), |_| calls::appraisals());
    let view = use_state(|| View::List);
    let show = {
        let (view, reload) = (view.clone(), list.reload.clone());
        Callback::from(move |v: View| {
            if v == View::List {
                reload.emit(());
            }
            view.set(v)
        })
    };
    let saved = show.reform(|a: WorkAppraisal| View::One(Rc::new(a)));
    let body = match &*view {
        View::New => {
            html! { <PlanForm appraisal={None::<Rc<WorkAppraisal>>} on_saved={saved} on_close={show.reform(|_| View::List)} /> }
        }
        View::EditPlan(a) => {
            html! { <PlanForm appraisal={Some(a.clone())} on_saved={saved} on_close={show.reform(|_| View::List)} /> }
        }
        View::One(a) => html! { <AppraisalView appraisal={a.clone()} show={show.clone()} /> },
        View::List => match (&list.data, &list.error) {
            (_, Some(e)) => error_banner(t, e, Some(list.reload.clone())),
            (Some(rows), None) => appraisal_table(ot, rows, &show),
            _ => loading(t.loading),
        },
    };
    html! {
        <section class="page">
            <AreaNav />
            <div class="page-head">
                <h1>{ot.appraisals_title}</h1>
                if *view == View::List {
                    <div class="actions">
                        <button type="button" class="btn btn-primary" id="new-appraisal" onclick={show.reform(|_| View::New)}>{ot.new_appraisal}</button>
                    </div>
                }
            </div>
            {body}
        </section>
    }
}

fn appraisal_table(
    t: &'static OfficeTexts,
    rows: &Rc<Vec<WorkAppraisal>>,
    show: &Callback<View>,
) -> Html {
    if rows.is_empty() {
        return empty(t.no_appraisals, Html::default());
    }
    let w = t.wire();
    html! {
        <div class="table-wrap"><table class="data-table" id="appraisals">
            <thead><tr>
                <th scope="col">{t.title}</th><th scope="col" class="num">{t.year}</th>
                <th scope="col">{t.stage_now}</th><th scope="col" class="num">{t.units}</th><th scope="col"></th>
            </tr></thead>
            <tbody>{ for rows.iter().map(|a| {
                let a2 = Rc::new(a.clone());
                html! { <tr>
                    <th scope="row" data-label={t.title}>{&a.title}</th>
                    <td class="num" data-label={t.year}>{a.year}</td>
                    <td data-label={t.stage_now}>{a.stage.label(w)}</td>
                    <td class="num" data-label={t.units}>{a.units.len()}</td>
                    <td><button type="button" class="btn btn-small" onclick={show.reform(move |_| View::One(a2.clone()))}>{t.open}</button></td>
                </tr> }
            }) }</tbody>
        </table></div>
    }
}

#[derive(Properties, PartialEq)]
struct ViewProps {
    appraisal: Rc<WorkAppraisal>,
    show: Callback<View>,
}

/// One appraisal: stages, units, team and the next step.
#[function_component]
fn AppraisalView(p: &ViewProps) -> Html {
    let t = use_t();
    let ot = use_ot();
    let w = ot.wire();
    let auth = use_context::<AuthCtx>().expect("AuthCtx");
    let role = auth.role().unwrap_or(renda_openapi::Role::Deputy);
    let problem = use_state(|| None::<String>);
    let failure = use_state(|| None::<ApiError>);
    let a = p.appraisal.clone();
    let replace = p.show.reform(|a: WorkAppraisal| View::One(Rc::new(a)));
    let advance = {
        let (a, problem, failure, replace) =
            (a.clone(), problem.clone(), failure.clone(), replace.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(to) = a.stage.next() else { return };
            if let Err(r) = appraisal_move(a.stage, to, Actor { role, own: false }, &context_of(&a))
            {
                problem.set(Some(ot.rule(&r)));
                return;
            }
            problem.set(None);
            let (a, failure, replace) = (a.clone(), failure.clone(), replace.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match calls::advance_appraisal(a.id.uuid(), a.version, to).await {
                    Ok(next) => replace.emit(next),
                    Err(e) => failure.set(Some(e)),
                }
            });
        })
    };
    let stages = AppraisalStage::ALL.iter().map(|s| {
        let class = match s.rank().cmp(&a.stage.rank()) {
            std::cmp::Ordering::Less => "done",
            std::cmp::Ordering::Equal => "current",
            std::cmp::Ordering::Greater => "",
        };
        html! { <li class={class} aria-current={(class == "current").then_some("step")}>
            <span class="step-number">{s.rank() + 1}</span>{s.label(w)}
        </li> }
    });
    let open = a.stage != AppraisalStage::Closed;
    html! {
        <div id="appraisal">
            <div class="section-head">
                <h2>{&a.title}</h2>
                <button type="button" class="btn" onclick={p.show.reform(|_| View::List)}>{ot.back}</button>
            </div>
            <ol class="steps" id="appraisal-stages">{ for stages }</ol>
            <p class="muted">{format!("{} – {} · {} {}", a.period_from, a.period_to, ot.plan_discussed_on,
                a.plan_discussed_on.map(|d| d.to_string()).unwrap_or_else(|| "—".into()))}</p>
            if let Some(plan) = &a.plan { <p class="card">{plan}</p> }
            <p>{format!("{}: {}", ot.team, a.team.iter().map(|d| d.name.as_str()).collect::<Vec<_>>().join("、"))}</p>
            if let Some(e) = &*failure { {error_banner(t, e, None)} }
            if let Some(m) = &*problem { <p class="field-error" role="alert" id="advance-error">{m}</p> }
            <div class="actions">
                if a.stage == AppraisalStage::Plan {
                    <button type="button" class="btn" id="edit-plan" onclick={p.show.reform({ let a = a.clone(); move |_| View::EditPlan(a.clone()) })}>{ot.edit}</button>
                }
                if open && auth.is_office() {
                    <button type="button" class="btn btn-primary" id="advance" onclick={advance}>{ot.advance}</button>
                }
            </div>
            { for a.units.iter().map(|u| html! {
                <UnitEditor key={u.handling_org_id.to_string()} appraisal={a.clone()} unit={u.clone()} on_saved={replace.clone()} />
            }) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use renda_openapi::assessments::AppraisalUnit;
    use renda_openapi::Role;

    fn unit(report: bool) -> AppraisalUnit {
        AppraisalUnit {
            handling_org_id: uuid::Uuid::now_v7().into(),
            name: "镇农业服务中心".into(),
            self_check_report: report.then(|| "自查".into()),
            investigation_notes: None,
            first_ballot: None,
            first_satisfaction_rate: None,
            opinions: None,
            issues: vec![],
            rectification_due: None,
            rectification_report: None,
            second_ballot: None,
            second_satisfaction_rate: None,
        }
    }

    #[test]
    fn the_next_stage_waits_for_every_units_self_check() {
        let now = chrono::Utc::now();
        let d = chrono::NaiveDate::from_ymd_opt(2022, 3, 1).unwrap();
        let mut a = WorkAppraisal {
            id: uuid::Uuid::nil().into(),
            congress_id: uuid::Uuid::nil().into(),
            title: "2022年工作评议".into(),
            year: 2022,
            period_from: d,
            period_to: d,
            plan_discussed_on: Some(d),
            plan: None,
            stage: AppraisalStage::SelfCheck,
            units: vec![unit(true), unit(false)],
            team: vec![],
            updated_at: now,
            version: 1,
        };
        let staff = Actor {
            role: Role::Staff,
            own: false,
        };
        assert_eq!(context_of(&a).units_with_self_check, 1);
        assert!(appraisal_move(
            a.stage,
            AppraisalStage::Investigation,
            staff,
            &context_of(&a)
        )
        .is_err());
        a.units[1].self_check_report = Some("自查".into());
        assert_eq!(
            appraisal_move(
                a.stage,
                AppraisalStage::Investigation,
                staff,
                &context_of(&a)
            )
            .ok(),
            Some(AppraisalStage::Investigation)
        );
    }
}
