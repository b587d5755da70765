//! Renda's web client: the single-page app that the congress office works in.
//!
//! Built with Yew for `wasm32-unknown-unknown` (see `web-client/build.sh`) and served by
//! `renda serve` at `/`. It talks to `/api/v1` with the wire types of `renda-openapi`.
//!
//! - [`i18n`]: every string of the interface, in Chinese (default) and English;
//! - [`session`] and [`api`]: the signed-in session and the HTTP client, with
//!   [`tab_lock`] so that tabs refresh the session one at a time;
//! - [`validate`]: the server's field rules, checked before a form is sent;
//! - [`data`]: loading data into components;
//! - [`components`]: the layout and the widgets shared by the pages;
//! - [`pages`]: login, the deputies list, a deputy, the deputy form, the import wizard, the
//!   calendar, an activity with its attendance, the check-in screen, attendance rates, and
//!   the suggestions' lists, board, form and handling page, and the assessment area
//!   (我的履职, records, the review queue, schemes, runs, awards, duty reports, appraisals).
//!
//! The app ships as one wasm bundle per [`Area`] (cargo features `registry`, `meetings`,
//! `suggestions`, `assessments`, `assessment_schemes`, `assessment_office`,
//! `assessment_duties`), each with the shell and its own screens, each under the 400 KB
//! (gzipped) budget: `index.html` loads the bundle of the address's area, and a link into another area loads that area's bundle (a full
//! page load, the session kept in storage). Every bundle knows every [`Route`].

#![warn(missing_docs)]

pub mod api;
pub mod components;
pub mod data;
pub mod flash;
pub mod i18n;
pub mod json;
pub mod pages;
pub mod session;
pub mod tab_lock;
pub mod validate;

use crate::data::use_value;
use i18n::{Lang, LangCtx};
use renda_openapi::{CurrentUser, Role};
use std::rc::Rc;
use uuid::Uuid;
use wasm_bindgen::prelude::*;
use yew::prelude::*;
use yew_router::prelude::*;

