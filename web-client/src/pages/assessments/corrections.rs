//! Correction requests (纠错申请, 错重漏): the dialog a deputy opens on a line of their
//! record (an attendance to correct, or anything else explained in words), and the list of
//! their requests with the office's decision, withdrawable while open.

use super::dialog::{Submit, TextDialog};
use super::{banner, status_badge};
use crate::api;
use crate::components::widgets::loading;
use crate::data::{use_load, use_value};
use crate::i18n::assessments::{use_at, AssessmentTexts};
use crate::i18n::use_t;
use renda_openapi::{
    AttendanceStatus, CorrectionClaim, CorrectionInput, CorrectionListQuery, CorrectionRequest,
    CorrectionStatus, CorrectionStep, RecordItem, RecordSource,
};
use uuid::Uuid;
use yew::prelude::*;

/// Props of [`CorrectionDialog`].
#[derive(Properties, PartialEq)]
pub struct CorrectionDialogProps {
    /// The line to correct; `None`: a request about something else (a missing line).
    pub item: Option<RecordItem>,
    /// Called once filed.
    pub on_done: Callback<()>,
    /// Called on cancel.
    pub on_close: Callback<()>,
}

/// The dialog: for an activity's line, the attendance asked for; then the explanation.
#[function_component]
pub fn CorrectionDialog(p: &CorrectionDialogProps) -> Html {
    let at = use_at();
    let lang = at.cat();
    let activity = match &p.item {
        Some(RecordItem {
            source: RecordSource::Activity { activity_id, .. },
            ..
        }) => Some(*activity_id),
        _ => None,
    };
    let choices: Vec<(String, String)> = match activity {
        Some(_) => [
            AttendanceStatus::Present,
            AttendanceStatus::Late,
            AttendanceStatus::OnLeave,
        ]
        .iter()
        .map(|s| (s.as_str().to_string(), s.label(lang).to_string()))
        .chain(std::iter::once((String::new(), at.other_error.to_string())))
        .collect(),
        None => vec![],
    };
    let submit = Submit::new(move |status: String, reason: String| {
        let claim = match (activity, AttendanceStatus::parse(&status)) {
            (Some(activity_id), Some(status)) => CorrectionClaim::Attendance {
                activity_id,
                status,
            },
            _ => CorrectionClaim::Other,
        };
        let input = CorrectionInput { claim, reason };
        Box::pin(async move {
            api::assessments::create_correction(&input)
                .await
                .map(|_| ())
        })
    });
    let subject = p
        .item
        .as_ref()
        .map(|i| AttrValue::from(format!("{} {}", i.date, i.title)));
    html! {
        <TextDialog id="correction" title={at.ask_correction} {subject} label={at.correction_reason}
            {choices} choice_label={at.correct_to} {submit}
            on_done={p.on_done.clone()} on_close={p.on_close.clone()} />
    }
}

/// Props of [`CorrectionsPanel`].
#[derive(Properties, PartialEq)]
pub struct CorrectionsPanelProps {
    /// The deputy (the signed-in one).
    pub deputy_id: Uuid,
    /// Changes when a request was filed elsewhere on the page (reloads the list).
    pub generation: u32,
    /// Called when a request was withdrawn.
    pub on_change: Callback<()>,
}

/// The deputy's requests, newest first, with withdraw while open.
#[function_component]
pub fn CorrectionsPanel(p: &CorrectionsPanelProps) -> Html {
    let t = use_t();
    let at = use_at();
    let q = CorrectionListQuery {
        deputy_id: Some(renda_openapi::DeputyId(p.deputy_id)),
        limit: Some(200),
        ..Default::default()
    };
    let list = use_load(
        Some((q, p.generation)),
        |(q, _): (CorrectionListQuery, u32)| async move { api::assessments::corrections(&q).await },
    );
    let error = use_value(None::<api::ApiError>);
    let on_withdraw = {
        let (reload, error, on_change) = (list.reload.clone(), error.clone(), p.on_change.clone());
        Callback::from(move |c: CorrectionRequest| {
            let (reload, error, on_change) = (reload.clone(), error.clone(), on_change.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let r = api::assessments::correction_step(
                    c.id.0,
                    c.version,
                    CorrectionStep::Withdraw,
                    None,
                );
                match r.await {
                    Ok(_) => {
                        reload.emit(());
                        on_change.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    html! {
        <section class="card" id="corrections">
            <h2>{at.corrections_title}</h2>
            if let Some(e) = &*error { {banner(e, None)} }
            { match (&list.data, &list.error) {
                (_, Some(e)) => banner(e, Some(list.reload.clone())),
                (Some(page), None) if page.items.is_empty() => html! { <p class="muted">{at.no_corrections}</p> },
                (Some(page), None) => html! {
                    <ul class="correction-list" id="correction-list">
                        { for page.items.iter().map(|c| correction_item(at, c, Some(&on_withdraw))) }
                    </ul>
                },
                _ => loading(t.loading),
            } }
        </section>
    }
}

/// What a request asks for, in a line.
pub fn claim_text(at: &AssessmentTexts, c: &CorrectionRequest) -> String {
    let lang = at.cat();
    match &c.claim {
        CorrectionClaim::Attendance { status, .. } => at.attendance_claim(
            c.activity_title.as_deref().unwrap_or(""),
            c.recorded_status
                .map(|s| s.label(lang))
                .unwrap_or(at.not_recorded),
            status.label(lang),
        ),
        CorrectionClaim::Other => at.other_error.to_string(),
    }
}

/// One request: what it asks, why, its state, the office's note; withdraw while open.
pub fn correction_item(
    at: &AssessmentTexts,
    c: &CorrectionRequest,
    on_withdraw: Option<&Callback<CorrectionRequest>>,
) -> Html {
    let lang = at.cat();
    let withdraw = on_withdraw
        .filter(|_| c.status == CorrectionStatus::Open)
        .map(|cb| {
            let (cb, c) = (cb.clone(), c.clone());
            html! {
                <button type="button" class="btn btn-small withdraw-correction"
                    onclick={Callback::from(move |_| cb.emit(c.clone()))}>
                    {CorrectionStep::Withdraw.label(lang)}
                </button>
            }
        });
    html! {
        <li class="correction" data-correction={c.id.0.to_string()} data-status={c.status.as_str()}>
            <div class="entry-head">
                {status_badge(c.status.as_str(), c.status.label(lang))}
                <span>{claim_text(at, c)}</span>
            </div>
            <p class="entry-content">{&c.reason}</p>
            if let Some(n) = &c.resolution_note {
                <p class="review-note"><strong>{at.decision}</strong>{n}</p>
            }
            {withdraw}
        </li>
    }
}
