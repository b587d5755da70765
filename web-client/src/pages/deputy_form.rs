//! Register a deputy (with the first mandate) or edit one. Fields are checked as the server
//! checks them when they lose focus and before sending; the server's field errors land on
//! the same fields. Edits carry the version read (`If-Match`), so a concurrent change is
//! reported instead of overwritten.

use crate::api::{self, ApiError};
use crate::components::widgets::{
    error_banner, loading, select_field, text_field, use_title, SelectFieldProps, SelectOption,
    TextFieldProps,
};
use crate::data::{effective_congress, use_congresses, use_load, use_units, use_value};
use crate::i18n::{use_t, Texts, ETHNICITIES, PARTIES};
use crate::validate::{self, Issue};
use crate::{flash, AuthCtx, Route};
use renda_openapi::{Deputy, DeputyInput, Gender, MandateInput, NewDeputy, Role};
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

/// Props of [`DeputyFormPage`].
#[derive(Properties, PartialEq)]
pub struct DeputyFormProps {
    /// The deputy to edit; `None` registers a new one.
    pub id: Option<Uuid>,
}

/// What the form holds, as typed.
#[derive(Clone, Default, PartialEq)]
struct Form {
    name: String,
    gender: String,
    ethnicity: String,
    birth_date: String,
    party: String,
    workplace_post: String,
    phone: String,
    id_card_number: String,
    address: String,
    notes: String,
    external_id: String,
    congress_id: String,
    term_id: String,
    delegation_id: String,
    deputy_group_id: String,
    constituency: String,
    certificate_number: String,
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

impl Form {
    fn from_deputy(d: &Deputy) -> Form {
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        Form {
            name: d.name.clone(),
            gender: d.gender.map(|g| g.as_str().to_string()).unwrap_or_default(),
            ethnicity: s(&d.ethnicity),
            birth_date: s(&d.birth_date),
            party: s(&d.party),
            workplace_post: s(&d.workplace_post),
            phone: s(&d.phone),
            id_card_number: s(&d.id_card_number),
            address: s(&d.address),
            notes: s(&d.notes),
            external_id: s(&d.external_id),
            congress_id: d.congress_id.to_string(),
            ..Form::default()
        }
    }

    fn input(&self) -> DeputyInput {
        DeputyInput {
            external_id: opt(&self.external_id),
            name: self.name.trim().to_string(),
            gender: Gender::parse(&self.gender),
            ethnicity: opt(&self.ethnicity),
            birth_date: opt(&self.birth_date),
            party: opt(&self.party),
            workplace_post: opt(&self.workplace_post),
            phone: opt(&self.phone),
            id_card_number: opt(&self.id_card_number),
            address: opt(&self.address),
            notes: opt(&self.notes),
        }
    }

    fn mandate(&self) -> Option<MandateInput> {
        Some(MandateInput {
            term_id: Uuid::parse_str(&self.term_id).ok()?,
            delegation_id: Uuid::parse_str(&self.delegation_id).ok(),
            deputy_group_id: Uuid::parse_str(&self.deputy_group_id).ok(),
            constituency: opt(&self.constituency),
            certificate_number: opt(&self.certificate_number),
            elected_via: None,
            elected_on: None,
        })
    }
}

/// Messages keyed by field name, in the order of the names: what `BTreeMap<String, String>`
/// did here, with far less code in the wasm (a form has a handful of fields).
#[derive(Clone, Default, PartialEq, Debug)]
pub struct FieldMap(Vec<(String, String)>);

impl FieldMap {
    fn position(&self, k: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(x, _)| x.as_str().cmp(k))
    }

    /// Sets the message of field `k`.
    pub fn insert(&mut self, k: String, v: String) {
        match self.position(&k) {
            Ok(i) => self.0[i].1 = v,
            Err(i) => self.0.insert(i, (k, v)),
        }
    }

    /// The message of field `k`.
    pub fn get(&self, k: &str) -> Option<&String> {
        self.position(k).ok().map(|i| &self.0[i].1)
    }

    /// Whether field `k` has a message.
    pub fn contains_key(&self, k: &str) -> bool {
        self.position(k).is_ok()
    }

