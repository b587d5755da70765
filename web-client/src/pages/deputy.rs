//! One deputy: the person's details (personal data masked unless the role may see it), their
//! mandates with the status history of each, and the status changes (suspend, resume,
//! terminate with reason and date) behind a confirmation dialog.

use crate::api::Congress;
use crate::api::{self, ApiError};
use crate::components::widgets::{
    error_banner, loading, select_field, text_field, use_title, Modal, SelectFieldProps,
    SelectOption, TextFieldProps,
};
use crate::data::{use_congresses, use_load, use_value};
use crate::flash::Notice;
use crate::i18n::{use_t, Texts};
use crate::validate;
use crate::{AuthCtx, Route};
use renda_openapi::{
    Deputy, ElectedVia, Mandate, MandateInput, MandateStatus, StatusChangeRequest, StatusReason,
};
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

/// Props of [`DeputyPage`].
#[derive(Properties, PartialEq)]
pub struct DeputyPageProps {
    /// The deputy's id.
    pub id: Uuid,
}

fn value_or_dash(t: &Texts, v: Option<&str>) -> Html {
    match v {
        Some(s) if !s.is_empty() => html! { {s.to_string()} },
        _ => html! { <span class="muted">{t.not_recorded}</span> },
    }
}

/// The address: withheld by the server from roles that do not see contacts (the deputy
/// record is then marked masked), which shows as "hidden", not as "not recorded".
fn address_value(t: &Texts, hidden: bool, v: &Option<String>) -> Html {
    match v.as_deref() {
        None | Some("") if hidden => html! { <span class="muted">{t.hidden_value}</span> },
        v => value_or_dash(t, v),
    }
}

fn detail_row(label: &'static str, value: Html, id: &'static str) -> Html {
    html! {
        <div class="detail-row" id={(!id.is_empty()).then_some(id)}>
            <dt>{label}</dt>
            <dd>{value}</dd>
        </div>
    }
}

/// The status change being confirmed, or the mandate being edited.
#[derive(Clone, Copy, PartialEq)]
enum Action {
    Suspend,
    Resume,
    Terminate,
    Edit,
}

/// Props of [`MandateDialog`].
#[derive(Properties, PartialEq)]
struct MandateDialogProps {
    mandate: Mandate,
    action: Action,
    on_close: Callback<()>,
    on_done: Callback<()>,
}

