//! The page frame: a skip link, the header with the navigation of the areas, the signed-in
//! user and role, the language switch and logout, then the page.

use crate::data::use_value;
use crate::i18n::{use_lang, use_t, Lang, LangCtx, Texts};
use crate::{api, AuthCtx, Route};
use yew::prelude::*;
use yew_router::prelude::*;

/// Props of [`Layout`].
#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    /// The page.
    pub children: Html,
}

/// The language switch: a select, so that it works with the keyboard and screen readers.
/// A plain function rather than a component (less code in the wasm).
pub fn language_switch(t: &Texts, ctx: &LangCtx) -> Html {
    let onchange = {
        let set = ctx.set.clone();
        Callback::from(move |e: Event| {
            let value = crate::components::widgets::select_value(&e);
            set.emit(if value == "en" { Lang::En } else { Lang::Zh });
        })
    };
    html! {
        <label class="lang-switch">
            <span class="visually-hidden">{t.language}</span>
            <select id="language" {onchange} aria-label={t.language}>
                <option value="zh-CN" lang="zh-CN" selected={ctx.lang == Lang::Zh}>{"中文"}</option>
                <option value="en" lang="en" selected={ctx.lang == Lang::En}>{"English"}</option>
            </select>
        </label>
    }
}

/// The frame around every page. Before login it shows only the title and the language switch.
#[function_component]
pub fn Layout(props: &LayoutProps) -> Html {
    let t = use_t();
    let lang = use_lang();
    let auth = use_context::<AuthCtx>().expect("AuthCtx");
    let route = use_route::<Route>();
    let menu_open = use_value(bool::default());
    let navigator = use_navigator();
    let logging_out = use_value(bool::default());

    let on_logout = {
        let logging_out = logging_out.clone();
        let navigator = navigator.clone();
        Callback::from(move |_: MouseEvent| {
            logging_out.set(true);
            let navigator = navigator.clone();
            let logging_out = logging_out.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // Set first: ending the session already shows the login page.
                crate::flash::set(crate::flash::Notice::LoggedOut);
                api::logout().await;
                logging_out.set(false);
                if let Some(n) = navigator {
                    n.push(&Route::Login);
                }
            });
        })
    };
    let toggle_menu = {
        let menu_open = menu_open.clone();
        Callback::from(move |_: MouseEvent| menu_open.set(!*menu_open))
    };
    let close_menu = {
        let menu_open = menu_open.clone();
        Callback::from(move |_: MouseEvent| menu_open.set(false))
    };

    let in_deputies = matches!(
        route,
        Some(
            Route::Deputies
                | Route::Deputy { .. }
                | Route::NewDeputy
                | Route::EditDeputy { .. }
                | Route::Home
        )
    );
    let own = auth.user.as_ref().and_then(|u| u.deputy_id);
    let in_own = own.is_some() && matches!(route, Some(Route::Deputy { id }) if Some(id) == own);
    let in_deputies = in_deputies && !in_own;
    let in_import = matches!(route, Some(Route::Import));
    let in_calendar = matches!(
        route,
        Some(
            Route::Calendar
                | Route::NewActivity
                | Route::Activity { .. }
                | Route::EditActivity { .. }
                | Route::CheckIn { .. }
        )
    );
    let in_rates = matches!(route, Some(Route::AttendanceRates));
    let in_suggestions = route
        .as_ref()
        .is_some_and(|r| r.area() == crate::Area::Suggestions);
    // A handling organisation sees only the suggestions referred to it.
    let registry_user = auth.role() != Some(renda_openapi::Role::HandlingOrg);
    let in_assessments = route.as_ref().is_some_and(|r| {
        matches!(
            r.area(),
            crate::Area::Assessments | crate::Area::AssessmentOffice
        )
    });
    let in_my_performance = matches!(route, Some(Route::MyRecord));
    let assessment_office = matches!(
        auth.role(),
        Some(
            renda_openapi::Role::Admin
                | renda_openapi::Role::Staff
                | renda_openapi::Role::Presidium
        )
    );
    let at = crate::i18n::assessments::use_at();
    let st = crate::i18n::suggestions::use_st();
    let mt = crate::i18n::meetings::use_mt();
    let current = |on: bool| if on { Some("page") } else { None };

    let nav = auth.user.as_ref().map(|_| {
        html! {
            <nav id="main-nav" class={classes!("main-nav", (*menu_open).then_some("open"))} aria-label={t.nav_label}>
                <ul>
                    if registry_user {
                    <li onclick={close_menu.clone()}>
                        <Link<Route> to={Route::Deputies} classes={classes!(in_deputies.then_some("active"))}>
                            <span aria-current={current(in_deputies)}>{t.nav_deputies}</span>
                        </Link<Route>>
                    </li>
                    <li onclick={close_menu.clone()}>
                        <Link<Route> to={Route::Calendar} classes={classes!(in_calendar.then_some("active"))}>
                            <span aria-current={current(in_calendar)} id="nav-calendar">{mt.nav_calendar}</span>
                        </Link<Route>>
                    </li>
                    <li onclick={close_menu.clone()}>
                        <Link<Route> to={Route::AttendanceRates} classes={classes!(in_rates.then_some("active"))}>
                            <span aria-current={current(in_rates)}>{mt.nav_rates}</span>
                        </Link<Route>>
                    </li>
                    }
                    <li onclick={close_menu.clone()}>
                        <Link<Route> to={Route::Suggestions} classes={classes!(in_suggestions.then_some("active"))}>
                            <span aria-current={current(in_suggestions)} id="nav-suggestions">{st.nav_suggestions}</span>
                        </Link<Route>>
                    </li>
                    if let Some(id) = own {
                        <li onclick={close_menu.clone()}>
                            <Link<Route> to={Route::Deputy { id }} classes={classes!(in_own.then_some("active"))}>
                                <span aria-current={current(in_own)}>{t.nav_my_record}</span>
                            </Link<Route>>
                        </li>
                    }
                    if own.is_some() {
                        <li onclick={close_menu.clone()}>
                            <Link<Route> to={Route::MyRecord} classes={classes!(in_my_performance.then_some("active"))}>
                                <span aria-current={current(in_my_performance)} id="nav-my-performance">{at.nav_my_performance}</span>
                            </Link<Route>>
                        </li>
                    }
                    if assessment_office {
                        <li onclick={close_menu.clone()}>
                            <Link<Route> to={Route::Records} classes={classes!((in_assessments && !in_my_performance).then_some("active"))}>
                                <span aria-current={current(in_assessments && !in_my_performance)} id="nav-assessments">{at.nav_assessments}</span>
                            </Link<Route>>
                        </li>
                    }
                    if auth.can_write() {
                        <li onclick={close_menu.clone()}>
                            <Link<Route> to={Route::Import} classes={classes!(in_import.then_some("active"))}>
                                <span aria-current={current(in_import)}>{t.nav_import}</span>
                            </Link<Route>>
                        </li>
                    }
                </ul>
            </nav>
        }
    });

    let user_box = auth.user.as_ref().map(|u| {
        html! {
            <div class="user-box">
                <span class="user-name" id="current-user">
                    {&u.display_name}
                    <span class="role-badge">{t.role(u.role)}</span>
                </span>
                <button type="button" class="btn btn-quiet" id="logout" onclick={on_logout.clone()} disabled={*logging_out}>
                    { if *logging_out { t.logging_out } else { t.logout } }
                </button>
            </div>
        }
    });

    html! {
        <>
            <a class="skip-link" href="#main">{t.skip_to_content}</a>
            <header class="app-header">
                <div class="brand">
                    <span class="brand-mark" aria-hidden="true">{"人"}</span>
                    <span class="brand-name">{t.app_name}</span>
                </div>
                if auth.user.is_some() {
                    <button type="button" class="btn btn-quiet menu-toggle" aria-controls="main-nav"
                        aria-expanded={(*menu_open).to_string()} onclick={toggle_menu}>
                        {t.menu}
                    </button>
                }
                { nav.unwrap_or_default() }
                <div class="header-tools">
                    {language_switch(t, &lang)}
                    { user_box.unwrap_or_default() }
                </div>
            </header>
            <main id="main" tabindex="-1">
                { props.children.clone() }
            </main>
        </>
    }
}
