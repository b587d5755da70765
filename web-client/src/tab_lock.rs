//! A lock shared by the tabs of one browser, so that one thing at a time happens across
//! them (the token refresh: a refresh token is good for one use, and two tabs rotating it
//! at once look like a stolen token to the server, which then ends the session).
//!
//! Uses the Web Locks API (`navigator.locks`), and where it is missing (a page served over
//! plain HTTP from another host) a lease in `localStorage`.

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long a `localStorage` lease lasts, and how long a tab waits for one at most.
const LEASE_MS: f64 = 10_000.0;

/// The lock while held; dropping it releases it.
pub struct TabLock {
    /// Resolves the promise that `navigator.locks` holds the lock for.
    release: Option<js_sys::Function>,
    /// The `localStorage` lease: its key and this holder's value.
    lease: Option<(String, String)>,
}

impl Drop for TabLock {
    fn drop(&mut self) {
        if let Some(release) = self.release.take() {
            release.call0(&JsValue::NULL).ok();
        }
        if let Some((key, mine)) = self.lease.take() {
            if let Some(s) = storage() {
                if s.get_item(&key).ok().flatten().as_deref() == Some(mine.as_str()) {
                    s.remove_item(&key).ok();
                }
            }
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                .ok();
        }
    });
    JsFuture::from(promise).await.ok();
}

/// `navigator.locks.request` as a function, with `navigator.locks` as its `this`.
fn web_locks() -> Option<(JsValue, js_sys::Function)> {
    let window = web_sys::window()?;
    let navigator = js_sys::Reflect::get(&window, &JsValue::from_str("navigator")).ok()?;
    let locks = js_sys::Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
    if locks.is_undefined() || locks.is_null() {
        return None;
    }
    let request = js_sys::Reflect::get(&locks, &JsValue::from_str("request"))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    Some((locks, request))
}

type Granted = Rc<RefCell<Option<futures::channel::oneshot::Sender<Option<js_sys::Function>>>>>;

/// Waits for the lock `name` (exclusive across the tabs of this browser).
pub async fn acquire(name: &str) -> TabLock {
    if let Some((locks, request)) = web_locks() {
        let (tx, rx) = futures::channel::oneshot::channel();
        let tx: Granted = Rc::new(RefCell::new(Some(tx)));
        // Called when the lock is granted: holds it until the returned promise resolves.
        let on_grant = {
            let tx = tx.clone();
            Closure::once_into_js(move |_lock: JsValue| -> js_sys::Promise {
                js_sys::Promise::new(&mut |resolve, _| {
                    if let Some(tx) = tx.borrow_mut().take() {
                        tx.send(Some(resolve)).ok();
                    }
                })
            })
        };
        if let Ok(done) = request.call2(&locks, &JsValue::from_str(name), &on_grant) {
            if let Ok(done) = done.dyn_into::<js_sys::Promise>() {
                // A refused request (no lock granted) falls back to the lease below.
                wasm_bindgen_futures::spawn_local(async move {
                    if JsFuture::from(done).await.is_err() {
                        if let Some(tx) = tx.borrow_mut().take() {
                            tx.send(None).ok();
                        }
                    }
                });
                if let Ok(Some(release)) = rx.await {
                    return TabLock {
                        release: Some(release),
                        lease: None,
                    };
                }
            }
        }
    }
    lease(name).await
}

/// How long a tab waits after writing its lease before it checks that the lease is still
/// its own: writes reach the other tabs (other processes) asynchronously.
const SETTLE_MS: i32 = 150;

/// Whether another holder's lease (`<holder> <until ms>`) is stored and still running.
fn held(s: &web_sys::Storage, key: &str) -> bool {
    s.get_item(key)
        .ok()
        .flatten()
        .and_then(|v| {
            v.split_once(' ')
                .and_then(|(_, until)| until.parse::<u64>().ok())
        })
        .is_some_and(|until| until as f64 > js_sys::Date::now())
}

/// The fallback: a lease in `localStorage`. A free lease is taken after a random pause
/// (so that tabs woken together do not write together), then checked again after the
/// writes of other tabs have had time to arrive.
async fn lease(name: &str) -> TabLock {
    let key = format!("renda.lock.{name}");
    // Integers only: formatting or parsing a float would bring core's float code into the wasm.
    let mine = ((js_sys::Math::random() * 1e15) as u64).to_string();
    let started = js_sys::Date::now();
    while let Some(s) = storage() {
        if js_sys::Date::now() - started > LEASE_MS {
            break;
        }
        if held(&s, &key) {
            sleep(50).await;
            continue;
        }
        sleep((js_sys::Math::random() * 100.0) as i32).await;
        if held(&s, &key) {
            continue;
        }
        let value = format!("{mine} {}", (js_sys::Date::now() + LEASE_MS) as u64);
        s.set_item(&key, &value).ok();
        // Another tab writing at about the same moment: the last write wins once every
        // tab has seen both.
        sleep(SETTLE_MS).await;
        if s.get_item(&key).ok().flatten().as_deref() == Some(value.as_str()) {
            return TabLock {
                release: None,
                lease: Some((key, value)),
            };
        }
    }
    TabLock {
        release: None,
        lease: None,
    }
}
