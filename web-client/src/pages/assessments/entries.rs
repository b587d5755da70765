//! A deputy's self-declared entries (履职登记) of a year: each with its kind, date, status,
//! content and attachments; the office's reason on a rejected one; recall while it waits
//! for review; and the form of a new one.

use super::entry_form::EntryForm;
use super::{banner, status_badge};
use crate::api;
use crate::components::widgets::loading;
use crate::data::{use_load, use_value};
use crate::i18n::assessments::{use_at, AssessmentTexts};
use crate::i18n::use_t;
use chrono::Datelike;
use renda_openapi::{EntryListQuery, EntryStatus, EntryStep, PerformanceEntry};
use uuid::Uuid;
use yew::prelude::*;

/// Props of [`EntriesPanel`].
#[derive(Properties, PartialEq)]
pub struct EntriesPanelProps {
    /// The deputy (the signed-in one).
    pub deputy_id: Uuid,
    /// The year whose entries are listed.
    pub year: i32,
    /// Called when an entry changed (the record may change with it).
    pub on_change: Callback<()>,
}

/// See the module documentation.
#[function_component]
pub fn EntriesPanel(p: &EntriesPanelProps) -> Html {
    let t = use_t();
    let at = use_at();
    let kinds = use_load(Some(()), |_| api::assessments::entry_kinds());
    let q = EntryListQuery {
        deputy_id: Some(renda_openapi::DeputyId(p.deputy_id)),
        limit: Some(200),
        ..Default::default()
    };
    let entries = use_load(Some(q), |q: EntryListQuery| async move {
        api::assessments::entries(&q).await
    });
    let adding = use_value(false);
    let action_error = use_value(None::<api::ApiError>);
    let reload = {
        let (r, on_change, adding) = (entries.reload.clone(), p.on_change.clone(), adding.clone());
        Callback::from(move |_| {
            adding.set(false);
            r.emit(());
            on_change.emit(());
        })
    };
    let on_recall = {
        let (reload, action_error) = (reload.clone(), action_error.clone());
        Callback::from(move |e: PerformanceEntry| {
            let (reload, action_error) = (reload.clone(), action_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let r = api::assessments::entry_step(e.id.0, e.version, EntryStep::Recall, None);
                match r.await {
                    Ok(_) => reload.emit(()),
                    Err(err) => action_error.set(Some(err)),
                }
            });
        })
    };
    let open = {
        let adding = adding.clone();
        Callback::from(move |_: MouseEvent| adding.set(true))
    };
    let close = {
        let adding = adding.clone();
        Callback::from(move |_| adding.set(false))
    };
    html! {
        <section class="card" id="entries">
            <div class="section-head">
                <h2>{at.entries_title}</h2>
                if !*adding {
                    <button type="button" class="btn btn-primary" id="new-entry" onclick={open}>{at.new_entry}</button>
                }
            </div>
            if let (true, Some(k)) = (*adding, kinds.data.clone()) {
                <EntryForm kinds={k} on_done={reload.clone()} on_cancel={close} />
            }
            if let Some(e) = kinds.error.as_ref().or(action_error.as_ref()) { {banner(e, None)} }
            { match (&entries.data, &entries.error) {
                (_, Some(e)) => banner(e, Some(entries.reload.clone())),
                (Some(page), None) => {
                    let year: Vec<&PerformanceEntry> = page.items.iter()
                        .filter(|e| e.occurred_on.year() == p.year).collect();
                    if year.is_empty() {
                        html! { <p class="muted">{at.no_entries}</p> }
                    } else {
                        html! { <ul class="entry-list" id="entry-list">
                            { for year.into_iter().map(|e| entry_item(at, e, &on_recall)) }
                        </ul> }
                    }
                }
                _ => loading(t.loading),
            } }
        </section>
    }
}

/// One entry: date, kind, title, status, then content, attachments, reason and recall.
fn entry_item(
    at: &AssessmentTexts,
    e: &PerformanceEntry,
    on_recall: &Callback<PerformanceEntry>,
) -> Html {
    let lang = at.cat();
    let recall = (e.status == EntryStatus::Pending).then(|| {
        let (cb, e) = (on_recall.clone(), e.clone());
        html! {
            <button type="button" class="btn btn-small recall-entry"
                onclick={Callback::from(move |_| cb.emit(e.clone()))}>
                {EntryStep::Recall.label(lang)}
            </button>
        }
    });
    html! {
        <li class="entry" data-entry={e.id.0.to_string()} data-status={e.status.as_str()}>
            <div class="entry-head">
                <time datetime={e.occurred_on.to_string()}>{e.occurred_on.to_string()}</time>
                <span class="badge">{&e.kind_name}</span>
                {status_badge(e.status.as_str(), e.status.label(lang))}
            </div>
            <p class="entry-title">{&e.title}</p>
            if !e.content.is_empty() { <p class="entry-content">{&e.content}</p> }
            if let (EntryStatus::Rejected, Some(r)) = (e.status, &e.review_note) {
                <p class="review-note" role="note"><strong>{at.rejection_reason}</strong>{r}</p>
            }
            {attachments(e)}
            {recall}
        </li>
    }
}

/// The entry's files, each downloadable.
pub fn attachments(e: &PerformanceEntry) -> Html {
    if e.attachments.is_empty() {
        return Html::default();
    }
    html! {
        <ul class="attachments">
            { for e.attachments.iter().map(|a| {
                let a2 = a.clone();
                let onclick = Callback::from(move |_: MouseEvent| {
                    let a = a2.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        api::assessments::download_attachment(&a).await.ok();
                    });
                });
                html! { <li><button type="button" class="btn-link" {onclick}>{&a.filename}</button></li> }
            }) }
        </ul>
    }
}
