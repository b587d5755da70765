//! The scheme editor (考核细则): name, year and notes, base score and maximum total, the
//! items ([`super::scheme_items`]), rater stages with weights, grade bands, the quota of
//! outstanding deputies, the consequence and the scoring of deputy groups. The contract's
//! `validate_scheme` runs before saving, so the refusals the server would give show at
//! their fields at once; the server's own refusals show the same way. A frozen version is
//! shown read-only and offers "new version".

use super::fields::{
    check, field, num_input, select, text_area, text_input, use_draft, Draft, Errors,
};
use super::scheme_items::items_section;
use crate::api::{assessments::office as calls, ApiError};
use crate::components::widgets::error_banner;
use crate::i18n::assessments::office::{use_ot, OfficeTexts};
use crate::i18n::use_t;
use renda_openapi::assessments::{
    validate_scheme, AssessmentScheme, Consequence, Grade, GradeBand, GroupRule, Post, Quota,
    RaterStage, RaterWeight, SchemeInput,
};
use yew::prelude::*;

/// Props of [`SchemeEditor`].
#[derive(Properties, PartialEq)]
pub struct SchemeEditorProps {
    /// The version edited; `None` for a new scheme.
    pub scheme: Option<AssessmentScheme>,
    /// What the form starts from (the version's content, or a template's).
    pub start: SchemeInput,
    /// Called with the saved (or the new) version.
    pub on_saved: Callback<AssessmentScheme>,
    /// Called to close the editor.
    pub on_close: Callback<()>,
}

/// The errors of the contract's own check of a scheme, by pointer.
pub fn client_errors(t: &OfficeTexts, input: &SchemeInput) -> Errors {
    let mut pairs: Vec<(String, String)> = validate_scheme(&input.definition)
        .iter()
        .map(|r| (r.pointer.clone().unwrap_or_default(), t.rule(r)))
        .collect();
    let n = input.name.trim().chars().count();
    if n == 0 || n > 100 {
        pairs.push(("/name".into(), t.name_required.into()));
    }
    Errors::from_pairs(pairs)
}

/// The editor of one scheme version.
#[function_component]
pub fn SchemeEditor(p: &SchemeEditorProps) -> Html {
    let t = use_t();
    let ot = use_ot();
    let draft = use_draft(|| p.start.clone());
    let errors = use_state(Errors::default);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let key = use_state(calls::new_key);
    let frozen = p.scheme.as_ref().is_some_and(|s| s.frozen);
    let on_save = {
        let (draft, errors, failure, busy) =
            (draft.clone(), errors.clone(), failure.clone(), busy.clone());
        let (scheme, on_saved, key) = (p.scheme.clone(), p.on_saved.clone(), (*key).clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = (*draft.0).clone();
            let found = client_errors(ot, &input);
            errors.set(found.clone());
            if !found.is_empty() || *busy {
                return;
            }
            busy.set(true);
            let (errors, failure, busy, scheme, on_saved, key) = (
                errors.clone(),
                failure.clone(),
                busy.clone(),
                scheme.clone(),
                on_saved.clone(),
                key.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = match &scheme {
                    Some(s) => calls::update_scheme(s.id.uuid(), s.version, &input).await,
                    None => calls::create_scheme(&input, &key).await,
                };
                busy.set(false);
                match result {
                    Ok(saved) => {
                        failure.set(None);
                        on_saved.emit(saved)
                    }
                    Err(e) => {
                        errors.set(Errors::of_api(ot, &e));
                        failure.set(Some(e));
                    }
                }
            });
        })
    };
    let on_new_version = {
        let (scheme, on_saved, failure) = (p.scheme.clone(), p.on_saved.clone(), failure.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(s) = scheme.clone() else { return };
            let (on_saved, failure) = (on_saved.clone(), failure.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match calls::new_version(s.id.uuid()).await {
                    Ok(v) => on_saved.emit(v),
                    Err(e) => failure.set(Some(e)),
                }
            });
        })
    };
    let close = p.on_close.reform(|_: MouseEvent| ());
    let errs = (*errors).clone();
    html! {
        <form class="scheme-editor" id="scheme-editor" onsubmit={on_save} novalidate=true>
            if frozen {
                <div class="banner banner-info" role="status" id="scheme-frozen">
                    <p>{ot.frozen_hint}</p>
                    <button type="button" class="btn btn-primary" id="new-version" onclick={on_new_version}>{ot.new_version}</button>
                </div>
            }
            if let Some(e) = &*failure { {error_banner(t, e, None)} }
            if !errs.is_empty() { {summary(ot, &errs)} }
            <fieldset disabled={frozen} class="plain">
                {head_section(ot, &draft, &errs)}
                {items_section(ot, &draft, &errs)}
                {raters_section(ot, &draft, &errs)}
                {grades_section(ot, &draft, &errs)}
                {quota_section(ot, &draft, &errs)}
                {groups_section(ot, &draft, &errs)}
            </fieldset>
            <div class="form-actions">
                // Saved: this version, with no edit since it was saved or opened.
                if let (Some(s), true) = (&p.scheme, *draft.0 == p.start) {
                    <span class="badge" id="scheme-saved" role="status">{format!("{} · {}", ot.saved, ot.version_n(s.number))}</span>
                }
                <button type="button" class="btn" id="close-scheme" onclick={close}>{ot.close}</button>
                if !frozen {
                    <button type="submit" class="btn btn-primary" id="save-scheme" disabled={*busy}>{ot.save}</button>
                }
            </div>
        </form>
    }
}

