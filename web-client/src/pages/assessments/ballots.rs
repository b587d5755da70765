//! The ballot entry of a duty report (述职测评): per deputy the counts of 满意 / 基本满意 /
//! 不满意 and the invalid ballots, checked here as the server checks them (whole numbers,
//! 0 or more; valid ballots not above the constituents' representatives present, the
//! contract's `BallotTally::check`: nor all ballots cast), with the valid ballots and the satisfaction rate
//! shown as they are typed; saved with the report's version (`If-Match`).

use super::fields::{fmt2, Errors};
use crate::api::assessments::office as calls;
use crate::api::ApiError;
use crate::components::widgets::{error_banner, event_value};
use crate::i18n::assessments::office::OfficeTexts;
use crate::i18n::use_t;
use renda_openapi::assessments::{BallotTally, DutyReport, DutyReportInput};
use yew::prelude::*;

/// The four counts as typed: 满意, 基本满意, 不满意, 无效.
pub type Typed = [String; 4];

/// The pointers of the four counts in a report's body.
pub const POINTERS: [&str; 4] = [
    "/ballots/satisfied",
    "/ballots/basically_satisfied",
    "/ballots/dissatisfied",
    "/ballots/invalid",
];

/// The tally of what was typed, or the problems by pointer: each count a whole number of
/// 0 or more (empty is 0), and neither the valid ballots nor all cast above `audience`.
pub fn check_ballots(t: &OfficeTexts, typed: &Typed, audience: u32) -> Result<BallotTally, Errors> {
    let mut errs = vec![];
    let mut n = [0u32; 4];
    for (i, s) in typed.iter().enumerate() {
        let s = s.trim();
        match if s.is_empty() {
            Some(0)
        } else {
            s.parse::<u32>().ok()
        } {
            Some(v) => n[i] = v,
            None => errs.push((POINTERS[i].to_string(), t.not_a_count.to_string())),
        }
    }
    let tally = BallotTally {
        satisfied: n[0],
        basically_satisfied: n[1],
        dissatisfied: n[2],
        invalid: n[3],
    };
    if errs.is_empty() {
        if let Err(m) = tally.check(audience, None) {
            let text = renda_openapi::Message::from(m).text(t.wire());
            errs.push(("/ballots".to_string(), text));
        }
    }
    if errs.is_empty() {
        Ok(tally)
    } else {
        Err(Errors::from_pairs(errs))
    }
}

/// What a report's ballots look like as typed.
pub fn typed_of(b: Option<BallotTally>) -> Typed {
    match b {
        Some(b) => [
            b.satisfied,
            b.basically_satisfied,
            b.dissatisfied,
            b.invalid,
        ]
        .map(|v| v.to_string()),
        None => Default::default(),
    }
}

/// Props of [`BallotRow`].
#[derive(Properties, PartialEq)]
pub struct BallotRowProps {
    /// The deputy's report at the activity.
    pub report: DutyReport,
    /// The strings of the current language.
    pub t: &'static OfficeTexts,
    /// Called with the saved report.
    pub on_saved: Callback<DutyReport>,
}

