//! 我的履职: the signed-in deputy's own page for a chosen year, built for a phone first:
//! the record by sections (counts and lines with their sources, a correction request on
//! any derived line), the self-declared entries, the correction requests, and the own
//! score with its breakdown and the objection form.

use super::corrections::{CorrectionDialog, CorrectionsPanel};
use super::entries::EntriesPanel;
use super::record_view::RecordView;
use super::score::ScorePanel;
use super::{banner, initial_year, year_select};
use crate::api;
use crate::components::widgets::{loading, use_title};
use crate::data::{use_load, use_value};
use crate::i18n::assessments::use_at;
use crate::i18n::use_t;
use crate::AuthCtx;
use renda_openapi::{RecordItem, RecordQuery};
use uuid::Uuid;
use yew::prelude::*;

/// What a correction dialog is open for.
#[derive(Clone, PartialEq)]
enum Correcting {
    No,
    Line(Option<RecordItem>),
}

/// The page; a user without a deputy gets a sentence saying so.
#[function_component]
pub fn MyRecordPage() -> Html {
    let at = use_at();
    let auth = use_context::<AuthCtx>().expect("AuthCtx");
    use_title(at.my_record_title.to_string());
    let deputy = auth.user.as_ref().and_then(|u| u.deputy_id);
    html! {
        <section class="page my-record">
            <h1>{at.my_record_title}</h1>
            { match deputy {
                Some(id) => html! { <MyRecord deputy_id={id} /> },
                None => html! { <p class="muted" id="no-deputy">{at.no_deputy_account}</p> },
            } }
        </section>
    }
}

/// Props of [`MyRecord`].
#[derive(Properties, PartialEq)]
struct MyRecordProps {
    deputy_id: Uuid,
}

/// The year, the record and the panels below it.
#[function_component]
fn MyRecord(p: &MyRecordProps) -> Html {
    let t = use_t();
    let at = use_at();
    let year = use_value(initial_year());
    let q = (p.deputy_id, *year);
    let record = use_load(Some(q), |(id, year): (Uuid, i32)| async move {
        let q = RecordQuery {
            year: Some(year),
            ..Default::default()
        };
        api::assessments::record(id, &q).await
    });
    let correcting = use_value(Correcting::No);
    let generation = use_value(0u32);
    let changed = {
        let (reload, generation) = (record.reload.clone(), generation.clone());
        Callback::from(move |_| {
            generation.set(generation.wrapping_add(1));
            reload.emit(());
        })
    };
    let on_correct = {
        let c = correcting.clone();
        Callback::from(move |i: RecordItem| c.set(Correcting::Line(Some(i))))
    };
    let on_other = {
        let c = correcting.clone();
        Callback::from(move |_: MouseEvent| c.set(Correcting::Line(None)))
    };
    let close = {
        let c = correcting.clone();
        Callback::from(move |_| c.set(Correcting::No))
    };
    let done = {
        let (close, changed) = (close.clone(), changed.clone());
        Callback::from(move |_| {
            close.emit(());
            changed.emit(());
        })
    };
    let set_year = {
        let year = year.clone();
        Callback::from(move |y: i32| year.set(y))
    };
    html! {
        <>
            <div class="toolbar">
                {year_select("record-year", at.f_year, *year, set_year)}
                <button type="button" class="btn btn-quiet" id="ask-other-correction" onclick={on_other}>
                    {at.ask_other_correction}
                </button>
            </div>
            if let Correcting::Line(item) = &*correcting {
                <CorrectionDialog item={item.clone()} on_done={done} on_close={close} />
            }
            { match (&record.data, &record.error) {
                (_, Some(e)) => banner(e, Some(record.reload.clone())),
                (Some(r), None) => html! { <RecordView record={r.clone()} on_correct={on_correct} /> },
                _ => loading(t.loading),
            } }
            <ScorePanel deputy_id={p.deputy_id} year={*year} />
            <EntriesPanel deputy_id={p.deputy_id} year={*year} on_change={changed.clone()} />
            <CorrectionsPanel deputy_id={p.deputy_id} generation={*generation} on_change={changed} />
        </>
    }
}
