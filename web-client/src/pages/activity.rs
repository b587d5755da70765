//! One activity: its details and lifecycle actions (notify, held, summary, archive,
//! cancel), invitations, who attended, the quorum of a session (R3; OL 14), and leave
//! requests (R12; DL 13): a deputy asks, staff approve or refuse.

use crate::api::{self, ApiError};
use crate::components::widgets::{
    empty, error_banner, loading, select_field, text_field, use_title, Modal, SelectFieldProps,
    TextFieldProps,
};
use crate::data::{use_load, use_units, use_value};
use crate::i18n::meetings::{use_mt, MeetingTexts};
use crate::i18n::use_t;
use crate::{AuthCtx, Route};
use renda_openapi::{
    Activity, ActivityKind, ActivityStatus, ActivityTransition, Attendance, AttendanceStatus,
    InvitationRequest, LeaveDecision, LeaveStatus, NewLeaveRequest, Role,
};
use std::rc::Rc;
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

/// Props of the activity pages.
#[derive(Properties, PartialEq)]
pub struct ActivityPageProps {
    /// The activity's id.
    pub id: Uuid,
}

/// The lifecycle steps offered from `s`: forward ones, and cancel before it is held.
pub fn next_steps(s: ActivityStatus) -> Vec<ActivityStatus> {
    use ActivityStatus::*;
    match s {
        Planned => vec![Notified, Held, Cancelled],
        Notified => vec![Held, Cancelled],
        Held => vec![Summarised],
        Summarised => vec![Archived],
        Archived | Cancelled => vec![],
    }
}

/// Whether attendance may still be recorded.
pub fn open_for_attendance(a: &Activity) -> bool {
    a.rrule.is_none()
        && !matches!(
            a.status,
            ActivityStatus::Cancelled | ActivityStatus::Archived
        )
}

fn step_label(mt: &MeetingTexts, s: ActivityStatus) -> &'static str {
    match s {
        ActivityStatus::Notified => mt.notify,
        ActivityStatus::Held => mt.mark_held,
        ActivityStatus::Summarised => mt.summarise,
        ActivityStatus::Archived => mt.archive,
        _ => mt.cancel_activity,
    }
}

/// What [`StepDialog`] asks for: leave for an activity, or a lifecycle step's text.
#[derive(PartialEq)]
enum Ask {
    Leave(Uuid),
    Step(Rc<Activity>, ActivityStatus),
}

/// Props of [`StepDialog`].
#[derive(Properties, PartialEq)]
struct StepDialogProps {
    ask: Ask,
    on_close: Callback<()>,
    on_done: Callback<()>,
}

