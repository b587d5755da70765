//! Attendance rates at held activities, per deputy, deputy group or term: what the annual
//! work report counts. Filters: congress, term, activity kind, date range.

use crate::api;
use crate::components::widgets::{
    empty, error_banner, loading, select_field, text_field, use_title, SelectFieldProps,
    TextFieldProps,
};
use crate::data::{effective_congress, use_congresses, use_load, use_units, use_value};
use crate::i18n::meetings::use_mt;
use crate::i18n::use_t;
use crate::Route;
use renda_openapi::{ActivityKind, RateGrouping, RateQuery};
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

/// A rate as a percentage with one decimal: `0.9375` → `93.8%`.
pub fn percent(rate: Option<f64>) -> String {
    match rate {
        // In integer tenths: `{:.1}` would bring core's float formatting into the wasm.
        Some(r) => {
            let tenths = (r * 1000.0).round() as u64;
            format!("{}.{}%", tenths / 10, tenths % 10)
        }
        None => "—".to_string(),
    }
}

/// The attendance rates page.
#[function_component]
pub fn AttendanceRatesPage() -> Html {
    let t = use_t();
    let mt = use_mt();
    use_title(mt.rates_title.to_string());
    let congresses = use_congresses();
    let congress = use_value(String::new());
    let chosen = effective_congress(Uuid::parse_str(&congress).ok(), &congresses);
    let units = use_units(chosen);
    let term = use_value(String::new());
    let grouping = use_value(RateGrouping::Deputy);
    let kind = use_value(String::new());
    let from = use_value(String::new());
    let to = use_value(String::new());
    let query = RateQuery {
        congress_id: chosen,
        term_id: Uuid::parse_str(&term).ok(),
        group_by: Some(*grouping),
        kind: ActivityKind::parse(&kind),
        from: from.parse().ok(),
        to: to.parse().ok(),
    };
    let rates = use_load(Some(query), |q: RateQuery| async move {
        api::meetings::attendance_rates(&q).await
    });
    let set = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |v: String| s.set(v))
    };
    let congress_options: Vec<(String, String)> = congresses
        .data
        .as_ref()
        .map(|cs| {
            cs.iter()
                .map(|c| (c.id.to_string(), c.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let term_options: Vec<(String, String)> = units
        .terms
        .data
        .as_ref()
        .map(|ts| {
            ts.iter()
                .map(|x| (x.id.to_string(), t.term_label(x.number)))
                .collect()
        })
        .unwrap_or_default();
    let kind_options: Vec<(String, String)> = ActivityKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), mt.kind(*k).to_string()))
        .collect();
    let grouping_options: Vec<(String, String)> = vec![
        ("deputy".into(), mt.by_deputy.into()),
        ("deputy_group".into(), mt.by_group.into()),
        ("term".into(), mt.by_term.into()),
    ];
    let grouping_value = match *grouping {
        RateGrouping::Deputy => "deputy",
        RateGrouping::DeputyGroup => "deputy_group",
        RateGrouping::Term => "term",
    };
    let on_grouping = {
        let g = grouping.clone();
        Callback::from(move |v: String| {
            g.set(match v.as_str() {
                "deputy_group" => RateGrouping::DeputyGroup,
                "term" => RateGrouping::Term,
                _ => RateGrouping::Deputy,
            })
        })
    };
    let by_deputy = *grouping == RateGrouping::Deputy;
    html! {
        <section class="page">
            <h1>{mt.rates_title}</h1>
            <div class="card filters">
                if congress_options.len() > 1 {
                    {select_field(t, SelectFieldProps {
                        id: "rates-congress", label: t.f_congress, value: (*congress).clone().into(),
                        options: congress_options, empty_label: Some(t.choose), onchange: set(&congress),
                        ..Default::default()
                    })}
                }
                {select_field(t, SelectFieldProps {
                    id: "rates-group-by", label: mt.group_by, value: grouping_value.into(),
                    options: grouping_options, onchange: on_grouping, ..Default::default()
                })}
                {select_field(t, SelectFieldProps {
                    id: "rates-term", label: t.f_term, value: (*term).clone().into(), options: term_options,
                    empty_label: Some(t.all), onchange: set(&term), ..Default::default()
                })}
                {select_field(t, SelectFieldProps {
                    id: "rates-kind", label: mt.f_kind, value: (*kind).clone().into(), options: kind_options,
                    empty_label: Some(t.all), onchange: set(&kind), ..Default::default()
                })}
                {text_field(t, TextFieldProps {
                    id: "rates-from", label: mt.from_date, input_type: "date", value: (*from).clone().into(),
                    oninput: set(&from), ..Default::default()
                })}
                {text_field(t, TextFieldProps {
                    id: "rates-to", label: mt.to_date, input_type: "date", value: (*to).clone().into(),
                    oninput: set(&to), ..Default::default()
                })}
            </div>
            <div class={classes!("card", rates.loading.then_some("is-loading"))} aria-busy={rates.loading.to_string()}>
                { match (&rates.data, &rates.error) {
                    (_, Some(e)) => html! { {error_banner(t, e, Some(rates.reload.clone()))} },
                    (Some(rows), None) if rows.is_empty() => empty(mt.no_rates, Html::default()),
                    (Some(rows), None) => html! {
                        <div class="table-wrap">
                            <table class="data-table" id="rates-table">
                                <thead><tr>
                                    <th scope="col">{t.f_name}</th>
                                    <th scope="col" class="num">{mt.invited}</th>
                                    <th scope="col" class="num">{mt.attendance(renda_openapi::AttendanceStatus::Present)}</th>
                                    <th scope="col" class="num">{mt.attendance(renda_openapi::AttendanceStatus::Late)}</th>
                                    <th scope="col" class="num">{mt.attendance(renda_openapi::AttendanceStatus::OnLeave)}</th>
                                    <th scope="col" class="num">{mt.attendance(renda_openapi::AttendanceStatus::Absent)}</th>
                                    <th scope="col" class="num">{mt.not_recorded}</th>
                                    <th scope="col" class="num">{mt.rate}</th>
                                </tr></thead>
                                <tbody>
                                    { for rows.iter().map(|r| html! {
                                        <tr>
                                            <th scope="row">
                                                { match (by_deputy, r.key) {
                                                    (true, Some(id)) => html! { <Link<Route> to={Route::Deputy { id }} classes="deputy-link">{&r.name}</Link<Route>> },
                                                    (_, None) => html! { {mt.no_group} },
                                                    _ => html! { {&r.name} },
                                                } }
                                            </th>
                                            <td class="num">{r.invited}</td>
                                            <td class="num">{r.present}</td>
                                            <td class="num">{r.late}</td>
                                            <td class="num">{r.on_leave}</td>
                                            <td class="num">{r.absent}</td>
                                            <td class="num">{r.not_recorded}</td>
                                            <td class="num rate">{percent(r.rate)}</td>
                                        </tr>
                                    }) }
                                </tbody>
                            </table>
                        </div>
                    },
                    _ => html! { {loading(t.loading)} },
                } }
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn rates_show_as_percentages() {
        assert_eq!(percent(Some(0.9375)), "93.8%");
        assert_eq!(percent(Some(1.0)), "100.0%");
        assert_eq!(percent(None), "—");
    }
}