/// Edits a mandate's delegation, deputy group, constituency, certificate number and
/// election data (the term stays).
fn mandate_form(
    t: &'static Texts,
    p: &MandateDialogProps,
    units: crate::data::Units,
    [delegation, group, constituency, certificate, via, elected_on]: [UseStateHandle<String>; 6],
    errors: UseStateHandle<Vec<(String, String)>>,
    server_error: UseStateHandle<Option<ApiError>>,
    busy: UseStateHandle<bool>,
) -> Html {
    let m = &p.mandate;

    let onsubmit = {
        let (delegation, group, constituency, certificate, via, elected_on) = (
            delegation.clone(),
            group.clone(),
            constituency.clone(),
            certificate.clone(),
            via.clone(),
            elected_on.clone(),
        );
        let (errors, server_error, busy) = (errors.clone(), server_error.clone(), busy.clone());
        let mandate = m.clone();
        let on_done = p.on_done.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let mut errs = vec![];
            for (field, value) in [
                ("constituency", &*constituency),
                ("certificate_number", &*certificate),
            ] {
                if value.trim().chars().count() > 100 {
                    errs.push((
                        field.to_string(),
                        t.issue(crate::validate::Issue::TooLong(100)),
                    ));
                }
            }
            let date = match elected_on.trim() {
                "" => None,
                s => match validate::parse_ymd(s) {
                    Some(d) if d > validate::today() => {
                        errs.push(("elected_on".into(), t.date_in_future.to_string()));
                        None
                    }
                    Some(d) => Some(d),
                    None => {
                        errs.push(("elected_on".into(), t.date_invalid.to_string()));
                        None
                    }
                },
            };
            errors.set(errs.clone());
            if !errs.is_empty() {
                return;
            }
            let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
            let input = MandateInput {
                term_id: mandate.term_id,
                delegation_id: Uuid::parse_str(&delegation).ok(),
                deputy_group_id: Uuid::parse_str(&group).ok(),
                constituency: opt(&constituency),
                certificate_number: opt(&certificate),
                elected_via: ElectedVia::parse(&via),
                elected_on: date,
            };
            busy.set(true);
            server_error.set(None);
            let (errors, server_error, busy, mandate, on_done) = (
                errors.clone(),
                server_error.clone(),
                busy.clone(),
                mandate.clone(),
                on_done.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match api::update_mandate(&mandate, &input).await {
                    Ok(_) => on_done.emit(()),
                    Err(e) => {
                        errors.set(crate::components::widgets::field_messages(t, &e));
                        server_error.set(Some(e));
                        busy.set(false);
                    }
                }
            });
        })
    };
    let err = |f: &str| errors.iter().find(|(k, _)| k == f).map(|(_, m)| m.clone());
    let options = |items: Option<Vec<SelectOption>>| items.unwrap_or_default();
    let delegation_options = options(units.delegations.data.as_ref().map(|ds| {
        ds.iter()
            .map(|d| (d.id.to_string(), d.name.clone()))
            .collect()
    }));
    let group_options = options(units.groups.data.as_ref().map(|gs| {
        gs.iter()
            .map(|g| (g.id.to_string(), g.name.clone()))
            .collect()
    }));
    let via_options: Vec<SelectOption> = [ElectedVia::GeneralElection, ElectedVia::ByElection]
        .iter()
        .map(|v| (v.as_str().to_string(), t.elected(*v).to_string()))
        .collect();
    let set = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |v: String| s.set(v))
    };
    html! {
        <Modal id="mandate-dialog" title={(t.edit_mandate_title)(&t.term_label(m.term_number))} on_close={p.on_close.clone()}>
            <form {onsubmit} novalidate=true>
                if let Some(e) = &*server_error {
                    if e.status() == 412 {
                        <div class="banner banner-error" role="alert"><p class="banner-title">{t.err_stale_mandate}</p></div>
                    } else {
                        {error_banner(t, e, None)}
                    }
                }
                if units.delegations.data.is_none() || units.groups.data.is_none() {
                    if let Some(e) = units.delegations.error.as_ref().or(units.groups.error.as_ref()) {
                        {error_banner(t, e, None)}
                    } else {
                        {loading(t.loading)}
                    }
                } else {
                    {select_field(t, SelectFieldProps {
                        id: "mandate-delegation", label: t.f_delegation, value: (*delegation).clone().into(),
                        options: delegation_options, empty_label: Some(t.none_option),
                        error: err("delegation_id"), onchange: set(&delegation), ..Default::default()
                    })}
                    {select_field(t, SelectFieldProps {
                        id: "mandate-group", label: t.f_group, value: (*group).clone().into(),
                        options: group_options, empty_label: Some(t.none_option),
                        error: err("deputy_group_id"), onchange: set(&group), ..Default::default()
                    })}
                }
                {text_field(t, TextFieldProps {
                    id: "mandate-constituency", label: t.f_constituency,
                    value: (*constituency).clone().into(), error: err("constituency"),
                    oninput: set(&constituency), ..Default::default()
                })}
                {text_field(t, TextFieldProps {
                    id: "mandate-certificate", label: t.f_certificate, value: (*certificate).clone().into(),
                    error: err("certificate_number"), oninput: set(&certificate), ..Default::default()
                })}
                {select_field(t, SelectFieldProps {
                    id: "mandate-via", label: t.elected_via, value: (*via).clone().into(),
                    options: via_options, onchange: set(&via), ..Default::default()
                })}
                {text_field(t, TextFieldProps {
                    id: "mandate-elected-on", label: t.elected_on, input_type: "date",
                    value: (*elected_on).clone().into(), max: Some(validate::today_string()),
                    error: err("elected_on"), oninput: set(&elected_on), ..Default::default()
                })}
                <div class="dialog-actions">
                    <button type="button" class="btn" onclick={let c = p.on_close.clone(); Callback::from(move |_| c.emit(()))}>{t.cancel}</button>
                    <button type="submit" id="save-mandate" class="btn btn-primary" disabled={*busy}>
                        { if *busy { t.saving } else { t.save } }
                    </button>
                </div>
            </form>
        </Modal>
    }
}

