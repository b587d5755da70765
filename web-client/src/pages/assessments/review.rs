//! The office's review queue: self-declared entries waiting for review (approve, or reject
//! with a reason) and open correction requests (correct, or refuse with a reason; a
//! request of another kind is corrected by hand and its note says how). The presidium sees
//! the queue without the buttons.

use super::corrections::claim_text;
use super::dialog::{Submit, TextDialog};
use super::entries::attachments;
use super::{banner, AreaNav};
use crate::api;
use crate::components::widgets::{loading, use_title};
use crate::data::{use_load, use_value};
use crate::i18n::assessments::{use_at, AssessmentTexts};
use crate::i18n::use_t;
use crate::AuthCtx;
use renda_openapi::{
    CorrectionClaim, CorrectionListQuery, CorrectionRequest, CorrectionStatus, CorrectionStep,
    EntryListQuery, EntryStatus, EntryStep, PerformanceEntry,
};
use yew::prelude::*;

/// A step that needs a text first.
#[derive(Clone, PartialEq)]
enum Ask {
    None,
    RejectEntry(PerformanceEntry),
    Correction(CorrectionRequest, CorrectionStep),
}

/// The page.
#[function_component]
pub fn ReviewPage() -> Html {
    let t = use_t();
    let at = use_at();
    use_title(at.review_title.to_string());
    let office = use_context::<AuthCtx>().expect("AuthCtx").is_office();
    let entries = use_load(Some(()), |_| async move {
        let q = EntryListQuery {
            status: Some(EntryStatus::Pending),
            limit: Some(200),
            ..Default::default()
        };
        api::assessments::entries(&q).await
    });
    let corrections = use_load(Some(()), |_| async move {
        let q = CorrectionListQuery {
            status: Some(CorrectionStatus::Open),
            limit: Some(200),
            ..Default::default()
        };
        api::assessments::corrections(&q).await
    });
    let ask = use_value(Ask::None);
    let error = use_value(None::<api::ApiError>);
    let reload = {
        let (e, c, ask) = (
            entries.reload.clone(),
            corrections.reload.clone(),
            ask.clone(),
        );
        Callback::from(move |_| {
            ask.set(Ask::None);
            e.emit(());
            c.emit(());
        })
    };
    let on_approve = {
        let (reload, error) = (reload.clone(), error.clone());
        Callback::from(move |e: PerformanceEntry| {
            let (reload, error) = (reload.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::assessments::entry_step(e.id.0, e.version, EntryStep::Approve, None)
                    .await
                {
                    Ok(_) => reload.emit(()),
                    Err(err) => error.set(Some(err)),
                }
            });
        })
    };
    let on_ask = {
        let ask = ask.clone();
        Callback::from(move |a: Ask| ask.set(a))
    };
    html! {
        <section class="page review">
            <AreaNav />
            <h1>{at.review_title}</h1>
            if let Some(e) = &*error { {banner(e, None)} }
            {dialog(at, &ask, &reload)}
            <section class="card" id="review-entries">
                <h2>{at.pending_entries}</h2>
                { match (&entries.data, &entries.error) {
                    (_, Some(e)) => banner(e, Some(entries.reload.clone())),
                    (Some(p), None) if p.items.is_empty() => html! { <p class="muted">{at.queue_empty}</p> },
                    (Some(p), None) => html! { <ul class="entry-list">
                        { for p.items.iter().map(|e| entry_row(at, e, office, &on_approve, &on_ask)) }
                    </ul> },
                    _ => loading(t.loading),
                } }
            </section>
            <section class="card" id="review-corrections">
                <h2>{at.open_corrections}</h2>
                { match (&corrections.data, &corrections.error) {
                    (_, Some(e)) => banner(e, Some(corrections.reload.clone())),
                    (Some(p), None) if p.items.is_empty() => html! { <p class="muted">{at.queue_empty}</p> },
                    (Some(p), None) => html! { <ul class="correction-list">
                        { for p.items.iter().map(|c| correction_row(at, c, office, &on_ask)) }
                    </ul> },
                    _ => loading(t.loading),
                } }
            </section>
        </section>
    }
}

