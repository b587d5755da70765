//! Widgets shared by the pages: labelled form fields with their error messages, loading and
//! empty states, the error banner and the confirmation dialog.

use crate::api::ApiError;
use crate::i18n::use_t;
use crate::i18n::Texts;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The value of the input, select or text area that fired an event.
pub fn event_value(e: &Event) -> String {
    let Some(target) = e.target() else {
        return String::new();
    };
    if let Some(i) = target.dyn_ref::<HtmlInputElement>() {
        i.value()
    } else if let Some(s) = target.dyn_ref::<HtmlSelectElement>() {
        s.value()
    } else if let Some(t) = target.dyn_ref::<HtmlTextAreaElement>() {
        t.value()
    } else {
        String::new()
    }
}

/// The value of a select after `change`.
pub fn select_value(e: &Event) -> String {
    event_value(e)
}

/// The value of an input or text area after `input`.
pub fn input_value(e: &InputEvent) -> String {
    event_value(e)
}

/// What [`text_field`] shows: a plain struct filled with `..Default::default()`.
#[derive(Default)]
pub struct TextFieldProps {
    /// The element id; the label, hint and error are tied to it.
    pub id: &'static str,
    /// The visible label.
    pub label: &'static str,
    /// The current value.
    pub value: AttrValue,
    /// Called with the new value on every keystroke.
    pub oninput: Callback<String>,
    /// Called when the field loses focus.
    pub onblur: Option<Callback<()>>,
    /// The message shown under the field, marking it invalid.
    pub error: Option<String>,
    /// A hint shown under the input (so that inputs in a row stay aligned).
    pub hint: Option<&'static str>,
    /// `password`, `tel`, `date` …; empty for `text`.
    pub input_type: &'static str,
    /// Marks the field required.
    pub required: bool,
    /// Read-only for this user.
    pub disabled: bool,
    /// The `autocomplete` attribute.
    pub autocomplete: Option<&'static str>,
    /// A datalist of suggestions.
    pub list: Option<&'static str>,
    /// Shown while empty.
    pub placeholder: Option<&'static str>,
    /// A multi-line text area of this many rows instead of an input.
    pub rows: Option<u32>,
    /// The `max` attribute (dates).
    pub max: Option<String>,
    /// Focus this field when it appears.
    pub autofocus: bool,
}

/// The `aria-describedby` of a field with this hint and error.
fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    match (hint, error) {
        (true, true) => Some(format!("{id}-hint {id}-error")),
        (true, false) => Some(format!("{id}-hint")),
        (false, true) => Some(format!("{id}-error")),
        (false, false) => None,
    }
}

/// The frame of a labelled field: label (with the required mark), control, hint and error.
fn field_frame(
    t: &Texts,
    id: &'static str,
    label: &'static str,
    required: bool,
    control: Html,
    hint: Option<&'static str>,
    error: Option<String>,
) -> Html {
    html! {
        <div class={classes!("field", error.as_ref().map(|_| "has-error"))}>
            <label for={id}>
                {label}
                if required { <span class="req" aria-hidden="true">{" *"}</span><span class="visually-hidden">{t.required_mark}</span> }
            </label>
            {control}
            if let Some(h) = hint { <p class="hint" id={format!("{id}-hint")}>{h}</p> }
            if let Some(e) = error { <p class="field-error" id={format!("{id}-error")}>{e}</p> }
        </div>
    }
}

/// A labelled input (or text area) with hint and error message. A plain function rather
/// than a component (less code in the wasm).
pub fn text_field(t: &Texts, p: TextFieldProps) -> Html {
    let described = described_by(p.id, p.hint.is_some(), p.error.is_some());
    let cb = p.oninput;
    let oninput = Callback::from(move |e: InputEvent| cb.emit(input_value(&e)));
    let onblur = p
        .onblur
        .map(|cb| Callback::from(move |_: FocusEvent| cb.emit(())));
    let invalid = p.error.as_ref().map(|_| "true");
    let control = if let Some(rows) = p.rows {
        html! {
            <textarea id={p.id} name={p.id} rows={rows.to_string()} value={p.value} {oninput} {onblur}
                required={p.required} disabled={p.disabled} aria-invalid={invalid}
                aria-describedby={described} placeholder={p.placeholder} autofocus={p.autofocus} />
        }
    } else {
        let input_type = if p.input_type.is_empty() {
            "text"
        } else {
            p.input_type
        };
        html! {
            <input id={p.id} name={p.id} type={input_type} value={p.value} {oninput} {onblur}
                required={p.required} disabled={p.disabled} aria-invalid={invalid}
                aria-describedby={described} autocomplete={p.autocomplete} list={p.list}
                placeholder={p.placeholder} max={p.max} autofocus={p.autofocus} />
        }
    };
    field_frame(t, p.id, p.label, p.required, control, p.hint, p.error)
}

/// One option of a [`select_field`]: value and label.
pub type SelectOption = (String, String);

/// What [`select_field`] shows: a plain struct filled with `..Default::default()`.
#[derive(Default)]
pub struct SelectFieldProps {
    /// The element id.
    pub id: &'static str,
    /// The visible label.
    pub label: &'static str,
    /// The selected value (`""` for the empty option).
    pub value: AttrValue,
    /// Options after the empty one.
    pub options: Vec<SelectOption>,
    /// Label of the empty option; without it there is none.
    pub empty_label: Option<&'static str>,
    /// Called with the selected value.
    pub onchange: Callback<String>,
    /// The message shown under the field.
    pub error: Option<String>,
    /// Marks the field required.
    pub required: bool,
    /// Not changeable now.
    pub disabled: bool,
    /// A hint under the select.
    pub hint: Option<&'static str>,
}

