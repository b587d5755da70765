//! Adding one deputy's report at a duty-report activity (述职记录): the deputy (one of the
//! term's, from the coverage list), the constituency (the deputy's by default), the
//! number of constituents' representatives present and whether the report was oral or
//! written. Checked here as the server checks it (a deputy chosen; the audience a whole
//! number of 0–100,000); the server's refusals show at their fields, or above the form
//! when they have none (`duty_report_exists`). The ballots are entered afterwards in the
//! report's row.

use super::fields::{field, select, text_input, use_draft, Draft, Errors};
use crate::api::assessments::office as calls;
use crate::api::ApiError;
use crate::components::widgets::{error_banner, event_value};
use crate::i18n::assessments::office::{use_ot, OfficeTexts};
use crate::i18n::use_t;
use renda_openapi::assessments::{DeputyBrief, DutyReportInput, ReportForm};
use uuid::Uuid;
use yew::prelude::*;

/// What the form holds as typed.
#[derive(Clone, Default, PartialEq)]
pub struct ReportDraft {
    /// The deputy's id, empty until chosen.
    pub deputy: String,
    /// The constituency (选区) as typed; the deputy's own when chosen.
    pub constituency: String,
    /// The audience as typed.
    pub audience: String,
    /// Oral or written; oral unless chosen.
    pub form: Option<ReportForm>,
}

/// The body of `POST /duty-reports` from a draft, or the problems by pointer.
pub fn check_report(
    t: &OfficeTexts,
    activity: Uuid,
    d: &ReportDraft,
) -> Result<DutyReportInput, Errors> {
    let mut errs = vec![];
    let deputy = Uuid::parse_str(&d.deputy).ok();
    if deputy.is_none() {
        errs.push(("/deputy_id".to_string(), t.pick_deputy.to_string()));
    }
    let audience = d
        .audience
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n <= 100_000);
    if audience.is_none() {
        errs.push(("/audience".to_string(), t.audience_range.to_string()));
    }
    match (deputy, audience) {
        (Some(deputy), Some(audience)) => Ok(DutyReportInput {
            activity_id: activity.into(),
            deputy_id: deputy.into(),
            constituency: Some(d.constituency.trim().to_string()).filter(|c| !c.is_empty()),
            audience,
            form: d.form.unwrap_or(ReportForm::Oral),
            ballots: None,
        }),
        _ => Err(Errors::from_pairs(errs)),
    }
}

/// Props of [`AddReport`].
#[derive(Properties, PartialEq)]
pub struct AddReportProps {
    /// The duty-report activity.
    pub activity: Uuid,
    /// The term's deputies.
    pub deputies: Vec<DeputyBrief>,
    /// Called once a report is recorded.
    pub on_added: Callback<()>,
}

