//! Loading data into components: a hook that runs a request when its inputs change, keeps
//! the last result while the next one loads (no flicker), ignores answers that arrive after
//! a newer request was made, and offers a reload.

use crate::api::{self, ApiError};
use renda_openapi::{Congress, Delegation, DeputyGroup, Term};
use std::future::Future;
use std::rc::Rc;
use uuid::Uuid;
use yew::prelude::*;

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

struct State<T> {
    data: Option<Rc<T>>,
    error: Option<ApiError>,
    loading: bool,
}

impl<T> Clone for State<T> {
    fn clone(&self) -> Self {
        State {
            data: self.data.clone(),
            error: self.error.clone(),
            loading: self.loading,
        }
    }
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
    let state = use_state(|| State::<T> {
        data: None,
        error: None,
        loading: deps.is_some(),
    });
    let generation = use_state(|| 0u32);
    let latest = use_mut_ref(|| 0u32);
    {
        let state = state.clone();
        let latest = latest.clone();
        use_effect_with((deps, *generation), move |(deps, _)| {
            *latest.borrow_mut() += 1;
            let mine = *latest.borrow();
            match deps.clone() {
                None => state.set(State {
                    data: None,
                    error: None,
                    loading: false,
                }),
                Some(d) => {
                    let previous = (*state).clone();
                    state.set(State {
                        data: previous.data,
                        error: None,
                        loading: true,
                    });
                    let future = fetch(d);
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = future.await;
                        if *latest.borrow() != mine {
                            return;
                        }
                        match result {
                            Ok(v) => state.set(State {
                                data: Some(Rc::new(v)),
                                error: None,
                                loading: false,
                            }),
                            Err(e) => state.set(State {
                                data: None,
                                error: Some(e),
                                loading: false,
                            }),
                        }
                    });
                }
            }
        });
    }
    let reload = {
        let generation = generation.clone();
        Callback::from(move |_| generation.set(generation.wrapping_add(1)))
    };
    Loaded {
        data: state.data.clone(),
        error: state.error.clone(),
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