/// The client-side routes. Anything else shows the not-found page.
#[derive(Debug, Clone, PartialEq, Routable)]
pub enum Route {
    /// The start page: the deputies list.
    #[at("/")]
    Home,
    /// Sign in.
    #[at("/login")]
    Login,
    /// The deputies list, its filters in the query string.
    #[at("/deputies")]
    Deputies,
    /// Register a deputy.
    #[at("/deputies/new")]
    NewDeputy,
    /// One deputy.
    #[at("/deputies/:id")]
    Deputy {
        /// The deputy's id.
        id: Uuid,
    },
    /// Edit a deputy.
    #[at("/deputies/:id/edit")]
    EditDeputy {
        /// The deputy's id.
        id: Uuid,
    },
    /// The roster import wizard.
    #[at("/import")]
    Import,
    /// The calendar of activities (`?month=YYYY-MM&view=list&kind=…`).
    #[at("/calendar")]
    Calendar,
    /// Create an activity.
    #[at("/activities/new")]
    NewActivity,
    /// One activity: details, attendance, quorum, leave.
    #[at("/activities/:id")]
    Activity {
        /// The activity's id.
        id: Uuid,
    },
    /// Edit an activity.
    #[at("/activities/:id/edit")]
    EditActivity {
        /// The activity's id.
        id: Uuid,
    },
    /// The phone-friendly check-in screen of an activity.
    #[at("/activities/:id/check-in")]
    CheckIn {
        /// The activity's id.
        id: Uuid,
    },
    /// Attendance rates by deputy, group or term.
    #[at("/attendance")]
    AttendanceRates,
    /// Suggestions: a deputy's own, the office's inbox, a handling organisation's items
    /// (`?status=…&overdue=true&view=board`).
    #[at("/suggestions")]
    Suggestions,
    /// Draft a suggestion.
    #[at("/suggestions/new")]
    NewSuggestion,
    /// One suggestion with its handling and the steps the user may take.
    #[at("/suggestions/:id")]
    Suggestion {
        /// The suggestion's id.
        id: Uuid,
    },
    /// Edit a draft.
    #[at("/suggestions/:id/edit")]
    EditSuggestion {
        /// The suggestion's id.
        id: Uuid,
    },
    /// The handling report by organisation and category, with its XLSX export.
    #[at("/suggestions/report")]
    SuggestionReport,
    /// 我的履职: the signed-in deputy's record, entries, corrections, score and objection
    /// (`?year=`).
    #[at("/my-record")]
    MyRecord,
    /// The office's list of deputies' performance records (`?year=&term_id=&sort=`).
    #[at("/records")]
    Records,
    /// One deputy's performance record (`?year=`).
    #[at("/records/:deputy_id")]
    Record {
        /// The deputy's id.
        deputy_id: Uuid,
    },
    /// The office's review queue of self-declared entries and correction requests.
    #[at("/review")]
    Review,
    /// Assessment schemes (考核细则) and their editor.
    #[at("/assessment-schemes")]
    AssessmentSchemes,
    /// Assessment runs (考核).
    #[at("/assessment-runs")]
    AssessmentRuns,
    /// One assessment run: ranking, ratings, objections, publication and freezing.
    #[at("/assessment-runs/:id")]
    AssessmentRun {
        /// The run's id.
        id: Uuid,
    },
    /// Awards (表彰): outstanding deputies and groups, confirmed by the presidium.
    #[at("/awards")]
    Awards,
    /// Duty reports to constituents (述职评议) and their ballots.
    #[at("/duty-reports")]
    DutyReports,
    /// Work appraisals (工作评议) of government departments.
    #[at("/work-appraisals")]
    WorkAppraisals,
    /// What the congress publishes about its deputies (the office; DL 58).
    #[at("/publication")]
    Publication,
    /// A congress's public list of deputies, read without signing in.
    #[at("/public/congresses/:id")]
    PublicDeputies {
        /// The congress.
        id: Uuid,
    },
    /// A deputy's public page, read without signing in.
    #[at("/public/deputies/:id")]
    PublicDeputy {
        /// The deputy.
        id: Uuid,
    },
    /// No such page.
    #[not_found]
    #[at("/404")]
    NotFound,
}

/// A part of the app built into its own wasm bundle (see the crate documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// Deputies and the roster import (also login and the start page).
    Registry,
    /// Calendar, activities, check-in and attendance rates.
    Meetings,
    /// Deputies' suggestions.
    Suggestions,
    /// Performance records (我的履职, the office's list), entries and corrections to review.
    Assessments,
    /// The office's assessment runs: their ranking, chart and objections.
    AssessmentOffice,
    /// The scheme editor (考核细则) with its templates.
    AssessmentSchemes,
    /// The presidium's awards, duty reports to constituents with their ballots, and work
    /// appraisals.
    AssessmentDuties,
}

impl Area {
    /// The bundle's name: its cargo feature, its files under `/pkg/`, its key in
    /// `index.html`'s `AREAS`.
    pub fn bundle(self) -> &'static str {
        match self {
            Area::Registry => "registry",
            Area::Meetings => "meetings",
            Area::Suggestions => "suggestions",
            Area::Assessments => "assessments",
            Area::AssessmentOffice => "assessment_office",
            Area::AssessmentSchemes => "assessment_schemes",
            Area::AssessmentDuties => "assessment_duties",
        }
    }
}

impl Route {
    /// Whether anyone may open this route without signing in: the login page and the
    /// public pages of deputies.
    pub fn is_open(&self) -> bool {
        matches!(
            self,
            Route::Login | Route::PublicDeputies { .. } | Route::PublicDeputy { .. }
        )
    }

