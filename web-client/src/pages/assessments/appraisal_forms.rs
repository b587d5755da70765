//! The forms of a work appraisal: the plan (title, year, period, the date the presidium
//! discussed it, the plan's text, the units under appraisal and the team's deputies), and
//! one unit's record, offering only the fields its stage takes
//! (`AppraisalStage::writes`, the server's `field_not_in_stage`).

use super::ballots::{check_ballots, typed_of, Typed};
use super::fields::{check, field, text_area, text_input, use_draft, Errors};
use crate::api::assessments::office as calls;
use crate::api::{self, ApiError};
use crate::components::widgets::{error_banner, event_value};
use crate::data::{effective_congress, use_congresses, use_load};
use crate::i18n::assessments::office::{use_ot, OfficeTexts};
use crate::i18n::use_t;
use chrono::NaiveDate;
use renda_openapi::assessments::{
    AppraisalField as F, AppraisalInput, AppraisalUnit, AppraisalUnitInput, WorkAppraisal,
};
use renda_openapi::DeputyListQuery;
use std::rc::Rc;
use uuid::Uuid;
use yew::prelude::*;

/// The plan as typed.
#[derive(Clone, PartialEq, Default)]
pub struct PlanDraft {
    /// The title.
    pub title: String,
    /// The year.
    pub year: String,
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// Last day.
    pub to: String,
    /// The presidium's discussion, `YYYY-MM-DD` or empty.
    pub discussed: String,
    /// The plan's text.
    pub plan: String,
    /// The departments chosen.
    pub units: Vec<Uuid>,
    /// The team's deputies.
    pub team: Vec<Uuid>,
}

/// The plan as sent, or what is wrong with it by pointer.
pub fn check_plan(
    t: &OfficeTexts,
    congress: Uuid,
    d: &PlanDraft,
) -> Result<AppraisalInput, Errors> {
    let mut errs = vec![];
    let n = d.title.trim().chars().count();
    if n == 0 || n > 100 {
        errs.push(("/title".to_string(), t.name_required.to_string()));
    }
    let year: Option<i32> = d.year.trim().parse().ok();
    let from: Option<NaiveDate> = d.from.parse().ok();
    let to: Option<NaiveDate> = d.to.parse().ok();
    if year.is_none() {
        errs.push(("/year".into(), t.year.into()));
    }
    if from.is_none() {
        errs.push(("/period_from".into(), t.period_from.into()));
    }
    if to.is_none() || to < from {
        errs.push(("/period_to".into(), t.period_to.into()));
    }
    let discussed = (!d.discussed.is_empty()).then(|| d.discussed.parse::<NaiveDate>().ok());
    if discussed == Some(None) {
        errs.push(("/plan_discussed_on".into(), t.plan_discussed_on.into()));
    }
    match (year, from, to) {
        (Some(year), Some(period_from), Some(period_to)) if errs.is_empty() => Ok(AppraisalInput {
            congress_id: congress.into(),
            title: d.title.trim().to_string(),
            year,
            period_from,
            period_to,
            plan_discussed_on: discussed.flatten(),
            plan: (!d.plan.trim().is_empty()).then(|| d.plan.trim().to_string()),
            units: d.units.iter().map(|u| (*u).into()).collect(),
            team: d.team.iter().map(|u| (*u).into()).collect(),
        }),
        _ => Err(Errors::from_pairs(errs)),
    }
}

fn draft_of(a: Option<&WorkAppraisal>) -> PlanDraft {
    match a {
        None => PlanDraft {
            year: "2022".into(),
            ..Default::default()
        },
        Some(a) => PlanDraft {
            title: a.title.clone(),
            year: a.year.to_string(),
            from: a.period_from.to_string(),
            to: a.period_to.to_string(),
            discussed: a
                .plan_discussed_on
                .map(|d| d.to_string())
                .unwrap_or_default(),
            plan: a.plan.clone().unwrap_or_default(),
            units: a.units.iter().map(|u| u.handling_org_id.uuid()).collect(),
            team: a.team.iter().map(|d| d.deputy_id.uuid()).collect(),
        },
    }
}

