//! Draft a suggestion, or edit a draft: kind, title, content, category from the congress's
//! taxonomy, co-signers (附议代表, each confirms before submission) and, for office staff
//! entering an item on a deputy's behalf, the lead deputy. Saving keeps it a draft, seen
//! only by its authors; it is submitted from its page.

use crate::api::{self, ApiError};
use crate::components::widgets::{
    error_banner, field_messages, loading, select_field, text_field, use_title, SelectFieldProps,
    TextFieldProps,
};
use crate::data::{use_load, use_value};
use crate::i18n::suggestions::use_st;
use crate::i18n::use_t;
use crate::{AuthCtx, Route};
use renda_openapi::{
    DeputyListQuery, MandateStatus, Role, Suggestion, SuggestionInput, SuggestionKind,
};
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

/// Props of [`DeputySearch`].
#[derive(Properties, PartialEq)]
pub struct DeputySearchProps {
    /// The search input's id.
    pub id: &'static str,
    /// Its label.
    pub label: &'static str,
    /// Deputies not to offer (already chosen).
    pub exclude: Vec<Uuid>,
    /// Called with the chosen deputy's id and name.
    pub on_pick: Callback<(Uuid, String)>,
}

/// Finds deputies in office by name and offers up to 8 to pick.
#[function_component]
pub fn DeputySearch(p: &DeputySearchProps) -> Html {
    let t = use_t();
    let st = use_st();
    let text = use_value(String::new());
    let query = (text.trim().chars().count() >= 1).then(|| DeputyListQuery {
        q: Some(text.trim().to_string()),
        status: Some(MandateStatus::Active),
        limit: Some(8),
        ..Default::default()
    });
    let found = use_load(query, |q: DeputyListQuery| async move {
        api::deputies(&q).await
    });
    let oninput = {
        let text = text.clone();
        Callback::from(move |v: String| text.set(v))
    };
    let results_id = format!("{}-results", p.id);
    html! {
        <div class="deputy-search">
            {text_field(t, TextFieldProps {
                id: p.id, label: p.label, value: (*text).clone().into(), oninput,
                placeholder: Some(st.search_deputy), autocomplete: Some("off"), ..Default::default()
            })}
            if let Some(page) = found.data.as_ref().filter(|_| !text.trim().is_empty()) {
                <ul class="search-results" id={results_id} aria-live="polite">
                    { for page.items.iter().filter(|d| !p.exclude.contains(&d.id)).map(|d| {
                        let pick = {
                            let (on_pick, text) = (p.on_pick.clone(), text.clone());
                            let (id, name) = (d.id, d.name.clone());
                            Callback::from(move |_: MouseEvent| {
                                text.set(String::new());
                                on_pick.emit((id, name.clone()));
                            })
                        };
                        html! {
                            <li>
                                <button type="button" class="btn btn-small btn-quiet" onclick={pick}>
                                    {st.add}{" "}{&d.name}
                                </button>
                                <span class="muted">{d.workplace_post.as_deref().unwrap_or("")}</span>
                            </li>
                        }
                    }) }
                    if page.items.is_empty() { <li class="muted">{st.no_deputy_found}</li> }
                </ul>
            }
        </div>
    }
}

/// Props of [`SuggestionFormPage`].
#[derive(Properties, PartialEq)]
pub struct SuggestionFormProps {
    /// The draft to edit; `None` drafts a new one.
    pub id: Option<Uuid>,
}

/// The draft form page: loads the draft to edit, then shows [`SuggestionForm`].
#[function_component]
pub fn SuggestionFormPage(p: &SuggestionFormProps) -> Html {
    let t = use_t();
    let st = use_st();
    use_title(
        if p.id.is_some() {
            st.edit_draft
        } else {
            st.new_suggestion
        }
        .to_string(),
    );
    let draft = use_load(p.id, api::suggestions::suggestion);
    html! {
        <section class="page">
            <h1>{ if p.id.is_some() { st.edit_draft } else { st.new_suggestion } }</h1>
            { match (p.id, &draft.data, &draft.error) {
                (_, _, Some(e)) => error_banner(t, e, Some(draft.reload.clone())),
                (None, _, _) => html! { <SuggestionForm draft={None::<std::rc::Rc<Suggestion>>} /> },
                (Some(_), Some(d), _) => html! { <SuggestionForm draft={Some(d.clone())} /> },
                _ => loading(t.loading),
            } }
        </section>
    }
}

/// Props of [`SuggestionForm`].
#[derive(Properties, PartialEq)]
pub struct SuggestionFormInner {
    /// The draft being edited.
    pub draft: Option<std::rc::Rc<Suggestion>>,
}

