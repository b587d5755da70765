//! The office's assessment schemes (考核细则): every version with its year and whether it is
//! frozen, a new scheme started from one of the three templates (or blank), and the editor
//! ([`super::scheme_editor::SchemeEditor`]) of the version chosen.

use super::fields::{select, use_draft};
use super::scheme_editor::SchemeEditor;
use super::AreaNav;
use crate::api::assessments::office as calls;
use crate::components::widgets::{empty, error_banner, loading, use_title};
use crate::data::{use_congresses, use_load};
use crate::i18n::assessments::office::{use_ot, OfficeTexts};
use crate::i18n::use_t;
use renda_openapi::assessments::{
    AssessmentScheme, Grade, GradeBand, SchemeDefinition, SchemeInput, SchemeTemplate,
};
use std::rc::Rc;
use uuid::Uuid;
use yew::prelude::*;

/// What the editor shows: the version (none for a new scheme) and its content.
#[derive(Clone, PartialEq)]
struct Editing {
    scheme: Option<AssessmentScheme>,
    start: SchemeInput,
    /// Changes whenever another version opens, so the editor starts afresh.
    n: u32,
}

/// The content of a saved version, as the editor starts from it.
pub fn input_of(s: &AssessmentScheme) -> SchemeInput {
    SchemeInput {
        congress_id: s.congress_id,
        name: s.name.clone(),
        year: s.year,
        template: s.template.clone(),
        notes: s.notes.clone(),
        definition: s.definition.clone(),
    }
}

/// A new scheme of `congress` for `year` from a template (or blank with `None`).
pub fn input_from(
    t: &OfficeTexts,
    congress: Uuid,
    year: i32,
    template: Option<&SchemeTemplate>,
) -> SchemeInput {
    let blank = SchemeDefinition {
        base_score: 0.0,
        items: vec![super::scheme_items::new_item(0)],
        raters: vec![],
        bands: vec![
            GradeBand {
                grade: Grade::Excellent,
                min_score: 90.0,
            },
            GradeBand {
                grade: Grade::Good,
                min_score: 80.0,
            },
            GradeBand {
                grade: Grade::Fair,
                min_score: 60.0,
            },
            GradeBand {
                grade: Grade::Poor,
                min_score: 0.0,
            },
        ],
        max_total: Some(100.0),
        quota: None,
        consequence: None,
        groups: None,
    };
    SchemeInput {
        congress_id: congress.into(),
        name: match template {
            Some(tp) => format!("{year} {}", tp.name),
            None => format!("{year} {}", t.schemes_title),
        },
        year,
        template: template.map(|tp| tp.code.clone()),
        notes: template.map(|tp| tp.source.clone()),
        definition: template.map(|tp| tp.definition.clone()).unwrap_or(blank),
    }
}

/// The schemes page.
#[function_component]
pub fn SchemesPage() -> Html {
    let t = use_t();
    let ot = use_ot();
    use_title(ot.schemes_title.to_string());
    let congresses = use_congresses();
    let congress = crate::data::effective_congress(None, &congresses);
    let list = use_load(Some(congress), |c: Option<Uuid>| calls::schemes(c));
    let editing = use_state(|| None::<Editing>);
    let open = {
        let editing = editing.clone();
        Callback::from(
            move |(scheme, start): (Option<AssessmentScheme>, SchemeInput)| {
                let n = editing.as_ref().map(|e| e.n + 1).unwrap_or(0);
                editing.set(Some(Editing { scheme, start, n }));
            },
        )
    };
    let on_saved = {
        let (open, reload) = (open.clone(), list.reload.clone());
        Callback::from(move |s: AssessmentScheme| {
            reload.emit(());
            open.emit((Some(s.clone()), input_of(&s)));
        })
    };
    let on_close = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(None))
    };
    html! {
        <section class="page">
            <AreaNav />
            <div class="page-head"><h1>{ot.schemes_title}</h1></div>
            if let Some(e) = &*editing {
                <SchemeEditor key={e.n.to_string()} scheme={e.scheme.clone()} start={e.start.clone()} {on_saved} {on_close} />
            } else {
                if let Some(c) = congress { <NewScheme congress={c} open={open.clone()} /> }
                { match (&list.data, &list.error) {
                    (_, Some(e)) => error_banner(t, e, Some(list.reload.clone())),
                    (Some(rows), None) => scheme_table(ot, rows, &open),
                    _ => loading(t.loading),
                } }
            }
        </section>
    }
}

