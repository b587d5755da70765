//! MyRecordPage.

use super::AreaNav;
use crate::components::widgets::use_title;
use crate::i18n::assessments::use_at;
use yew::prelude::*;

/// MyRecordPage.
#[function_component]
pub fn MyRecordPage() -> Html {
    let at = use_at();
    use_title(at.my_record_title.to_string());
    html! {
        <section class="page">
            <AreaNav />
            <h1>{at.my_record_title}</h1>
            <p class="muted">{at.no_deputy_account}</p>
        </section>
    }
}