/// The form that records one deputy's report at the activity.
#[function_component]
pub fn AddReport(p: &AddReportProps) -> Html {
    let t = use_t();
    let ot = use_ot();
    let draft = use_draft(ReportDraft::default);
    let errors = use_state(Errors::default);
    let failure = use_state(|| None::<ApiError>);
    let key = use_state(calls::new_key);
    let set = |f: fn(&mut ReportDraft, String)| draft.cb(move |d, v: String| f(d, v));
    let on_deputy = {
        let deputies = p.deputies.clone();
        draft.cb(move |d, v: String| {
            let chosen = deputies.iter().find(|x| x.deputy_id.to_string() == v);
            d.constituency = chosen
                .and_then(|x| x.constituency.clone())
                .unwrap_or_default();
            d.deputy = v;
        })
    };
    let on_submit = submit(
        ot,
        p.activity,
        p.on_added.clone(),
        Form {
            draft: draft.clone(),
            errors: errors.clone(),
            failure: failure.clone(),
            key: key.clone(),
        },
    );
    let mut deputies = vec![(String::new(), ot.pick_deputy.to_string())];
    deputies.extend(
        p.deputies
            .iter()
            .map(|d| (d.deputy_id.to_string(), d.name.clone())),
    );
    let forms = ReportForm::ALL
        .iter()
        .map(|f| (f.as_str().to_string(), f.label(ot.wire()).to_string()))
        .collect();
    let form = draft.0.form.unwrap_or(ReportForm::Oral).as_str();
    let audience = {
        let on = set(|d, v| d.audience = v);
        let err = errors.at("/audience");
        let control = html! {
            <input id="new-report-audience" type="text" inputmode="numeric" value={draft.0.audience.clone()}
                oninput={Callback::from(move |e: InputEvent| on.emit(event_value(&e)))}
                aria-invalid={err.as_ref().map(|_| "true")} />
        };
        field("new-report-audience", ot.audience, control, err)
    };
    html! {
        <form class="card" id="add-report" onsubmit={on_submit} novalidate=true>
            <h2>{ot.add_report}</h2>
            if let Some(e) = &*failure { {error_banner(t, e, None)} }
            <div class="form-grid">
                {select("new-report-deputy", ot.deputy, &draft.0.deputy, deputies, on_deputy, errors.at("/deputy_id"))}
                {text_input("new-report-constituency", ot.constituency, &draft.0.constituency, set(|d, v| d.constituency = v), errors.at("/constituency"))}
                {audience}
                {select("new-report-form", ot.report_form, form, forms, set(|d, v| d.form = ReportForm::parse(&v)), errors.at("/form"))}
            </div>
            <div class="actions">
                <button type="submit" class="btn btn-primary" id="new-report-save">{ot.add_report}</button>
            </div>
        </form>
    }
}

/// The form's state, as the submit handler needs it.
#[derive(Clone)]
struct Form {
    draft: Draft<ReportDraft>,
    errors: UseStateHandle<Errors>,
    failure: UseStateHandle<Option<ApiError>>,
    key: UseStateHandle<String>,
}

/// Checks the draft, records the report and clears the form (a new idempotency key for
/// the next one); refusals show at their fields.
fn submit(
    ot: &'static OfficeTexts,
    activity: Uuid,
    added: Callback<()>,
    f: Form,
) -> Callback<SubmitEvent> {
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        let input = match check_report(ot, activity, &f.draft.0) {
            Err(found) => return f.errors.set(found),
            Ok(input) => input,
        };
        f.errors.set(Errors::default());
        let (f, added) = (f.clone(), added.clone());
        wasm_bindgen_futures::spawn_local(async move {
            match calls::create_duty_report(&input, &f.key).await {
                Ok(_) => {
                    f.failure.set(None);
                    f.draft.set(ReportDraft::default());
                    f.key.set(calls::new_key());
                    added.emit(());
                }
                Err(e) => {
                    f.errors.set(Errors::of_api(ot, &e));
                    f.failure.set(Some(e));
                }
            }
        });
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_report_needs_a_deputy_and_an_audience_of_0_to_100000() {
        let t = OfficeTexts::of(Lang::En);
        let activity = Uuid::nil();
        let empty = check_report(t, activity, &ReportDraft::default()).unwrap_err();
        assert_eq!(empty.at("/deputy_id"), Some(t.pick_deputy.to_string()));
        assert_eq!(empty.at("/audience"), Some(t.audience_range.to_string()));
        let deputy = Uuid::from_u128(7).to_string();
        let draft = |audience: &str| ReportDraft {
            deputy: deputy.clone(),
            constituency: " 第一选区 ".into(),
            audience: audience.into(),
            form: Some(ReportForm::Written),
        };
        for bad in ["100001", "-1", "3.5", "五十"] {
            assert!(check_report(t, activity, &draft(bad)).is_err(), "{bad}");
        }
        let ok = check_report(t, activity, &draft("100000")).unwrap();
        assert_eq!(
            (ok.audience, ok.form, ok.constituency.as_deref()),
            (100_000, ReportForm::Written, Some("第一选区"))
        );
        assert_eq!(check_report(t, activity, &draft("0")).unwrap().audience, 0);
    }
}
