//! The objections (异议) to a run's published scores and their resolution by the office:
//! uphold (with the points to add to the item, −100 to 100) or reject, each with a reason
//! of 1–500 characters, checked here as the server checks them.

use super::fields::{num_input, text_area, Errors};
use crate::api::assessments::office as calls;
use crate::api::ApiError;
use crate::components::widgets::{empty, error_banner, Modal};
use crate::i18n::assessments::office::OfficeTexts;
use crate::i18n::use_t;
use renda_openapi::assessments::{Objection, ObjectionStatus, ObjectionStep, ObjectionTransition};
use yew::prelude::*;

/// The office's decision as checked before sending: the reason (1–500 characters) and,
/// to uphold, an adjustment within −100 and 100.
pub fn check_resolution(
    t: &OfficeTexts,
    step: ObjectionStep,
    reason: &str,
    adjustment: f64,
) -> Result<ObjectionTransition, Errors> {
    let mut errs = vec![];
    let n = reason.trim().chars().count();
    if n == 0 || n > 500 {
        errs.push(("/resolution".to_string(), t.reason_required.to_string()));
    }
    let uphold = step == ObjectionStep::Uphold;
    if uphold && !(adjustment.is_finite() && (-100.0..=100.0).contains(&adjustment)) {
        errs.push(("/adjustment".to_string(), t.adjustment_range.to_string()));
    }
    if !errs.is_empty() {
        return Err(Errors::from_pairs(errs));
    }
    Ok(ObjectionTransition {
        step,
        resolution: Some(reason.trim().to_string()),
        adjustment: uphold.then_some(adjustment),
    })
}

/// Props of [`ObjectionsList`].
#[derive(Properties, PartialEq)]
pub struct ObjectionsProps {
    /// The run's objections.
    pub objections: Vec<Objection>,
    /// The strings of the current language.
    pub t: &'static OfficeTexts,
    /// Whether the user may resolve (the office).
    pub can_resolve: bool,
    /// Called after a resolution (to reload the run and its scores).
    pub on_changed: Callback<()>,
}

/// The objections of a run.
#[function_component]
pub fn ObjectionsList(p: &ObjectionsProps) -> Html {
    let t = p.t;
    let w = t.wire();
    let resolving = use_state(|| None::<Objection>);
    if p.objections.is_empty() {
        return html! { <div class="card" id="objections"><h2>{t.objections}</h2>{empty(t.no_objections, Html::default())}</div> };
    }
    let row = |o: &Objection| {
        let open = {
            let (resolving, o) = (resolving.clone(), o.clone());
            Callback::from(move |_: MouseEvent| resolving.set(Some(o.clone())))
        };
        html! { <tr data-objection={o.id.to_string()}>
            <th scope="row" data-label={t.deputy}>{&o.deputy_name}</th>
            <td data-label={t.item}>{o.item_key.clone().unwrap_or_else(|| t.whole_score.to_string())}</td>
            <td class="cell-wrap" data-label={t.objection_text}>{&o.text}</td>
            <td data-label={t.status}>{o.status.label(w)}</td>
            <td class="cell-wrap" data-label={t.resolution}>{o.resolution.clone().unwrap_or_default()}
                if let Some(a) = o.adjustment { {format!(" ({a:+})")} }</td>
            <td>if p.can_resolve && o.status == ObjectionStatus::Open {
                <button type="button" class="btn btn-small resolve" onclick={open}>{t.resolve}</button>
            }</td>
        </tr> }
    };
    let close = {
        let resolving = resolving.clone();
        Callback::from(move |_| resolving.set(None))
    };
    let done = {
        let (resolving, changed) = (resolving.clone(), p.on_changed.clone());
        Callback::from(move |_| {
            resolving.set(None);
            changed.emit(())
        })
    };
    html! {
        <div class="card" id="objections">
            <h2>{t.objections}</h2>
            <div class="table-wrap"><table class="data-table">
                <thead><tr>
                    <th scope="col">{t.deputy}</th><th scope="col">{t.item}</th><th scope="col">{t.objection_text}</th>
                    <th scope="col">{t.status}</th><th scope="col">{t.resolution}</th><th scope="col"></th>
                </tr></thead>
                <tbody>{ for p.objections.iter().map(row) }</tbody>
            </table></div>
            if let Some(o) = &*resolving {
                <ResolveDialog objection={o.clone()} t={t} on_close={close} on_done={done} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ResolveProps {
    objection: Objection,
    t: &'static OfficeTexts,
    on_close: Callback<()>,
    on_done: Callback<()>,
}

#[function_component]
fn ResolveDialog(p: &ResolveProps) -> Html {
    let ct = use_t();
    let t = p.t;
    let reason = use_state(String::new);
    let adjustment = use_state(|| 0.0_f64);
    let errors = use_state(Errors::default);
    let failure = use_state(|| None::<ApiError>);
    let decide = |step: ObjectionStep| {
        let (reason, adjustment, errors, failure) = (
            reason.clone(),
            adjustment.clone(),
            errors.clone(),
            failure.clone(),
        );
        let (o, done) = (p.objection.clone(), p.on_done.clone());
        Callback::from(
            move |_: MouseEvent| match check_resolution(t, step, &reason, *adjustment) {
                Err(e) => errors.set(e),
                Ok(body) => {
                    errors.set(Errors::default());
                    let (o, done, errors, failure) =
                        (o.clone(), done.clone(), errors.clone(), failure.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        match calls::objection_step(o.id.uuid(), o.version, &body).await {
                            Ok(_) => done.emit(()),
                            Err(e) => {
                                errors.set(Errors::of_api(t, &e));
                                failure.set(Some(e));
                            }
                        }
                    });
                }
            },
        )
    };
    let set_reason = {
        let reason = reason.clone();
        Callback::from(move |v: String| reason.set(v))
    };
    let set_adj = {
        let adjustment = adjustment.clone();
        Callback::from(move |v: f64| adjustment.set(v))
    };
    html! {
        <Modal id="resolve-objection" title={format!("{} · {}", t.resolve, p.objection.deputy_name)} on_close={p.on_close.clone()}>
            <p class="muted">{&p.objection.text}</p>
            if let Some(e) = &*failure { {error_banner(ct, e, None)} }
            {text_area("resolution", t.resolution, &reason, set_reason, errors.at("/resolution"))}
            {num_input("adjustment", t.adjustment, *adjustment, set_adj, errors.at("/adjustment"))}
            <p class="hint">{t.adjustment_hint}</p>
            <div class="dialog-actions">
                <button type="button" class="btn" id="dismiss-objection" onclick={decide(ObjectionStep::Dismiss)}>{t.dismiss}</button>
                <button type="button" class="btn btn-primary" id="uphold-objection" onclick={decide(ObjectionStep::Uphold)}>{t.uphold}</button>
            </div>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_resolution_needs_a_reason_and_an_adjustment_in_range() {
        let t = OfficeTexts::of(Lang::Zh);
        let e = check_resolution(t, ObjectionStep::Uphold, " ", 101.0).unwrap_err();
        assert!(e.at("/resolution").is_some() && e.at("/adjustment").is_some());
        let long = "字".repeat(501);
        assert!(check_resolution(t, ObjectionStep::Dismiss, &long, 0.0).is_err());
        let ok = check_resolution(t, ObjectionStep::Uphold, "漏记一次视察", 3.0).unwrap();
        assert_eq!(ok.adjustment, Some(3.0));
        let dismissed =
            check_resolution(t, ObjectionStep::Dismiss, "有请假记录", f64::NAN).unwrap();
        assert_eq!(dismissed.adjustment, None, "rejecting sends no adjustment");
    }
}
