//! RecordsPage.

use super::AreaNav;
use crate::components::widgets::use_title;
use crate::i18n::assessments::use_at;
use yew::prelude::*;

/// RecordsPage.
#[function_component]
pub fn RecordsPage() -> Html {
    let at = use_at();
    use_title(at.records_title.to_string());
    html! {
        <section class="page">
            <AreaNav />
            <h1>{at.records_title}</h1>
        </section>
    }
}