/// Every problem at the top, so that none is missed on a long form.
fn summary(t: &OfficeTexts, errs: &Errors) -> Html {
    html! {
        <div class="banner banner-error" role="alert" id="scheme-errors">
            <p class="banner-title">{t.client_checks}</p>
            <ul>{ for errs.all().into_iter().map(|(p, m)| html! { <li data-pointer={p}>{m}</li> }) }</ul>
        </div>
    }
}

fn head_section(t: &'static OfficeTexts, d: &Draft<SchemeInput>, errs: &Errors) -> Html {
    let s = &*d.0;
    html! {
        <fieldset class="card">
            <legend>{t.schemes_title}</legend>
            <div class="form-grid">
                {text_input("scheme-name", t.name, &s.name, d.cb(|s, v: String| s.name = v), errs.at("/name"))}
                {num_input("scheme-year", t.year, f64::from(s.year), d.cb(|s, v: f64| if v.is_finite() { s.year = v as i32 }), errs.at("/year"))}
                {num_input("scheme-base", t.base_score, s.definition.base_score, d.cb(|s, v| s.definition.base_score = v), errs.at("/definition/base_score"))}
                {super::fields::opt_num_input("scheme-max", t.max_total, s.definition.max_total, d.cb(|s, v| s.definition.max_total = v), errs.at("/definition/max_total"))}
            </div>
            {text_area("scheme-notes", t.notes, s.notes.as_deref().unwrap_or(""),
                d.cb(|s, v: String| s.notes = (!v.trim().is_empty()).then_some(v)), errs.at("/notes"))}
        </fieldset>
    }
}

fn stage_options(t: &OfficeTexts) -> Vec<(String, String)> {
    RaterStage::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), s.label(t.wire()).to_string()))
        .collect()
}

fn grade_options(t: &OfficeTexts) -> Vec<(String, String)> {
    Grade::ALL
        .iter()
        .map(|g| (g.as_str().to_string(), g.label(t.wire()).to_string()))
        .collect()
}

