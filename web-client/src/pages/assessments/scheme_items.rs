//! The items of the scheme editor: per item its key, label, category, source (a count of
//! the record, self-declared entries of a kind, rate bands, rater scores), base points,
//! points per further occurrence, cap and sign, or its rate bands; each field shows the
//! refusal of its JSON pointer (`/definition/items/2/cap`).

use super::fields::{num_input, opt_num_input, select, text_input, Draft, Errors};
use crate::i18n::assessments::office::OfficeTexts;
use renda_openapi::assessments::{
    ItemCategory, ItemRule, Metric, RateBand, RateMetric, SchemeInput, SchemeItem,
};
use yew::prelude::*;

/// The source of an item, as the editor's select names it.
pub fn source_code(rule: &ItemRule) -> &'static str {
    match rule {
        ItemRule::Count { .. } => "count",
        ItemRule::Entries { .. } => "entries",
        ItemRule::Rate { .. } => "rate",
        ItemRule::Raters { .. } => "raters",
    }
}

/// A new rule of a source, with the numbers of the old one where they carry over.
pub fn rule_of_source(code: &str, old: &ItemRule) -> ItemRule {
    let (base, extra, deduct) = match old {
        ItemRule::Count {
            base_points,
            per_extra,
            deduct,
            ..
        }
        | ItemRule::Entries {
            base_points,
            per_extra,
            deduct,
            ..
        } => (*base_points, *per_extra, *deduct),
        _ => (1.0, 1.0, false),
    };
    match code {
        "entries" => ItemRule::Entries {
            kind_code: "deed".into(),
            base_points: base,
            per_extra: extra,
            deduct,
        },
        "rate" => ItemRule::Rate {
            rate: RateMetric::SessionAttendance,
            bands: vec![RateBand {
                min_percent: 90.0,
                points: 12.0,
                points_at_top: Some(15.0),
            }],
            none_points: None,
        },
        "raters" => ItemRule::Raters { max_points: 20.0 },
        _ => ItemRule::Count {
            metric: Metric::SessionsAttended,
            base_points: base,
            per_extra: extra,
            deduct,
        },
    }
}

/// A new item with a key not yet used.
pub fn new_item(n: usize) -> SchemeItem {
    SchemeItem {
        key: format!("item_{}", n + 1),
        label: String::new(),
        category: ItemCategory::Activities,
        rule: rule_of_source("count", &ItemRule::Raters { max_points: 0.0 }),
        cap: None,
    }
}

fn options<E: Copy>(
    all: &[E],
    code: impl Fn(E) -> &'static str,
    label: impl Fn(E) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|e| (code(*e).to_string(), label(*e).to_string()))
        .collect()
}

/// Every item as a card, and the button that adds one.
pub fn items_section(t: &'static OfficeTexts, d: &Draft<SchemeInput>, errs: &Errors) -> Html {
    let items = &d.0.definition.items;
    let add = d.on_click(|s| {
        let n = s.definition.items.len();
        s.definition.items.push(new_item(n));
    });
    html! {
        <fieldset class="card scheme-items">
            <legend>{t.items}</legend>
            if let Some(e) = errs.at("/definition/items") { <p class="field-error" role="alert">{e}</p> }
            { for items.iter().enumerate().map(|(i, item)| item_card(t, d, errs, i, item)) }
            <button type="button" class="btn" id="add-item" onclick={add}>{t.add_item}</button>
        </fieldset>
    }
}

