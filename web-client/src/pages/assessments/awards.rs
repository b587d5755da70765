//! Awards (表彰): outstanding deputies and deputy groups proposed by a frozen run, and the
//! presidium's decision: confirm with the date of the decision (not in the future) and the
//! document number (1–50 characters), or decline with a reason; checked here as the server
//! checks them. A confirmed award enters the deputy's record.

use super::fields::{select, text_area, text_input, Errors};
use super::AreaNav;
use crate::api::assessments::office as calls;
use crate::api::ApiError;
use crate::components::widgets::{empty, error_banner, loading, use_title, Modal};
use crate::data::use_load;
use crate::i18n::assessments::office::{use_ot, OfficeTexts};
use crate::i18n::use_t;
use crate::AuthCtx;
use chrono::NaiveDate;
use renda_openapi::assessments::{Award, AwardListQuery, AwardStatus, AwardStep, AwardTransition};
use renda_openapi::Role;
use std::rc::Rc;
use yew::prelude::*;

/// The decision as checked before sending.
pub fn check_decision(
    t: &OfficeTexts,
    step: AwardStep,
    date: &str,
    document_no: &str,
    reason: &str,
    today: NaiveDate,
) -> Result<AwardTransition, Errors> {
    let mut errs = vec![];
    let mut body = AwardTransition {
        step,
        awarded_on: None,
        document_no: None,
        reason: None,
    };
    match step {
        AwardStep::Confirm => {
            match date.parse::<NaiveDate>().ok().filter(|d| *d <= today) {
                Some(d) => body.awarded_on = Some(d),
                None => errs.push(("/awarded_on".to_string(), t.date_required.to_string())),
            }
            let n = document_no.trim().chars().count();
            if n == 0 || n > 50 {
                errs.push(("/document_no".to_string(), t.document_required.to_string()));
            }
            body.document_no = Some(document_no.trim().to_string());
        }
        AwardStep::Decline => {
            let n = reason.trim().chars().count();
            if n == 0 || n > 500 {
                errs.push(("/reason".to_string(), t.reason_required.to_string()));
            }
            body.reason = Some(reason.trim().to_string());
        }
    }
    if errs.is_empty() {
        Ok(body)
    } else {
        Err(Errors::from_pairs(errs))
    }
}

/// The awards page.
#[function_component]
pub fn AwardsPage() -> Html {
    let t = use_t();
    let ot = use_ot();
    use_title(ot.awards_title.to_string());
    // Every award at first (the proposed ones with their decision buttons): an empty
    // "proposed" list would hide the confirmed ones.
    let status = use_state(|| None::<AwardStatus>);
    let awards = use_load(Some(*status), |s: Option<AwardStatus>| async move {
        calls::awards(&AwardListQuery {
            status: s,
            ..Default::default()
        })
        .await
    });
    let auth = use_context::<AuthCtx>().expect("AuthCtx");
    let decides = matches!(auth.role(), Some(Role::Presidium | Role::Admin));
    let deciding = use_state(|| None::<(Award, AwardStep)>);
    let mut options = vec![(String::new(), "—".to_string())];
    options.extend(
        AwardStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), s.label(ot.wire()).to_string())),
    );
    let on_status = {
        let status = status.clone();
        Callback::from(move |v: String| status.set(AwardStatus::parse(&v)))
    };
    let done = {
        let (deciding, reload) = (deciding.clone(), awards.reload.clone());
        Callback::from(move |_| {
            deciding.set(None);
            reload.emit(())
        })
    };
    let close = {
        let deciding = deciding.clone();
        Callback::from(move |_| deciding.set(None))
    };
    let pick = {
        let deciding = deciding.clone();
        Callback::from(move |x: (Award, AwardStep)| deciding.set(Some(x)))
    };
    html! {
        <section class="page">
            <AreaNav />
            <div class="page-head"><h1>{ot.awards_title}</h1></div>
            if !decides { <p class="hint">{ot.only_presidium}</p> }
            <div class="card filters">
                {select("award-status", ot.status, status.map(|s| s.as_str()).unwrap_or(""), options, on_status, None)}
            </div>
            { match (&awards.data, &awards.error) {
                (_, Some(e)) => error_banner(t, e, Some(awards.reload.clone())),
                (Some(rows), None) => award_table(ot, rows, decides, &pick),
                _ => loading(t.loading),
            } }
            if let Some((a, step)) = &*deciding {
                <DecideDialog award={a.clone()} step={*step} on_close={close} on_done={done} />
            }
        </section>
    }
}

