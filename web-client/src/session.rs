//! The signed-in session: tokens and user, kept in `localStorage` so that the session
//! survives a reload and is shared by the tabs of one browser. When one tab refreshes or
//! ends the session, the others see it through the `storage` event.

use renda_openapi::{CurrentUser, TokenResponse};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::Callback;

const KEY: &str = "renda.session";

/// What is stored for a signed-in user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// The bearer token.
    pub access_token: String,
    /// When the access token expires, in milliseconds since the epoch (browser clock).
    pub expires_at_ms: f64,
    /// The one-use refresh token.
    pub refresh_token: String,
    /// Who is signed in.
    pub user: CurrentUser,
}

thread_local! {
    static CURRENT: RefCell<Option<Session>> = const { RefCell::new(None) };
    static LISTENER: RefCell<Option<Callback<Option<CurrentUser>>>> = const { RefCell::new(None) };
    static EXPIRED: RefCell<bool> = const { RefCell::new(false) };
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read_stored() -> Option<Session> {
    let text = storage()?.get_item(KEY).ok().flatten()?;
    crate::json::decode(&text)
}

fn notify() {
    let user = current().map(|s| s.user);
    let listener = LISTENER.with(|l| l.borrow().clone());
    if let Some(cb) = listener {
        cb.emit(user);
    }
}

/// The session, if someone is signed in.
pub fn current() -> Option<Session> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Starts (or renews) the session with fresh tokens and stores it.
pub fn start(tokens: TokenResponse) {
    let session = Session {
        access_token: tokens.access_token,
        expires_at_ms: js_sys::Date::now() + tokens.expires_in as f64 * 1000.0,
        refresh_token: tokens.refresh_token,
        user: tokens.user,
    };
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&session)) {
        s.set_item(KEY, &text).ok();
    }
    let changed_user = current().map(|s| s.user) != Some(session.user.clone());
    CURRENT.with(|c| *c.borrow_mut() = Some(session));
    if changed_user {
        notify();
    }
}

/// Updates the signed-in user's details (after `GET /auth/me`).
pub fn set_user(user: CurrentUser) {
    let updated = CURRENT.with(|c| {
        let mut c = c.borrow_mut();
        match c.as_mut() {
            Some(s) if s.user != user => {
                s.user = user;
                Some(s.clone())
            }
            _ => None,
        }
    });
    if let Some(session) = updated {
        if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&session)) {
            s.set_item(KEY, &text).ok();
        }
        notify();
    }
}

/// Forgets the session here and in every tab.
pub fn end() {
    if let Some(s) = storage() {
        s.remove_item(KEY).ok();
    }
    let was = CURRENT.with(|c| c.borrow_mut().take());
    if was.is_some() {
        notify();
    }
}

/// Ends the session because the server no longer accepts it (refresh token expired or
/// revoked); the login page then says why.
pub fn expire() {
    if current().is_some() {
        EXPIRED.with(|e| *e.borrow_mut() = true);
    }
    end();
}

/// Whether the last session ended by expiry rather than logout; asking clears it.
pub fn take_expired() -> bool {
    EXPIRED.with(|e| std::mem::take(&mut *e.borrow_mut()))
}

/// Adopts what another tab stored (new tokens after its refresh, or no session after its
/// logout).
pub fn reload_from_storage() {
    let stored = read_stored();
    let before = current();
    if stored != before {
        let user_changed = stored.as_ref().map(|s| &s.user) != before.as_ref().map(|s| &s.user);
        CURRENT.with(|c| *c.borrow_mut() = stored);
        if user_changed {
            notify();
        }
    }
}

/// Loads the stored session at start-up and registers `on_change`, called with the user
/// whenever someone signs in or out (here or in another tab).
pub fn init(on_change: Callback<Option<CurrentUser>>) -> Option<CurrentUser> {
    CURRENT.with(|c| *c.borrow_mut() = read_stored());
    LISTENER.with(|l| *l.borrow_mut() = Some(on_change));
    if let Some(window) = web_sys::window() {
        let listener =
            Closure::<dyn FnMut(web_sys::StorageEvent)>::new(move |e: web_sys::StorageEvent| {
                if e.key().as_deref() == Some(KEY) || e.key().is_none() {
                    reload_from_storage();
                }
            });
        window
            .add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref())
            .ok();
        // Lives as long as the page.
        listener.forget();
    }
    current().map(|s| s.user)
}