    /// The area whose bundle shows this route. `index.html` picks the bundle by the same
    /// path prefixes.
    pub fn area(&self) -> Area {
        match self {
            Route::Calendar
            | Route::NewActivity
            | Route::Activity { .. }
            | Route::EditActivity { .. }
            | Route::CheckIn { .. }
            | Route::AttendanceRates => Area::Meetings,
            Route::Suggestions
            | Route::NewSuggestion
            | Route::Suggestion { .. }
            | Route::EditSuggestion { .. }
            | Route::SuggestionReport => Area::Suggestions,
            Route::MyRecord | Route::Records | Route::Record { .. } | Route::Review => {
                Area::Assessments
            }
            Route::AssessmentSchemes => Area::AssessmentSchemes,
            Route::AssessmentRuns | Route::AssessmentRun { .. } => Area::AssessmentOffice,
            Route::Awards
            | Route::DutyReports
            | Route::WorkAppraisals
            | Route::Publication
            | Route::PublicDeputies { .. }
            | Route::PublicDeputy { .. } => Area::AssessmentDuties,
            _ => Area::Registry,
        }
    }
}

/// The signed-in user, provided to every page; `None` before login.
#[derive(Clone, PartialEq)]
pub struct AuthCtx {
    /// Who is signed in.
    pub user: Option<Rc<CurrentUser>>,
}

impl AuthCtx {
    /// Whether the user may change the registry (create, edit, import).
    pub fn can_write(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| matches!(u.role, Role::Admin | Role::Staff | Role::Integration))
    }

    /// Whether the user may suspend, resume or terminate mandates.
    pub fn can_change_status(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| matches!(u.role, Role::Admin | Role::Staff))
    }

    /// Whether the user may export lists.
    pub fn can_export(&self) -> bool {
        self.user.as_ref().is_some_and(|u| {
            matches!(
                u.role,
                Role::Admin | Role::Staff | Role::Presidium | Role::Integration
            )
        })
    }

    /// Whether the server shows this user the contacts (phone, address) of deputy `id`
    /// unmasked: administrators, office staff and presidium, and a deputy their own.
    pub fn sees_contacts(&self, id: Uuid) -> bool {
        self.user.as_ref().is_some_and(|u| {
            matches!(u.role, Role::Admin | Role::Staff | Role::Presidium) || u.deputy_id == Some(id)
        })
    }

    /// The signed-in user's role.
    pub fn role(&self) -> Option<Role> {
        self.user.as_ref().map(|u| u.role)
    }

    /// Whether the user works for the congress office (administrator or staff): reviews,
    /// refers and closes suggestions.
    pub fn is_office(&self) -> bool {
        matches!(self.role(), Some(Role::Admin | Role::Staff))
    }

    /// Whether the user may edit this deputy: writers any, a deputy their own record.
    pub fn can_edit_deputy(&self, id: Uuid) -> bool {
        self.can_write()
            || self
                .user
                .as_ref()
                .is_some_and(|u| u.role == Role::Deputy && u.deputy_id == Some(id))
    }
}

/// Where to return after login, kept for the tab.
const NEXT_KEY: &str = "renda.next";

fn remember_next(path: &str) {
    if let Some(s) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        s.set_item(NEXT_KEY, path).ok();
    }
}

/// The page to open after login (where the user was sent away from), once.
pub fn take_next() -> Option<String> {
    let s = web_sys::window()?.session_storage().ok().flatten()?;
    let next = s.get_item(NEXT_KEY).ok().flatten();
    s.remove_item(NEXT_KEY).ok();
    next.filter(|p| p.starts_with('/') && !p.starts_with("/login"))
}

/// Shows a route of another area: the page is loaded again, so that `index.html` starts
/// that area's bundle (the address is already the route's).
fn other_area() -> Html {
    if let Some(w) = web_sys::window() {
        w.location().reload().ok();
    }
    components::widgets::loading("…")
}

