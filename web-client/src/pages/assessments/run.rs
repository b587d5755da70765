//! One assessment run: ranking, chart, ratings, objections, publication, freezing.

use super::AreaNav;
use crate::components::widgets::use_title;
use crate::i18n::assessments::office::use_ot;
use yew::prelude::*;

/// Props of [`RunPage`].
#[derive(Properties, PartialEq)]
pub struct RunProps {
    /// The run's id.
    pub id: uuid::Uuid,
}

/// One run.
#[function_component]
pub fn RunPage(p: &RunProps) -> Html {
    let ot = use_ot();
    use_title(ot.run_title.to_string());
    html! {
        <section class="page" data-run={p.id.to_string()}>
            <AreaNav />
            <h1>{ot.run_title}</h1>
        </section>
    }
}