/// The fields of a draft and its save button.
#[function_component]
pub fn SuggestionForm(p: &SuggestionFormInner) -> Html {
    let t = use_t();
    let st = use_st();
    let auth = use_context::<AuthCtx>().expect("AuthCtx");
    let navigator = use_navigator().expect("router");
    let d = p.draft.clone();
    let office = auth.is_office();
    let own = auth.user.as_ref().and_then(|u| u.deputy_id);
    let kind = use_value(
        d.as_ref()
            .map(|d| d.kind)
            .unwrap_or(SuggestionKind::Suggestion),
    );
    let title = use_value(d.as_ref().map(|d| d.title.clone()).unwrap_or_default());
    let content = use_value(d.as_ref().map(|d| d.content.clone()).unwrap_or_default());
    let category = use_value(
        d.as_ref()
            .and_then(|d| d.category_id)
            .map(|c| c.to_string())
            .unwrap_or_default(),
    );
    // (id, name) of the lead deputy and of the co-signers.
    let lead = use_value(d.as_ref().and_then(|d| {
        d.signers
            .iter()
            .find(|s| Some(s.deputy_id) == d.lead_deputy_id)
            .map(|s| (s.deputy_id, s.name.clone()))
    }));
    let co = use_value(
        d.as_ref()
            .map(|d| {
                d.signers
                    .iter()
                    .filter(|s| Some(s.deputy_id) != d.lead_deputy_id)
                    .map(|s| (s.deputy_id, s.name.clone()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default(),
    );
    let errors = use_value(Vec::<(String, String)>::new());
    let server = use_value(Option::<ApiError>::default());
    let busy = use_value(bool::default());
    let idempotency_key = use_value(Uuid::now_v7().to_string());
    let categories = use_load(Some(()), |_| api::suggestions::categories(None));
    let session = use_value(
        d.as_ref()
            .and_then(|d| d.session_activity_id)
            .map(|c| c.to_string())
            .unwrap_or_default(),
    );
    let sessions = use_load(
        Some(crate::i18n::meetings::beijing_today()),
        api::suggestions::recent_sessions,
    );

    let onsubmit = {
        let (kind, title, content, category, lead, co, session) = (
            kind.clone(),
            title.clone(),
            content.clone(),
            category.clone(),
            lead.clone(),
            co.clone(),
            session.clone(),
        );
        let (errors, server, busy, navigator) = (
            errors.clone(),
            server.clone(),
            busy.clone(),
            navigator.clone(),
        );
        let key = (*idempotency_key).clone();
        let d = d.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let mut missing = vec![];
            if title.trim().is_empty() {
                missing.push(("title".to_string(), st.err_required.to_string()));
            }
            if office && d.is_none() && lead.is_none() {
                missing.push(("lead_deputy_id".to_string(), st.err_required.to_string()));
            }
            if !missing.is_empty() {
                errors.set(missing);
                return;
            }
            errors.set(vec![]);
            server.set(None);
            let input = SuggestionInput {
                lead_deputy_id: lead.as_ref().map(|l| l.0),
                kind: *kind,
                title: title.trim().to_string(),
                content: content.trim().to_string(),
                category_id: Uuid::parse_str(&category).ok(),
                session_activity_id: Uuid::parse_str(&session).ok(),
                co_signer_ids: co.iter().map(|c| c.0).collect(),
            };
            busy.set(true);
            let (errors, server, busy, navigator, key, d) = (
                errors.clone(),
                server.clone(),
                busy.clone(),
                navigator.clone(),
                key.clone(),
                d.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = match &d {
                    Some(d) => api::suggestions::update(d.id, d.version, &input).await,
                    None => api::suggestions::create(&input, &key).await,
                };
                match result {
                    Ok(saved) => navigator.push(&Route::Suggestion { id: saved.id }),
                    Err(e) => {
                        // `co_signer_ids/2` is shown on the co-signers.
                        errors.set(
                            field_messages(t, &e)
                                .into_iter()
                                .map(|(field, m)| {
                                    (field.split('/').next().unwrap_or_default().to_string(), m)
                                })
                                .collect(),
                        );
                        server.set(Some(e));
                        busy.set(false);
                    }
                }
            });
        })
    };
    let err = |f: &str| errors.iter().find(|(k, _)| k == f).map(|(_, m)| m.clone());
    let set = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |v: String| s.set(v))
    };
    let kind_options: Vec<(String, String)> = SuggestionKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), st.kind(*k).to_string()))
        .collect();
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |v: String| {
            kind.set(SuggestionKind::parse(&v).unwrap_or(SuggestionKind::Suggestion))
        })
    };
    let category_options: Vec<(String, String)> = categories
        .data
        .as_ref()
        .map(|cs| {
            cs.iter()
                .filter(|c| c.is_active)
                .map(|c| (c.id.to_string(), c.path.clone()))
                .collect()
        })
        .unwrap_or_default();
    let mut taken: Vec<Uuid> = co.iter().map(|c| c.0).collect();
    taken.extend(lead.as_ref().map(|l| l.0));
    taken.extend(own);
    let on_co = {
        let co = co.clone();
        Callback::from(move |(id, name): (Uuid, String)| {
            let mut all = (*co).clone();
            all.push((id, name));
            co.set(all);
        })
    };
    let on_lead = {
        let lead = lead.clone();
        Callback::from(move |picked: (Uuid, String)| lead.set(Some(picked)))
    };
    let editing = d.is_some();
    let cancel_to = match &d {
        Some(d) => Route::Suggestion { id: d.id },
        None => Route::Suggestions,
    };
    html! {
        <form class="card form" id="suggestion-form" {onsubmit} novalidate=true>
            if let Some(e) = server.as_ref().filter(|e| e.field_errors().is_empty()) {
                {error_banner(t, e, None)}
            }
            if office && !editing {
                <fieldset class="field-group">
                    <legend>{st.f_lead}<span class="req" aria-hidden="true">{" *"}</span></legend>
                    if let Some((_, name)) = lead.as_ref() {
                        <p class="chosen" id="chosen-lead">{name}</p>
                    }
                    <DeputySearch id="lead-search" label={st.search_lead} exclude={taken.clone()} on_pick={on_lead} />
                    if let Some(e) = err("lead_deputy_id") { <p class="field-error">{e}</p> }
                </fieldset>
            }
            {select_field(t, SelectFieldProps {
                id: "suggestion-kind", label: st.f_kind, value: kind.as_str().into(),
                options: kind_options, onchange: on_kind, required: true, ..Default::default()
            })}
            {text_field(t, TextFieldProps {
                id: "suggestion-title", label: st.f_title, value: (*title).clone().into(),
                oninput: set(&title), error: err("title"), required: true, ..Default::default()
            })}
            {text_field(t, TextFieldProps {
                id: "suggestion-content", label: st.f_content, value: (*content).clone().into(),
                oninput: set(&content), error: err("content"), rows: Some(10),
                hint: Some(st.content_hint), ..Default::default()
            })}
            {select_field(t, SelectFieldProps {
                id: "suggestion-category", label: st.f_category, value: (*category).clone().into(),
                options: category_options, empty_label: Some(t.choose), onchange: set(&category),
                error: err("category_id"), hint: Some(st.category_hint), ..Default::default()
            })}
            {select_field(t, SelectFieldProps {
                id: "suggestion-session", label: st.f_session, value: (*session).clone().into(),
                options: sessions.data.as_ref().map(|ss| ss.iter().map(|x| (x.id.to_string(), format!("{} {}", x.date, x.title))).collect()).unwrap_or_default(),
                empty_label: Some(st.between_sessions), onchange: set(&session),
                error: err("session_activity_id"), ..Default::default()
            })}
            <fieldset class="field-group">
                <legend>{st.f_co_signers}</legend>
                <p class="hint">{st.co_signers_hint}</p>
                <ul class="chips" id="co-signers">
                    { for co.iter().map(|(id, name)| {
                        let remove = {
                            let (co, id) = (co.clone(), *id);
                            Callback::from(move |_: MouseEvent| {
                                co.set(co.iter().filter(|c| c.0 != id).cloned().collect());
                            })
                        };
                        html! {
                            <li class="chip">{name}
                                <button type="button" class="btn btn-small btn-quiet" onclick={remove}
                                    aria-label={format!("{} {}", st.remove, name)}>{"×"}</button>
                            </li>
                        }
                    }) }
                </ul>
                <DeputySearch id="co-search" label={st.search_co_signer} exclude={taken} on_pick={on_co} />
                if let Some(e) = err("co_signer_ids") { <p class="field-error">{e}</p> }
            </fieldset>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" id="save-draft" disabled={*busy}>
                    { if *busy { t.saving } else { st.save_draft } }
                </button>
                <Link<Route> to={cancel_to} classes="btn btn-quiet">{t.cancel}</Link<Route>>
            </div>
        </form>
    }
}

/// Whether `role` may draft suggestions: deputies their own, the office on a deputy's behalf.
pub fn may_draft(role: Option<Role>) -> bool {
    matches!(role, Some(Role::Deputy | Role::Admin | Role::Staff))
}
