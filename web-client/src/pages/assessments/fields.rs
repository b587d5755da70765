//! Small pieces the office's assessment screens share: an editable draft held in a state
//! handle ([`Draft`]), labelled inputs with dynamic ids (list rows), number inputs that keep
//! what cannot be read as "not a number" for the contract's checks to refuse, and the
//! errors of a form by JSON pointer ([`Errors`]).

use crate::api::ApiError;
use crate::components::widgets::event_value;
use crate::i18n::assessments::office::OfficeTexts;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

/// An editable value held in a state handle (read it for rendering through `.0`), and
/// callbacks that change part of it. Each change starts from the latest value, kept beside
/// the handle, not from the value of the render that made the callback: two events before
/// the next render (a fast typist, a browser's autofill) both count.
pub struct Draft<T: 'static>(pub UseStateHandle<T>, Rc<RefCell<T>>);

impl<T: 'static> Clone for Draft<T> {
    fn clone(&self) -> Self {
        Draft(self.0.clone(), self.1.clone())
    }
}

/// A [`Draft`] starting from `init`.
#[hook]
pub fn use_draft<T: Clone + 'static>(init: impl FnOnce() -> T) -> Draft<T> {
    let state = use_state(init);
    let latest = use_mut_ref(|| (*state).clone());
    Draft(state, latest)
}

impl<T: Clone + 'static> Draft<T> {
    /// A callback that applies `f` with the event's value to a copy of the latest value
    /// and stores the copy.
    pub fn cb<E: 'static>(&self, f: impl Fn(&mut T, E) + 'static) -> Callback<E> {
        let (h, latest) = (self.0.clone(), self.1.clone());
        Callback::from(move |e: E| {
            let mut v = latest.borrow().clone();
            f(&mut v, e);
            *latest.borrow_mut() = v.clone();
            h.set(v);
        })
    }

    /// Replaces the whole value.
    pub fn set(&self, v: T) {
        *self.1.borrow_mut() = v.clone();
        self.0.set(v);
    }

    /// A callback of a click that applies `f`.
    pub fn on_click(&self, f: impl Fn(&mut T) + 'static) -> Callback<MouseEvent> {
        self.cb(move |v, _: MouseEvent| f(v))
    }
}

/// Messages of a form by JSON pointer (`/definition/items/2/cap`), from the client's checks
/// and the server's field errors; `""` holds messages without a field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Errors(pub Rc<BTreeMap<String, Vec<String>>>);

impl Errors {
    /// From pointers and messages.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Errors {
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (p, m) in pairs {
            map.entry(p).or_default().push(m);
        }
        Errors(Rc::new(map))
    }

    /// The field errors of a failed request, in the current language.
    pub fn of_api(t: &OfficeTexts, e: &ApiError) -> Errors {
        Errors::from_pairs(
            e.field_errors()
                .iter()
                .map(|f| (f.pointer.clone(), t.refusal(f))),
        )
    }

    /// The message of exactly this field.
    pub fn at(&self, pointer: &str) -> Option<String> {
        self.0.get(pointer).map(|m| m.join(" "))
    }

    /// Whether nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every message, with its pointer.
    pub fn all(&self) -> Vec<(String, String)> {
        self.0
            .iter()
            .flat_map(|(p, ms)| ms.iter().map(move |m| (p.clone(), m.clone())))
            .collect()
    }
}

/// A labelled control with its error under it, marked invalid.
pub fn field(id: &str, label: &str, control: Html, error: Option<String>) -> Html {
    html! {
        <div class={classes!("field", error.as_ref().map(|_| "has-error"))}>
            <label for={id.to_string()}>{label.to_string()}</label>
            {control}
            if let Some(e) = error { <p class="field-error" id={format!("{id}-error")} role="alert">{e}</p> }
        </div>
    }
}

/// A text input. Every keystroke is kept (`input`, not `change`): a render caused by
/// another control before this one loses focus must not put back the old value.
pub fn text_input(
    id: &str,
    label: &str,
    value: &str,
    on: Callback<String>,
    error: Option<String>,
) -> Html {
    let oninput = Callback::from(move |e: InputEvent| on.emit(event_value(&e)));
    let invalid = error.as_ref().map(|_| "true");
    let control = html! {
        <input id={id.to_string()} type="text" value={value.to_string()} {oninput} aria-invalid={invalid} />
    };
    field(id, label, control, error)
}