/// The confirmation of a status change, with the reason, date and note it needs.
fn status_form(
    t: &'static Texts,
    p: &MandateDialogProps,
    [reason, date, note]: [UseStateHandle<String>; 3],
    errors: UseStateHandle<Vec<(String, String)>>,
    server_error: UseStateHandle<Option<ApiError>>,
    busy: UseStateHandle<bool>,
) -> Html {
    let reasons: Vec<SelectOption> = StatusReason::ALL
        .iter()
        .filter(|r| match p.action {
            Action::Suspend => r.suspends(),
            Action::Terminate => !r.suspends(),
            Action::Resume | Action::Edit => false,
        })
        .map(|r| (r.as_str().to_string(), t.reason(*r).to_string()))
        .collect();

    let (title, confirm, warning) = match p.action {
        Action::Suspend => (t.suspend_title, t.confirm_suspend, t.suspend_warning),
        Action::Resume => (t.resume_title, t.confirm_resume, t.resume_warning),
        Action::Terminate | Action::Edit => {
            (t.terminate_title, t.confirm_terminate, t.terminate_warning)
        }
    };

    let onsubmit = {
        let (reason, date, note, errors, server_error, busy) = (
            reason.clone(),
            date.clone(),
            note.clone(),
            errors.clone(),
            server_error.clone(),
            busy.clone(),
        );
        let action = p.action;
        let mandate = p.mandate.clone();
        let on_done = p.on_done.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let mut errs = vec![];
            let reason_value = StatusReason::parse(&reason);
            if action != Action::Resume && reason_value.is_none() {
                errs.push(("reason".into(), t.reason_required.to_string()));
            }
            let date_value = if date.trim().is_empty() {
                if action == Action::Terminate {
                    errs.push(("date".into(), t.date_required.to_string()));
                }
                None
            } else {
                match validate::parse_ymd(date.trim()) {
                    Some(d) if d > validate::today() => {
                        errs.push(("date".into(), t.date_in_future.to_string()));
                        None
                    }
                    Some(d) => Some(d),
                    None => {
                        errs.push(("date".into(), t.date_invalid.to_string()));
                        None
                    }
                }
            };
            let note_value = validate::clean(&note);
            if note_value.as_ref().is_some_and(|n| n.chars().count() > 500) {
                errs.push(("note".into(), t.issue(crate::validate::Issue::TooLong(500))));
            }
            errors.set(errs.clone());
            if !errs.is_empty() {
                return;
            }
            let change = StatusChangeRequest {
                status: match action {
                    Action::Suspend => MandateStatus::Suspended,
                    Action::Resume | Action::Edit => MandateStatus::Active,
                    Action::Terminate => MandateStatus::Terminated,
                },
                reason: reason_value,
                date: date_value,
                note: note_value,
            };
            busy.set(true);
            server_error.set(None);
            let (busy, server_error, errors, mandate, on_done) = (
                busy.clone(),
                server_error.clone(),
                errors.clone(),
                mandate.clone(),
                on_done.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match api::change_status(&mandate, &change).await {
                    Ok(_) => on_done.emit(()),
                    Err(e) => {
                        let field_errs: Vec<(String, String)> = e
                            .field_errors()
                            .iter()
                            .filter_map(|f| {
                                let field = match f.pointer.as_str() {
                                    "/reason" => "reason",
                                    "/date" => "date",
                                    "/note" => "note",
                                    _ => return None,
                                };
                                Some((field.to_string(), t.field_error_message(f)))
                            })
                            .collect();
                        errors.set(field_errs);
                        server_error.set(Some(e));
                        busy.set(false);
                    }
                }
            });
        })
    };
    let err = |f: &str| errors.iter().find(|(k, _)| k == f).map(|(_, m)| m.clone());
    html! {
        <Modal id="status-dialog" {title} on_close={p.on_close.clone()}>
            <form {onsubmit} novalidate=true>
                <p class={classes!("banner", if p.action == Action::Terminate { "banner-warning" } else { "banner-info" })}>{warning}</p>
                if let Some(e) = &*server_error { {error_banner(t, e, None)} }
                if p.action != Action::Resume {
                    {select_field(t, SelectFieldProps { id: "status-reason", label: t.reason_label, value: (*reason).clone().into(), options: reasons, empty_label: Some(t.choose), required: true, error: err("reason"), onchange: { let s = reason.clone(); let e = errors.clone(); Callback::from(move |v: String| {
                            e.set(e.iter().filter(|(k, _)| *k != "reason").cloned().collect());
                            s.set(v)
                        }) }, ..Default::default() })}
                }
                {text_field(t, TextFieldProps { id: "status-date", label: t.effective_date, input_type: "date", value: (*date).clone().into(), required: p.action == Action::Terminate, max: Some(validate::today_string()), error: err("date"), oninput: { let s = date.clone(); let e = errors.clone(); Callback::from(move |v: String| {
                        e.set(e.iter().filter(|(k, _)| *k != "date").cloned().collect());
                        s.set(v)
                    }) }, ..Default::default() })}
                {text_field(t, TextFieldProps {
                    id: "status-note", label: t.note, value: (*note).clone().into(), rows: Some(3),
                    error: err("note"), oninput: { let s = note.clone(); Callback::from(move |v| s.set(v)) },
                    ..Default::default()
                })}
                <div class="dialog-actions">
                    <button type="button" class="btn" onclick={let c = p.on_close.clone(); Callback::from(move |_| c.emit(()))}>{t.cancel}</button>
                    <button type="submit" id="confirm-status" class={classes!("btn", if p.action == Action::Terminate { "btn-danger" } else { "btn-primary" })} disabled={*busy}>
                        { if *busy { t.saving } else { confirm } }
                    </button>
                </div>
            </form>
        </Modal>
    }
}
/// A mandate's dialog: edit its delegation, deputy group, constituency, certificate number
/// and election data (the term stays), or confirm a status change with the reason, date
/// and note it needs.
#[function_component]
fn MandateDialog(p: &MandateDialogProps) -> Html {
    let t = use_t();
    let m = &p.mandate;
    let edit = p.action == Action::Edit;
    let units = crate::data::use_units(edit.then_some(m.congress_id));
    let id_str = |v: Option<Uuid>| v.map(|u| u.to_string()).unwrap_or_default();
    let opt = |v: &Option<String>| {
        if edit {
            v.clone().unwrap_or_default()
        } else {
            String::new()
        }
    };
    let a = use_value(if edit {
        id_str(m.delegation_id)
    } else {
        String::new()
    });
    let b = use_value(if edit {
        id_str(m.deputy_group_id)
    } else if p.action == Action::Terminate {
        String::new()
    } else {
        validate::today_string()
    });
    let c = use_value(opt(&m.constituency));
    let d = use_value(opt(&m.certificate_number));
    let via = use_value(m.elected_via.as_str().to_string());
    let elected_on = use_value(m.elected_on.map(|d| d.to_string()).unwrap_or_default());
    let errors = use_state(Vec::<(String, String)>::new);
    let server_error = use_value(Option::<ApiError>::default());
    let busy = use_value(bool::default());
    if edit {
        mandate_form(
            t,
            p,
            units,
            [a, b, c, d, via, elected_on],
            errors,
            server_error,
            busy,
        )
    } else {
        status_form(t, p, [a, b, c], errors, server_error, busy)
    }
}

