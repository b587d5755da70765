//! Assessment schemes (考核细则): the list of versions and the editor.

use super::AreaNav;
use crate::components::widgets::use_title;
use crate::i18n::assessments::office::use_ot;
use yew::prelude::*;

/// The schemes of the congress.
#[function_component]
pub fn SchemesPage() -> Html {
    let ot = use_ot();
    use_title(ot.schemes_title.to_string());
    html! {
        <section class="page">
            <AreaNav />
            <h1>{ot.schemes_title}</h1>
        </section>
    }
}