/// One deputy's ballots: four counts, the valid ballots and rate, and Save.
#[function_component]
pub fn BallotRow(p: &BallotRowProps) -> Html {
    let ct = use_t();
    let t = p.t;
    let typed = use_state(|| typed_of(p.report.ballots));
    let errors = use_state(Errors::default);
    let failure = use_state(|| None::<ApiError>);
    let checked = check_ballots(t, &typed, p.report.audience);
    let (valid, rate) = match &checked {
        Ok(b) => (b.valid().to_string(), fmt2(b.satisfaction_rate())),
        Err(_) => ("—".into(), "—".into()),
    };
    let input = |i: usize, label: &'static str| {
        let typed2 = typed.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let mut v = (*typed2).clone();
            v[i] = event_value(&e);
            typed2.set(v);
        });
        let err = errors.at(POINTERS[i]);
        let id = format!("ballot-{}-{i}", p.report.id);
        html! {
            <td data-label={label} class={classes!("num", err.as_ref().map(|_| "has-error"))}>
                <input id={id.clone()} class="count-input" type="text" inputmode="numeric" aria-label={label}
                    value={typed[i].clone()} {oninput} aria-invalid={err.as_ref().map(|_| "true")} />
                if let Some(e) = err { <span class="field-error" role="alert">{e}</span> }
            </td>
        }
    };
    let save = {
        let (typed, errors, failure, r, saved) = (
            typed.clone(),
            errors.clone(),
            failure.clone(),
            p.report.clone(),
            p.on_saved.clone(),
        );
        Callback::from(
            move |_: MouseEvent| match check_ballots(t, &typed, r.audience) {
                Err(e) => errors.set(e),
                Ok(ballots) => {
                    errors.set(Errors::default());
                    let body = DutyReportInput {
                        activity_id: r.activity_id,
                        deputy_id: r.deputy_id,
                        constituency: r.constituency.clone(),
                        audience: r.audience,
                        form: r.form,
                        ballots: Some(ballots),
                    };
                    let (r, errors, failure, saved) =
                        (r.clone(), errors.clone(), failure.clone(), saved.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        match calls::update_duty_report(r.id.uuid(), r.version, &body).await {
                            Ok(new) => {
                                failure.set(None);
                                saved.emit(new)
                            }
                            Err(e) => {
                                errors.set(Errors::of_api(t, &e));
                                failure.set(Some(e));
                            }
                        }
                    });
                }
            },
        )
    };
    html! { <>
        <tr data-report={p.report.id.to_string()}>
            <th scope="row" data-label={t.deputy}>{&p.report.deputy_name}</th>
            <td class="num" data-label={t.audience}>{p.report.audience}</td>
            {input(0, t.satisfied)}
            {input(1, t.basically_satisfied)}
            {input(2, t.dissatisfied)}
            {input(3, t.invalid)}
            <td class="num" data-label={t.valid}>{valid}</td>
            <td class="num rate" data-label={t.satisfaction_rate}>{rate}</td>
            <td><button type="button" class="btn btn-small save-ballots" onclick={save}>{t.save}</button></td>
        </tr>
        if let Some(m) = errors.at("/ballots") {
            <tr class="row-error"><td colspan="9"><p class="field-error ballots-error" role="alert">{m}</p></td></tr>
        }
        if let Some(e) = &*failure {
            <tr class="row-error"><td colspan="9">{error_banner(ct, e, None)}</td></tr>
        }
    </> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn typed(a: &str, b: &str, c: &str, d: &str) -> Typed {
        [a, b, c, d].map(String::from)
    }

    #[test]
    fn counts_are_whole_numbers_and_valid_ballots_fit_the_audience() {
        let t = OfficeTexts::of(Lang::En);
        let ok = check_ballots(t, &typed("30", "15", "5", "0"), 52).unwrap();
        assert_eq!((ok.valid(), ok.satisfaction_rate()), (50, Some(90.0)));
        let over = check_ballots(t, &typed("30", "15", "6", "0"), 50).unwrap_err();
        assert_eq!(over.at("/ballots"), Some(t.ballots_exceed(50, 51)));
        let bad = check_ballots(t, &typed("-1", "x", "1.5", ""), 50).unwrap_err();
        assert!(
            bad.at(POINTERS[0]).is_some()
                && bad.at(POINTERS[1]).is_some()
                && bad.at(POINTERS[2]).is_some()
        );
        assert!(bad.at(POINTERS[3]).is_none(), "empty is 0");
        let cast_over = check_ballots(t, &typed("45", "", "", "6"), 50).unwrap_err();
        assert!(
            cast_over.at("/ballots").unwrap().contains("51"),
            "valid + invalid over the audience"
        );
        assert_eq!(
            check_ballots(t, &typed("45", "", "", "5"), 50)
                .unwrap()
                .invalid,
            5
        );
    }
}
