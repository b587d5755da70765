//! One dialog for every step of the area that takes a text: a rejection's reason, a
//! correction request, an objection; optionally with a choice (the attendance asked for,
//! the item objected to). It sends, shows the refusal from the catalogue if any, and
//! closes when done.

use super::banner;
use crate::api::ApiError;
use crate::components::widgets::{
    select_field, text_field, Modal, SelectFieldProps, TextFieldProps,
};
use crate::data::use_value;
use crate::i18n::assessments::use_at;
use crate::i18n::use_t;
use futures::future::LocalBoxFuture;
use std::rc::Rc;
use yew::prelude::*;

/// What the dialog sends: `(choice, text)` to a future of the request.
pub type SubmitFn = dyn Fn(String, String) -> LocalBoxFuture<'static, Result<(), ApiError>>;

/// [`SubmitFn`] compared by identity (for props).
#[derive(Clone)]
pub struct Submit(pub Rc<SubmitFn>);

impl PartialEq for Submit {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Submit {
    /// Wraps a closure.
    pub fn new(
        f: impl Fn(String, String) -> LocalBoxFuture<'static, Result<(), ApiError>> + 'static,
    ) -> Submit {
        Submit(Rc::new(f))
    }
}

/// Props of [`TextDialog`].
#[derive(Properties, PartialEq)]
pub struct TextDialogProps {
    /// Element id; the text area is `<id>-text`, the select `<id>-choice`.
    pub id: &'static str,
    /// The title and the submit button's label.
    pub title: AttrValue,
    /// What the line or item is, shown under the title.
    #[prop_or_default]
    pub subject: Option<AttrValue>,
    /// The text's label.
    pub label: &'static str,
    /// The text must not be empty.
    #[prop_or(true)]
    pub required: bool,
    /// A choice before the text (value, label), the first selected.
    #[prop_or_default]
    pub choices: Vec<(String, String)>,
    /// The choice's label.
    #[prop_or_default]
    pub choice_label: &'static str,
    /// Sends the step.
    pub submit: Submit,
    /// Called after a successful send.
    pub on_done: Callback<()>,
    /// Called on cancel.
    pub on_close: Callback<()>,
}

/// See the module documentation.
#[function_component]
pub fn TextDialog(p: &TextDialogProps) -> Html {
    let t = use_t();
    let at = use_at();
    let text = use_value(String::new());
    let choice = use_value(p.choices.first().map(|c| c.0.clone()).unwrap_or_default());
    let busy = use_value(false);
    let error = use_value(None::<ApiError>);
    let missing = use_value(false);
    let onsubmit = {
        let (text, choice, busy, error, missing) = (
            text.clone(),
            choice.clone(),
            busy.clone(),
            error.clone(),
            missing.clone(),
        );
        let (submit, on_done, required) = (p.submit.clone(), p.on_done.clone(), p.required);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = text.trim().to_string();
            missing.set(required && value.is_empty());
            if (required && value.is_empty()) || *busy {
                return;
            }
            busy.set(true);
            let future = (submit.0)((*choice).clone(), value);
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
    let set = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |v: String| s.set(v))
    };
    let on_cancel = {
        let close = p.on_close.clone();
        Callback::from(move |_: MouseEvent| close.emit(()))
    };
    let choice_id: &'static str = if p.id == "objection" {
        "objection-choice"
    } else {
        "dialog-choice"
    };
    let text_id: &'static str = match p.id {
        "objection" => "objection-text",
        "correction" => "correction-text",
        _ => "dialog-text",
    };
    html! {
        <Modal id={p.id} title={p.title.clone()} on_close={p.on_close.clone()}>
            <form class="form" {onsubmit} novalidate=true>
                if let Some(s) = &p.subject { <p class="dialog-subject">{s.clone()}</p> }
                if *missing { <p class="field-error" role="alert">{at.text_required}</p> }
                if let Some(e) = &*error { {banner(e, None)} }
                if !p.choices.is_empty() {
                    {select_field(t, SelectFieldProps {
                        id: choice_id, label: p.choice_label, value: (*choice).clone().into(),
                        options: p.choices.clone(), onchange: set(&choice), ..Default::default()
                    })}
                }
                {text_field(t, TextFieldProps {
                    id: text_id, label: p.label, value: (*text).clone().into(), oninput: set(&text),
                    rows: Some(4), required: p.required, autofocus: p.choices.is_empty(), ..Default::default()
                })}
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" id={format!("{}-submit", p.id)} disabled={*busy}>
                        { if *busy { t.saving.into() } else { p.title.clone() } }
                    </button>
                    <button type="button" class="btn btn-quiet" onclick={on_cancel}>{t.cancel}</button>
                </div>
            </form>
        </Modal>
    }
}
