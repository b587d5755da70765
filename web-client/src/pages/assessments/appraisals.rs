//! Work appraisals (工作评议) of government departments: plan and stages.

use super::AreaNav;
use crate::components::widgets::use_title;
use crate::i18n::assessments::office::use_ot;
use yew::prelude::*;

/// Work appraisals of the congress.
#[function_component]
pub fn AppraisalsPage() -> Html {
    let ot = use_ot();
    use_title(ot.appraisals_title.to_string());
    html! {
        <section class="page">
            <AreaNav />
            <h1>{ot.appraisals_title}</h1>
        </section>
    }
}