/// The dialog of the step asked for, if any.
fn dialog(at: &AssessmentTexts, ask: &UseStateHandle<Ask>, reload: &Callback<()>) -> Html {
    let close = {
        let ask = ask.clone();
        Callback::from(move |_| ask.set(Ask::None))
    };
    let lang = at.cat();
    match &**ask {
        Ask::None => Html::default(),
        Ask::RejectEntry(e) => {
            let (id, version) = (e.id.0, e.version);
            let submit = Submit::new(move |_, reason: String| {
                Box::pin(async move {
                    api::assessments::entry_step(id, version, EntryStep::Reject, Some(reason))
                        .await
                        .map(|_| ())
                })
            });
            html! {
                <TextDialog id="reject-entry" title={EntryStep::Reject.label(lang)} subject={AttrValue::from(e.title.clone())}
                    label={at.rejection_reason} {submit} on_done={reload.clone()} on_close={close} />
            }
        }
        Ask::Correction(c, step) => {
            let (id, version, step) = (c.id.0, c.version, *step);
            let submit = Submit::new(move |_, note: String| {
                let note = (!note.is_empty()).then_some(note);
                Box::pin(async move {
                    api::assessments::correction_step(id, version, step, note)
                        .await
                        .map(|_| ())
                })
            });
            html! {
                <TextDialog id="resolve-correction" title={step.label(lang)} subject={AttrValue::from(claim_text(at, c))}
                    label={at.resolution_note} required={step == CorrectionStep::Reject}
                    {submit} on_done={reload.clone()} on_close={close} />
            }
        }
    }
}

fn entry_row(
    at: &AssessmentTexts,
    e: &PerformanceEntry,
    office: bool,
    on_approve: &Callback<PerformanceEntry>,
    on_ask: &Callback<Ask>,
) -> Html {
    let lang = at.cat();
    let approve = {
        let (cb, e) = (on_approve.clone(), e.clone());
        Callback::from(move |_: MouseEvent| cb.emit(e.clone()))
    };
    let reject = {
        let (cb, e) = (on_ask.clone(), e.clone());
        Callback::from(move |_: MouseEvent| cb.emit(Ask::RejectEntry(e.clone())))
    };
    html! {
        <li class="entry" data-entry={e.id.0.to_string()}>
            <div class="entry-head">
                <strong>{&e.deputy_name}</strong>
                <time datetime={e.occurred_on.to_string()}>{e.occurred_on.to_string()}</time>
                <span class="badge">{&e.kind_name}</span>
            </div>
            <p class="entry-title">{&e.title}</p>
            if !e.content.is_empty() { <p class="entry-content">{&e.content}</p> }
            {attachments(e)}
            if office {
                <div class="row-actions">
                    <button type="button" class="btn btn-small btn-primary approve-entry" onclick={approve}>{EntryStep::Approve.label(lang)}</button>
                    <button type="button" class="btn btn-small reject-entry" onclick={reject}>{EntryStep::Reject.label(lang)}</button>
                </div>
            }
        </li>
    }
}

fn correction_row(
    at: &AssessmentTexts,
    c: &CorrectionRequest,
    office: bool,
    on_ask: &Callback<Ask>,
) -> Html {
    let lang = at.cat();
    let step = |s: CorrectionStep| {
        let (cb, c) = (on_ask.clone(), c.clone());
        Callback::from(move |_: MouseEvent| cb.emit(Ask::Correction(c.clone(), s)))
    };
    let hand = matches!(c.claim, CorrectionClaim::Other);
    html! {
        <li class="correction" data-correction={c.id.0.to_string()}>
            <div class="entry-head">
                <strong>{&c.deputy_name}</strong>
                <span>{claim_text(at, c)}</span>
            </div>
            <p class="entry-content">{&c.reason}</p>
            if hand { <p class="muted">{at.correct_by_hand}</p> }
            if office {
                <div class="row-actions">
                    <button type="button" class="btn btn-small btn-primary accept-correction" onclick={step(CorrectionStep::Accept)}>{CorrectionStep::Accept.label(lang)}</button>
                    <button type="button" class="btn btn-small reject-correction" onclick={step(CorrectionStep::Reject)}>{CorrectionStep::Reject.label(lang)}</button>
                </div>
            }
        </li>
    }
}
