//! A deputy's activities: every activity they were invited to with their attendance and
//! leave, and how often they attended of the times recorded (shown on the deputy page).

use crate::components::widgets::{error_banner, loading};
use crate::data::Loaded;
use crate::i18n::meetings::MeetingTexts;
use crate::i18n::Texts;
use crate::Route;
use renda_openapi::{AttendanceStatus, DeputyActivity};
use yew::prelude::*;
use yew_router::prelude::*;

/// `(attended, recorded)`: present or late, of the invitations with a recorded outcome.
pub fn attended_of(list: &[DeputyActivity]) -> (usize, usize) {
    let recorded = list
        .iter()
        .filter(|a| a.attendance != AttendanceStatus::Invited)
        .count();
    let attended = list.iter().filter(|a| a.attendance.attended()).count();
    (attended, recorded)
}

/// The section of the deputy page, from the deputy's activities as loaded by the page.
pub fn deputy_activities(
    t: &'static Texts,
    mt: &'static MeetingTexts,
    list: &Loaded<Vec<DeputyActivity>>,
) -> Html {
    html! {
        <section class="card" aria-labelledby="deputy-activities-title" id="deputy-activities">
            <h2 id="deputy-activities-title">{mt.deputy_activities}</h2>
            { match (&list.data, &list.error) {
                (_, Some(e)) => html! { {error_banner(t, e, Some(list.reload.clone()))} },
                (Some(rows), None) if rows.is_empty() => html! { <p class="muted">{mt.no_deputy_activities}</p> },
                (Some(rows), None) => {
                    let (attended, recorded) = attended_of(rows);
                    html! {
                        <>
                            <p id="deputy-attendance-summary">{(mt.attended_of)(attended, recorded)}</p>
                            <div class="table-wrap">
                                <table class="data-table">
                                    <thead><tr>
                                        <th scope="col">{mt.f_date}</th>
                                        <th scope="col">{mt.f_title}</th>
                                        <th scope="col">{mt.f_kind}</th>
                                        <th scope="col">{t.f_status}</th>
                                        <th scope="col">{mt.th_leave}</th>
                                    </tr></thead>
                                    <tbody>
                                        { for rows.iter().map(|a| html! {
                                            <tr>
                                                <td class="nowrap">{a.date.to_string()}</td>
                                                <th scope="row"><Link<Route> to={Route::Activity { id: a.activity_id }}>{&a.title}</Link<Route>></th>
                                                <td>{mt.kind(a.kind)}</td>
                                                <td><span class={classes!("badge", format!("att-{}", a.attendance.as_str()))}>{mt.attendance(a.attendance)}</span></td>
                                                <td>{a.leave.map(|l| mt.leave(l)).unwrap_or_default()}</td>
                                            </tr>
                                        }) }
                                    </tbody>
                                </table>
                            </div>
                        </>
                    }
                }
                _ => html! { {loading(t.loading)} },
            } }
        </section>
    }
}