fn raters_section(t: &'static OfficeTexts, d: &Draft<SchemeInput>, errs: &Errors) -> Html {
    let raters = &d.0.definition.raters;
    let sum: f64 = raters.iter().map(|r| r.weight).sum();
    let row = |(i, r): (usize, &RaterWeight)| {
        let on_stage = d.cb(move |s, v: String| {
            if let Some(st) = RaterStage::parse(&v) {
                s.definition.raters[i].stage = st;
            }
        });
        let on_weight = d.cb(move |s, v: f64| s.definition.raters[i].weight = v);
        let remove = d.on_click(move |s| {
            s.definition.raters.remove(i);
        });
        html! { <div class="band-row">
            {select(&format!("stage-{i}"), t.stage, r.stage.as_str(), stage_options(t), on_stage, None)}
            {num_input(&format!("stage-{i}-weight"), t.weight, r.weight, on_weight, None)}
            <button type="button" class="btn btn-small" onclick={remove}>{t.remove}</button>
        </div> }
    };
    let add = d.on_click(|s| {
        let free = RaterStage::ALL
            .iter()
            .find(|st| !s.definition.raters.iter().any(|r| r.stage == **st));
        if let Some(stage) = free {
            s.definition.raters.push(RaterWeight {
                stage: *stage,
                weight: 0.0,
            });
        }
    });
    html! {
        <fieldset class="card">
            <legend>{t.stages}</legend>
            { for raters.iter().enumerate().map(row) }
            <p class="hint" id="weights-sum">{format!("{}: {}", t.weights_sum, super::fields::show_num(sum))}</p>
            if let Some(e) = errs.at("/definition/raters") { <p class="field-error" role="alert" id="raters-error">{e}</p> }
            <button type="button" class="btn btn-small" id="add-stage" onclick={add}>{t.add_stage}</button>
        </fieldset>
    }
}

fn grades_section(t: &'static OfficeTexts, d: &Draft<SchemeInput>, errs: &Errors) -> Html {
    let row = |(i, b): (usize, &GradeBand)| {
        let on_grade = d.cb(move |s, v: String| {
            if let Some(g) = Grade::parse(&v) {
                s.definition.bands[i].grade = g;
            }
        });
        let on_min = d.cb(move |s, v: f64| s.definition.bands[i].min_score = v);
        let remove = d.on_click(move |s| {
            s.definition.bands.remove(i);
        });
        html! { <div class="band-row">
            {select(&format!("grade-{i}"), t.grade, b.grade.as_str(), grade_options(t), on_grade, None)}
            {num_input(&format!("grade-{i}-min"), t.min_score, b.min_score, on_min, None)}
            <button type="button" class="btn btn-small" onclick={remove}>{t.remove}</button>
        </div> }
    };
    let add = d.on_click(|s| {
        let min = s
            .definition
            .bands
            .last()
            .map(|b| b.min_score - 10.0)
            .unwrap_or(90.0);
        let grade = Grade::ALL
            .iter()
            .find(|g| !s.definition.bands.iter().any(|b| b.grade == **g))
            .copied()
            .unwrap_or(Grade::Poor);
        s.definition.bands.push(GradeBand {
            grade,
            min_score: min,
        });
    });
    html! {
        <fieldset class="card">
            <legend>{t.grade_bands}</legend>
            { for d.0.definition.bands.iter().enumerate().map(row) }
            if let Some(e) = errs.at("/definition/bands") { <p class="field-error" role="alert" id="bands-error">{e}</p> }
            <button type="button" class="btn btn-small" id="add-grade" onclick={add}>{t.add_grade}</button>
        </fieldset>
    }
}