    /// Drops the message of field `k`.
    pub fn remove(&mut self, k: &str) {
        if let Ok(i) = self.position(k) {
            self.0.remove(i);
        }
    }

    /// Keeps the messages for which `f` is true.
    pub fn retain(&mut self, mut f: impl FnMut(&String, &mut String) -> bool) {
        self.0.retain_mut(|(k, v)| f(k, v));
    }

    /// How many fields have a message.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no field has a message.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The field names, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }
}

impl FromIterator<(String, String)> for FieldMap {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
        let mut m = FieldMap::default();
        for (k, v) in iter {
            m.insert(k, v);
        }
        m
    }
}

/// Client-side issues as messages, keyed by field name.
fn check(t: &Texts, form: &Form, creating: bool) -> FieldMap {
    let mut errors: FieldMap = validate::deputy(&form.input(), validate::today())
        .into_iter()
        .map(|(f, i)| (f.to_string(), t.issue_of(f, i)))
        .collect();
    if creating && Uuid::parse_str(&form.congress_id).is_err() {
        errors.insert("congress_id".into(), t.issue(Issue::Required));
    }
    if creating && opt(&form.constituency).is_some_and(|c| c.chars().count() > 100) {
        errors.insert("constituency".into(), t.issue(Issue::TooLong(100)));
    }
    errors
}

/// The form's field for a server pointer (`/name`, `/mandate/term_id`).
fn field_of(pointer: &str) -> String {
    pointer
        .trim_start_matches('/')
        .trim_start_matches("mandate/")
        .to_string()
}

