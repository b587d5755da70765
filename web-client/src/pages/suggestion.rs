//! One suggestion: what it asks, who signed it, its deadlines (R7; DL 51), referrals,
//! consultations (面商), replies, ratings, attachments and history, and the steps the user
//! may take now. The buttons follow the workflow of DOMAIN.md for the user's role; the
//! server decides, and a refusal shows its reason.

use crate::api::{self, ApiError};
use crate::components::widgets::{
    error_banner, loading, select_field, text_field, use_title, Modal, SelectFieldProps,
    TextFieldProps,
};
use crate::data::{use_load, use_value};
use crate::i18n::meetings::beijing_today;
use crate::i18n::suggestions::{use_st, SuggestionTexts};
use crate::i18n::use_t;
use crate::pages::suggestions::{due_badge, status_badge};
use crate::{AuthCtx, Route};
use chrono::NaiveDate;
use renda_openapi::{
    suggestion_step, ConsultationForm, FeedbackInput, NewConsultation, NotAcceptedCode,
    ReferralRole, Reply, ReplyInput, ResultClass, Role, Satisfaction, Suggestion, SuggestionAction,
    SuggestionActor, SuggestionFacts, SuggestionStatus, SuggestionStep,
};
use std::rc::Rc;
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

/// Props of [`SuggestionPage`].
#[derive(Properties, PartialEq)]
pub struct SuggestionPageProps {
    /// The suggestion's id.
    pub id: Uuid,
}

/// A step that asks for more than a click.
#[derive(Debug, Clone, PartialEq)]
pub enum Ask {
    /// 立案, optionally marking the item wide-ranging (6 months).
    Accept,
    /// 不予立案 with the code and the reason.
    NotAccept,
    /// 交办 to a lead organisation and co-handlers.
    Refer,
    /// 转交 to the upper-level congress.
    Forward,
    /// 退回 outside the organisation's remit.
    Return,
    /// 延期 by 1–3 months (the office; approves a pending request).
    Extend,
    /// The lead organisation asks the office for an extension.
    RequestExtension,
    /// The office refuses a pending request.
    RefuseExtension,
    /// 办结.
    Close,
    /// 撤回.
    Withdraw,
    /// Record a consultation (面商).
    Consult,
    /// Draft a reply, or edit the draft given.
    Reply(Option<Reply>),
    /// Rate the replies.
    Feedback,
    /// The office sets or corrects the category.
    Categorise,
}

/// What a user is to an item, as the page decides which steps to offer.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Standing {
    /// Office staff or an administrator of its congress.
    pub office: bool,
    /// The presidium (may put items under key supervision).
    pub presidium: bool,
    /// The lead deputy, or the user who entered the draft.
    pub author: bool,
    /// A signer whose signature counts (the lead, or a confirmed co-signer).
    pub signer: bool,
    /// A co-signer who has not confirmed yet.
    pub unconfirmed: bool,
    /// The user's organisation's part in the handling, if referred to it.
    pub org_role: Option<ReferralRole>,
    /// The signer has rated the current round.
    pub rated: bool,
    /// The last day the user's organisation may return the item (its referral's).
    pub return_due: Option<NaiveDate>,
    /// Today in China Standard Time.
    pub today: NaiveDate,
    /// The last reply was sent 30 or more days ago: the office may close it unrated.
    pub unrated_30_days: bool,
}

impl Standing {
    /// The user as the workflow sees them.
    fn actor(&self) -> SuggestionActor {
        let role = if self.office {
            Role::Staff
        } else if self.presidium {
            Role::Presidium
        } else if self.org_role.is_some() {
            Role::HandlingOrg
        } else {
            Role::Deputy
        };
        SuggestionActor {
            role,
            author: self.author,
            co_signer: self.unconfirmed,
            signer: self.signer,
            referral: self.org_role,
        }
    }

    /// Whether the workflow allows the user `step` on `s` now.
    pub fn may(&self, s: &Suggestion, step: SuggestionStep) -> bool {
        suggestion_step(s.status, step, &self.actor(), &self.facts(s)).is_ok()
    }

    /// The item as the workflow sees it.
    fn facts(&self, s: &Suggestion) -> SuggestionFacts {
        SuggestionFacts {
            forwarded: s.forwarded_to.is_some(),
            has_signers: !s.signers.is_empty(),
            extension_months: s.extension_months,
            pending_request: s.extension_request.as_ref().map(|r| r.months),
            return_due: self.return_due,
            today: self.today,
            rated: self.rated,
            rating_lapsed: self.unrated_30_days,
        }
    }
}

/// The steps offered to `who` for `s`: exactly those the workflow of the contract crate
/// ([`suggestion_step`]) allows them, in the order of the handling.
pub fn offered(s: &Suggestion, who: &Standing) -> Vec<Step> {
    use SuggestionStep as T;
    let steps = [
        (T::Confirm, Step::Now(Now::Confirm)),
        (T::Edit, Step::Edit),
        (T::Submit, Step::Now(Now::Submit)),
        (T::Withdraw, Step::Ask(Ask::Withdraw)),
        (T::Accept, Step::Ask(Ask::Accept)),
        (T::NotAccept, Step::Ask(Ask::NotAccept)),
        (T::Refer, Step::Ask(Ask::Refer)),
        (T::Forward, Step::Ask(Ask::Forward)),
        (T::Start, Step::Now(Now::Start)),
        (T::Consult, Step::Ask(Ask::Consult)),
        (T::DraftReply, Step::Ask(Ask::Reply(None))),
        (T::Return, Step::Ask(Ask::Return)),
        (T::RequestExtension, Step::Ask(Ask::RequestExtension)),
        (T::Extend, Step::Ask(Ask::Extend)),
        (T::RefuseExtension, Step::Ask(Ask::RefuseExtension)),
        (T::Rate, Step::Ask(Ask::Feedback)),
        (T::Close, Step::Ask(Ask::Close)),
        (T::Supervise, Step::Now(Now::Supervise(!s.is_key))),
        (T::Categorise, Step::Ask(Ask::Categorise)),
    ];
    steps
        .into_iter()
        .filter(|(step, _)| who.may(s, *step))
        .map(|(_, offer)| offer)
        .collect()
}