fn switch(route: Route, role: Option<Role>) -> Html {
    if role.is_none() && !route.is_open() {
        if let Some(loc) = web_sys::window().map(|w| w.location()) {
            let path = format!(
                "{}{}",
                loc.pathname().unwrap_or_default(),
                loc.search().unwrap_or_default()
            );
            if path != "/" {
                remember_next(&path);
            }
        }
        return html! { <Redirect<Route> to={Route::Login} /> };
    }
    match route {
        Route::Login => html! { <pages::login::LoginPage /> },
        // A handling organisation works only on the suggestions referred to it.
        Route::Home if role == Some(Role::HandlingOrg) => {
            html! { <Redirect<Route> to={Route::Suggestions} /> }
        }
        Route::Home => html! { <Redirect<Route> to={Route::Deputies} /> },
        Route::NotFound => html! { <pages::not_found::NotFoundPage /> },
        #[cfg(feature = "registry")]
        Route::Deputies => html! { <pages::deputies::DeputiesPage /> },
        #[cfg(feature = "registry")]
        Route::NewDeputy => html! { <pages::deputy_form::DeputyFormPage id={None::<Uuid>} /> },
        #[cfg(feature = "registry")]
        Route::Deputy { id } => html! { <pages::deputy::DeputyPage {id} /> },
        #[cfg(feature = "registry")]
        Route::EditDeputy { id } => html! { <pages::deputy_form::DeputyFormPage id={Some(id)} /> },
        #[cfg(feature = "registry")]
        Route::Import => html! { <pages::import::ImportPage /> },
        #[cfg(feature = "meetings")]
        Route::Calendar => html! { <pages::calendar::CalendarPage /> },
        #[cfg(feature = "meetings")]
        Route::NewActivity => {
            html! { <pages::activity_form::ActivityFormPage id={None::<Uuid>} /> }
        }
        #[cfg(feature = "meetings")]
        Route::Activity { id } => html! { <pages::activity::ActivityPage {id} /> },
        #[cfg(feature = "meetings")]
        Route::EditActivity { id } => {
            html! { <pages::activity_form::ActivityFormPage id={Some(id)} /> }
        }
        #[cfg(feature = "meetings")]
        Route::CheckIn { id } => html! { <pages::check_in::CheckInPage {id} /> },
        #[cfg(feature = "meetings")]
        Route::AttendanceRates => html! { <pages::attendance_rates::AttendanceRatesPage /> },
        #[cfg(feature = "suggestions")]
        Route::Suggestions => html! { <pages::suggestions::SuggestionsPage /> },
        #[cfg(feature = "suggestions")]
        Route::NewSuggestion => {
            html! { <pages::suggestion_form::SuggestionFormPage id={None::<Uuid>} /> }
        }
        #[cfg(feature = "suggestions")]
        Route::Suggestion { id } => html! { <pages::suggestion::SuggestionPage {id} /> },
        #[cfg(feature = "suggestions")]
        Route::EditSuggestion { id } => {
            html! { <pages::suggestion_form::SuggestionFormPage id={Some(id)} /> }
        }
        #[cfg(feature = "suggestions")]
        Route::SuggestionReport => html! { <pages::suggestion_report::SuggestionReportPage /> },
        #[cfg(feature = "assessments")]
        r @ (Route::MyRecord | Route::Records | Route::Record { .. } | Route::Review) => {
            pages::assessments::switch(r)
        }
        #[cfg(feature = "assessment_office")]
        r @ (Route::AssessmentRuns | Route::AssessmentRun { .. }) => pages::assessments::switch(r),
        #[cfg(feature = "assessment_schemes")]
        Route::AssessmentSchemes => pages::assessments::switch(Route::AssessmentSchemes),
        #[cfg(feature = "assessment_duties")]
        r @ (Route::Awards
        | Route::DutyReports
        | Route::WorkAppraisals
        | Route::Publication
        | Route::PublicDeputies { .. }
        | Route::PublicDeputy { .. }) => pages::assessments::switch(r),
        #[allow(unreachable_patterns)]
        _ => other_area(),
    }
}