/// The register and edit page.
#[function_component]
pub fn DeputyFormPage(p: &DeputyFormProps) -> Html {
    let t = use_t();
    let auth = use_context::<AuthCtx>().expect("AuthCtx");
    let navigator = use_navigator().expect("router");
    let creating = p.id.is_none();
    use_title(
        if creating {
            t.new_deputy
        } else {
            t.edit_deputy
        }
        .to_string(),
    );

    let existing = use_load(p.id, api::deputy);
    let form = use_state(Form::default);
    let version = use_value(None::<i32>);
    let initialised = use_value(creating);
    let touched = use_value(Vec::<String>::new());
    let errors = use_value(FieldMap::default());
    // The server's field errors stay on their field until that field is changed.
    let server_fields = use_value(FieldMap::default());
    let server_error = use_value(Option::<ApiError>::default());
    let busy = use_value(bool::default());
    let idempotency_key = use_value(Uuid::now_v7().to_string());

    // Fill the form once the deputy has loaded (and again after "load the latest").
    {
        let form = form.clone();
        let version = version.clone();
        let initialised = initialised.clone();
        let data = existing.data.clone();
        use_effect_with(data, move |data| {
            if let Some(d) = data {
                form.set(Form::from_deputy(d));
                version.set(Some(d.version));
                initialised.set(true);
            }
        });
    }

    let congresses = use_congresses();
    let chosen_congress = Uuid::parse_str(&form.congress_id).ok();
    let congress = if creating {
        effective_congress(chosen_congress, &congresses)
    } else {
        None
    };
    let units = use_units(congress);
    // With one congress in scope, it is the one.
    {
        let form = form.clone();
        use_effect_with((creating, congress), move |(creating, congress)| {
            if *creating {
                if let Some(c) = congress {
                    if form.congress_id != c.to_string() {
                        let mut f = (*form).clone();
                        f.congress_id = c.to_string();
                        form.set(f);
                    }
                }
            }
        });
    }
    // The newest term is the usual one for a new deputy.
    {
        let form = form.clone();
        let newest = units
            .terms
            .data
            .as_ref()
            .and_then(|ts| ts.first().map(|x| x.id));
        use_effect_with(newest, move |newest| {
            if let Some(id) = newest {
                if form.term_id.is_empty() {
                    let mut f = (*form).clone();
                    f.term_id = id.to_string();
                    form.set(f);
                }
            }
        });
    }

    let self_edit = !creating
        && auth
            .user
            .as_ref()
            .is_some_and(|u| u.role == Role::Deputy && u.deputy_id == p.id);
    let allowed = if creating {
        auth.can_write()
    } else {
        p.id.is_some_and(|id| auth.can_edit_deputy(id))
    };

    let setter = |name: &'static str, get: fn(&mut Form) -> &mut String| {
        let form = form.clone();
        let touched = touched.clone();
        let errors = errors.clone();
        let server_fields = server_fields.clone();
        Callback::from(move |v: String| {
            let mut f = (*form).clone();
            *get(&mut f) = v;
            if server_fields.contains_key(name) {
                let mut s = (*server_fields).clone();
                s.remove(name);
                server_fields.set(s);
            }
            // Re-check a field that already shows an error as soon as it is corrected.
            if !errors.is_empty() || !touched.is_empty() {
                let mut now = check(t, &f, creating);
                now.retain(|k, _| touched.contains(k) || errors.contains_key(k));
                if *errors != now {
                    errors.set(now);
                }
            }
            form.set(f);
        })
    };
    let blur = |name: &'static str| {
        let form = form.clone();
        let touched = touched.clone();
        let errors = errors.clone();
        Callback::from(move |_| {
            let mut tl = (*touched).clone();
            if !tl.iter().any(|x| x == name) {
                tl.push(name.to_string());
            }
            let mut now = check(t, &form, creating);
            now.retain(|k, _| tl.contains(k) || errors.contains_key(k));
            errors.set(now);
            touched.set(tl);
        })
    };

    let onsubmit = {
        let form = form.clone();
        let errors = errors.clone();
        let server_fields = server_fields.clone();
        let server_error = server_error.clone();
        let busy = busy.clone();
        let version = version.clone();
        let navigator = navigator.clone();
        let id = p.id;
        let key = (*idempotency_key).clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let found = check(t, &form, creating);
            if !found.is_empty() {
                errors.set(found.clone());
                server_error.set(None);
                focus_field(found.keys().next().map(String::as_str).unwrap_or("name"));
                return;
            }
            errors.set(FieldMap::default());
            server_fields.set(FieldMap::default());
            server_error.set(None);
            busy.set(true);
            let (form, server_fields, server_error, busy, navigator, version, key) = (
                (*form).clone(),
                server_fields.clone(),
                server_error.clone(),
                busy.clone(),
                navigator.clone(),
                *version,
                key.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = match id {
                    None => {
                        let new = NewDeputy {
                            congress_id: Uuid::parse_str(&form.congress_id).unwrap_or_default(),
                            person: form.input(),
                            mandate: form.mandate(),
                        };
                        api::create_deputy(&new, &key).await
                    }
                    Some(id) => api::update_deputy(id, version.unwrap_or(0), &form.input()).await,
                };
                busy.set(false);
                match result {
                    Ok(d) => {
                        flash::set(if id.is_none() {
                            flash::Notice::Created
                        } else {
                            flash::Notice::Saved
                        });
                        navigator.push(&Route::Deputy { id: d.id });
                    }
                    Err(e) => {
                        let fields: FieldMap = e
                            .field_errors()
                            .iter()
                            .map(|f| (field_of(&f.pointer), t.field_error_message(f)))
                            .collect();
                        if let Some(first) = fields.keys().next() {
                            focus_field(first);
                        } else {
                            focus_field("form-errors");
                        }
                        server_fields.set(fields);
                        server_error.set(Some(e));
                    }
                }
            });
        })
    };

    let reload_latest = {
        let reload = existing.reload.clone();
        let server_error = server_error.clone();
        let errors = errors.clone();
        let server_fields = server_fields.clone();
        Callback::from(move |_: MouseEvent| {
            server_error.set(None);
            errors.set(FieldMap::default());
            server_fields.set(FieldMap::default());
            reload.emit(());
        })
    };

    let title = if creating {
        t.new_deputy.to_string()
    } else {
        existing
            .data
            .as_ref()
            .map(|d| (t.edit_named)(&d.name))
            .unwrap_or_else(|| t.edit_deputy.to_string())
    };

    if !allowed && auth.user.is_some() {
        return html! {
            <section class="page">
                <h1>{title}</h1>
                <div class="banner banner-error" role="alert"><p class="banner-title">{t.err_forbidden}</p></div>
            </section>
        };
    }
    if let Some(e) = &existing.error {
        return html! {
            <section class="page">
                <h1>{title}</h1>
                {error_banner(t, e, Some(existing.reload.clone()))}
            </section>
        };
    }
    if !*initialised {
        return html! { <section class="page">{loading(t.loading_deputy)}</section> };
    }

    let err = |f: &str| errors.get(f).or_else(|| server_fields.get(f)).cloned();
    let person_locked = self_edit;
    let congress_options: Vec<SelectOption> = congresses
        .data
        .as_ref()
        .map(|cs| {
            cs.iter()
                .map(|c| (c.id.to_string(), c.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let term_options: Vec<SelectOption> = units
        .terms
        .data
        .as_ref()
        .map(|ts| {
            ts.iter()
                .map(|x| (x.id.to_string(), t.term_label(x.number)))
                .collect()
        })
        .unwrap_or_default();
    let delegation_options: Vec<SelectOption> = units
        .delegations
        .data
        .as_ref()
        .map(|ds| {
            ds.iter()
                .map(|d| (d.id.to_string(), d.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let group_options: Vec<SelectOption> = units
        .groups
        .data
        .as_ref()
        .map(|gs| {
            gs.iter()
                .map(|g| (g.id.to_string(), g.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let gender_options: Vec<SelectOption> = [Gender::Male, Gender::Female]
        .iter()
        .map(|g| (g.as_str().to_string(), t.gender(*g).to_string()))
        .collect();
    let stale = server_error.as_ref().is_some_and(|e| e.status() == 412);
    let cancel_to = match p.id {
        Some(id) => Route::Deputy { id },
        None => Route::Deputies,
    };

    html! {
        <section class="page form-page">
            <nav class="breadcrumb" aria-label={t.breadcrumb}>
                <Link<Route> to={Route::Deputies}>{t.deputies_title}</Link<Route>>
                if let (Some(id), Some(d)) = (p.id, existing.data.as_ref()) {
                    <span aria-hidden="true">{" / "}</span>
                    <Link<Route> to={Route::Deputy { id }}>{d.name.clone()}</Link<Route>>
                }
                <span aria-hidden="true">{" / "}</span>
                <span aria-current="page">{ if creating { t.new_deputy } else { t.edit } }</span>
            </nav>
            <h1>{title}</h1>
            <form class="card deputy-form" {onsubmit} novalidate=true aria-describedby="form-intro">
                <p id="form-intro" class="muted">{ if person_locked { t.self_edit_intro } else { t.form_intro } }</p>
                <div id="form-errors" tabindex="-1">
                    if stale {
                        <div class="banner banner-error" role="alert">
                            <p class="banner-title">{t.err_stale}</p>
                            <button type="button" class="btn btn-small" onclick={reload_latest}>{t.load_latest}</button>
                        </div>
                    } else if let Some(e) = &*server_error {
                        {error_banner(t, e, None)}
                    } else if errors.len() > 1 {
                        <div class="banner banner-error" role="alert"><p class="banner-title">{(t.fix_n_fields)(errors.len())}</p></div>
                    }
                </div>
                if creating {
                    <fieldset>
                        <legend>{t.mandate_section}</legend>
                        <div class="form-grid">
                            if congress_options.len() > 1 {
                                {select_field(t, SelectFieldProps {
                                    id: "congress_id", label: t.f_congress,
                                    value: (form.congress_id.clone()).into(), options: congress_options,
                                    empty_label: Some(t.choose), required: true, error: err("congress_id"),
                                    onchange: setter("congress_id", |f| &mut f.congress_id),
                                    ..Default::default()
                                })}
                            }
                            {select_field(t, SelectFieldProps {
                                id: "term_id", label: t.f_term, value: (form.term_id.clone()).into(),
                                options: term_options, empty_label: Some(t.no_mandate_option),
                                error: err("term_id"), disabled: congress.is_none(),
                                onchange: setter("term_id", |f| &mut f.term_id), ..Default::default()
                            })}
                            {select_field(t, SelectFieldProps {
                                id: "delegation_id", label: t.f_delegation,
                                value: (form.delegation_id.clone()).into(), options: delegation_options,
                                empty_label: Some(t.none_option), error: err("delegation_id"),
                                disabled: congress.is_none() || form.term_id.is_empty(),
                                onchange: setter("delegation_id", |f| &mut f.delegation_id),
                                ..Default::default()
                            })}
                            {select_field(t, SelectFieldProps {
                                id: "deputy_group_id", label: t.f_group,
                                value: (form.deputy_group_id.clone()).into(), options: group_options,
                                empty_label: Some(t.none_option), error: err("deputy_group_id"),
                                disabled: congress.is_none() || form.term_id.is_empty(),
                                onchange: setter("deputy_group_id", |f| &mut f.deputy_group_id),
                                ..Default::default()
                            })}
                            {text_field(t, TextFieldProps {
                                id: "constituency", label: t.f_constituency,
                                value: (form.constituency.clone()).into(), error: err("constituency"),
                                disabled: form.term_id.is_empty(),
                                oninput: setter("constituency", |f| &mut f.constituency),
                                onblur: Some(blur("constituency")), ..Default::default()
                            })}
                            {text_field(t, TextFieldProps {
                                id: "certificate_number", label: t.f_certificate,
                                value: (form.certificate_number.clone()).into(),
                                error: err("certificate_number"), disabled: form.term_id.is_empty(),
                                oninput: setter("certificate_number", |f| &mut f.certificate_number),
                                ..Default::default()
                            })}
                        </div>
                    </fieldset>
                }
                <fieldset>
                    <legend>{t.basic_info}</legend>
                    <div class="form-grid">
                        {text_field(t, TextFieldProps {
                            id: "name", label: t.f_name, value: (form.name.clone()).into(), required: true,
                            error: err("name"), disabled: person_locked, hint: Some(t.hint_name),
                            autofocus: creating, oninput: setter("name", |f| &mut f.name),
                            onblur: Some(blur("name")), ..Default::default()
                        })}
                        {select_field(t, SelectFieldProps {
                            id: "gender", label: t.f_gender, value: (form.gender.clone()).into(),
                            options: gender_options, empty_label: Some(t.not_recorded), error: err("gender"),
                            disabled: person_locked, onchange: setter("gender", |f| &mut f.gender),
                            ..Default::default()
                        })}
                        {text_field(t, TextFieldProps {
                            id: "ethnicity", label: t.f_ethnicity, value: (form.ethnicity.clone()).into(),
                            list: Some("ethnicity-list"), error: err("ethnicity"), disabled: person_locked,
                            oninput: setter("ethnicity", |f| &mut f.ethnicity),
                            onblur: Some(blur("ethnicity")), ..Default::default()
                        })}
                        {text_field(t, TextFieldProps {
                            id: "birth_date", label: t.f_birth_date, value: (form.birth_date.clone()).into(),
                            hint: Some(t.hint_birth_date), placeholder: Some("1967-03"),
                            error: err("birth_date"), disabled: person_locked,
                            oninput: setter("birth_date", |f| &mut f.birth_date),
                            onblur: Some(blur("birth_date")), ..Default::default()
                        })}
                        {text_field(t, TextFieldProps {
                            id: "party", label: t.f_party, value: (form.party.clone()).into(),
                            list: Some("party-list"), error: err("party"), disabled: person_locked,
                            oninput: setter("party", |f| &mut f.party), onblur: Some(blur("party")),
                            ..Default::default()
                        })}
                        {text_field(t, TextFieldProps {
                            id: "external_id", label: t.f_external_id,
                            value: (form.external_id.clone()).into(), hint: Some(t.hint_external_id),
                            error: err("external_id"), disabled: person_locked,
                            oninput: setter("external_id", |f| &mut f.external_id),
                            onblur: Some(blur("external_id")), ..Default::default()
                        })}
                    </div>
                    {text_field(t, TextFieldProps {
                        id: "workplace_post", label: t.f_workplace_post,
                        value: (form.workplace_post.clone()).into(), rows: Some(2),
                        error: err("workplace_post"), disabled: person_locked,
                        oninput: setter("workplace_post", |f| &mut f.workplace_post),
                        onblur: Some(blur("workplace_post")), ..Default::default()
                    })}
                    <datalist id="ethnicity-list">{ for ETHNICITIES.iter().map(|e| html!{ <option value={*e} /> }) }</datalist>
                    <datalist id="party-list">{ for PARTIES.iter().map(|p| html!{ <option value={*p} /> }) }</datalist>
                </fieldset>
                <fieldset>
                    <legend>{t.personal_info}</legend>
                    if existing.data.as_ref().is_some_and(|d| d.personal_data_masked) {
                        <p class="banner banner-info">{t.masked_edit_notice}</p>
                    }
                    <div class="form-grid">
                        {text_field(t, TextFieldProps {
                            id: "phone", label: t.f_phone, input_type: "tel",
                            value: (form.phone.clone()).into(), hint: Some(t.hint_phone), error: err("phone"),
                            autocomplete: Some("off"), oninput: setter("phone", |f| &mut f.phone),
                            onblur: Some(blur("phone")), ..Default::default()
                        })}
                        {text_field(t, TextFieldProps {
                            id: "id_card_number", label: t.f_id_card,
                            value: (form.id_card_number.clone()).into(), hint: Some(t.hint_id_card),
                            error: err("id_card_number"), disabled: person_locked, autocomplete: Some("off"),
                            oninput: setter("id_card_number", |f| &mut f.id_card_number),
                            onblur: Some(blur("id_card_number")), ..Default::default()
                        })}
                    </div>
                    {text_field(t, TextFieldProps {
                        id: "address", label: t.f_address, value: (form.address.clone()).into(),
                        error: err("address"), oninput: setter("address", |f| &mut f.address),
                        onblur: Some(blur("address")), ..Default::default()
                    })}
                    {text_field(t, TextFieldProps {
                        id: "notes", label: t.f_notes, value: (form.notes.clone()).into(), rows: Some(3),
                        error: err("notes"), disabled: person_locked,
                        oninput: setter("notes", |f| &mut f.notes), onblur: Some(blur("notes")),
                        ..Default::default()
                    })}
                </fieldset>
                <div class="form-actions">
                    <Link<Route> to={cancel_to} classes="btn">{t.cancel}</Link<Route>>
                    <button type="submit" id="save" class="btn btn-primary" disabled={*busy} aria-busy={busy.to_string()}>
                        { if *busy { t.saving } else if creating { t.create } else { t.save } }
                    </button>
                </div>
            </form>
        </section>
    }
}

/// Moves the focus to a field (or any element) by id, so the keyboard user lands on the
/// first problem.
fn focus_field(id: &str) {
    use wasm_bindgen::JsCast;
    let id = id.to_string();
    // After the render that shows the error.
    gloo_timers::callback::Timeout::new(0, move || {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            el.focus().ok();
        }
    })
    .forget();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn field_map_behaves_like_a_btree_map() {
        let pairs = [("b", "1"), ("a", "2"), ("c", "3"), ("a", "4"), ("d", "5")];
        let owned = || pairs.iter().map(|(k, v)| (k.to_string(), v.to_string()));
        let mut m: FieldMap = owned().collect();
        let mut b: BTreeMap<String, String> = owned().collect();
        assert_eq!(m.0, b.clone().into_iter().collect::<Vec<_>>());
        m.remove("c");
        b.remove("c");
        m.retain(|k, _| k != "d");
        b.retain(|k, _| k != "d");
        m.insert("0".into(), "x".into());
        b.insert("0".into(), "x".into());
        assert_eq!(m.0, b.clone().into_iter().collect::<Vec<_>>());
        assert_eq!(m.get("a"), b.get("a"));
        assert_eq!(m.keys().next(), b.keys().next());
        assert!(m.contains_key("b") && !m.contains_key("c"));
        assert_eq!((m.len(), m.is_empty()), (b.len(), false));
    }
}