fn item_card(
    t: &'static OfficeTexts,
    d: &Draft<SchemeInput>,
    errs: &Errors,
    i: usize,
    item: &SchemeItem,
) -> Html {
    let w = t.wire();
    let at = |f: &str| format!("/definition/items/{i}{f}");
    let id = |f: &str| format!("item-{i}-{f}");
    let on_key = d.cb(move |s, v: String| s.definition.items[i].key = v.trim().to_string());
    let on_label = d.cb(move |s, v: String| s.definition.items[i].label = v);
    let on_category = d.cb(move |s, v: String| {
        if let Some(c) = ItemCategory::parse(&v) {
            s.definition.items[i].category = c;
        }
    });
    let on_source = d.cb(move |s, v: String| {
        let old = s.definition.items[i].rule.clone();
        s.definition.items[i].rule = rule_of_source(&v, &old);
    });
    let on_cap = d.cb(move |s, v: Option<f64>| s.definition.items[i].cap = v);
    let remove = d.on_click(move |s| {
        s.definition.items.remove(i);
    });
    let sources = vec![
        ("count".to_string(), t.src_count.to_string()),
        ("entries".to_string(), t.src_entries.to_string()),
        ("rate".to_string(), t.src_rate.to_string()),
        ("raters".to_string(), t.src_raters.to_string()),
    ];
    html! {
        <div class="card item-card" id={format!("item-{i}")}>
            <div class="form-grid">
                {text_input(&id("key"), t.item_key, &item.key, on_key, errs.at(&at("/key")))}
                {text_input(&id("label"), t.item_label, &item.label, on_label, errs.at(&at("/label")))}
                {select(&id("category"), t.category, item.category.as_str(),
                    options(ItemCategory::ALL, |c| c.as_str(), |c| c.label(w)), on_category, None)}
                {select(&id("source"), t.source, source_code(&item.rule), sources, on_source, None)}
            </div>
            {rule_fields(t, d, errs, i, &item.rule)}
            <div class="form-grid">
                {opt_num_input(&id("cap"), t.cap, item.cap, on_cap, errs.at(&at("/cap")))}
            </div>
            <p class="hint">{t.cap_hint}</p>
            <button type="button" class="btn btn-small" id={id("remove")} onclick={remove}>{t.remove}</button>
        </div>
    }
}

fn rule_fields(
    t: &'static OfficeTexts,
    d: &Draft<SchemeInput>,
    errs: &Errors,
    i: usize,
    rule: &ItemRule,
) -> Html {
    let at = |f: &str| format!("/definition/items/{i}/rule{f}");
    let id = |f: &str| format!("item-{i}-{f}");
    match rule {
        ItemRule::Count {
            metric,
            base_points,
            per_extra,
            deduct,
        } => {
            let w = t.wire();
            let on_metric = d.cb(move |s, v: String| {
                if let (Some(m), ItemRule::Count { metric, .. }) =
                    (Metric::parse(&v), &mut s.definition.items[i].rule)
                {
                    *metric = m;
                }
            });
            let metric_select = select(
                &id("metric"),
                t.metric,
                metric.as_str(),
                options(Metric::ALL, |m| m.as_str(), |m| m.label(w)),
                on_metric,
                None,
            );
            html! { <div class="form-grid">
                {metric_select}
                {points_fields(t, d, errs, i, *base_points, *per_extra, *deduct)}
            </div> }
        }
        ItemRule::Entries {
            kind_code,
            base_points,
            per_extra,
            deduct,
        } => {
            let on_kind = d.cb(move |s, v: String| {
                if let ItemRule::Entries { kind_code, .. } = &mut s.definition.items[i].rule {
                    *kind_code = v.trim().to_string();
                }
            });
            html! { <div class="form-grid">
                {text_input(&id("kind"), t.kind_code, kind_code, on_kind, errs.at(&at("/kind_code")))}
                {points_fields(t, d, errs, i, *base_points, *per_extra, *deduct)}
            </div> }
        }
        ItemRule::Rate {
            rate,
            bands,
            none_points,
        } => rate_fields(t, d, errs, i, *rate, bands, *none_points),
        ItemRule::Raters { max_points } => {
            let on_max = d.cb(move |s, v: f64| {
                if let ItemRule::Raters { max_points } = &mut s.definition.items[i].rule {
                    *max_points = v;
                }
            });
            html! { <div class="form-grid">
                {num_input(&id("max"), t.max_points, *max_points, on_max, errs.at(&at("/max_points")))}
            </div> }
        }
    }
}