/// Asks for the summary and outcomes (summarised), the reason (cancelled), or a deputy's
/// reason for leave.
#[function_component]
fn StepDialog(p: &StepDialogProps) -> Html {
    let t = use_t();
    let mt = use_mt();
    let (id, step, leave, summary, outcomes0) = match &p.ask {
        Ask::Leave(id) => (*id, ActivityStatus::Cancelled, true, None, None),
        Ask::Step(a, s) => (a.id, *s, false, a.summary.clone(), a.outcomes.clone()),
    };
    let cancel = !leave && step == ActivityStatus::Cancelled;
    let text = use_value(summary.unwrap_or_default());
    let outcomes = use_value(outcomes0.unwrap_or_default());
    let error = use_value(Option::<String>::default());
    let server = use_value(Option::<ApiError>::default());
    let busy = use_value(bool::default());
    let onsubmit = {
        let (text, outcomes, error, server, busy) = (
            text.clone(),
            outcomes.clone(),
            error.clone(),
            server.clone(),
            busy.clone(),
        );
        let on_done = p.on_done.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            if text.trim().is_empty() {
                error.set(Some(mt.err_required.to_string()));
                return;
            }
            error.set(None);
            let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
            let body = ActivityTransition {
                status: step,
                summary: if cancel { None } else { opt(&text) },
                outcomes: if cancel { None } else { opt(&outcomes) },
                reason: if cancel { opt(&text) } else { None },
            };
            let reason = text.trim().to_string();
            busy.set(true);
            let (server, busy, on_done) = (server.clone(), busy.clone(), on_done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let r = if leave {
                    let body = NewLeaveRequest {
                        deputy_id: None,
                        reason,
                    };
                    api::meetings::request_leave(id, &body).await.map(drop)
                } else {
                    api::meetings::change_status(id, &body).await.map(drop)
                };
                match r {
                    Ok(()) => on_done.emit(()),
                    Err(e) => {
                        server.set(Some(e));
                        busy.set(false);
                    }
                }
            });
        })
    };
    let set = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |v: String| s.set(v))
    };
    let title = if leave {
        mt.ask_leave
    } else if cancel {
        mt.cancel_title
    } else {
        mt.summarise_title
    };
    html! {
        <Modal id={if leave { "leave-dialog" } else { "step-dialog" }} {title} on_close={p.on_close.clone()}>
            <form {onsubmit} novalidate=true>
                if let Some(e) = &*server { {error_banner(t, e, None)} }
                if leave { <p class="hint">{mt.leave_hint}</p> }
                if cancel { <p class="banner banner-warning">{mt.cancel_warning}</p> }
                {text_field(t, TextFieldProps {
                    id: if leave { "leave-reason" } else { "step-text" },
                    label: if leave { mt.leave_reason } else if cancel { mt.cancel_reason } else { mt.summary },
                    value: (*text).clone().into(), oninput: set(&text),
                    rows: Some(if leave || cancel { 3 } else { 6 }), required: true, error: (*error).clone(),
                    autofocus: true, ..Default::default()
                })}
                if !cancel && !leave {
                    {text_field(t, TextFieldProps {
                        id: "step-outcomes", label: mt.outcomes, value: (*outcomes).clone().into(),
                        oninput: set(&outcomes), rows: Some(3), ..Default::default()
                    })}
                }
                <div class="dialog-actions">
                    <button type="button" class="btn" onclick={let c = p.on_close.clone(); Callback::from(move |_| c.emit(()))}>{t.cancel}</button>
                    <button type="submit" id={if leave { "leave-send" } else { "step-confirm" }} class={classes!("btn", if cancel { "btn-danger" } else { "btn-primary" })} disabled={*busy}>
                        { if *busy { t.saving } else { mt.confirm } }
                    </button>
                </div>
            </form>
        </Modal>
    }
}

fn status_badge(mt: &MeetingTexts, s: AttendanceStatus) -> Html {
    html! { <span class={classes!("badge", format!("att-{}", s.as_str()))}>{mt.attendance(s)}</span> }
}

