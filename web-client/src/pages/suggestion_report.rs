//! The handling report (办理情况报告; R8, DL 51–52) of the items submitted in a period: by
//! handling organisation (received, replied on time or late, overdue, result classes A–D,
//! satisfaction) and by level-1 category, with its XLSX export.

use crate::api;
use crate::components::widgets::{
    empty, error_banner, loading, text_field, use_title, TextFieldProps,
};
use crate::data::{use_load, use_value};
use crate::i18n::suggestions::use_st;
use crate::i18n::use_t;
use crate::pages::attendance_rates::percent;
use renda_openapi::ReportQuery;
use yew::prelude::*;

/// The report page.
#[function_component]
pub fn SuggestionReportPage() -> Html {
    let t = use_t();
    let st = use_st();
    use_title(st.report_title.to_string());
    let from = use_value(String::new());
    let to = use_value(String::new());
    let query = ReportQuery {
        from: from.parse().ok(),
        to: to.parse().ok(),
        ..Default::default()
    };
    let report = use_load(Some(query.clone()), |q: ReportQuery| async move {
        api::suggestions::report(&q).await
    });
    let export_error = use_value(None::<api::ApiError>);
    let on_export = {
        let export_error = export_error.clone();
        Callback::from(move |_: MouseEvent| {
            let (q, export_error) = (query.clone(), export_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                export_error.set(api::suggestions::export_report(&q).await.err());
            });
        })
    };
    let set = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |v: String| s.set(v))
    };
    html! {
        <section class="page">
            <div class="page-head">
                <h1>{st.report_title}</h1>
                <div class="actions">
                    <button type="button" class="btn" id="export-report" onclick={on_export}>{st.export_xlsx}</button>
                </div>
            </div>
            if let Some(e) = &*export_error { {error_banner(t, e, None)} }
            <div class="card filters">
                {text_field(t, TextFieldProps { id: "report-from", label: st.from_date, input_type: "date", value: (*from).clone().into(), oninput: set(&from), ..Default::default() })}
                {text_field(t, TextFieldProps { id: "report-to", label: st.to_date, input_type: "date", value: (*to).clone().into(), oninput: set(&to), ..Default::default() })}
            </div>
            { match (&report.data, &report.error) {
                (_, Some(e)) => error_banner(t, e, Some(report.reload.clone())),
                (Some(r), None) => html! { <>
                    <p class="muted" id="report-period">{st.report_period(r.from, r.to, r.submitted)}</p>
                    <div class="card">
                        <h2>{st.by_org}</h2>
                        if r.by_org.is_empty() { {empty(st.no_report_rows, Html::default())} } else {
                        <div class="table-wrap"><table class="data-table" id="report-orgs">
                            <thead><tr>
                                <th scope="col">{st.lead_org}</th>
                                <th scope="col" class="num">{st.received_lead}</th>
                                <th scope="col" class="num">{st.received_co}</th>
                                <th scope="col" class="num">{st.replied_on_time}</th>
                                <th scope="col" class="num">{st.replied_late}</th>
                                <th scope="col" class="num">{st.overdue}</th>
                                <th scope="col" class="num">{"A/B/C/D"}</th>
                                <th scope="col" class="num">{st.satisfaction_rate}</th>
                            </tr></thead>
                            <tbody>
                                { for r.by_org.iter().map(|o| html! {
                                    <tr>
                                        <th scope="row" data-label={st.lead_org}>{&o.name}</th>
                                        <td class="num" data-label={st.received_lead}>{o.received_as_lead}</td>
                                        <td class="num" data-label={st.received_co}>{o.received_as_co}</td>
                                        <td class="num" data-label={st.replied_on_time}>{o.replied_on_time}</td>
                                        <td class="num" data-label={st.replied_late}>{o.replied_late}</td>
                                        <td class="num" data-label={st.overdue}>{o.overdue}</td>
                                        <td class="num" data-label="A/B/C/D">{format!("{}/{}/{}/{}", o.result_classes[0], o.result_classes[1], o.result_classes[2], o.result_classes[3])}</td>
                                        <td class="num" data-label={st.satisfaction_rate}>{percent(o.satisfaction.satisfaction_rate)}</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table></div>
                        }
                    </div>
                    <div class="card">
                        <h2>{st.by_category}</h2>
                        if r.by_category.is_empty() { {empty(st.no_report_rows, Html::default())} } else {
                        <div class="table-wrap"><table class="data-table" id="report-categories">
                            <thead><tr>
                                <th scope="col">{st.f_category}</th>
                                <th scope="col" class="num">{st.submitted}</th>
                                <th scope="col" class="num">{st.status(renda_openapi::SuggestionStatus::NotAccepted)}</th>
                                <th scope="col" class="num">{st.in_handling}</th>
                                <th scope="col" class="num">{st.status(renda_openapi::SuggestionStatus::Replied)}</th>
                                <th scope="col" class="num">{st.status(renda_openapi::SuggestionStatus::Closed)}</th>
                                <th scope="col" class="num">{st.satisfaction_rate}</th>
                            </tr></thead>
                            <tbody>
                                { for r.by_category.iter().map(|c| html! {
                                    <tr>
                                        <th scope="row" data-label={st.f_category}>{&c.name}</th>
                                        <td class="num" data-label={st.submitted}>{c.submitted}</td>
                                        <td class="num" data-label={st.status(renda_openapi::SuggestionStatus::NotAccepted)}>{c.not_accepted}</td>
                                        <td class="num" data-label={st.in_handling}>{c.in_handling}</td>
                                        <td class="num" data-label={st.status(renda_openapi::SuggestionStatus::Replied)}>{c.replied}</td>
                                        <td class="num" data-label={st.status(renda_openapi::SuggestionStatus::Closed)}>{c.closed}</td>
                                        <td class="num" data-label={st.satisfaction_rate}>{percent(c.satisfaction.satisfaction_rate)}</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table></div>
                        }
                    </div>
                </> },
                _ => loading(t.loading),
            } }
        </section>
    }
}
