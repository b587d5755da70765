//! ReviewPage.

use super::AreaNav;
use crate::components::widgets::use_title;
use crate::i18n::assessments::use_at;
use yew::prelude::*;

/// ReviewPage.
#[function_component]
pub fn ReviewPage() -> Html {
    let at = use_at();
    use_title(at.review_title.to_string());
    html! {
        <section class="page">
            <AreaNav />
            <h1>{at.review_title}</h1>
        </section>
    }
}