fn attendance_table(mt: &MeetingTexts, t: &crate::i18n::Texts, rows: &[Attendance]) -> Html {
    html! {
        <div class="table-wrap">
            <table class="data-table" id="attendance-table">
                <thead><tr>
                    <th scope="col">{t.f_name}</th>
                    <th scope="col">{mt.th_capacity}</th>
                    <th scope="col">{t.f_status}</th>
                    <th scope="col">{mt.th_checked_in}</th>
                    <th scope="col">{mt.th_leave}</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|r| html! {
                        <tr data-status={r.status.as_str()}>
                            <th scope="row">
                                if let Some(d) = r.deputy_id {
                                    <Link<Route> to={Route::Deputy { id: d }} classes="deputy-link">{&r.name}</Link<Route>>
                                } else {
                                    {&r.name}
                                }
                                if let Some(a) = &r.affiliation { <span class="muted">{" "}{a}</span> }
                            </th>
                            <td>{mt.capacity(r.capacity)}</td>
                            <td>{status_badge(mt, r.status)}</td>
                            <td class="nowrap">{r.checked_in_at.as_ref().map(|c| mt.clock(c)).unwrap_or_default()}</td>
                            <td>{r.leave.as_ref().map(|l| format!("{}（{}）", mt.leave(l.status), l.reason)).unwrap_or_default()}</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// Props of [`AttendanceSection`].
#[derive(Properties, PartialEq)]
struct AttendanceSectionProps {
    activity: Rc<Activity>,
    on_changed: Callback<()>,
}

/// Invitations, the quorum of a session, who attended, and leave requests.
#[function_component]
fn AttendanceSection(p: &AttendanceSectionProps) -> Html {
    let t = use_t();
    let mt = use_mt();
    let auth = use_context::<AuthCtx>().expect("AuthCtx");
    let a = p.activity.clone();
    // Leave requests and invitations do not always change the activity: a local counter
    // reloads this section's lists after each change made here.
    let tick = use_value(u32::default());
    let on_changed = {
        let (tick, parent) = (tick.clone(), p.on_changed.clone());
        Callback::from(move |_: ()| {
            tick.set(tick.wrapping_add(1));
            parent.emit(());
        })
    };
    let key = (a.id, a.version, a.attendance_counts.clone(), *tick);
    let rows = use_load(Some(key.clone()), |(id, _, _, _)| {
        api::meetings::attendance(id)
    });
    let is_session = a.kind == ActivityKind::Session;
    let quorum = use_load(is_session.then_some(key.clone()), |(id, _, _, _)| {
        api::meetings::quorum(id)
    });
    let leaves = use_load(Some(key), |(id, _, _, _)| api::meetings::leave_requests(id));
    let units = use_units(auth.can_write().then_some(a.congress_id));
    let group = use_value(String::new());
    let message = use_value(Option::<String>::default());
    let error = use_value(Option::<ApiError>::default());
    let leave_dialog = use_value(bool::default());
    let staff = auth.can_change_status();
    let deputy_me = auth
        .user
        .as_ref()
        .filter(|u| u.role == Role::Deputy)
        .and_then(|u| u.deputy_id);

    let invite = {
        let (message, error, on_changed) = (message.clone(), error.clone(), on_changed.clone());
        let id = a.id;
        move |req: InvitationRequest| {
            let (message, error, on_changed) = (message.clone(), error.clone(), on_changed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::meetings::invite(id, &req).await {
                    Ok(r) => {
                        message.set(Some((mt.invited_report)(
                            r.invited_members + r.invited_observers,
                            r.already_invited,
                        )));
                        error.set(None);
                        on_changed.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    let invite_all = {
        let invite = invite.clone();
        let c = a.congress_id;
        Callback::from(move |_: MouseEvent| {
            invite(InvitationRequest {
                congress_id: Some(c),
                ..Default::default()
            })
        })
    };
    let invite_group = {
        let group = group.clone();
        Callback::from(move |_: MouseEvent| {
            if let Ok(g) = Uuid::parse_str(&group) {
                invite(InvitationRequest {
                    deputy_group_id: Some(g),
                    ..Default::default()
                })
            }
        })
    };
    let decide = {
        let (error, on_changed) = (error.clone(), on_changed.clone());
        move |leave: Uuid, approve: bool| {
            let (error, on_changed) = (error.clone(), on_changed.clone());
            Callback::from(move |_: MouseEvent| {
                let (error, on_changed) = (error.clone(), on_changed.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match api::meetings::decide_leave(
                        leave,
                        &LeaveDecision {
                            approve,
                            note: None,
                        },
                    )
                    .await
                    {
                        Ok(_) => on_changed.emit(()),
                        Err(e) => error.set(Some(e)),
                    }
                });
            })
        }
    };
    let started = a.starts_at.timestamp_millis() as f64 <= js_sys::Date::now();
    let can_ask_leave = deputy_me.is_some()
        && !started
        && matches!(a.status, ActivityStatus::Planned | ActivityStatus::Notified);
    let group_options: Vec<(String, String)> = units
        .groups
        .data
        .as_ref()
        .map(|gs| {
            gs.iter()
                .map(|g| (g.id.to_string(), g.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let c = &a.attendance_counts;

    html! {
        <>
            if let Some(e) = &*error { {error_banner(t, e, None)} }
            if let Some(m) = &*message { <div class="banner banner-success" role="status"><p class="banner-title">{m}</p></div> }
            if is_session {
                <section class="card" id="quorum" aria-labelledby="quorum-title">
                    <h2 id="quorum-title">{mt.quorum_title}</h2>
                    { match (&quorum.data, &quorum.error) {
                        (_, Some(e)) => html! { {error_banner(t, e, None)} },
                        (Some(q), None) => html! {
                            <>
                                <p><span class={classes!("badge", if q.valid { "status-active" } else { "status-terminated" })} id="quorum-valid">
                                    { if q.valid { mt.quorum_valid } else { mt.quorum_invalid } }
                                </span></p>
                                <p id="quorum-explanation">{&q.explanation}</p>
                            </>
                        },
                        _ => html! { {loading(t.loading)} },
                    } }
                </section>
            }
            <section class="card" aria-labelledby="attendance-title">
                <div class="section-head">
                    <h2 id="attendance-title">{mt.attendance_title}</h2>
                    if staff && open_for_attendance(&a) {
                        <Link<Route> to={Route::CheckIn { id: a.id }} classes="btn btn-primary open-check-in">{mt.check_in}</Link<Route>>
                    }
                </div>
                <div class="stats" id="attendance-counts">
                    <div class="stat"><span class="stat-value">{c.invited + c.present + c.late + c.on_leave + c.absent}</span><span class="stat-label">{mt.invited}</span></div>
                    <div class="stat stat-create"><span class="stat-value" id="count-attending">{c.attending}</span><span class="stat-label">{mt.attending}</span></div>
                    <div class="stat"><span class="stat-value">{c.late}</span><span class="stat-label">{mt.attendance(AttendanceStatus::Late)}</span></div>
                    <div class="stat"><span class="stat-value">{c.on_leave}</span><span class="stat-label">{mt.attendance(AttendanceStatus::OnLeave)}</span></div>
                    <div class="stat stat-error"><span class="stat-value">{c.absent}</span><span class="stat-label">{mt.attendance(AttendanceStatus::Absent)}</span></div>
                    <div class="stat"><span class="stat-value">{c.invited}</span><span class="stat-label">{mt.not_recorded}</span></div>
                </div>
                if staff && open_for_attendance(&a) {
                    <div class="invite-bar">
                        <button type="button" class="btn" id="invite-all" onclick={invite_all}>{mt.invite_all}</button>
                        if !group_options.is_empty() {
                            {select_field(t, SelectFieldProps {
                                id: "invite-group", label: mt.invite_group, value: (*group).clone().into(),
                                options: group_options, empty_label: Some(t.choose),
                                onchange: { let g = group.clone(); Callback::from(move |v| g.set(v)) },
                                ..Default::default()
                            })}
                            <button type="button" class="btn" onclick={invite_group} disabled={group.is_empty()}>{mt.invite}</button>
                        }
                    </div>
                }
                if can_ask_leave {
                    <button type="button" class="btn" id="ask-leave" onclick={let d = leave_dialog.clone(); Callback::from(move |_| d.set(true))}>{mt.ask_leave}</button>
                }
                { match (&rows.data, &rows.error) {
                    (_, Some(e)) => html! { {error_banner(t, e, Some(rows.reload.clone()))} },
                    (Some(list), None) if list.is_empty() => empty(mt.no_invitees, Html::default()),
                    (Some(list), None) => attendance_table(mt, t, list),
                    _ => html! { {loading(t.loading)} },
                } }
            </section>
            <section class="card" aria-labelledby="leave-title" id="leave-requests">
                <h2 id="leave-title">{mt.leave_title}</h2>
                { match &leaves.data {
                    Some(list) if list.is_empty() => html! { <p class="muted">{mt.no_leave_requests}</p> },
                    Some(list) => html! {
                        <ul class="history">
                            { for list.iter().map(|l| {
                                let name = rows.data.as_ref()
                                    .and_then(|r| r.iter().find(|x| x.deputy_id == Some(l.deputy_id)).map(|x| x.name.clone()))
                                    .unwrap_or_default();
                                html! {
                                    <li data-leave={l.status.as_str()}>
                                        <strong>{name}</strong>{" "}
                                        <span class="badge">{mt.leave(l.status)}</span>{" "}
                                        <span>{&l.reason}</span>
                                        if staff && l.status == LeaveStatus::Pending {
                                            <span class="actions">
                                                <button type="button" class="btn btn-small btn-primary leave-approve" onclick={decide(l.id, true)}>{mt.approve}</button>
                                                <button type="button" class="btn btn-small leave-reject" onclick={decide(l.id, false)}>{mt.reject}</button>
                                            </span>
                                        }
                                    </li>
                                }
                            }) }
                        </ul>
                    },
                    None => html! {},
                } }
            </section>
            if *leave_dialog {
                <StepDialog ask={Ask::Leave(a.id)}
                    on_close={let d = leave_dialog.clone(); Callback::from(move |_| d.set(false))}
                    on_done={
                        let (d, m, on_changed) = (leave_dialog.clone(), message.clone(), on_changed.clone());
                        Callback::from(move |_| { d.set(false); m.set(Some(mt.leave_sent.to_string())); on_changed.emit(()); })
                    } />
            }
        </>
    }
}

/// The activity page.
#[function_component]
pub fn ActivityPage(p: &ActivityPageProps) -> Html {
    let t = use_t();
    let mt = use_mt();
    let auth = use_context::<AuthCtx>().expect("AuthCtx");
    let activity = use_load(Some(p.id), api::meetings::activity);
    use_title(
        activity
            .data
            .as_ref()
            .map(|a| a.title.clone())
            .unwrap_or_else(|| mt.loading_activity.to_string()),
    );
    let dialog = use_value(Option::<ActivityStatus>::default());
    let error = use_value(Option::<ApiError>::default());
    let step = {
        let (dialog, error, reload) = (dialog.clone(), error.clone(), activity.reload.clone());
        let id = p.id;
        move |s: ActivityStatus| {
            let (dialog, error, reload) = (dialog.clone(), error.clone(), reload.clone());
            Callback::from(move |_: MouseEvent| {
                if matches!(s, ActivityStatus::Summarised | ActivityStatus::Cancelled) {
                    dialog.set(Some(s));
                    return;
                }
                let (error, reload) = (error.clone(), reload.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let body = ActivityTransition {
                        status: s,
                        summary: None,
                        outcomes: None,
                        reason: None,
                    };
                    match api::meetings::change_status(id, &body).await {
                        Ok(_) => {
                            error.set(None);
                            reload.emit(());
                        }
                        Err(e) => error.set(Some(e)),
                    }
                });
            })
        }
    };
    let Some(a) = activity.data.clone() else {
        return html! {
            <section class="page">
                if let Some(e) = &activity.error {
                    <h1>{mt.activity_edit_title}</h1>
                    if e.status() == 404 {
                        <div class="banner banner-error" role="alert" id="activity-not-found"><p class="banner-title">{mt.activity_not_found}</p></div>
                    } else {
                        {error_banner(t, e, Some(activity.reload.clone()))}
                    }
                    <Link<Route> to={Route::Calendar} classes="btn">{mt.back_to_calendar}</Link<Route>>
                } else {
                    {loading(mt.loading_activity)}
                }
            </section>
        };
    };
    let writer = auth.can_write();
    let staff = auth.can_change_status();
    let detail = |label: &'static str, value: Html| {
        html! {
            <div class="detail-row"><dt>{label}</dt><dd>{value}</dd></div>
        }
    };
    let organiser = match &a.organiser.name {
        Some(n) => format!("{}：{n}", mt.organiser(a.organiser.kind)),
        None => mt.organiser(a.organiser.kind).to_string(),
    };
    html! {
        <section class="page activity-page">
            <nav class="breadcrumb" aria-label={t.breadcrumb}>
                <Link<Route> to={Route::Calendar}>{mt.calendar_title}</Link<Route>>
            </nav>
            <div class="page-head">
                <h1 id="activity-title">{&a.title}</h1>
                <div class="actions">
                    if writer && a.rrule.is_none() && !matches!(a.status, ActivityStatus::Cancelled | ActivityStatus::Archived) {
                        <Link<Route> to={Route::EditActivity { id: a.id }} classes="btn edit-activity">{t.edit}</Link<Route>>
                    }
                    if staff {
                        { for next_steps(a.status).into_iter().map(|s| html! {
                            <button type="button" id={format!("step-{}", s.as_str())}
                                class={classes!("btn", if s == ActivityStatus::Cancelled { "btn-danger-outline" } else { "btn-primary" })}
                                onclick={step(s)}>{step_label(mt, s)}</button>
                        }) }
                    }
                </div>
            </div>
            if let Some(e) = &*error { {error_banner(t, e, None)} }
            <div class="card">
                <p>
                    <span class="badge">{mt.kind(a.kind)}</span>{" "}
                    <span class={classes!("badge", format!("act-{}", a.status.as_str()))} id="activity-status">{mt.status(a.status)}</span>
                    if let Some(s) = &a.session {
                        {" "}<span class="badge">{mt.session_kind(s.kind)}</span>
                        if let Some(n) = s.number { {" "}<span class="badge">{(mt.session_no)(n)}</span> }
                    }
                </p>
                if a.rrule.is_some() { <p class="banner banner-info">{mt.series_note}</p> }
                <dl class="details">
                    {detail(mt.f_time, html! { {mt.span(&a.starts_at, &a.ends_at)} })}
                    {detail(mt.f_place, html! { {a.place.clone().unwrap_or_default()} })}
                    {detail(mt.f_organiser, html! { {organiser} })}
                    if let Some(r) = &a.rrule { {detail(mt.f_rrule, html! { <code>{r}</code> })} }
                    if let Some(s) = a.series_id {
                        {detail(mt.occurrence_of, html! { <Link<Route> to={Route::Activity { id: s }}>{mt.recurring}</Link<Route>> })}
                    }
                    if !a.topics.is_empty() { {detail(mt.f_topics, html! { {a.topics.join(t.list_separator)} })} }
                    if let Some(d) = &a.description { {detail(mt.f_description, html! { <span class="cell-wrap">{d}</span> })} }
                    if let Some(s) = &a.summary { {detail(mt.summary, html! { <span class="cell-wrap" id="activity-summary">{s}</span> })} }
                    if let Some(o) = &a.outcomes { {detail(mt.outcomes, html! { <span class="cell-wrap">{o}</span> })} }
                    if let Some(r) = &a.cancel_reason { {detail(mt.cancel_reason, html! { {r} })} }
                </dl>
            </div>
            if a.rrule.is_none() {
                <AttendanceSection activity={a.clone()} on_changed={activity.reload.clone()} />
            }
            if let Some(s) = *dialog {
                <StepDialog ask={Ask::Step(a.clone(), s)}
                    on_close={let d = dialog.clone(); Callback::from(move |_| d.set(None))}
                    on_done={let (d, r) = (dialog.clone(), activity.reload.clone()); Callback::from(move |_| { d.set(None); r.emit(()); })} />
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_go_forward_and_cancel_only_before_held() {
        use ActivityStatus::*;
        assert_eq!(next_steps(Planned), vec![Notified, Held, Cancelled]);
        assert_eq!(next_steps(Held), vec![Summarised]);
        assert!(next_steps(Archived).is_empty());
        assert!(next_steps(Cancelled).is_empty());
    }
}
