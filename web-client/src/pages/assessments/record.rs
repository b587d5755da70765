//! One deputy's performance record for the office and the presidium: the year, the
//! record by sections, and its print-ready DOCX.

use super::record_view::RecordView;
use super::{banner, initial_year, year_select, AreaNav};
use crate::api;
use crate::components::widgets::{loading, use_title};
use crate::data::{use_load, use_value};
use crate::i18n::assessments::use_at;
use crate::i18n::use_t;
use crate::Route;
use renda_openapi::RecordQuery;
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

/// Props of [`RecordPage`].
#[derive(Properties, PartialEq)]
pub struct RecordProps {
    /// The deputy's id.
    pub deputy_id: Uuid,
}

/// The page.
#[function_component]
pub fn RecordPage(p: &RecordProps) -> Html {
    let t = use_t();
    let at = use_at();
    let year = use_value(initial_year());
    let record = use_load(
        Some((p.deputy_id, *year)),
        |(id, year): (Uuid, i32)| async move {
            let q = RecordQuery {
                year: Some(year),
                ..Default::default()
            };
            api::assessments::record(id, &q).await
        },
    );
    let name = record.data.as_ref().map(|r| r.deputy.name.clone());
    use_title(match &name {
        Some(n) => format!("{n} · {}", at.record_title),
        None => at.record_title.to_string(),
    });
    let export_error = use_value(None::<api::ApiError>);
    let on_docx = {
        let (id, y, export_error) = (p.deputy_id, *year, export_error.clone());
        Callback::from(move |_: MouseEvent| {
            let export_error = export_error.clone();
            let q = RecordQuery {
                year: Some(y),
                ..Default::default()
            };
            wasm_bindgen_futures::spawn_local(async move {
                export_error.set(api::assessments::export_record(id, &q).await.err());
            });
        })
    };
    let set_year = {
        let year = year.clone();
        Callback::from(move |y: i32| year.set(y))
    };
    html! {
        <section class="page">
            <AreaNav />
            <p><Link<Route> to={Route::Records}>{at.back_to_records}</Link<Route>></p>
            <div class="page-head">
                <h1>{name.unwrap_or_default()}{" "}<span class="muted">{at.record_title}</span></h1>
                <div class="actions">
                    <button type="button" class="btn" id="export-docx" onclick={on_docx}>{at.export_docx}</button>
                </div>
            </div>
            if let Some(e) = &*export_error { {banner(e, None)} }
            <div class="toolbar">{year_select("record-year", at.f_year, *year, set_year)}</div>
            { match (&record.data, &record.error) {
                (_, Some(e)) => banner(e, Some(record.reload.clone())),
                (Some(r), None) => html! { <RecordView record={r.clone()} /> },
                _ => loading(t.loading),
            } }
        </section>
    }
}
