//! The check-in screen (签到): made for a phone at the door. Big buttons per invitee —
//! present, late, absent (once started), on leave (only with leave approved before the
//! start, R12; DL 13) — each tap saved at once with the record's version, so two clerks at
//! two doors never overwrite each other unseen; search by name; the not-yet-recorded first.
//! While a tap is being saved every button is disabled and the tapped one says so, so no
//! tap is lost unseen on a slow network. Once the activity has started, staff can mark
//! everyone not yet recorded as absent in one batch (after a confirmation).

use crate::api::{self, ApiError};
use crate::components::widgets::{error_banner, loading, use_title, Modal};
use crate::data::{use_load, use_value};
use crate::i18n::meetings::use_mt;
use crate::i18n::use_t;
use crate::pages::activity::{open_for_attendance, ActivityPageProps};
use crate::{AuthCtx, Route};
use renda_openapi::{Attendance, AttendanceBatch, AttendanceEntry, AttendanceStatus, LeaveStatus};
use yew::prelude::*;
use yew_router::prelude::*;

/// Whether `name` matches the search `q` (spaces ignored, as rosters pad names: 王　芳).
pub fn name_matches(name: &str, q: &str) -> bool {
    let strip = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase()
    };
    strip(name).contains(&strip(q))
}

/// The check-in page.
#[function_component]
pub fn CheckInPage(p: &ActivityPageProps) -> Html {
    let t = use_t();
    let mt = use_mt();
    let auth = use_context::<AuthCtx>().expect("AuthCtx");
    let activity = use_load(Some(p.id), api::meetings::activity);
    let loaded = use_load(Some(p.id), api::meetings::attendance);
    use_title(format!(
        "{} · {}",
        mt.checkin_title,
        activity
            .data
            .as_ref()
            .map(|a| a.title.clone())
            .unwrap_or_default()
    ));
    let rows = use_value(Vec::<Attendance>::new());
    {
        let rows = rows.clone();
        use_effect_with(loaded.data.clone(), move |d| {
            if let Some(d) = d {
                rows.set((**d).clone());
            }
        });
    }
    let search = use_value(String::new());
    let pending_only = use_value(true);
    let message = use_value(Option::<String>::default());
    let error = use_value(Option::<ApiError>::default());
    // The save in flight: the row and the status tapped, or no row for the batch of absences.
    let busy = use_value(Option::<(Option<uuid::Uuid>, AttendanceStatus)>::default());
    let confirm_absent = use_value(false);

    let mark = {
        let (rows, message, error, busy, reload) = (
            rows.clone(),
            message.clone(),
            error.clone(),
            busy.clone(),
            loaded.reload.clone(),
        );
        let id = p.id;
        move |r: &Attendance, status: AttendanceStatus| {
            let (rows, message, error, busy, reload) = (
                rows.clone(),
                message.clone(),
                error.clone(),
                busy.clone(),
                reload.clone(),
            );
            let r = r.clone();
            Callback::from(move |_: MouseEvent| {
                if busy.is_some() {
                    return;
                }
                busy.set(Some((Some(r.id), status)));
                let entry = AttendanceEntry {
                    deputy_id: None,
                    attendance_id: Some(r.id),
                    status,
                    checked_in_at: None,
                    note: None,
                    version: Some(r.version),
                };
                let (rows, message, error, busy, reload, r) = (
                    rows.clone(),
                    message.clone(),
                    error.clone(),
                    busy.clone(),
                    reload.clone(),
                    r.clone(),
                );
                wasm_bindgen_futures::spawn_local(async move {
                    let result = api::meetings::record(
                        id,
                        &AttendanceBatch {
                            entries: vec![entry],
                        },
                    )
                    .await;
                    busy.set(None);
                    match result {
                        Ok(report) => {
                            let res = report.results.into_iter().next();
                            match res {
                                Some(x) if x.ok => {
                                    let mut list = (*rows).clone();
                                    if let Some(row) = list.iter_mut().find(|x| x.id == r.id) {
                                        row.status = status;
                                        row.version += 1;
                                    }
                                    rows.set(list);
                                    error.set(None);
                                    let mut text = (mt.saved_as)(&r.name, mt.attendance(status));
                                    if !report.flags_raised.is_empty() {
                                        text = format!(
                                            "{text} {}",
                                            (mt.flags_raised)(report.flags_raised.len())
                                        );
                                    }
                                    message.set(Some(text));
                                }
                                Some(x) => {
                                    let stale =
                                        x.errors.iter().any(|e| e.code == "version_mismatch");
                                    if stale {
                                        message.set(Some(mt.stale_reloaded.to_string()));
                                        reload.emit(());
                                    } else {
                                        let why: Vec<String> = x
                                            .errors
                                            .iter()
                                            .map(|e| t.field_error_message(e))
                                            .collect();
                                        message.set(Some(format!("{}：{}", r.name, why.join(" "))));
                                    }
                                }
                                None => {}
                            }
                        }
                        Err(e) => error.set(Some(e)),
                    }
                });
            })
        }
    };

    // Every invitee still `invited` recorded as absent in one batch; the server refuses a
    // deputy with approved leave and a stale version, and the page reloads either way.
    let mark_rest_absent = {
        let (rows, message, error, busy, confirm, reload) = (
            rows.clone(),
            message.clone(),
            error.clone(),
            busy.clone(),
            confirm_absent.clone(),
            loaded.reload.clone(),
        );
        let id = p.id;
        Callback::from(move |_: MouseEvent| {
            confirm.set(false);
            if busy.is_some() {
                return;
            }
            let entries: Vec<AttendanceEntry> = rows
                .iter()
                .filter(|r| r.status == AttendanceStatus::Invited)
                .map(|r| AttendanceEntry {
                    deputy_id: None,
                    attendance_id: Some(r.id),
                    status: AttendanceStatus::Absent,
                    checked_in_at: None,
                    note: None,
                    version: Some(r.version),
                })
                .collect();
            if entries.is_empty() {
                return;
            }
            busy.set(Some((None, AttendanceStatus::Absent)));
            let (message, error, busy, reload) =
                (message.clone(), error.clone(), busy.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::meetings::record(id, &AttendanceBatch { entries }).await;
                busy.set(None);
                match result {
                    Ok(report) => {
                        let ok = report.results.iter().filter(|x| x.ok).count();
                        error.set(None);
                        message.set(Some((mt.marked_absent)(ok, report.results.len() - ok)));
                    }
                    Err(e) => error.set(Some(e)),
                }
                reload.emit(());
            });
        })
    };

    let Some(a) = activity.data.clone() else {
        return html! {
            <section class="page">
                if let Some(e) = &activity.error { {error_banner(t, e, Some(activity.reload.clone()))} } else { {loading(t.loading)} }
            </section>
        };
    };
    let started = a.starts_at.timestamp_millis() as f64 <= js_sys::Date::now();
    let attending = rows.iter().filter(|r| r.status.attended()).count();
    let recorded = rows
        .iter()
        .filter(|r| r.status != AttendanceStatus::Invited)
        .count();
    let shown: Vec<&Attendance> = rows
        .iter()
        .filter(|r| !*pending_only || r.status == AttendanceStatus::Invited)
        .filter(|r| search.is_empty() || name_matches(&r.name, &search))
        .collect();
    let pending = rows.len() - recorded;
    let saving = busy.is_some();
    let button = |r: &Attendance, s: AttendanceStatus, class: &'static str| {
        let on = r.status == s;
        let this = *busy == Some((Some(r.id), s));
        html! {
            <button type="button" class={classes!("btn", "checkin-btn", class, on.then_some("is-on"))}
                aria-pressed={on.to_string()} disabled={saving} aria-busy={this.then_some("true")}
                data-status={s.as_str()} onclick={mark(r, s)}>
                { if this { t.saving } else { mt.attendance(s) } }
            </button>
        }
    };
    html! {
        <section class="page checkin-page">
            <nav class="breadcrumb" aria-label={t.breadcrumb}>
                <Link<Route> to={Route::Activity { id: a.id }}>{mt.back_to_activity}</Link<Route>>
            </nav>
            <h1 class="checkin-title">{mt.checkin_title}{"："}{&a.title}</h1>
            <p class="muted">{mt.span(&a.starts_at, &a.ends_at)}{" "}{a.place.clone().unwrap_or_default()}</p>
            <div class="checkin-counts" id="checkin-counts" aria-live="polite">
                <span><strong id="checkin-attending">{attending}</strong>{" / "}{rows.len()}{" "}{mt.attending}</span>
                <span class="muted">{mt.not_recorded}{" "}{pending}</span>
            </div>
            if !open_for_attendance(&a) {
                <div class="banner banner-warning" role="alert"><p class="banner-title">{mt.not_open_for_check_in}</p></div>
            }
            if let Some(e) = &*error { {error_banner(t, e, None)} }
            if let Some(e) = &loaded.error { {error_banner(t, e, Some(loaded.reload.clone()))} }
            <div class="checkin-message" role="status" aria-live="polite" id="checkin-message">
                { if saving { t.saving.to_string() } else { (*message).clone().unwrap_or_default() } }
            </div>
            if started && auth.can_change_status() && open_for_attendance(&a) && pending > 0 && loaded.data.is_some() {
                <p>
                    <button type="button" id="mark-rest-absent" class="btn btn-danger-outline" disabled={saving}
                        onclick={let c = confirm_absent.clone(); Callback::from(move |_| c.set(true))}>
                        { if *busy == Some((None, AttendanceStatus::Absent)) { t.saving } else { mt.mark_rest_absent } }
                    </button>
                </p>
            }
            if *confirm_absent {
                <Modal id="absent-dialog" title={mt.mark_rest_absent} on_close={let c = confirm_absent.clone(); Callback::from(move |_| c.set(false))}>
                    <p>{(mt.mark_rest_absent_confirm)(pending)}</p>
                    <div class="dialog-actions">
                        <button type="button" class="btn" onclick={let c = confirm_absent.clone(); Callback::from(move |_| c.set(false))}>{t.cancel}</button>
                        <button type="button" id="absent-confirm" class="btn btn-danger" onclick={mark_rest_absent}>{mt.confirm}</button>
                    </div>
                </Modal>
            }
            <div class="checkin-tools">
                <label class="visually-hidden" for="checkin-search">{mt.search_invitee}</label>
                <input id="checkin-search" type="search" placeholder={mt.search_invitee} value={(*search).clone()}
                    oninput={let s = search.clone(); Callback::from(move |e: InputEvent| s.set(crate::components::widgets::input_value(&e)))} />
                <div class="cal-views" role="group">
                    <button type="button" id="show-pending" class={classes!("btn", "btn-small", (*pending_only).then_some("btn-primary"))}
                        aria-pressed={(*pending_only).to_string()} onclick={let s = pending_only.clone(); Callback::from(move |_| s.set(true))}>{mt.show_pending}</button>
                    <button type="button" id="show-all" class={classes!("btn", "btn-small", (!*pending_only).then_some("btn-primary"))}
                        aria-pressed={(!*pending_only).to_string()} onclick={let s = pending_only.clone(); Callback::from(move |_| s.set(false))}>{mt.show_all}</button>
                </div>
            </div>
            if loaded.data.is_none() && loaded.error.is_none() { {loading(t.loading)} }
            if loaded.data.is_some() && shown.is_empty() && *pending_only && search.is_empty() {
                <p class="empty-title" id="everyone-recorded">{mt.everyone_recorded}</p>
            }
            <ul class="checkin-list" id="checkin-list">
                { for shown.into_iter().map(|r| {
                    let leave_ok = r.leave.as_ref().is_some_and(|l| l.status == LeaveStatus::Approved);
                    html! {
                        <li class="checkin-item" data-name={r.name.clone()} data-status={r.status.as_str()}>
                            <div class="checkin-who">
                                <span class="checkin-name">{&r.name}</span>
                                if r.status != AttendanceStatus::Invited {
                                    <span class={classes!("badge", format!("att-{}", r.status.as_str()))}>{mt.attendance(r.status)}</span>
                                }
                                if let Some(l) = &r.leave { <span class="muted">{mt.leave(l.status)}</span> }
                            </div>
                            if open_for_attendance(&a) {
                                <div class="checkin-buttons">
                                    {button(r, AttendanceStatus::Present, "btn-primary")}
                                    {button(r, AttendanceStatus::Late, "")}
                                    if leave_ok { {button(r, AttendanceStatus::OnLeave, "")} }
                                    if started { {button(r, AttendanceStatus::Absent, "btn-danger-outline")} }
                                    if r.status != AttendanceStatus::Invited {
                                        <button type="button" class="btn btn-quiet checkin-undo" disabled={saving}
                                            onclick={mark(r, AttendanceStatus::Invited)}>
                                            { if *busy == Some((Some(r.id), AttendanceStatus::Invited)) { t.saving } else { mt.undo } }
                                        </button>
                                    }
                                </div>
                            }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::name_matches;

    #[test]
    fn search_ignores_padding_and_case() {
        assert!(name_matches("王　芳", "王芳"));
        assert!(name_matches("Wang Fang", "wangf"));
        assert!(!name_matches("王芳", "李"));
    }
}
