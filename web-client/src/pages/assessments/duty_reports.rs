//! Duty reports to constituents (述职评议): reports, ballots, coverage.

use super::AreaNav;
use crate::components::widgets::use_title;
use crate::i18n::assessments::office::use_ot;
use yew::prelude::*;

/// Duty reports of the congress.
#[function_component]
pub fn DutyReportsPage() -> Html {
    let ot = use_ot();
    use_title(ot.duty_reports_title.to_string());
    html! {
        <section class="page">
            <AreaNav />
            <h1>{ot.duty_reports_title}</h1>
        </section>
    }
}