/// The root component: language and session contexts, router and layout.
#[function_component]
pub fn App() -> Html {
    let lang = use_state(Lang::load);
    let user = use_value(None::<Rc<CurrentUser>>);
    {
        let user = user.clone();
        use_effect_with((), move |_| {
            let setter = user.setter();
            let initial = session::init(Callback::from(move |u: Option<CurrentUser>| {
                setter.set(u.map(Rc::new));
            }));
            user.set(initial.clone().map(Rc::new));
            if initial.is_some() {
                // Confirms the stored session (refreshing the token when it has expired)
                // and picks up changes to the user's name or role.
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(me) = api::me().await {
                        session::set_user(me);
                    }
                });
            }
        });
    }
    {
        let lang = *lang;
        use_effect_with(lang, move |lang| lang.apply());
    }
    let lang_ctx = LangCtx {
        lang: *lang,
        set: {
            let lang = lang.clone();
            Callback::from(move |l: Lang| {
                l.store();
                lang.set(l);
            })
        },
    };
    let auth = AuthCtx {
        user: (*user).clone(),
    };
    let role = auth.role();
    html! {
        <ContextProvider<LangCtx> context={lang_ctx}>
            <ContextProvider<AuthCtx> context={auth}>
                <BrowserRouter>
                    <components::layout::Layout>
                        <Switch<Route> render={move |r| switch(r, role)} />
                    </components::layout::Layout>
                </BrowserRouter>
            </ContextProvider<AuthCtx>>
        </ContextProvider<LangCtx>>
    }
}

/// Entry point called by the generated JavaScript.
#[wasm_bindgen(start)]
pub fn start() {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
    {
        el.set_inner_html("");
        yew::Renderer::<App>::with_root(el).render();
    } else {
        yew::Renderer::<App>::new().render();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// `index.html` picks the bundle by path prefix: it must agree with [`Route::area`], or a
    /// link would load a bundle that reloads the page for ever.
    #[test]
    fn index_html_loads_the_bundle_of_each_routes_area() {
        let html = include_str!("../index.html");
        let line = html
            .lines()
            .find(|l| l.trim_start().starts_with("const AREAS ="))
            .expect("AREAS in index.html");
        let json = line
            .split_once('=')
            .expect("=")
            .1
            .trim()
            .trim_end_matches(';');
        let areas: HashMap<String, Vec<String>> = serde_json::from_str(json).expect("JSON");
        let id = Uuid::nil();
        let routes = [
            Route::Home,
            Route::Login,
            Route::Deputies,
            Route::NewDeputy,
            Route::Deputy { id },
            Route::EditDeputy { id },
            Route::Import,
            Route::Calendar,
            Route::NewActivity,
            Route::Activity { id },
            Route::EditActivity { id },
            Route::CheckIn { id },
            Route::AttendanceRates,
            Route::Suggestions,
            Route::NewSuggestion,
            Route::Suggestion { id },
            Route::EditSuggestion { id },
            Route::SuggestionReport,
            Route::MyRecord,
            Route::Records,
            Route::Record { deputy_id: id },
            Route::Review,
            Route::AssessmentSchemes,
            Route::AssessmentRuns,
            Route::AssessmentRun { id },
            Route::Awards,
            Route::DutyReports,
            Route::WorkAppraisals,
            Route::Publication,
            Route::PublicDeputies { id },
            Route::PublicDeputy { id },
            Route::NotFound,
        ];
        for route in routes {
            let path = route.to_path();
            let by_html = areas
                .iter()
                .find(|(_, prefixes)| {
                    prefixes
                        .iter()
                        .any(|p| path == *p || path.starts_with(&format!("{p}/")))
                })
                .map(|(a, _)| a.as_str())
                .unwrap_or("registry");
            let by_route = route.area().bundle();
            assert_eq!(by_html, by_route, "{path}");
        }
    }
}
