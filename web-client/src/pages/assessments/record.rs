//! One deputy's performance record, for the office.

use super::AreaNav;
use crate::components::widgets::use_title;
use crate::i18n::assessments::use_at;
use yew::prelude::*;

/// Props of [`RecordPage`].
#[derive(Properties, PartialEq)]
pub struct RecordProps {
    /// The deputy's id.
    pub deputy_id: uuid::Uuid,
}

/// One deputy's record.
#[function_component]
pub fn RecordPage(p: &RecordProps) -> Html {
    let at = use_at();
    use_title(at.record_title.to_string());
    html! {
        <section class="page" data-deputy={p.deputy_id.to_string()}>
            <AreaNav />
            <h1>{at.record_title}</h1>
        </section>
    }
}