/// Base points, points per further occurrence and the sign of a count or entries item.
fn points_fields(
    t: &'static OfficeTexts,
    d: &Draft<SchemeInput>,
    errs: &Errors,
    i: usize,
    base: f64,
    extra: f64,
    deduct: bool,
) -> Html {
    fn numbers(rule: &mut ItemRule) -> Option<(&mut f64, &mut f64, &mut bool)> {
        match rule {
            ItemRule::Count {
                base_points,
                per_extra,
                deduct,
                ..
            }
            | ItemRule::Entries {
                base_points,
                per_extra,
                deduct,
                ..
            } => Some((base_points, per_extra, deduct)),
            _ => None,
        }
    }
    let id = |f: &str| format!("item-{i}-{f}");
    let on_base = d.cb(move |s, v: f64| {
        if let Some((b, _, _)) = numbers(&mut s.definition.items[i].rule) {
            *b = v;
        }
    });
    let on_extra = d.cb(move |s, v: f64| {
        if let Some((_, e, _)) = numbers(&mut s.definition.items[i].rule) {
            *e = v;
        }
    });
    let on_sign = d.cb(move |s, v: String| {
        if let Some((_, _, dd)) = numbers(&mut s.definition.items[i].rule) {
            *dd = v == "minus";
        }
    });
    let signs = vec![
        ("plus".to_string(), t.sign_plus.to_string()),
        ("minus".to_string(), t.sign_minus.to_string()),
    ];
    let error = errs.at(&format!("/definition/items/{i}/rule"));
    html! { <>
        {num_input(&id("base"), t.base_points, base, on_base, error.clone())}
        {num_input(&id("extra"), t.per_extra, extra, on_extra, error)}
        {select(&id("sign"), t.sign, if deduct { "minus" } else { "plus" }, signs, on_sign, None)}
    </> }
}

fn rate_fields(
    t: &'static OfficeTexts,
    d: &Draft<SchemeInput>,
    errs: &Errors,
    i: usize,
    rate: RateMetric,
    bands: &[RateBand],
    none_points: Option<f64>,
) -> Html {
    fn bands_of(rule: &mut ItemRule) -> Option<&mut Vec<RateBand>> {
        match rule {
            ItemRule::Rate { bands, .. } => Some(bands),
            _ => None,
        }
    }
    let w = t.wire();
    let id = |f: &str| format!("item-{i}-{f}");
    let on_rate = d.cb(move |s, v: String| {
        if let (Some(r), ItemRule::Rate { rate, .. }) =
            (RateMetric::parse(&v), &mut s.definition.items[i].rule)
        {
            *rate = r;
        }
    });
    let on_none = d.cb(move |s, v: Option<f64>| {
        if let ItemRule::Rate { none_points, .. } = &mut s.definition.items[i].rule {
            *none_points = v;
        }
    });
    let add = d.on_click(move |s| {
        if let Some(b) = bands_of(&mut s.definition.items[i].rule) {
            let min = b
                .last()
                .map(|l| (l.min_percent - 10.0).max(0.0))
                .unwrap_or(90.0);
            b.push(RateBand {
                min_percent: min,
                points: 0.0,
                points_at_top: None,
            });
        }
    });
    let band_row = |(j, b): (usize, &RateBand)| {
        let set = move |f: fn(&mut RateBand, Option<f64>)| {
            d.cb(move |s, v: Option<f64>| {
                if let Some(bs) = bands_of(&mut s.definition.items[i].rule) {
                    f(&mut bs[j], v);
                }
            })
        };
        let on_min = set(|b, v| b.min_percent = v.unwrap_or(f64::NAN));
        let on_points = set(|b, v| b.points = v.unwrap_or(f64::NAN));
        let on_top = set(|b, v| b.points_at_top = v);
        let remove = d.on_click(move |s| {
            if let Some(bs) = bands_of(&mut s.definition.items[i].rule) {
                bs.remove(j);
            }
        });
        html! { <div class="band-row">
            {opt_num_input(&id(&format!("band-{j}-min")), t.band_min, Some(b.min_percent), on_min, None)}
            {opt_num_input(&id(&format!("band-{j}-points")), t.band_points, Some(b.points), on_points, None)}
            {opt_num_input(&id(&format!("band-{j}-top")), t.band_top, b.points_at_top, on_top, None)}
            <button type="button" class="btn btn-small" onclick={remove}>{t.remove}</button>
        </div> }
    };
    html! { <div class="rate-fields">
        <div class="form-grid">
            {select(&id("rate"), t.rate, rate.as_str(), options(RateMetric::ALL, |r| r.as_str(), |r| r.label(w)), on_rate, None)}
            {opt_num_input(&id("none"), t.none_points, none_points, on_none,
                errs.at(&format!("/definition/items/{i}/rule/none_points")))}
        </div>
        <p class="sub-legend">{t.bands}</p>
        { for bands.iter().enumerate().map(band_row) }
        if let Some(e) = errs.at(&format!("/definition/items/{i}/rule/bands")) {
            <p class="field-error" role="alert" id={id("bands-error")}>{e}</p>
        }
        <button type="button" class="btn btn-small" id={id("add-band")} onclick={add}>{t.add_band}</button>
    </div> }
}