/// A multi-line text, kept at every keystroke as [`text_input`].
pub fn text_area(
    id: &str,
    label: &str,
    value: &str,
    on: Callback<String>,
    error: Option<String>,
) -> Html {
    let oninput = Callback::from(move |e: InputEvent| on.emit(event_value(&e)));
    let control = html! {
        <textarea id={id.to_string()} rows="3" value={value.to_string()} {oninput}
            aria-invalid={error.as_ref().map(|_| "true")} />
    };
    field(id, label, control, error)
}

/// What a number field shows for `x` (nothing for "not a number").
pub fn show_num(x: f64) -> String {
    if x.is_finite() {
        format!("{}", (x * 1000.0).round() / 1000.0)
    } else {
        String::new()
    }
}

/// Reads a number field: "not a number" for what is not one, so the contract's checks
/// refuse it with its own message.
pub fn read_num(s: &str) -> f64 {
    s.trim().replace('，', ".").parse().unwrap_or(f64::NAN)
}

/// A number input (decimal keyboard on phones).
pub fn num_input(
    id: &str,
    label: &str,
    value: f64,
    on: Callback<f64>,
    error: Option<String>,
) -> Html {
    let onchange = Callback::from(move |e: Event| on.emit(read_num(&event_value(&e))));
    let control = html! {
        <input id={id.to_string()} type="text" inputmode="decimal" value={show_num(value)} {onchange}
            aria-invalid={error.as_ref().map(|_| "true")} />
    };
    field(id, label, control, error)
}

/// A number input that may stay empty (`None`).
pub fn opt_num_input(
    id: &str,
    label: &str,
    value: Option<f64>,
    on: Callback<Option<f64>>,
    error: Option<String>,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        let s = event_value(&e);
        on.emit((!s.trim().is_empty()).then(|| read_num(&s)))
    });
    let control = html! {
        <input id={id.to_string()} type="text" inputmode="decimal" value={value.map(show_num).unwrap_or_default()}
            {onchange} aria-invalid={error.as_ref().map(|_| "true")} />
    };
    field(id, label, control, error)
}

/// A select of `options` (value, label).
pub fn select(
    id: &str,
    label: &str,
    value: &str,
    options: Vec<(String, String)>,
    on: Callback<String>,
    error: Option<String>,
) -> Html {
    let onchange = Callback::from(move |e: Event| on.emit(event_value(&e)));
    let control = html! {
        <select id={id.to_string()} {onchange} aria-invalid={error.as_ref().map(|_| "true")}>
            { for options.into_iter().map(|(v, l)| html! {
                <option value={v.clone()} selected={v == value}>{l}</option>
            }) }
        </select>
    };
    field(id, label, control, error)
}

/// A checkbox with its label.
pub fn check(id: &str, label: &str, checked: bool, on: Callback<bool>) -> Html {
    let onchange = Callback::from(move |e: Event| {
        let on_now = e
            .target_dyn_into::<web_sys::HtmlInputElement>()
            .is_some_and(|i| i.checked());
        on.emit(on_now)
    });
    html! {
        <label class="check" for={id.to_string()}>
            <input id={id.to_string()} type="checkbox" {checked} {onchange} />
            {" "}{label.to_string()}
        </label>
    }
}

/// Two decimals, or "—".
pub fn fmt2(x: Option<f64>) -> String {
    x.map(|x| format!("{x:.2}")).unwrap_or_else(|| "—".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_and_show() {
        assert_eq!(read_num(" 12.5 "), 12.5);
        assert!(read_num("abc").is_nan());
        assert!(read_num("").is_nan());
        assert_eq!(show_num(f64::NAN), "");
        assert_eq!(show_num(0.1 + 0.2), "0.3");
        assert_eq!(fmt2(Some(89.999)), "90.00");
        assert_eq!(fmt2(None), "—");
    }

    #[test]
    fn errors_group_by_pointer() {
        let e = Errors::from_pairs([
            ("/a".to_string(), "x".to_string()),
            ("/a".to_string(), "y".to_string()),
        ]);
        assert_eq!(e.at("/a").as_deref(), Some("x y"));
        assert_eq!(e.at("/b"), None);
        assert_eq!(e.all().len(), 2);
    }
}