fn mandate_card(
    t: &'static Texts,
    m: &Mandate,
    congresses: &[Congress],
    can_edit: bool,
    can_change: bool,
    on_action: &Callback<(Mandate, Action)>,
) -> Html {
    let can_change_now = can_change && m.status != MandateStatus::Terminated;
    let act = |a: Action| {
        let cb = on_action.clone();
        let m = m.clone();
        Callback::from(move |_: MouseEvent| cb.emit((m.clone(), a)))
    };
    html! {
        <article class="card mandate" aria-labelledby={format!("mandate-{}", m.id)}>
            <header class="mandate-head">
                <h3 id={format!("mandate-{}", m.id)}>
                    if let Some(c) = congresses.iter().find(|c| c.id == m.congress_id) {
                        <span class="mandate-congress">{c.name.clone()}</span>{" "}
                    }
                    {t.term_label(m.term_number)}
                </h3>
                <span class={classes!("badge", format!("status-{}", m.status.as_str()))}>{t.status(m.status)}</span>
            </header>
            <dl class="details">
                { detail_row(t.f_delegation, value_or_dash(t, m.delegation_name.as_deref()), "") }
                { detail_row(t.f_group, value_or_dash(t, m.deputy_group_name.as_deref()), "") }
                { detail_row(t.f_constituency, value_or_dash(t, m.constituency.as_deref()), "") }
                { detail_row(t.f_certificate, value_or_dash(t, m.certificate_number.as_deref()), "") }
                { detail_row(t.elected_via, html!{ {t.elected(m.elected_via)} }, "") }
                { detail_row(t.elected_on, value_or_dash(t, m.elected_on.map(|d| d.to_string()).as_deref()), "") }
                if m.status != MandateStatus::Active {
                    { detail_row(t.status_reason, value_or_dash(t, m.status_reason.map(|r| t.reason(r))), "") }
                    { detail_row(t.status_date, value_or_dash(t, m.status_date.map(|d| d.to_string()).as_deref()), "") }
                }
            </dl>
            <h4>{t.status_history}</h4>
            if m.status_history.is_empty() {
                <p class="muted">{t.no_status_history}</p>
            } else {
                <ol class="history">
                    { for m.status_history.iter().rev().map(|h| html! {
                        <li>
                            <span class="history-date">{ h.changed_on.map(|d| d.to_string()).unwrap_or_else(|| t.date_unknown.to_string()) }</span>
                            <span>
                                { h.from_status.map(|s| format!("{} → ", t.status(s))).unwrap_or_default() }
                                <strong>{t.status(h.to_status)}</strong>
                                { h.reason.map(|r| t.parenthesized(t.reason(r))).unwrap_or_default() }
                            </span>
                            if let Some(n) = &h.note { <span class="muted history-note">{n.clone()}</span> }
                            <span class="muted history-recorded">{(t.recorded_at)(&t.datetime(&h.recorded_at))}</span>
                        </li>
                    }) }
                </ol>
            }
            if can_edit || can_change_now {
                <div class="actions">
                    if can_edit {
                        <button type="button" class="btn" onclick={act(Action::Edit)}>{t.edit_mandate}</button>
                    }
                    if can_change_now {
                        if m.status == MandateStatus::Active {
                            <button type="button" class="btn" onclick={act(Action::Suspend)}>{t.suspend}</button>
                        } else {
                            <button type="button" class="btn" onclick={act(Action::Resume)}>{t.resume}</button>
                        }
                        <button type="button" class="btn btn-danger-outline" onclick={act(Action::Terminate)}>{t.terminate}</button>
                    }
                </div>
            }
        </article>
    }
}

