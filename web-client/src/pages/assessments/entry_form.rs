//! The form of a new self-declared entry (履职登记): kind, date, title, content and
//! attachments. The entry is created first (an idempotency key makes a retried save
//! create one only), then each file is attached to it.

use super::{banner, today};
use crate::api::{self, ApiError};
use crate::components::widgets::{select_field, text_field, SelectFieldProps, TextFieldProps};
use crate::data::use_value;
use crate::i18n::assessments::use_at;
use crate::i18n::use_t;
use renda_openapi::{EntryInput, EntryKind, EntryKindId};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`EntryForm`].
#[derive(Properties, PartialEq)]
pub struct EntryFormProps {
    /// The congress's kinds (inactive ones are not offered).
    pub kinds: Rc<Vec<EntryKind>>,
    /// Called once the entry and its files are saved.
    pub on_done: Callback<()>,
    /// Called on cancel.
    pub on_cancel: Callback<()>,
}

/// What the form holds.
#[derive(Clone, PartialEq, Default)]
struct Draft {
    kind: String,
    date: String,
    title: String,
    content: String,
}

impl Draft {
    /// The body to send, `None` while a required field is empty or not valid.
    fn input(&self) -> Option<EntryInput> {
        let title = self.title.trim();
        if title.is_empty() {
            return None;
        }
        Some(EntryInput {
            deputy_id: None,
            kind_id: EntryKindId(uuid::Uuid::parse_str(&self.kind).ok()?),
            occurred_on: self.date.parse().ok()?,
            title: title.to_string(),
            content: self.content.trim().to_string(),
        })
    }
}

/// The files chosen in the form's file input.
fn chosen_files(node: &NodeRef) -> Vec<web_sys::File> {
    let Some(input) = node.cast::<web_sys::HtmlInputElement>() else {
        return vec![];
    };
    let Some(list) = input.files() else {
        return vec![];
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Creates the entry, then attaches the files; the first error stops.
async fn save(input: EntryInput, key: String, files: Vec<web_sys::File>) -> Result<(), ApiError> {
    let entry = api::assessments::create_entry(&input, &key).await?;
    for f in files {
        api::assessments::attach(entry.id.0, f).await?;
    }
    Ok(())
}

/// See the module documentation.
#[function_component]
pub fn EntryForm(p: &EntryFormProps) -> Html {
    let t = use_t();
    let at = use_at();
    let draft = use_value(Draft {
        date: today().to_string(),
        ..Default::default()
    });
    let key = use_value(uuid::Uuid::now_v7().to_string());
    let files = use_node_ref();
    let busy = use_value(false);
    let missing = use_value(false);
    let error = use_value(None::<ApiError>);
    let onsubmit = {
        let (draft, key, files, busy, missing, error) = (
            draft.clone(),
            key.clone(),
            files.clone(),
            busy.clone(),
            missing.clone(),
            error.clone(),
        );
        let on_done = p.on_done.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = draft.input();
            missing.set(input.is_none());
            let (Some(input), false) = (input, *busy) else {
                return;
            };
            busy.set(true);
            let future = save(input, (*key).clone(), chosen_files(&files));
            let (busy, error, on_done) = (busy.clone(), error.clone(), on_done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = future.await;
                busy.set(false);
                match result {
                    Ok(()) => on_done.emit(()),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let field = |f: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            let mut d = (*draft).clone();
            f(&mut d, v);
            draft.set(d);
        })
    };
    let kinds: Vec<(String, String)> = p
        .kinds
        .iter()
        .filter(|k| k.is_active)
        .map(|k| (k.id.0.to_string(), k.name.clone()))
        .collect();
    let on_cancel = {
        let cb = p.on_cancel.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let d = &*draft;
    html! {
        <form class="card form entry-form" id="entry-form" {onsubmit} novalidate=true>
            <h3>{at.new_entry}</h3>
            if *missing { <p class="field-error" role="alert">{at.fill_required}</p> }
            if let Some(e) = &*error { {banner(e, None)} }
            {select_field(t, SelectFieldProps {
                id: "entry-kind", label: at.f_kind, value: d.kind.clone().into(), options: kinds,
                empty_label: Some(at.choose), onchange: field(|d, v| d.kind = v), required: true,
                ..Default::default()
            })}
            {text_field(t, TextFieldProps {
                id: "entry-date", label: at.f_date, input_type: "date", value: d.date.clone().into(),
                oninput: field(|d, v| d.date = v), required: true, max: Some(today().to_string()),
                ..Default::default()
            })}
            {text_field(t, TextFieldProps {
                id: "entry-title", label: at.f_title, value: d.title.clone().into(),
                oninput: field(|d, v| d.title = v), required: true, ..Default::default()
            })}
            {text_field(t, TextFieldProps {
                id: "entry-content", label: at.f_content, value: d.content.clone().into(),
                oninput: field(|d, v| d.content = v), rows: Some(5), ..Default::default()
            })}
            <label class="field" for="entry-files">
                <span class="field-label">{at.f_attachments}</span>
                <input type="file" id="entry-files" multiple=true ref={files}
                    accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png,.txt" />
                <span class="field-hint">{at.attachments_hint}</span>
            </label>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" id="entry-save" disabled={*busy}>
                    { if *busy { t.saving } else { at.submit_entry } }
                </button>
                <button type="button" class="btn btn-quiet" onclick={on_cancel}>{t.cancel}</button>
            </div>
        </form>
    }
}
