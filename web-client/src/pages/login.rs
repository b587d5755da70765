//! Sign in with username and password.

use crate::api::{self, ApiError};
use crate::components::widgets::{error_banner, text_field, use_title, TextFieldProps};
use crate::data::use_value;
use crate::i18n::use_t;
use crate::{take_next, AuthCtx, Route};
use yew::prelude::*;
use yew_router::prelude::*;

/// The login form. A signed-in user is sent on to where they were going.
#[function_component]
pub fn LoginPage() -> Html {
    let t = use_t();
    use_title(t.login_title.to_string());
    let auth = use_context::<AuthCtx>().expect("AuthCtx");
    let navigator = use_navigator().expect("router");
    let username = use_value(String::new());
    let password = use_value(String::new());
    let missing = use_value((false, false));
    let error = use_value(Option::<ApiError>::default());
    let busy = use_value(bool::default());
    let expired = use_state(crate::session::take_expired);
    let notice = use_state(crate::flash::take);

    {
        let navigator = navigator.clone();
        use_effect_with(auth.user.is_some(), move |signed_in| {
            if *signed_in {
                let next = take_next().and_then(|next| {
                    let (path, query) = next.split_once('?').unwrap_or((&next, ""));
                    let route = Route::recognize(path)?;
                    let pairs: Vec<(String, String)> =
                        serde_urlencoded::from_str(query).unwrap_or_default();
                    Some((route, pairs))
                });
                match next {
                    Some((route, pairs)) if !pairs.is_empty() => {
                        let _ = navigator.replace_with_query(&route, &pairs);
                    }
                    Some((route, _)) => navigator.replace(&route),
                    None => navigator.replace(&Route::Home),
                }
            }
        });
    }

    let onsubmit = {
        let (username, password, error, busy, missing) = (
            username.clone(),
            password.clone(),
            error.clone(),
            busy.clone(),
            missing.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (u, p) = ((*username).trim().to_string(), (*password).clone());
            missing.set((u.is_empty(), p.is_empty()));
            if u.is_empty() || p.is_empty() || *busy {
                return;
            }
            busy.set(true);
            error.set(None);
            let (error, busy) = (error.clone(), busy.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::login(&u, &p).await;
                busy.set(false);
                if let Err(e) = result {
                    error.set(Some(e));
                }
            });
        })
    };

    let login_error = error.as_ref().map(|e| {
        if e.status() == 401 {
            html! { <div class="banner banner-error" role="alert"><p class="banner-title">{t.login_failed}</p></div> }
        } else if e.status() == 429 {
            html! { <div class="banner banner-error" role="alert"><p class="banner-title">{t.login_rate_limited}</p></div> }
        } else {
            html! { {error_banner(t, e, None)} }
        }
    });

    html! {
        <section class="login-page">
            <form class="card login-card" {onsubmit} novalidate=true aria-labelledby="login-title">
                <h1 id="login-title">{t.login_title}</h1>
                <p class="muted">{t.login_intro}</p>
                if let Some(n) = notice.filter(|_| error.is_none() && !*expired) {
                    <div class="banner banner-success" role="status" id="notice"><p class="banner-title">{n.text(t)}</p></div>
                }
                if *expired && error.is_none() {
                    <div class="banner banner-info" role="status"><p class="banner-title">{t.err_session_ended}</p></div>
                }
                { login_error.unwrap_or_default() }
                {text_field(t, TextFieldProps {
                    id: "username", label: t.username, value: (*username).clone().into(),
                    oninput: { let s = username.clone(); Callback::from(move |v| s.set(v)) }, required: true,
                    autocomplete: Some("username"), autofocus: true,
                    error: missing.0.then(|| t.username_required.to_string()), ..Default::default()
                })}
                {text_field(t, TextFieldProps {
                    id: "password", label: t.password, input_type: "password",
                    value: (*password).clone().into(),
                    oninput: { let s = password.clone(); Callback::from(move |v| s.set(v)) }, required: true,
                    autocomplete: Some("current-password"),
                    error: missing.1.then(|| t.password_required.to_string()), ..Default::default()
                })}
                <button type="submit" class="btn btn-primary btn-block" disabled={*busy} aria-busy={busy.to_string()}>
                    { if *busy { t.logging_in } else { t.login } }
                </button>
            </form>
        </section>
    }
}