/// A step taken with one click.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Now {
    /// 附议确认.
    Confirm,
    /// 提交.
    Submit,
    /// 开始办理.
    Start,
    /// Put under (true) or take out of key supervision.
    Supervise(bool),
}

/// A step offered on the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Edit the draft.
    Edit,
    /// Taken at once.
    Now(Now),
    /// Opens a dialog.
    Ask(Ask),
}

/// The steps that move an item forward, shown as the main buttons.
fn primary(step: &Step) -> bool {
    matches!(
        step,
        Step::Now(Now::Submit | Now::Start | Now::Confirm)
            | Step::Ask(Ask::Accept | Ask::Refer | Ask::Reply(None) | Ask::Feedback | Ask::Close)
    )
}

fn step_label(st: &SuggestionTexts, step: &Step) -> &'static str {
    match step {
        Step::Edit => st.edit,
        Step::Now(Now::Confirm) => st.confirm_signature,
        Step::Now(Now::Submit) => st.submit,
        Step::Now(Now::Start) => st.start,
        Step::Now(Now::Supervise(true)) => st.supervise,
        Step::Now(Now::Supervise(false)) => st.unsupervise,
        Step::Ask(a) => ask_title(st, a),
    }
}

fn ask_title(st: &SuggestionTexts, a: &Ask) -> &'static str {
    match a {
        Ask::Accept => st.accept,
        Ask::NotAccept => st.not_accept,
        Ask::Refer => st.refer,
        Ask::Forward => st.forward,
        Ask::Return => st.return_item,
        Ask::Extend => st.extend,
        Ask::RequestExtension => st.request_extension,
        Ask::RefuseExtension => st.refuse_extension,
        Ask::Close => st.close,
        Ask::Withdraw => st.withdraw,
        Ask::Consult => st.consult,
        Ask::Reply(Some(_)) => st.edit_reply,
        Ask::Reply(None) => st.draft_reply,
        Ask::Feedback => st.rate,
        Ask::Categorise => st.categorise,
    }
}