/// A labelled select with an error message. A plain function rather than a component.
pub fn select_field(t: &Texts, p: SelectFieldProps) -> Html {
    let cb = p.onchange;
    let onchange = Callback::from(move |e: Event| cb.emit(select_value(&e)));
    let described = described_by(p.id, p.hint.is_some(), p.error.is_some());
    let value = p.value;
    let control = html! {
        <select id={p.id} name={p.id} {onchange} required={p.required} disabled={p.disabled}
            aria-invalid={p.error.as_ref().map(|_| "true")} aria-describedby={described}>
            if let Some(empty) = p.empty_label {
                <option value="" selected={value.is_empty()}>{empty}</option>
            }
            { for p.options.into_iter().map(|(v, l)| html! {
                <option value={v.clone()} selected={v == value.as_str()}>{l}</option>
            }) }
        </select>
    };
    field_frame(t, p.id, p.label, p.required, control, p.hint, p.error)
}

/// A spinner with a text (`t.loading` or what is loading), announced politely to screen
/// readers. A plain function rather than a component (less code in the wasm).
pub fn loading(label: &'static str) -> Html {
    html! {
        <div class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            <span>{label}</span>
        </div>
    }
}

/// The state of a list or page with nothing to show: the headline and what to do about it.
/// A plain function rather than a component (less code in the wasm).
pub fn empty(title: &'static str, children: Html) -> Html {
    html! {
        <div class="empty" role="status">
            <p class="empty-title">{title}</p>
            {children}
        </div>
    }
}

/// The field errors of a failed save as (field, message), the field being the server's
/// pointer without its leading `/` (`title`, `session/number`, `co_signer_ids/0`).
pub fn field_messages(t: &Texts, error: &ApiError) -> Vec<(String, String)> {
    error
        .field_errors()
        .iter()
        .map(|f| {
            (
                f.pointer.trim_start_matches('/').to_string(),
                t.field_error_message(f),
            )
        })
        .collect()
}

/// An error at the top of a page or form, as a readable message (never raw JSON), with
/// "Try again" when `on_retry` is given. A plain function rather than a component.
pub fn error_banner(t: &Texts, error: &ApiError, on_retry: Option<Callback<()>>) -> Html {
    let message = t.error_message(error);
    let fields: Vec<String> = error
        .field_errors()
        .iter()
        .map(|f| t.field_error_message(f))
        .collect();
    html! {
        <div class="banner banner-error" role="alert">
            <p class="banner-title">{message}</p>
            if !fields.is_empty() {
                <ul>{ for fields.into_iter().map(|m| html!{ <li>{m}</li> }) }</ul>
            }
            if let Some(retry) = on_retry {
                <button type="button" class="btn btn-small" onclick={Callback::from(move |_| retry.emit(()))}>
                    {t.retry}
                </button>
            }
        </div>
    }
}

/// Props of [`Modal`].
#[derive(Properties, PartialEq)]
pub struct ModalProps {
    /// Element id; the title is `<id>-title`.
    pub id: AttrValue,
    /// The dialog's title.
    pub title: AttrValue,
    /// Called on Escape or a click on the backdrop.
    pub on_close: Callback<()>,
    /// The content.
    pub children: Html,
}

/// The elements of `root` that take the keyboard focus, in order.
fn focusable(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = root.query_selector_all(
        "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled])",
    ) else {
        return vec![];
    };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// A modal dialog: labelled by its title, the focus moved into it and kept there (Tab
/// cycles), closed with Escape, and the focus given back to what opened it.
#[function_component]
pub fn Modal(p: &ModalProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            let opener = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                match focusable(&el).into_iter().next() {
                    Some(f) => f.focus().ok(),
                    None => el.focus().ok(),
                };
            }
            move || {
                if let Some(o) = opener {
                    o.focus().ok();
                }
            }
        });
    }
    let onkeydown = {
        let close = p.on_close.clone();
        let node = node.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                close.emit(());
            } else if e.key() == "Tab" {
                let Some(root) = node.cast::<web_sys::Element>() else {
                    return;
                };
                let items = focusable(&root);
                let (Some(first), Some(last)) = (items.first(), items.last()) else {
                    return;
                };
                let active = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element());
                let at = |x: &web_sys::HtmlElement| {
                    active
                        .as_ref()
                        .is_some_and(|a| a == x.unchecked_ref::<web_sys::Element>())
                };
                if e.shift_key() && at(first) {
                    e.prevent_default();
                    last.focus().ok();
                } else if !e.shift_key() && at(last) {
                    e.prevent_default();
                    first.focus().ok();
                }
            }
        })
    };
    // A press on the backdrop itself closes; a drag that ends there (selecting text in a
    // field) does not.
    let on_backdrop = {
        let close = p.on_close.clone();
        Callback::from(move |e: MouseEvent| {
            if e.target() == e.current_target() {
                close.emit(());
            }
        })
    };
    let title_id = format!("{}-title", p.id);
    html! {
        <div class="modal-backdrop" onmousedown={on_backdrop}>
            <div class="modal" id={p.id.clone()} role="dialog" aria-modal="true" aria-labelledby={title_id.clone()}
                ref={node} tabindex="-1" {onkeydown}>
                <h2 id={title_id}>{p.title.clone()}</h2>
                {p.children.clone()}
            </div>
        </div>
    }
}

/// Sets the document title to "`page` · Renda".
#[hook]
pub fn use_title(page: String) {
    let t = use_t();
    let app = t.app_name;
    use_effect_with(page, move |page| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&format!("{page} · {app}"));
        }
    });
}