fn award_table(
    t: &'static OfficeTexts,
    rows: &Rc<Vec<Award>>,
    decides: bool,
    pick: &Callback<(Award, AwardStep)>,
) -> Html {
    if rows.is_empty() {
        return empty(t.no_awards, Html::default());
    }
    let w = t.wire();
    let row = |a: &Award| {
        let on = |step: AwardStep| {
            let (pick, a) = (pick.clone(), a.clone());
            Callback::from(move |_: MouseEvent| pick.emit((a.clone(), step)))
        };
        html! { <tr data-award={a.id.to_string()}>
            <th scope="row" data-label={t.name}>{&a.name}</th>
            <td data-label={t.award_kind}>{a.kind.label(w)}</td>
            <td class="num" data-label={t.year}>{a.year}</td>
            <td class="num" data-label={t.rank}>{a.rank.map(|r| r.to_string()).unwrap_or_default()}</td>
            <td class="num" data-label={t.total}>{a.total.map(|x| format!("{x:.2}")).unwrap_or_default()}</td>
            <td data-label={t.status}>{a.status.label(w)}</td>
            <td data-label={t.document_no}>{format!("{} {}", a.awarded_on.map(|d| d.to_string()).unwrap_or_default(), a.document_no.clone().or(a.decline_reason.clone()).unwrap_or_default())}</td>
            <td>if decides && a.status == AwardStatus::Proposed {
                <button type="button" class="btn btn-small btn-primary confirm-award" onclick={on(AwardStep::Confirm)}>{t.confirm_award}</button>
                {" "}
                <button type="button" class="btn btn-small decline-award" onclick={on(AwardStep::Decline)}>{t.decline_award}</button>
            }</td>
        </tr> }
    };
    html! {
        <div class="table-wrap"><table class="data-table" id="awards">
            <thead><tr>
                <th scope="col">{t.name}</th><th scope="col">{t.award_kind}</th><th scope="col" class="num">{t.year}</th>
                <th scope="col" class="num">{t.rank}</th><th scope="col" class="num">{t.total}</th><th scope="col">{t.status}</th>
                <th scope="col">{t.document_no}</th><th scope="col"></th>
            </tr></thead>
            <tbody>{ for rows.iter().map(row) }</tbody>
        </table></div>
    }
}

#[derive(Properties, PartialEq)]
struct DecideProps {
    award: Award,
    step: AwardStep,
    on_close: Callback<()>,
    on_done: Callback<()>,
}

#[function_component]
fn DecideDialog(p: &DecideProps) -> Html {
    let t = use_t();
    let ot = use_ot();
    let date = use_state(crate::validate::today_string);
    let doc = use_state(String::new);
    let reason = use_state(String::new);
    let errors = use_state(Errors::default);
    let failure = use_state(|| None::<ApiError>);
    let on_submit = {
        let (date, doc, reason, errors, failure) = (
            date.clone(),
            doc.clone(),
            reason.clone(),
            errors.clone(),
            failure.clone(),
        );
        let (a, step, done) = (p.award.clone(), p.step, p.on_done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match check_decision(ot, step, &date, &doc, &reason, crate::validate::today()) {
                Err(found) => errors.set(found),
                Ok(body) => {
                    let (a, done, errors, failure) =
                        (a.clone(), done.clone(), errors.clone(), failure.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        match calls::award_step(a.id.uuid(), a.version, &body).await {
                            Ok(_) => done.emit(()),
                            Err(e) => {
                                errors.set(Errors::of_api(ot, &e));
                                failure.set(Some(e));
                            }
                        }
                    });
                }
            }
        })
    };
    let set = |h: &UseStateHandle<String>| {
        let h = h.clone();
        Callback::from(move |v: String| h.set(v))
    };
    let title = match p.step {
        AwardStep::Confirm => ot.confirm_award,
        AwardStep::Decline => ot.decline_award,
    };
    html! {
        <Modal id="decide-award" title={format!("{title} · {}", p.award.name)} on_close={p.on_close.clone()}>
            <form onsubmit={on_submit} novalidate=true>
                if let Some(e) = &*failure { {error_banner(t, e, None)} }
                if p.step == AwardStep::Confirm {
                    {super::fields::field("awarded-on", ot.awarded_on, html! {
                        <input id="awarded-on" type="date" value={(*date).clone()} max={crate::validate::today_string()}
                            onchange={let s = set(&date); Callback::from(move |e: Event| s.emit(crate::components::widgets::event_value(&e)))} />
                    }, errors.at("/awarded_on"))}
                    {text_input("document-no", ot.document_no, &doc, set(&doc), errors.at("/document_no"))}
                    <p class="hint">{ot.document_no_hint}</p>
                } else {
                    {text_area("decline-reason", ot.reason, &reason, set(&reason), errors.at("/reason"))}
                }
                <div class="dialog-actions">
                    <button type="button" class="btn" onclick={p.on_close.reform(|_: MouseEvent| ())}>{ot.cancel}</button>
                    <button type="submit" class="btn btn-primary" id="decide-submit">{title}</button>
                </div>
            </form>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn confirming_needs_a_past_date_and_a_document_number() {
        let t = OfficeTexts::of(Lang::En);
        let today = NaiveDate::from_ymd_opt(2023, 2, 1).unwrap();
        let e = check_decision(t, AwardStep::Confirm, "2023-02-02", "", "", today).unwrap_err();
        assert!(e.at("/awarded_on").is_some() && e.at("/document_no").is_some());
        let ok = check_decision(
            t,
            AwardStep::Confirm,
            "2023-02-01",
            " 兆人大〔2023〕3号 ",
            "",
            today,
        )
        .unwrap();
        assert_eq!(ok.document_no.as_deref(), Some("兆人大〔2023〕3号"));
        assert!(check_decision(
            t,
            AwardStep::Confirm,
            "2023-01-01",
            &"号".repeat(51),
            "",
            today
        )
        .is_err());
        assert!(check_decision(t, AwardStep::Decline, "", "", " ", today)
            .unwrap_err()
            .at("/reason")
            .is_some());
    }
}