fn opt(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Props of [`StepDialog`].
#[derive(Properties, PartialEq)]
struct StepDialogProps {
    ask: Ask,
    s: Rc<Suggestion>,
    on_close: Callback<()>,
    /// Called after the step, with the item when the user still sees it.
    on_done: Callback<bool>,
}

/// The dialog of a step that asks for input: fields, the server's refusal, save.
#[function_component]
fn StepDialog(p: &StepDialogProps) -> Html {
    let t = use_t();
    let st = use_st();
    let s = p.s.clone();
    let today = beijing_today().to_string();
    let (reply_class, reply_body) = match &p.ask {
        Ask::Reply(Some(r)) => (r.result_class.as_str(), r.body.clone()),
        _ => ("", String::new()),
    };
    // One text, one choice, one date, one flag and a set of ids serve every step.
    let text = use_value(reply_body);
    let text2 = use_value(String::new());
    let choice = use_value(reply_class.to_string());
    let choice2 = use_value(String::new());
    let date = use_value(today.clone());
    let flag = use_value(s.wide_ranging);
    let ids = use_value(Vec::<Uuid>::new());
    let error = use_value(Option::<ApiError>::default());
    let missing = use_value(bool::default());
    let busy = use_value(bool::default());
    let orgs = use_load(
        matches!(p.ask, Ask::Refer).then_some(s.congress_id),
        |c: Uuid| api::suggestions::handling_orgs(Some(c)),
    );
    let categories = use_load(
        matches!(p.ask, Ask::Categorise).then_some(s.congress_id),
        |c: Uuid| api::suggestions::categories(Some(c)),
    );

    let onsubmit = {
        let (text, text2, choice, choice2, date, flag, ids) = (
            text.clone(),
            text2.clone(),
            choice.clone(),
            choice2.clone(),
            date.clone(),
            flag.clone(),
            ids.clone(),
        );
        let (error, missing, busy) = (error.clone(), missing.clone(), busy.clone());
        let (ask, s, on_done) = (p.ask.clone(), s.clone(), p.on_done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let required_text = matches!(
                ask,
                Ask::NotAccept
                    | Ask::Return
                    | Ask::Extend
                    | Ask::Forward
                    | Ask::Consult
                    | Ask::Reply(_)
            );
            let required_choice = matches!(
                ask,
                Ask::NotAccept
                    | Ask::Refer
                    | Ask::Reply(_)
                    | Ask::Feedback
                    | Ask::Extend
                    | Ask::RequestExtension
                    | Ask::Categorise
            );
            let required_second = matches!(ask, Ask::Forward | Ask::Feedback);
            if (required_text && text.trim().is_empty())
                || (required_choice && choice.is_empty())
                || (required_second && choice2.trim().is_empty() && text2.trim().is_empty())
            {
                missing.set(true);
                return;
            }
            missing.set(false);
            let day = date.parse().ok();
            let action = match &ask {
                Ask::Accept => Some(SuggestionAction::Accept {
                    wide_ranging: *flag,
                    note: opt(&text),
                }),
                Ask::NotAccept => Some(SuggestionAction::NotAccept {
                    code: NotAcceptedCode::parse(&choice).unwrap_or(NotAcceptedCode::Other),
                    reason: text.trim().to_string(),
                }),
                Ask::Refer => Some(SuggestionAction::Refer {
                    lead_org_id: Uuid::parse_str(&choice).unwrap_or_default(),
                    co_org_ids: ids
                        .iter()
                        .filter(|i| i.to_string() != *choice)
                        .copied()
                        .collect(),
                    wide_ranging: Some(*flag),
                    referred_on: day,
                    note: opt(&text),
                }),
                Ask::Forward => Some(SuggestionAction::Forward {
                    forwarded_to: text.trim().to_string(),
                    external_reference: text2.trim().to_string(),
                    referred_on: day,
                    wide_ranging: Some(*flag),
                }),
                Ask::Return => Some(SuggestionAction::Return {
                    reason: text.trim().to_string(),
                }),
                Ask::Extend => Some(SuggestionAction::Extend {
                    months: choice.parse().unwrap_or(1),
                    reason: text.trim().to_string(),
                }),
                Ask::RequestExtension => Some(SuggestionAction::RequestExtension {
                    months: choice.parse().unwrap_or(1),
                    reason: text.trim().to_string(),
                }),
                Ask::RefuseExtension => Some(SuggestionAction::RefuseExtension {
                    reason: text.trim().to_string(),
                }),
                Ask::Categorise => Some(SuggestionAction::Categorise {
                    category_id: Uuid::parse_str(&choice).unwrap_or_default(),
                    note: opt(&text),
                }),
                Ask::Close => Some(SuggestionAction::Close { note: opt(&text) }),
                Ask::Withdraw => Some(SuggestionAction::Withdraw { note: opt(&text) }),
                _ => None,
            };
            busy.set(true);
            let (ask, s, on_done, error, busy) = (
                ask.clone(),
                s.clone(),
                on_done.clone(),
                error.clone(),
                busy.clone(),
            );
            let (text, text2, choice, choice2) = (
                text.trim().to_string(),
                text2.trim().to_string(),
                (*choice).clone(),
                (*choice2).clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result: Result<bool, ApiError> = match (&ask, action) {
                    (_, Some(a)) => api::suggestions::transition(s.id, s.version, &a)
                        .await
                        .map(|r| r.is_some()),
                    (Ask::Consult, _) => api::suggestions::consult(
                        s.id,
                        &NewConsultation {
                            form: ConsultationForm::parse(&choice)
                                .unwrap_or(ConsultationForm::FaceToFace),
                            held_on: day.unwrap_or_default(),
                            met_by: text,
                            notes: opt(&text2),
                        },
                    )
                    .await
                    .map(|_| true),
                    (Ask::Reply(draft), _) => {
                        let input = ReplyInput {
                            result_class: ResultClass::parse(&choice).unwrap_or(ResultClass::A),
                            body: text,
                        };
                        match draft {
                            Some(r) => {
                                api::suggestions::update_reply(r.id, r.version, &input).await
                            }
                            None => api::suggestions::draft_reply(s.id, &input).await,
                        }
                        .map(|_| true)
                    }
                    _ => api::suggestions::feedback(
                        s.id,
                        &FeedbackInput {
                            attitude: Satisfaction::parse(&choice)
                                .unwrap_or(Satisfaction::Satisfied),
                            result: Satisfaction::parse(&choice2)
                                .unwrap_or(Satisfaction::Satisfied),
                            comment: opt(&text),
                        },
                    )
                    .await
                    .map(|_| true),
                };
                busy.set(false);
                match result {
                    Ok(visible) => on_done.emit(visible),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let set = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |v: String| s.set(v))
    };
    let flag_box = |label: &'static str| {
        let (on, flag) = (*flag, flag.clone());
        let onchange = Callback::from(move |_: Event| flag.set(!on));
        html! {
            <label class="check" for="step-flag">
                <input type="checkbox" id="step-flag" checked={on} {onchange} />
                {label}
            </label>
        }
    };
    let date_field = |label: &'static str| {
        text_field(
            t,
            TextFieldProps {
                id: "step-date",
                label,
                input_type: "date",
                value: (*date).clone().into(),
                oninput: set(&date),
                max: Some(today.clone()),
                ..Default::default()
            },
        )
    };
    let text_area = |label: &'static str, required: bool| {
        text_field(
            t,
            TextFieldProps {
                id: "step-text",
                label,
                value: (*text).clone().into(),
                oninput: set(&text),
                rows: Some(4),
                required,
                ..Default::default()
            },
        )
    };
    let choose = |id: &'static str,
                  label: &'static str,
                  value: &UseStateHandle<String>,
                  options: Vec<(String, String)>| {
        select_field(
            t,
            SelectFieldProps {
                id,
                label,
                value: (**value).clone().into(),
                options,
                empty_label: Some(t.choose),
                onchange: set(value),
                required: true,
                ..Default::default()
            },
        )
    };
    let labels = |all: &[(&'static str, &'static str)]| -> Vec<(String, String)> {
        all.iter()
            .map(|(v, l)| (v.to_string(), l.to_string()))
            .collect()
    };
    let fields = match &p.ask {
        Ask::Accept => {
            html! { <>{flag_box(st.wide_ranging)}<p class="hint">{st.wide_ranging_hint}</p>{text_area(st.note, false)}</> }
        }
        Ask::NotAccept => html! { <>
            {choose("step-choice", st.not_accepted_code, &choice, NotAcceptedCode::ALL.iter().map(|c| (c.as_str().to_string(), st.not_accepted(*c).to_string())).collect())}
            {text_area(st.reason, true)}
        </> },
        Ask::Refer => {
            let options: Vec<(String, String)> = orgs
                .data
                .as_ref()
                .map(|os| {
                    os.iter()
                        .map(|o| (o.id.to_string(), o.name.clone()))
                        .collect()
                })
                .unwrap_or_default();
            html! { <>
                {choose("step-choice", st.lead_org, &choice, options)}
                <fieldset class="field-group" id="co-orgs">
                    <legend>{st.co_orgs}</legend>
                    { for orgs.data.iter().flat_map(|os| os.iter()).filter(|o| o.id.to_string() != *choice).map(|o| {
                        let id = o.id;
                        let on = ids.contains(&id);
                        let ids = ids.clone();
                        let onchange = Callback::from(move |_: Event| {
                            let mut all = (*ids).clone();
                            if on { all.retain(|x| *x != id) } else { all.push(id) }
                            ids.set(all);
                        });
                        let box_id = format!("co-org-{id}");
                        html! { <label class="check" for={box_id.clone()}><input type="checkbox" id={box_id} checked={on} {onchange} />{&o.name}</label> }
                    }) }
                </fieldset>
                {flag_box(st.wide_ranging)}
                {date_field(st.referred_on)}
                <p class="hint">{st.refer_hint}</p>
                {text_area(st.note, false)}
            </> }
        }
        Ask::Forward => html! { <>
            {text_field(t, TextFieldProps { id: "step-text", label: st.forwarded_to, value: (*text).clone().into(), oninput: set(&text), required: true, ..Default::default() })}
            {text_field(t, TextFieldProps { id: "step-text2", label: st.external_reference, value: (*text2).clone().into(), oninput: set(&text2), required: true, ..Default::default() })}
            {flag_box(st.wide_ranging)}
            {date_field(st.referred_on)}
        </> },
        Ask::Return => {
            html! { <><p class="hint">{st.return_hint}</p>{text_area(st.reason, true)}</> }
        }
        Ask::Extend => html! { <>
            if let Some(r) = &s.extension_request {
                <p class="banner banner-info">{st.extension_requested}{"："}{st.months_n(r.months)}{" · "}{&r.reason}</p>
            }
            {choose("step-choice", st.months, &choice, labels(&[("1", "1"), ("2", "2"), ("3", "3")]))}
            <p class="hint">{st.extend_hint}</p>
            {text_area(st.approval, true)}
        </> },
        Ask::RequestExtension => html! { <>
            {choose("step-choice", st.months, &choice, labels(&[("1", "1"), ("2", "2"), ("3", "3")]))}
            <p class="hint">{st.request_extension_hint}</p>
            {text_area(st.reason, true)}
        </> },
        Ask::RefuseExtension => text_area(st.reason, true),
        Ask::Categorise => html! { <>
            {choose("step-choice", st.f_category, &choice, categories.data.as_ref().map(|cs| cs.iter().filter(|c| c.is_active).map(|c| (c.id.to_string(), c.path.clone())).collect()).unwrap_or_default())}
            {text_area(st.note, false)}
        </> },
        Ask::Close | Ask::Withdraw => text_area(st.note, false),
        Ask::Consult => html! { <>
            {choose("step-choice", st.consult_form, &choice, ConsultationForm::ALL.iter().map(|c| (c.as_str().to_string(), st.consultation_form(*c).to_string())).collect())}
            {date_field(st.held_on)}
            {text_field(t, TextFieldProps { id: "step-text", label: st.met_by, value: (*text).clone().into(), oninput: set(&text), required: true, ..Default::default() })}
            {text_field(t, TextFieldProps { id: "step-text2", label: st.notes, value: (*text2).clone().into(), oninput: set(&text2), rows: Some(3), ..Default::default() })}
        </> },
        Ask::Reply(_) => html! { <>
            {choose("step-choice", st.result_class, &choice, ResultClass::ALL.iter().map(|c| (c.as_str().to_string(), st.result_class_label(*c).to_string())).collect())}
            {text_field(t, TextFieldProps { id: "step-text", label: st.reply_body, value: (*text).clone().into(), oninput: set(&text), rows: Some(8), required: true, ..Default::default() })}
            <p class="hint">{st.reply_hint}</p>
        </> },
        Ask::Feedback => {
            let sat: Vec<(String, String)> = Satisfaction::ALL
                .iter()
                .map(|c| (c.as_str().to_string(), st.satisfaction(*c).to_string()))
                .collect();
            html! { <>
                {choose("step-choice", st.attitude, &choice, sat.clone())}
                {choose("step-choice2", st.result, &choice2, sat)}
                {text_area(st.comment, false)}
                <p class="hint">{st.feedback_hint}</p>
            </> }
        }
    };
    let on_cancel = {
        let c = p.on_close.clone();
        Callback::from(move |_: MouseEvent| c.emit(()))
    };
    html! {
        <Modal id="step-dialog" title={ask_title(st, &p.ask)} on_close={p.on_close.clone()}>
            <form class="form" {onsubmit} novalidate=true>
                if *missing { <p class="field-error" role="alert">{st.fill_required}</p> }
                if let Some(e) = &*error {
                    {error_banner(t, e, None)}
                }
                {fields}
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" id="step-save" disabled={*busy}>
                        { if *busy { t.saving } else { ask_title(st, &p.ask) } }
                    </button>
                    <button type="button" class="btn btn-quiet" onclick={on_cancel}>{t.cancel}</button>
                </div>
            </form>
        </Modal>
    }
}