/// Props of [`PlanForm`].
#[derive(Properties, PartialEq)]
pub struct PlanFormProps {
    /// The appraisal whose plan is edited; none for a new one.
    pub appraisal: Option<Rc<WorkAppraisal>>,
    /// Called with the saved appraisal.
    pub on_saved: Callback<WorkAppraisal>,
    /// Called to leave the form.
    pub on_close: Callback<()>,
}

/// The plan of a work appraisal.
#[function_component]
pub fn PlanForm(p: &PlanFormProps) -> Html {
    let t = use_t();
    let ot = use_ot();
    let congresses = use_congresses();
    let congress = effective_congress(None, &congresses);
    let orgs = use_load(congress, |c: Uuid| api::suggestions::handling_orgs(Some(c)));
    let deputies = use_load(congress, |c: Uuid| async move {
        api::deputies(&DeputyListQuery {
            congress_id: Some(c),
            limit: Some(200),
            ..Default::default()
        })
        .await
    });
    let d = use_draft(|| draft_of(p.appraisal.as_deref()));
    let errors = use_state(Errors::default);
    let failure = use_state(|| None::<ApiError>);
    let key = use_state(calls::new_key);
    let on_submit = {
        let (d, errors, failure, key) =
            (d.clone(), errors.clone(), failure.clone(), (*key).clone());
        let (existing, saved) = (p.appraisal.clone(), p.on_saved.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(c) = congress else { return };
            match check_plan(ot, c, &d.0) {
                Err(found) => errors.set(found),
                Ok(input) => {
                    let (errors, failure, key, existing, saved) = (
                        errors.clone(),
                        failure.clone(),
                        key.clone(),
                        existing.clone(),
                        saved.clone(),
                    );
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = match &existing {
                            Some(a) => {
                                calls::update_appraisal(a.id.uuid(), a.version, &input).await
                            }
                            None => calls::create_appraisal(&input, &key).await,
                        };
                        match result {
                            Ok(a) => saved.emit(a),
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
    let date = |id: &'static str,
                label: &'static str,
                value: &str,
                f: fn(&mut PlanDraft, String),
                ptr: &str| {
        let on = d.cb(move |x, e: Event| f(x, event_value(&e)));
        field(
            id,
            label,
            html! { <input id={id} type="date" value={value.to_string()} onchange={on} /> },
            errors.at(ptr),
        )
    };
    let picks = |rows: Vec<(Uuid, String)>, chosen: &Vec<Uuid>, team: bool| -> Html {
        html! { <div class="checks">{ for rows.into_iter().map(|(id, name)| {
            let on = d.cb(move |x, checked: bool| {
                let list = if team { &mut x.team } else { &mut x.units };
                list.retain(|u| *u != id);
                if checked {
                    list.push(id);
                }
            });
            check(&format!("{}-{id}", if team { "team" } else { "unit" }), &name, chosen.contains(&id), on)
        }) }</div> }
    };
    let org_rows: Vec<(Uuid, String)> = orgs
        .data
        .iter()
        .flat_map(|l| l.iter().map(|o| (o.id, o.name.clone())))
        .collect();
    let dep_rows: Vec<(Uuid, String)> = deputies
        .data
        .iter()
        .flat_map(|l| l.items.iter().map(|x| (x.id, x.name.clone())))
        .collect();
    html! {
        <form class="card" id="plan-form" onsubmit={on_submit} novalidate=true>
            <h2>{ot.plan}</h2>
            if let Some(e) = &*failure { {error_banner(t, e, None)} }
            <div class="form-grid">
                {text_input("appraisal-title", ot.title, &d.0.title, d.cb(|x, v: String| x.title = v), errors.at("/title"))}
                {text_input("appraisal-year", ot.year, &d.0.year, d.cb(|x, v: String| x.year = v), errors.at("/year"))}
                {date("appraisal-from", ot.period_from, &d.0.from, |x, v| x.from = v, "/period_from")}
                {date("appraisal-to", ot.period_to, &d.0.to, |x, v| x.to = v, "/period_to")}
                {date("appraisal-discussed", ot.plan_discussed_on, &d.0.discussed, |x, v| x.discussed = v, "/plan_discussed_on")}
            </div>
            {text_area("appraisal-plan", ot.plan, &d.0.plan, d.cb(|x, v: String| x.plan = v), errors.at("/plan"))}
            {field("appraisal-units", ot.units, picks(org_rows, &d.0.units, false), errors.at("/units"))}
            {field("appraisal-team", ot.team, picks(dep_rows, &d.0.team, true), errors.at("/team"))}
            <div class="form-actions">
                <button type="button" class="btn" onclick={p.on_close.reform(|_: MouseEvent| ())}>{ot.cancel}</button>
                <button type="submit" class="btn btn-primary" id="save-plan">{ot.save}</button>
            </div>
        </form>
    }
}

/// What a unit's fields hold as typed.
#[derive(Clone, PartialEq, Default)]
struct UnitDraft {
    texts: [String; 5],
    issues: String,
    due: String,
    first: Typed,
    second: Typed,
}

fn unit_draft(u: &AppraisalUnit) -> UnitDraft {
    let s = |x: &Option<String>| x.clone().unwrap_or_default();
    UnitDraft {
        texts: [
            s(&u.self_check_report),
            s(&u.investigation_notes),
            s(&u.opinions),
            s(&u.rectification_report),
            String::new(),
        ],
        issues: u.issues.join("\n"),
        due: u
            .rectification_due
            .map(|d| d.to_string())
            .unwrap_or_default(),
        first: typed_of(u.first_ballot),
        second: typed_of(u.second_ballot),
    }
}

/// The body of a unit's save: the fields of the stage, empty ones left out.
fn unit_input(
    t: &OfficeTexts,
    a: &WorkAppraisal,
    d: &UnitDraft,
) -> Result<AppraisalUnitInput, Errors> {
    let w = |f: F| a.stage.writes(f);
    let text = |i: usize, f: F| {
        (w(f) && !d.texts[i].trim().is_empty()).then(|| d.texts[i].trim().to_string())
    };
    let ballot = |typed: &Typed, f: F| -> Result<Option<_>, Errors> {
        if !w(f) || typed.iter().all(|s| s.trim().is_empty()) {
            return Ok(None);
        }
        check_ballots(t, typed, u32::MAX).map(Some)
    };
    Ok(AppraisalUnitInput {
        self_check_report: text(0, F::SelfCheckReport),
        investigation_notes: text(1, F::InvestigationNotes),
        opinions: text(2, F::Opinions),
        rectification_report: text(3, F::RectificationReport),
        issues: w(F::Issues).then(|| {
            d.issues
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect()
        }),
        rectification_due: if w(F::RectificationDue) {
            d.due.parse().ok()
        } else {
            None
        },
        first_ballot: ballot(&d.first, F::FirstBallot)?,
        second_ballot: ballot(&d.second, F::SecondBallot)?,
    })
}

/// Props of [`UnitEditor`].
#[derive(Properties, PartialEq)]
pub struct UnitProps {
    /// The appraisal.
    pub appraisal: Rc<WorkAppraisal>,
    /// The unit.
    pub unit: AppraisalUnit,
    /// Called with the appraisal as saved.
    pub on_saved: Callback<WorkAppraisal>,
}

/// One unit's record in the current stage.
#[function_component]
pub fn UnitEditor(p: &UnitProps) -> Html {
    let t = use_t();
    let ot = use_ot();
    let d = use_draft(|| unit_draft(&p.unit));
    let errors = use_state(Errors::default);
    let failure = use_state(|| None::<ApiError>);
    let a = p.appraisal.clone();
    let w = |f: F| a.stage.writes(f);
    let id = |f: &str| format!("unit-{}-{f}", p.unit.handling_org_id);
    let save = {
        let (d, errors, failure, a, org, saved) = (
            d.clone(),
            errors.clone(),
            failure.clone(),
            a.clone(),
            p.unit.handling_org_id,
            p.on_saved.clone(),
        );
        Callback::from(move |_: MouseEvent| match unit_input(ot, &a, &d.0) {
            Err(e) => errors.set(e),
            Ok(body) => {
                let (errors, failure, a, saved) =
                    (errors.clone(), failure.clone(), a.clone(), saved.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match calls::update_unit(a.id.uuid(), a.version, org.uuid(), &body).await {
                        Ok(new) => saved.emit(new),
                        Err(e) => {
                            errors.set(Errors::of_api(ot, &e));
                            failure.set(Some(e));
                        }
                    }
                });
            }
        })
    };
    let text = |i: usize, f: F, label: &'static str| {
        w(f).then(|| {
            text_area(
                &id(f.as_str()),
                label,
                &d.0.texts[i],
                d.cb(move |x, v: String| x.texts[i] = v),
                errors.at(&format!("/{}", f.as_str())),
            )
        })
    };
    let ballot = |second: bool, f: F, label: &'static str| {
        w(f).then(|| {
            let typed = if second { &d.0.second } else { &d.0.first };
            let inputs = [ot.satisfied, ot.basically_satisfied, ot.dissatisfied, ot.invalid].into_iter().enumerate().map(|(i, l)| {
                let on = d.cb(move |x, v: String| if second { x.second[i] = v } else { x.first[i] = v });
                text_input(&id(&format!("{}-{i}", f.as_str())), l, &typed[i], on, None)
            });
            html! { <fieldset class="ballot-fields"><legend>{label}</legend><div class="form-grid">{ for inputs }</div></fieldset> }
        })
    };
    let rates = format!(
        "{} {} / {}",
        ot.satisfaction_rate,
        super::fields::fmt2(p.unit.first_satisfaction_rate),
        super::fields::fmt2(p.unit.second_satisfaction_rate)
    );
    html! {
        <div class="card unit-card" id={id("card")}>
            <h3>{&p.unit.name}</h3>
            <p class="muted">{rates}</p>
            if let Some(e) = &*failure { {error_banner(t, e, None)} }
            { for errors.all().into_iter().filter(|(p, _)| p.starts_with("/ballots")).map(|(_, m)| html! { <p class="field-error" role="alert">{m}</p> }) }
            {text(0, F::SelfCheckReport, ot.self_check_report).unwrap_or_default()}
            {text(1, F::InvestigationNotes, ot.investigation_notes).unwrap_or_default()}
            {ballot(false, F::FirstBallot, ot.first_ballot).unwrap_or_default()}
            {text(2, F::Opinions, ot.opinions).unwrap_or_default()}
            if w(F::Issues) { {text_area(&id("issues"), ot.issues, &d.0.issues, d.cb(|x, v: String| x.issues = v), errors.at("/issues"))} }
            if w(F::RectificationDue) { {text_input(&id("due"), ot.rectification_due, &d.0.due, d.cb(|x, v: String| x.due = v), errors.at("/rectification_due"))} }
            {text(3, F::RectificationReport, ot.rectification_report).unwrap_or_default()}
            {ballot(true, F::SecondBallot, ot.second_ballot).unwrap_or_default()}
            if F::ALL.iter().any(|f| w(*f)) {
                <button type="button" class="btn btn-small" id={id("save")} onclick={save}>{ot.save_unit}</button>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_plan_needs_a_title_and_an_ordered_period() {
        let t = OfficeTexts::of(Lang::Zh);
        let bad = PlanDraft {
            from: "2022-06-01".into(),
            to: "2022-01-01".into(),
            ..Default::default()
        };
        let e = check_plan(t, Uuid::nil(), &bad).unwrap_err();
        assert!(
            e.at("/title").is_some() && e.at("/year").is_some() && e.at("/period_to").is_some()
        );
        let ok = PlanDraft {
            title: "2022年工作评议".into(),
            year: "2022".into(),
            from: "2022-01-01".into(),
            to: "2022-12-31".into(),
            units: vec![Uuid::nil()],
            ..Default::default()
        };
        let input = check_plan(t, Uuid::nil(), &ok).unwrap();
        assert_eq!((input.units.len(), input.plan_discussed_on), (1, None));
    }
}
