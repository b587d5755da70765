//! Awards (表彰): proposals, the presidium's confirmation.

use super::AreaNav;
use crate::components::widgets::use_title;
use crate::i18n::assessments::office::use_ot;
use yew::prelude::*;

/// Awards of the congress.
#[function_component]
pub fn AwardsPage() -> Html {
    let ot = use_ot();
    use_title(ot.awards_title.to_string());
    html! {
        <section class="page">
            <AreaNav />
            <h1>{ot.awards_title}</h1>
        </section>
    }
}
