//! Assessment runs (考核): the list and a new run.

use super::AreaNav;
use crate::components::widgets::use_title;
use crate::i18n::assessments::office::use_ot;
use yew::prelude::*;

/// The runs of the congress.
#[function_component]
pub fn RunsPage() -> Html {
    let ot = use_ot();
    use_title(ot.runs_title.to_string());
    html! {
        <section class="page">
            <AreaNav />
            <h1>{ot.runs_title}</h1>
        </section>
    }
}