/// The deputy page.
#[function_component]
pub fn DeputyPage(p: &DeputyPageProps) -> Html {
    let t = use_t();
    let auth = use_context::<AuthCtx>().expect("AuthCtx");
    let deputy = use_load(Some(p.id), api::deputy);
    let activities = use_load(
        deputy.data.is_some().then_some(p.id),
        api::meetings::deputy_activities,
    );
    let mt = crate::i18n::meetings::use_mt();
    use_title(
        deputy
            .data
            .as_ref()
            .map(|d| d.name.clone())
            .unwrap_or_else(|| t.deputy_title.to_string()),
    );
    let dialog = use_value(None::<(Mandate, Action)>);
    let congresses = use_congresses();
    let notice = use_state(crate::flash::take);
    let on_action = {
        let dialog = dialog.clone();
        Callback::from(move |x| dialog.set(Some(x)))
    };
    let on_close = {
        let dialog = dialog.clone();
        Callback::from(move |_| dialog.set(None))
    };
    let on_done = {
        let dialog = dialog.clone();
        let reload = deputy.reload.clone();
        let notice = notice.clone();
        Callback::from(move |_| {
            dialog.set(None);
            notice.set(Some(Notice::StatusChanged));
            reload.emit(());
        })
    };

    let on_mandate_saved = {
        let dialog = dialog.clone();
        let reload = deputy.reload.clone();
        let notice = notice.clone();
        Callback::from(move |_| {
            dialog.set(None);
            notice.set(Some(Notice::MandateSaved));
            reload.emit(());
        })
    };
    let not_found = deputy.error.as_ref().is_some_and(|e| e.status() == 404);
    let body = match (&deputy.data, &deputy.error) {
        (_, Some(_)) if not_found => html! {
            <>
                <h1>{t.deputy_title}</h1>
                <div class="banner banner-error" role="alert" id="deputy-not-found">
                    <p class="banner-title">{t.deputy_not_found}</p>
                </div>
                <Link<Route> to={Route::Deputies} classes="btn">{t.back_to_list}</Link<Route>>
            </>
        },
        (_, Some(e)) => html! {
            <>
                <h1>{t.deputy_title}</h1>
                {error_banner(t, e, Some(deputy.reload.clone()))}
                <Link<Route> to={Route::Deputies} classes="btn">{t.back_to_list}</Link<Route>>
            </>
        },
        (None, None) => html! { {loading(t.loading_deputy)} },
        (Some(d), None) => view(
            t,
            d,
            congresses.data.as_deref().map(Vec::as_slice).unwrap_or(&[]),
            &auth,
            &on_action,
        ),
    };

    html! {
        <section class="page deputy-page">
            <nav class="breadcrumb" aria-label={t.breadcrumb}>
                <Link<Route> to={Route::Deputies}>{t.deputies_title}</Link<Route>>
                <span aria-hidden="true">{" / "}</span>
                <span aria-current="page">{ deputy.data.as_ref().map(|d| d.name.clone()).unwrap_or_else(|| t.deputy_title.to_string()) }</span>
            </nav>
            if let Some(n) = *notice {
                <div class="banner banner-success notice" role="status" id="notice">{n.text(t)}</div>
            }
            {body}
            if deputy.data.is_some() {
                {crate::pages::deputy_activities::deputy_activities(t, mt, &activities)}
            }
            if let Some((m, a)) = &*dialog {
                <MandateDialog mandate={m.clone()} action={*a} {on_close}
                    on_done={if *a == Action::Edit { on_mandate_saved } else { on_done }} />
            }
        </section>
    }
}

