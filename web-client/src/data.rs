//! Loading data into components: a hook that runs a request when its inputs change, keeps
//! the last result while the next one loads (no flicker), ignores answers that arrive after
//! a newer request was made, and offers a reload.

use crate::api::{self, ApiError};
use crate::api::{Congress, Delegation, DeputyGroup, Term};
use futures::future::LocalBoxFuture;
use std::any::Any;
use std::future::Future;
use std::rc::Rc;
use uuid::Uuid;
use yew::prelude::*;

/// `use_state` with an initial value computed by the caller: compiled once per state type
/// instead of once per initialiser closure (the wasm stays smaller). The value is computed
/// on every render and used on the first only, so it must be cheap and free of side effects.
#[hook]
pub fn use_value<T: 'static>(init: T) -> UseStateHandle<T> {
    use_state(move || init)
}

/// The state of a request made by [`use_load`].
pub struct Loaded<T> {
    /// The last data received (kept while a newer request is loading).
    pub data: Option<Rc<T>>,
    /// The error of the last request, if it failed.
    pub error: Option<ApiError>,
    /// Whether a request is in flight.
    pub loading: bool,
    /// Makes the request again.
    pub reload: Callback<()>,
}

impl<T> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        Loaded {
            data: self.data.clone(),
            error: self.error.clone(),
            loading: self.loading,
            reload: self.reload.clone(),
        }
    }
}

impl<T> PartialEq for Loaded<T> {
    fn eq(&self, other: &Self) -> bool {
        let same_data = match (&self.data, &other.data) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_data && self.error == other.error && self.loading == other.loading
    }
}

/// What the type-erased loader keeps: the data as `Rc<dyn Any>`, so that the hook's state,
/// effect and task are compiled once for every page instead of once per data type (the
/// wasm stays smaller).
#[derive(Clone)]
struct State {
    data: Option<Rc<dyn Any>>,
    error: Option<ApiError>,
    loading: bool,
}

type ErasedFuture = LocalBoxFuture<'static, Result<Rc<dyn Any>, ApiError>>;

/// Runs the request `fetch` whenever `key` changes (and on reload); `None` is nothing.
#[hook]
fn use_load_erased(key: Option<u64>, fetch: Rc<dyn Fn() -> ErasedFuture>) -> (State, Callback<()>) {
    let state = use_state(|| State {
        data: None,
        error: None,
        loading: key.is_some(),
    });
    let generation = use_state(u32::default);
    let latest = use_mut_ref(u32::default);
    let fetch_now = use_mut_ref(|| fetch.clone());
    *fetch_now.borrow_mut() = fetch;
    {
        let state = state.clone();
        use_effect_with((key, *generation), move |(key, _)| {
            *latest.borrow_mut() += 1;
            let mine = *latest.borrow();
            if key.is_none() {
                state.set(State {
                    data: None,
                    error: None,
                    loading: false,
                });
                return;
            }
            state.set(State {
                data: state.data.clone(),
                error: None,
                loading: true,
            });
            let future = (fetch_now.borrow())();
            wasm_bindgen_futures::spawn_local(async move {
                let result = future.await;
                if *latest.borrow() != mine {
                    return;
                }
                state.set(match result {
                    Ok(v) => State {
                        data: Some(v),
                        error: None,
                        loading: false,
                    },
                    Err(e) => State {
                        data: None,
                        error: Some(e),
                        loading: false,
                    },
                });
            });
        });
    }
    let reload = Callback::from(move |_| generation.set(generation.wrapping_add(1)));
    ((*state).clone(), reload)
}

/// Runs `fetch(deps)` whenever `deps` change (and on reload). With `deps` of `None` nothing
/// is requested and the state is empty.
#[hook]
pub fn use_load<T, D, F, Fut>(deps: Option<D>, fetch: F) -> Loaded<T>
where
    T: 'static,
    D: PartialEq + Clone + 'static,
    F: Fn(D) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    // The deps become a number that changes when they do.
    let seen = use_mut_ref(|| (0u64, None::<D>));
    let key = {
        let mut seen = seen.borrow_mut();
        if seen.1 != deps {
            seen.0 += 1;
            seen.1 = deps.clone();
        }
        deps.as_ref().map(|_| seen.0)
    };
    let fetch: Rc<dyn Fn() -> ErasedFuture> = Rc::new(move || {
        let d = deps.clone();
        let future = d.map(&fetch);
        Box::pin(async move {
            match future {
                Some(f) => f.await.map(|v| Rc::new(v) as Rc<dyn Any>),
                None => Err(ApiError::Decode),
            }
        })
    });
    let (state, reload) = use_load_erased(key, fetch);
    Loaded {
        data: state.data.and_then(|d| d.downcast::<T>().ok()),
        error: state.error,
        loading: state.loading,
        reload,
    }
}

/// The congresses in the user's scope.
#[hook]
pub fn use_congresses() -> Loaded<Vec<Congress>> {
    use_load(Some(()), |_| api::congresses())
}

/// Terms, delegations and deputy groups of one congress.
#[derive(Clone, PartialEq)]
pub struct Units {
    /// Terms, newest first.
    pub terms: Loaded<Vec<Term>>,
    /// Delegations by name.
    pub delegations: Loaded<Vec<Delegation>>,
    /// Deputy groups by name.
    pub groups: Loaded<Vec<DeputyGroup>>,
}

/// Terms, delegations and deputy groups of `congress` (nothing when `None`).
#[hook]
pub fn use_units(congress: Option<Uuid>) -> Units {
    Units {
        terms: use_load(congress, api::terms),
        delegations: use_load(congress, api::delegations),
        groups: use_load(congress, api::deputy_groups),
    }
}

/// The congress whose units a form or filter offers: the chosen one, or the only one in scope.
pub fn effective_congress(
    chosen: Option<Uuid>,
    congresses: &Loaded<Vec<Congress>>,
) -> Option<Uuid> {
    chosen.or_else(|| {
        congresses
            .data
            .as_ref()
            .and_then(|c| if c.len() == 1 { Some(c[0].id) } else { None })
    })
}