fn scheme_table(
    t: &'static OfficeTexts,
    rows: &Rc<Vec<AssessmentScheme>>,
    open: &Callback<(Option<AssessmentScheme>, SchemeInput)>,
) -> Html {
    if rows.is_empty() {
        return empty(t.no_schemes, Html::default());
    }
    html! {
        <div class="table-wrap"><table class="data-table" id="schemes">
            <thead><tr>
                <th scope="col">{t.name}</th>
                <th scope="col" class="num">{t.year}</th>
                <th scope="col">{t.scheme_version}</th>
                <th scope="col">{t.status}</th>
                <th scope="col"></th>
            </tr></thead>
            <tbody>
            { for rows.iter().map(|s| {
                let on = { let (open, s) = (open.clone(), s.clone()); Callback::from(move |_: MouseEvent| open.emit((Some(s.clone()), input_of(&s)))) };
                html! { <tr>
                    <th scope="row" data-label={t.name}>{&s.name}</th>
                    <td class="num" data-label={t.year}>{s.year}</td>
                    <td data-label={t.scheme_version}>{t.version_n(s.number)}</td>
                    <td data-label={t.status}>if s.frozen { <span class="badge status-suspended">{t.frozen}</span> }</td>
                    <td><button type="button" class="btn btn-small" onclick={on}>{if s.frozen { t.open } else { t.edit }}</button></td>
                </tr> }
            }) }
            </tbody>
        </table></div>
    }
}

#[derive(Properties, PartialEq)]
struct NewSchemeProps {
    congress: Uuid,
    open: Callback<(Option<AssessmentScheme>, SchemeInput)>,
}

/// Choose a template (or blank) and a year, then edit.
#[function_component]
fn NewScheme(p: &NewSchemeProps) -> Html {
    let t = use_t();
    let ot = use_ot();
    let templates = use_load(Some(()), |_| calls::templates());
    let choice = use_draft(|| {
        (
            String::new(),
            crate::validate::today().format("%Y").to_string(),
        )
    });
    let list = templates.data.clone().unwrap_or_default();
    let mut options = vec![(String::new(), ot.blank_scheme.to_string())];
    options.extend(list.iter().map(|tp| (tp.code.clone(), tp.name.clone())));
    let chosen = list.iter().find(|tp| tp.code == choice.0 .0).cloned();
    let start = {
        let (open, congress, choice) = (p.open.clone(), p.congress, choice.clone());
        let chosen = chosen.clone();
        Callback::from(move |_: MouseEvent| {
            let year = choice.0 .1.trim().parse().unwrap_or(2022);
            open.emit((None, input_from(ot, congress, year, chosen.as_ref())));
        })
    };
    html! {
        <div class="card" id="new-scheme">
            <h2>{ot.new_scheme}</h2>
            if let Some(e) = &templates.error { {error_banner(t, e, Some(templates.reload.clone()))} }
            <div class="form-grid">
                {select("template", ot.from_template, &choice.0.0, options, choice.cb(|c, v: String| c.0 = v), None)}
                {super::fields::text_input("new-year", ot.year, &choice.0.1, choice.cb(|c, v: String| c.1 = v), None)}
            </div>
            if let Some(tp) = &chosen { <p class="hint" id="template-source">{format!("{}：{}", ot.template_source, tp.source)}</p> }
            <button type="button" class="btn btn-primary" id="start-scheme" onclick={start}>{ot.new_scheme}</button>
        </div>
    }
}