fn view(
    t: &'static Texts,
    d: &Deputy,
    congresses: &[Congress],
    auth: &AuthCtx,
    on_action: &Callback<(Mandate, Action)>,
) -> Html {
    let text = |v: &Option<String>| value_or_dash(t, v.as_deref());
    html! {
        <>
            <div class="page-head">
                <h1 id="deputy-name">{&d.name}</h1>
                <div class="actions">
                    if auth.can_edit_deputy(d.id) {
                        <Link<Route> to={Route::EditDeputy { id: d.id }} classes="btn btn-primary">{t.edit}</Link<Route>>
                    }
                </div>
            </div>
            <div class="deputy-grid">
                <section class="card" aria-labelledby="basic-title">
                    <h2 id="basic-title">{t.basic_info}</h2>
                    <dl class="details">
                        { detail_row(t.f_gender, d.gender.map(|g| html!{ {t.gender(g)} }).unwrap_or_else(|| value_or_dash(t, None)), "d-gender") }
                        { detail_row(t.f_ethnicity, text(&d.ethnicity), "d-ethnicity") }
                        { detail_row(t.f_birth_date, d.birth_date.as_deref().map(|b| html!{ {t.birth(b)} }).unwrap_or_else(|| value_or_dash(t, None)), "d-birth") }
                        { detail_row(t.f_party, text(&d.party), "d-party") }
                        { detail_row(t.f_workplace_post, text(&d.workplace_post), "d-workplace") }
                        { detail_row(t.f_external_id, text(&d.external_id), "d-external-id") }
                        { detail_row(t.f_notes, text(&d.notes), "d-notes") }
                        { detail_row(t.updated_at, html!{ {t.datetime(&d.updated_at)} }, "d-updated") }
                    </dl>
                </section>
                <section class="card" aria-labelledby="personal-title">
                    <h2 id="personal-title">{t.personal_info}</h2>
                    if d.personal_data_masked {
                        <p class="banner banner-info" id="masked-notice">{t.masked_notice}</p>
                    }
                    <dl class="details">
                        { detail_row(t.f_phone, text(&d.phone), "d-phone") }
                        { detail_row(t.f_id_card, text(&d.id_card_number), "d-id-card") }
                        { detail_row(t.f_address, address_value(t, d.personal_data_masked && !auth.sees_contacts(d.id), &d.address), "d-address") }
                    </dl>
                </section>
            </div>
            <section aria-labelledby="mandates-title">
                <h2 id="mandates-title">{t.mandates}</h2>
                if d.mandates.is_empty() {
                    <p class="muted">{t.no_mandates}</p>
                } else {
                    <div class="mandates">
                        { for d.mandates.iter().map(|m| mandate_card(t, m, congresses, auth.can_write(), auth.can_change_status(), on_action)) }
                    </div>
                }
            </section>
        </>
    }
}
