//! The page for an address that is no screen of the app.

use crate::components::widgets::{empty, use_title};
use crate::i18n::use_t;
use crate::Route;
use yew::prelude::*;
use yew_router::prelude::*;

/// "Page not found", with a way back to the deputies list.
#[function_component]
pub fn NotFoundPage() -> Html {
    let t = use_t();
    use_title(t.not_found_title.to_string());
    html! {
        <section class="page">
            <h1>{t.not_found_title}</h1>
            {empty(t.not_found_text, html! {
                <Link<Route> to={Route::Deputies} classes="btn">{t.back_to_list}</Link<Route>>
            })}
        </section>
    }
}