fn quota_section(t: &'static OfficeTexts, d: &Draft<SchemeInput>, errs: &Errors) -> Html {
    let def = &d.0.definition;
    let on_use = d.cb(|s, on: bool| {
        s.definition.quota = on.then(|| Quota {
            percent: 20.0,
            exclude_posts: vec![Post::Chairperson, Post::ViceChairperson],
            min_grade: Grade::Excellent,
        });
    });
    let on_use_c = d.cb(|s, on: bool| {
        s.definition.consequence = on.then_some(Consequence {
            grade: Grade::Poor,
            years: 2,
        });
    });
    let quota = def.quota.as_ref().map(|q| {
        let posts = Post::ALL.iter().map(|p| {
            let post = *p;
            let on = d.cb(move |s, checked: bool| {
                if let Some(q) = &mut s.definition.quota {
                    q.exclude_posts.retain(|x| *x != post);
                    if checked {
                        q.exclude_posts.push(post);
                    }
                }
            });
            check(&format!("exclude-{}", post.as_str()), post.label(t.wire()), q.exclude_posts.contains(&post), on)
        });
        html! { <>
            <div class="form-grid">
                {num_input("quota-percent", t.quota_percent, q.percent, d.cb(|s, v: f64| if let Some(q) = &mut s.definition.quota { q.percent = v }), errs.at("/definition/quota/percent"))}
                {select("quota-grade", t.min_grade, q.min_grade.as_str(), grade_options(t),
                    d.cb(|s, v: String| if let (Some(q), Some(g)) = (&mut s.definition.quota, Grade::parse(&v)) { q.min_grade = g }), None)}
            </div>
            {field("quota-posts", t.exclude_posts, html! { <div class="checks" id="quota-posts">{ for posts }</div> }, None)}
        </> }
    });
    let consequence = def.consequence.as_ref().map(|c| html! {
        <div class="form-grid">
            {select("consequence-grade", t.grade, c.grade.as_str(), grade_options(t),
                d.cb(|s, v: String| if let (Some(c), Some(g)) = (&mut s.definition.consequence, Grade::parse(&v)) { c.grade = g }), None)}
            {num_input("consequence-years", t.years, f64::from(c.years),
                d.cb(|s, v: f64| if let Some(c) = &mut s.definition.consequence { c.years = if v.is_finite() && v >= 0.0 { v as u32 } else { 0 } }),
                errs.at("/definition/consequence/years"))}
        </div>
    });
    html! {
        <fieldset class="card">
            <legend>{t.quota}</legend>
            {check("use-quota", t.use_quota, def.quota.is_some(), on_use)}
            {quota.unwrap_or_default()}
            {check("use-consequence", t.use_consequence, def.consequence.is_some(), on_use_c)}
            {consequence.unwrap_or_default()}
        </fieldset>
    }
}

fn groups_section(t: &'static OfficeTexts, d: &Draft<SchemeInput>, errs: &Errors) -> Html {
    let on_use = d.cb(|s, on: bool| {
        s.definition.groups = on.then_some(GroupRule {
            members_weight: 0.8,
            activity_points: 2.0,
            activity_cap: 20.0,
            advanced_max: 3,
        });
    });
    fn set(d: &Draft<SchemeInput>, f: fn(&mut GroupRule, f64)) -> Callback<f64> {
        d.cb(move |s, v: f64| {
            if let Some(g) = &mut s.definition.groups {
                f(g, v)
            }
        })
    }
    let body = d.0.definition.groups.as_ref().map(|g| html! {
        <div class="form-grid">
            {num_input("groups-weight", t.members_weight, g.members_weight, set(d, |g, v| g.members_weight = v), None)}
            {num_input("groups-points", t.activity_points, g.activity_points, set(d, |g, v| g.activity_points = v), None)}
            {num_input("groups-cap", t.activity_cap, g.activity_cap, set(d, |g, v| g.activity_cap = v), None)}
            {num_input("groups-max", t.advanced_max, f64::from(g.advanced_max), set(d, |g, v| g.advanced_max = if v.is_finite() && v >= 0.0 { v as u32 } else { 0 }), None)}
        </div>
    });
    html! {
        <fieldset class="card">
            <legend>{t.groups_rule}</legend>
            {check("use-groups", t.use_groups, d.0.definition.groups.is_some(), on_use)}
            {body.unwrap_or_default()}
            if let Some(e) = errs.at("/definition/groups") { <p class="field-error" role="alert">{e}</p> }
        </fieldset>
    }
}