fn date_row(label: &'static str, d: Option<chrono::NaiveDate>) -> Html {
    match d {
        Some(d) => {
            html! { <><dt>{label}</dt><dd><time datetime={d.to_string()}>{d.to_string()}</time></dd></> }
        }
        None => Html::default(),
    }
}

/// The suggestion page.
#[function_component]
pub fn SuggestionPage(p: &SuggestionPageProps) -> Html {
    let t = use_t();
    let st = use_st();
    let auth = use_context::<AuthCtx>().expect("AuthCtx");
    let navigator = use_navigator().expect("router");
    let item = use_load(Some(p.id), api::suggestions::suggestion);
    let history = use_load(Some(p.id), api::suggestions::history);
    let files = use_load(Some(p.id), api::suggestions::attachments);
    let ask = use_value(None::<Ask>);
    let error = use_value(Option::<ApiError>::default());
    let busy = use_value(bool::default());
    // What the last step did, e.g. "立案：已完成。".
    let notice = use_value(None::<String>);
    use_title(
        item.data
            .as_ref()
            .map(|s| s.title.clone())
            .unwrap_or_else(|| st.suggestion.to_string()),
    );
    let reload_all = {
        let (a, b, c) = (
            item.reload.clone(),
            history.reload.clone(),
            files.reload.clone(),
        );
        Callback::from(move |_: ()| {
            a.emit(());
            b.emit(());
            c.emit(());
        })
    };
    let Some(s) = item.data.clone() else {
        return html! {
            <section class="page">
                { match &item.error {
                    Some(e) => error_banner(t, e, Some(item.reload.clone())),
                    None => loading(t.loading),
                } }
            </section>
        };
    };
    let user = auth.user.clone();
    let me = user.as_ref().and_then(|u| u.deputy_id);
    let my_org = user.as_ref().and_then(|u| u.handling_org_id);
    let signer = s.signers.iter().find(|x| Some(x.deputy_id) == me);
    let who = Standing {
        office: auth.is_office(),
        presidium: auth.role() == Some(renda_openapi::Role::Presidium),
        author: (me.is_some() && s.lead_deputy_id == me)
            || (auth.is_office() && s.status == SuggestionStatus::Draft),
        signer: signer.is_some_and(|x| x.role == ReferralRole::Lead || x.confirmed_at.is_some()),
        unconfirmed: signer.is_some_and(|x| x.role == ReferralRole::Co && x.confirmed_at.is_none()),
        org_role: s
            .referrals
            .iter()
            .find(|r| Some(r.handling_org_id) == my_org && r.returned_at.is_none())
            .map(|r| r.role),
        rated: s
            .feedback
            .iter()
            .any(|f| Some(f.deputy_id) == me && f.round == s.round),
        return_due: s
            .referrals
            .iter()
            .find(|r| Some(r.handling_org_id) == my_org && r.returned_at.is_none())
            .map(|r| r.return_due),
        today: beijing_today(),
        unrated_30_days: s
            .replies
            .iter()
            .filter_map(|r| r.sent_at)
            .max()
            .is_some_and(|at| {
                js_sys::Date::now() - at.timestamp_millis() as f64 >= 30.0 * 86_400_000.0
            }),
    };
    let steps = offered(&s, &who);
    let run = {
        let (error, busy, notice, reload_all) = (
            error.clone(),
            busy.clone(),
            notice.clone(),
            reload_all.clone(),
        );
        let s = s.clone();
        move |now: Now| {
            let (error, busy, notice, reload_all, s) = (
                error.clone(),
                busy.clone(),
                notice.clone(),
                reload_all.clone(),
                s.clone(),
            );
            Callback::from(move |_: MouseEvent| {
                if *busy {
                    return;
                }
                busy.set(true);
                error.set(None);
                let (error, busy, notice, reload_all, s) = (
                    error.clone(),
                    busy.clone(),
                    notice.clone(),
                    reload_all.clone(),
                    s.clone(),
                );
                wasm_bindgen_futures::spawn_local(async move {
                    let result = match now {
                        Now::Confirm => api::suggestions::confirm(s.id).await.map(|_| ()),
                        Now::Submit => {
                            api::suggestions::transition(s.id, s.version, &SuggestionAction::Submit)
                                .await
                                .map(|_| ())
                        }
                        Now::Start => api::suggestions::transition(
                            s.id,
                            s.version,
                            &SuggestionAction::Start { note: None },
                        )
                        .await
                        .map(|_| ()),
                        Now::Supervise(is_key) => api::suggestions::transition(
                            s.id,
                            s.version,
                            &SuggestionAction::Supervise { is_key, note: None },
                        )
                        .await
                        .map(|_| ()),
                    };
                    busy.set(false);
                    match result {
                        Ok(()) => {
                            notice.set(Some(format!(
                                "{}{}{}",
                                step_label(st, &Step::Now(now)),
                                st.colon,
                                st.done
                            )));
                            reload_all.emit(());
                        }
                        Err(e) => error.set(Some(e)),
                    }
                });
            })
        }
    };
    let open = |a: Ask| {
        let ask = ask.clone();
        Callback::from(move |_: MouseEvent| ask.set(Some(a.clone())))
    };
    let send_reply = |r: &Reply| {
        let (error, busy, notice, reload_all) = (
            error.clone(),
            busy.clone(),
            notice.clone(),
            reload_all.clone(),
        );
        let id = r.id;
        Callback::from(move |_: MouseEvent| {
            let ok = web_sys::window()
                .and_then(|w| w.confirm_with_message(st.send_reply_confirm).ok())
                .unwrap_or(false);
            if !ok || *busy {
                return;
            }
            busy.set(true);
            let (error, busy, notice, reload_all) = (
                error.clone(),
                busy.clone(),
                notice.clone(),
                reload_all.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::suggestions::send_reply(id).await;
                busy.set(false);
                match result {
                    Ok(_) => {
                        notice.set(Some(st.reply_sent.to_string()));
                        reload_all.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let dialog = ask.as_ref().map(|a| {
        let close = {
            let ask = ask.clone();
            Callback::from(move |_| ask.set(None))
        };
        let done = {
            let (ask, notice, reload_all, navigator) = (
                ask.clone(),
                notice.clone(),
                reload_all.clone(),
                navigator.clone(),
            );
            let label = ask_title(st, a);
            Callback::from(move |visible: bool| {
                ask.set(None);
                if visible {
                    notice.set(Some(format!("{label}{}{}", st.colon, st.done)));
                    reload_all.emit(());
                } else {
                    navigator.push(&Route::Suggestions);
                }
            })
        };
        html! { <StepDialog ask={a.clone()} s={s.clone()} on_close={close} on_done={done} /> }
    });
    let may_attach = match s.status {
        SuggestionStatus::Draft => who.author,
        SuggestionStatus::Closed | SuggestionStatus::Withdrawn | SuggestionStatus::NotAccepted => {
            false
        }
        _ => who.office,
    };
    let on_file = |reply: Option<Uuid>| {
        let (error, busy, reload) = (error.clone(), busy.clone(), files.reload.clone());
        let id = s.id;
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            busy.set(true);
            let (error, busy, reload) = (error.clone(), busy.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::suggestions::attach(id, reply, file).await;
                busy.set(false);
                match result {
                    Ok(_) => reload.emit(()),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    // The files of the item (`None`) or of one reply, each a download button.
    let file_list = |of: Option<Uuid>| -> Html {
        let Some(list) = &files.data else {
            return Html::default();
        };
        html! {
            <ul class="files">
                { for list.iter().filter(|a| a.reply_id == of).map(|a| {
                    let (a2, error) = (a.clone(), error.clone());
                    let get = Callback::from(move |_: MouseEvent| {
                        let (a, error) = (a2.clone(), error.clone());
                        wasm_bindgen_futures::spawn_local(async move {
                            if let Err(e) = api::suggestions::download_attachment(&a).await {
                                error.set(Some(e));
                            }
                        });
                    });
                    html! { <li><button type="button" class="btn-link" onclick={get}>{&a.file_name}</button>{" "}<span class="muted">{a.size_bytes / 1024 + 1}{" KB"}</span></li> }
                }) }
            </ul>
        }
    };
    // A deadline row; the current deadline carries its overdue or due-soon mark.
    let due_row = |label: &'static str, d: Option<chrono::NaiveDate>| -> Html {
        if d.is_some() && d == s.due_on {
            html! { <><dt>{label}</dt><dd id="due-on">{due_badge(st, &s)}</dd></> }
        } else {
            date_row(label, d)
        }
    };
    let name_of = |id: Uuid| {
        s.signers
            .iter()
            .find(|x| x.deputy_id == id)
            .map(|x| x.name.clone())
            .unwrap_or_default()
    };
    html! {
        <section class="page suggestion-page">
            <p class="breadcrumb"><Link<Route> to={Route::Suggestions}>{st.back_to_list}</Link<Route>></p>
            <div class="page-head">
                <h1 id="suggestion-title">{&s.title}</h1>
                <div class="badges">
                    <span id="suggestion-status">{status_badge(st, s.status)}</span>
                    if s.is_key { <span class="badge badge-key">{st.key}</span> }
                    if s.wide_ranging { <span class="badge">{st.wide_ranging_badge}</span> }
                </div>
            </div>
            if let Some(n) = &*notice { <div class="banner banner-success notice" role="status"><p class="banner-title">{n}</p></div> }
            if let Some(e) = &*error { {error_banner(t, e, None)} }
            if !steps.is_empty() {
                <div class="card step-bar" id="steps" role="group" aria-label={st.steps}>
                    { for steps.iter().map(|step| {
                        let label = match step {
                            Step::Ask(Ask::Extend) if s.extension_request.is_some() => st.approve_extension,
                            _ => step_label(st, step),
                        };
                        match step {
                            Step::Edit => html! { <Link<Route> to={Route::EditSuggestion { id: s.id }} classes="btn">{label}</Link<Route>> },
                            Step::Now(n) => html! { <button type="button" class={classes!("btn", primary(step).then_some("btn-primary"))} disabled={*busy} onclick={run(*n)}>{label}</button> },
                            Step::Ask(a) => html! { <button type="button" class={classes!("btn", primary(step).then_some("btn-primary"))} disabled={*busy} onclick={open(a.clone())}>{label}</button> },
                        }
                    }) }
                </div>
            }
            <div class="grid-2">
                <div class="card">
                    <h2>{st.content}</h2>
                    <p class="muted">{st.kind(s.kind)}{" · "}{s.category_path.as_deref().unwrap_or(st.no_category)}</p>
                    <div class="prose" id="suggestion-content">{ for s.content.lines().map(|l| html! { <p>{l}</p> }) }</div>
                    if let (Some(code), Some(reason)) = (s.not_accepted_code, &s.not_accepted_reason) {
                        <p class="banner banner-warning" id="not-accepted"><strong>{st.not_accepted(code)}</strong>{"："}{reason}</p>
                    }
                    <h3>{st.f_signers}</h3>
                    <ul class="signers" id="signers">
                        { for s.signers.iter().map(|x| html! {
                            <li>
                                {&x.name}{" "}
                                <span class="muted">{ if x.role == ReferralRole::Lead { st.lead_deputy } else { st.co_signer } }</span>{" "}
                                { match (x.role, x.confirmed_at) {
                                    (ReferralRole::Lead, _) => Html::default(),
                                    (_, Some(_)) => html! { <span class="badge st-closed">{st.confirmed}</span> },
                                    _ => html! { <span class="badge st-returned">{st.unconfirmed}</span> },
                                } }
                            </li>
                        }) }
                    </ul>
                    if let Some(to) = &s.forwarded_to {
                        <p>{st.forwarded_to}{"："}{to}{" · "}{st.external_reference}{"："}{s.external_reference.as_deref().unwrap_or("—")}</p>
                    }
                </div>
                <div class="card">
                    <h2>{st.deadlines}</h2>
                    <dl class="facts" id="deadlines">
                        {date_row(st.submitted_on, s.submitted_on)}
                        {due_row(st.referral_due, s.referral_due)}
                        {date_row(st.referred_on, s.referred_on)}
                        {due_row(st.reply_due, s.reply_due)}
                        {due_row(st.rehandling_due, s.rehandling_due)}
                        if s.due_on.is_some() && ![s.referral_due, s.reply_due, s.rehandling_due].contains(&s.due_on) {
                            <dt>{st.f_due}</dt><dd id="due-on">{due_badge(st, &s)}</dd>
                        }
                        if s.submitted_on.is_none() { <dt>{st.f_status}</dt><dd>{st.not_submitted}</dd> }
                        if s.extension_months > 0 { <dt>{st.extended_by}</dt><dd>{st.months_n(s.extension_months)}</dd> }
                        {date_row(st.closed_on, s.closed_on)}
                        if let Some(r) = &s.extension_request {
                            <dt>{st.extension_requested}</dt>
                            <dd id="extension-request">{st.months_n(r.months)}{" · "}{&r.reason}</dd>
                        }
                    </dl>
                    if !s.referrals.is_empty() {
                        <h3>{st.referrals}</h3>
                        <ul class="referrals" id="referrals">
                            { for s.referrals.iter().map(|r| html! {
                                <li>
                                    <strong>{&r.handling_org_name}</strong>{" "}
                                    <span class="badge">{ if r.role == ReferralRole::Lead { st.lead_org } else { st.co_org } }</span>{" "}
                                    <span class="muted">{st.referred_on}{" "}{r.referred_on.to_string()}{" · "}{st.return_due}{" "}{r.return_due.to_string()}</span>
                                    if let Some(due) = r.input_due {
                                        <span class="muted">{" · "}{st.input_due}{" "}{due.to_string()}</span>
                                        if r.input_sent_at.is_some() { {" "}<span class="badge st-closed">{st.input_sent}</span> }
                                    }
                                    if let Some(reason) = &r.return_reason { <p class="muted">{st.returned_because}{reason}</p> }
                                </li>
                            }) }
                        </ul>
                    }
                </div>
            </div>
            if !s.consultations.is_empty() {
                <div class="card">
                    <h2>{st.consultations}</h2>
                    <ul id="consultations">
                        { for s.consultations.iter().map(|c| html! {
                            <li>{c.held_on.to_string()}{" "}<span class="badge">{st.consultation_form(c.form)}</span>{" "}{&c.met_by}
                                if let Some(n) = &c.notes { <span class="muted">{" · "}{n}</span> }
                            </li>
                        }) }
                    </ul>
                </div>
            }
            if !s.replies.is_empty() {
                <div class="card" id="replies">
                    <h2>{st.replies}</h2>
                    { for s.replies.iter().map(|r| {
                        let draft = r.sent_at.is_none();
                        // A draft is sent while the workflow allows it (the lead once it
                        // has started; anyone only while the item is handled).
                        let may_send = who.may(&s, SuggestionStep::SendReply);
                        let org = s.referrals.iter().find(|x| Some(x.handling_org_id) == r.handling_org_id)
                            .map(|x| x.handling_org_name.clone())
                            .or_else(|| s.forwarded_to.clone())
                            .unwrap_or_default();
                        html! {
                            <article class={classes!("reply", draft.then_some("is-draft"))}>
                                <h3>{org}{" · "}{st.round_n(r.round)}{" · "}{st.result_class_label(r.result_class)}</h3>
                                <div class="prose">{ for r.body.lines().map(|l| html! { <p>{l}</p> }) }</div>
                                {file_list(Some(r.id))}
                                if draft {
                                    <p>
                                        <span class="badge st-draft">{st.reply_draft}</span>{" "}
                                        <button type="button" class="btn btn-small" onclick={open(Ask::Reply(Some(r.clone())))}>{st.edit_reply}</button>{" "}
                                        if may_send {
                                            <button type="button" class="btn btn-small btn-primary" disabled={*busy} onclick={send_reply(r)}>{st.send_reply}</button>{" "}
                                        }
                                        <label class="btn btn-small" for={format!("attach-reply-{}", r.id)}>{st.attach_to_reply}</label>
                                        <input type="file" id={format!("attach-reply-{}", r.id)} class="visually-hidden" accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png,.txt" onchange={on_file(Some(r.id))} />
                                    </p>
                                } else {
                                    <p class="muted">{st.sent_at}{" "}{r.sent_at.as_ref().map(|d| t.datetime(d)).unwrap_or_default()}</p>
                                }
                            </article>
                        }
                    }) }
                </div>
            }
            if !s.feedback.is_empty() {
                <div class="card">
                    <h2>{st.feedback}</h2>
                    <table class="data-table" id="feedback">
                        <thead><tr>
                            <th scope="col">{st.f_signers}</th><th scope="col">{st.round}</th>
                            <th scope="col">{st.attitude}</th><th scope="col">{st.result}</th><th scope="col">{st.comment}</th>
                        </tr></thead>
                        <tbody>
                            { for s.feedback.iter().map(|f| html! {
                                <tr>
                                    <th scope="row" data-label={st.f_signers}>{name_of(f.deputy_id)}</th>
                                    <td data-label={st.round}>{f.round}</td>
                                    <td data-label={st.attitude}>{st.satisfaction(f.attitude)}</td>
                                    <td data-label={st.result}>{st.satisfaction(f.result)}</td>
                                    <td data-label={st.comment}>{f.comment.as_deref().unwrap_or("")}</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            <div class="card">
                <h2>{st.attachments}</h2>
                if files.data.as_ref().is_some_and(|l| !l.iter().any(|a| a.reply_id.is_none())) {
                    <p class="muted">{st.no_attachments}</p>
                }
                <div id="attachments">{file_list(None)}</div>
                if may_attach {
                    <label class="btn btn-small" for="attach-file">{st.attach}</label>
                    <input type="file" id="attach-file" class="visually-hidden" accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png,.txt" onchange={on_file(None)} />
                }
            </div>
            <div class="card">
                <h2>{st.history}</h2>
                if let Some(events) = &history.data {
                    <ol class="timeline" id="history">
                        { for events.iter().map(|e| html! {
                            <li>
                                <time>{t.datetime(&e.at)}</time>{" "}
                                <strong>{st.action(&e.action)}</strong>
                                if e.from_status != Some(e.to_status) { {" → "}{st.status(e.to_status)} }
                                {" "}<span class="muted">{st.actor(&e.actor_role)}</span>
                                if let Some(n) = &e.note { <p class="muted">{n}</p> }
                            </li>
                        }) }
                    </ol>
                }
            </div>
            { dialog.unwrap_or_default() }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(status: SuggestionStatus) -> Suggestion {
        serde_json::from_value(serde_json::json!({
            "id": Uuid::nil(), "congress_id": Uuid::nil(), "kind": "suggestion", "title": "t",
            "content": "c", "category_id": null, "category_path": null,
            "session_activity_id": null, "lead_deputy_id": null, "signers": [],
            "status": status.as_str(), "not_accepted_code": null, "not_accepted_reason": null,
            "wide_ranging": false, "is_key": false, "forwarded_to": null,
            "external_reference": null, "round": 1, "submitted_on": null, "referral_due": null,
            "referred_on": null, "reply_due": null, "extension_months": 0,
            "rehandling_due": null, "due_on": null, "overdue": false, "due_soon": false,
            "closed_on": null, "referrals": [], "replies": [], "consultations": [],
            "feedback": [], "origin": "entered", "imported": null, "version": 1,
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"
        }))
        .expect("a suggestion")
    }

    #[test]
    fn each_role_is_offered_its_own_steps() {
        use SuggestionStatus as S;
        let office = Standing {
            office: true,
            ..Default::default()
        };
        let author = Standing {
            author: true,
            signer: true,
            ..Default::default()
        };
        let lead_org = Standing {
            org_role: Some(ReferralRole::Lead),
            ..Default::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let co_org = Standing {
            org_role: Some(ReferralRole::Co),
            return_due: Some(today),
            today,
            ..Default::default()
        };
        let has = |s: S, who: &Standing, step: Step| offered(&item(s), who).contains(&step);
        assert!(has(S::Draft, &author, Step::Now(Now::Submit)));
        assert!(!has(S::Draft, &lead_org, Step::Now(Now::Submit)));
        assert!(has(S::Submitted, &office, Step::Ask(Ask::Accept)));
        assert!(!has(S::Submitted, &author, Step::Ask(Ask::Accept)));
        assert!(has(S::Returned, &office, Step::Ask(Ask::Refer)));
        assert!(has(S::Referred, &lead_org, Step::Now(Now::Start)));
        assert!(!has(S::Referred, &co_org, Step::Now(Now::Start)));
        assert!(has(S::Referred, &co_org, Step::Ask(Ask::Return)));
        assert!(has(S::Referred, &co_org, Step::Ask(Ask::Reply(None))));
        let late = Standing {
            return_due: today.pred_opt(),
            ..co_org
        };
        assert!(!has(S::Referred, &late, Step::Ask(Ask::Return)));
        assert!(has(S::InProgress, &co_org, Step::Ask(Ask::Return)));
        assert!(!has(S::InProgress, &late, Step::Ask(Ask::Return)));
        assert!(!has(S::InProgress, &lead_org, Step::Ask(Ask::Return)));
        // A replied item with signers closes only after 30 days unrated; one without
        // signers (imported) at once.
        let mut signed = item(S::Replied);
        signed.signers.push(renda_openapi::Signer {
            deputy_id: Uuid::nil(),
            name: "代表".into(),
            role: ReferralRole::Lead,
            confirmed_at: None,
        });
        let close = Step::Ask(Ask::Close);
        assert!(!offered(&signed, &office).contains(&close));
        let unrated = Standing {
            unrated_30_days: true,
            ..office
        };
        assert!(offered(&signed, &unrated).contains(&close));
        assert!(has(S::Replied, &office, close));
        assert!(has(S::Rehandling, &lead_org, Step::Ask(Ask::Reply(None))));
        assert!(has(S::Replied, &author, Step::Ask(Ask::Feedback)));
        let rated = Standing {
            rated: true,
            ..author
        };
        assert!(!has(S::Replied, &rated, Step::Ask(Ask::Feedback)));
        assert!(has(S::Rated, &office, Step::Ask(Ask::Close)));
        assert!(!has(S::Closed, &office, Step::Now(Now::Supervise(true))));
        assert!(has(S::InProgress, &office, Step::Now(Now::Supervise(true))));
    }
}
