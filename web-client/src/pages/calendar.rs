//! The calendar of activities: a month grid (weeks from Monday) or a list by day, the month
//! and filters kept in the address bar (`?month=2022-03&view=list&kind=training`).
//! Occurrences of recurring series (reception days …) appear on their days; opening one
//! that is still only the rule's takes it out of the series first (staff), so that it can
//! be attended, moved or cancelled.

use crate::api::meetings::CalendarEntry;
use crate::api::{self, ApiError};
use crate::components::widgets::{
    empty, error_banner, loading, select_field, use_title, SelectFieldProps,
};
use crate::data::{use_congresses, use_load, use_value};
use crate::i18n::meetings::{beijing_today, use_mt, ym, MeetingTexts};
use crate::i18n::use_t;
use crate::{AuthCtx, Route};
use chrono::{Datelike, Months, NaiveDate};
use renda_openapi::{ActivityKind, CalendarQuery, OccurrenceRequest};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

/// The calendar's state in the address bar.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CalendarParams {
    /// `YYYY-MM`; default the current month in Beijing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
    /// `list` for the list; the month grid otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<String>,
    /// Only this kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ActivityKind>,
    /// Only this congress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub congress_id: Option<Uuid>,
}

/// The first day of the month `YYYY-MM`, if valid.
pub fn month_start(month: &str) -> Option<NaiveDate> {
    format!("{month}-01").parse::<NaiveDate>().ok()
}

/// The days shown by the month grid: whole weeks from the Monday on or before the 1st to
/// the Sunday on or after the last day.
pub fn grid_days(first: NaiveDate) -> Vec<NaiveDate> {
    let next = first + Months::new(1);
    let start = first - chrono::Duration::days(first.weekday().num_days_from_monday() as i64);
    let last = next.pred_opt().unwrap_or(first);
    let end = last + chrono::Duration::days(6 - last.weekday().num_days_from_monday() as i64);
    start.iter_days().take_while(|d| *d <= end).collect()
}

fn kind_class(k: ActivityKind) -> &'static str {
    match k {
        ActivityKind::Session | ActivityKind::PresidiumMeeting => "kind-session",
        ActivityKind::Training => "kind-training",
        ActivityKind::Inspection
        | ActivityKind::Research
        | ActivityKind::LawEnforcementInspection => "kind-inspection",
        ActivityKind::ReceptionDay | ActivityKind::LiaisonDay => "kind-reception",
        _ => "kind-other",
    }
}

/// What the calendar's entry links need from the page.
struct EntryEnv {
    /// Whether opening a virtual occurrence takes it out of its series (staff).
    can_write: bool,
    navigator: Navigator,
    on_error: Callback<ApiError>,
}

/// One calendar entry as a link. A staff member opening an occurrence that is still the
/// rule's takes it out of its series first, so the page opened is that day's activity.
/// A plain function rather than a component (less code in the wasm).
fn entry_link(mt: &'static MeetingTexts, env: &EntryEnv, e: &CalendarEntry, compact: bool) -> Html {
    let take_out = e.virtual_occurrence && env.can_write;
    let onclick = {
        let (entry, navigator, on_error) = (e.clone(), env.navigator.clone(), env.on_error.clone());
        Callback::from(move |ev: MouseEvent| {
            if !take_out {
                return;
            }
            ev.prevent_default();
            let (entry, navigator, on_error) = (entry.clone(), navigator.clone(), on_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let (Some(series), Some(start)) = (entry.series_id, entry.occurrence_start) else {
                    return;
                };
                match api::meetings::take_out(
                    series,
                    &OccurrenceRequest {
                        occurrence_start: start,
                    },
                )
                .await
                {
                    Ok(a) => navigator.push(&Route::Activity { id: a.id }),
                    Err(err) => on_error.emit(err),
                }
            });
        })
    };
    let href = format!("/activities/{}", e.activity_id);
    let cancelled = e.status == renda_openapi::ActivityStatus::Cancelled;
    let classes = classes!(
        "cal-entry",
        kind_class(e.kind),
        cancelled.then_some("is-cancelled"),
        compact.then_some("compact")
    );
    let title = format!(
        "{} · {} · {}",
        mt.clock(&e.starts_at),
        mt.kind(e.kind),
        e.title
    );
    let inner = html! {
        <>
            <span class="cal-time">{mt.clock(&e.starts_at)}</span>
            <span class="cal-title">{&e.title}</span>
        </>
    };
    if take_out {
        html! { <a class={classes} href={href} {onclick} title={title}>{inner}</a> }
    } else {
        html! {
            <Link<Route> to={Route::Activity { id: e.activity_id }} classes={classes}>
                <span class="visually-hidden">{title}</span>
                <span aria-hidden="true">{inner}</span>
            </Link<Route>>
        }
    }
}

fn month_grid(
    mt: &'static MeetingTexts,
    first: NaiveDate,
    entries: &[CalendarEntry],
    env: &EntryEnv,
) -> Html {
    let today = beijing_today();
    let days = grid_days(first);
    html! {
        <div class="cal-grid" role="grid" aria-label={(mt.month_title)(first.year(), first.month())}>
            <div class="cal-row cal-head" role="row">
                { for mt.weekdays.iter().map(|w| html! { <div class="cal-weekday" role="columnheader">{*w}</div> }) }
            </div>
            { for days.chunks(7).map(|week| html! {
                <div class="cal-row" role="row">
                    { for week.iter().map(|d| {
                        let on_day: Vec<&CalendarEntry> = entries.iter().filter(|e| e.covers(*d)).collect();
                        let shown = 3usize;
                        let classes = classes!(
                            "cal-day",
                            (d.month() != first.month()).then_some("other-month"),
                            (*d == today).then_some("today"),
                            (!on_day.is_empty()).then_some("has-entries")
                        );
                        html! {
                            <div class={classes} role="gridcell" data-date={d.to_string()}>
                                <span class="cal-daynum">{d.day()}</span>
                                { for on_day.iter().take(shown).map(|e| html! {
                                    {entry_link(mt, env, e, true)}
                                }) }
                                if on_day.len() > shown {
                                    <span class="cal-more">{(mt.more_entries)(on_day.len() - shown)}</span>
                                }
                            </div>
                        }
                    }) }
                </div>
            }) }
        </div>
    }
}

fn month_list(mt: &'static MeetingTexts, entries: &[CalendarEntry], env: &EntryEnv) -> Html {
    // Every day an entry is held on (a two-day session lists on both), in order.
    let mut days: Vec<NaiveDate> = entries
        .iter()
        .flat_map(|e| e.date.iter_days().take(31).take_while(|d| e.covers(*d)))
        .collect();
    days.sort();
    days.dedup();
    html! {
        <ol class="cal-list">
            { for days.into_iter().map(|d| html! {
                <li class="cal-list-day">
                    <h3 class="cal-list-date">{d.to_string()}<span class="muted">{" "}{mt.weekdays[d.weekday().num_days_from_monday() as usize]}</span></h3>
                    <ul>
                        { for entries.iter().filter(|e| e.covers(d)).map(|e| html! {
                            <li class="cal-list-item">
                                {entry_link(mt, env, e, false)}
                                <span class={classes!("badge", kind_class(e.kind))}>{mt.kind(e.kind)}</span>
                                <span class={classes!("badge", format!("act-{}", e.status.as_str()))}>{mt.status(e.status)}</span>
                                if e.series_id.is_some() { <span class="badge">{mt.recurring}</span> }
                                if let Some(place) = &e.place { <span class="muted cal-place">{place}</span> }
                                if let Some(mine) = e.my_attendance {
                                    <span class="badge">{mt.my_attendance}{"："}{mt.attendance(mine)}</span>
                                }
                            </li>
                        }) }
                    </ul>
                </li>
            }) }
        </ol>
    }
}

/// The calendar page.
#[function_component]
pub fn CalendarPage() -> Html {
    let t = use_t();
    let mt = use_mt();
    use_title(mt.calendar_title.to_string());
    let auth = use_context::<AuthCtx>().expect("AuthCtx");
    let navigator = use_navigator().expect("router");
    let location = use_location();
    let params: CalendarParams = location
        .as_ref()
        .and_then(|l| l.query::<CalendarParams>().ok())
        .unwrap_or_default();
    let today = beijing_today();
    let first = params
        .month
        .as_deref()
        .and_then(month_start)
        .unwrap_or_else(|| today.with_day(1).unwrap_or(today));
    let month = ym(first);
    let list_view = params.view.as_deref() == Some("list");
    let congresses = use_congresses();
    let query = CalendarQuery {
        congress_id: params.congress_id,
        month: Some(month.clone()),
        kind: params.kind,
        ..Default::default()
    };
    let calendar = use_load(Some(query), |q: CalendarQuery| async move {
        api::meetings::calendar(&q).await
    });
    let take_out_error = use_value(Option::<ApiError>::default());
    let env = EntryEnv {
        can_write: auth.can_write(),
        navigator: navigator.clone(),
        on_error: {
            let e = take_out_error.clone();
            Callback::from(move |err| e.set(Some(err)))
        },
    };
    let go = {
        let navigator = navigator.clone();
        let params = params.clone();
        move |change: &dyn Fn(&mut CalendarParams)| {
            let mut p = params.clone();
            change(&mut p);
            let _ = navigator.replace_with_query(&Route::Calendar, &p);
        }
    };
    let shift = |months: i32| {
        let go = go.clone();
        let m = if months < 0 {
            first - Months::new(months.unsigned_abs())
        } else {
            first + Months::new(months as u32)
        };
        Callback::from(move |_: MouseEvent| go(&|p| p.month = Some(ym(m))))
    };
    let to_today = {
        let go = go.clone();
        Callback::from(move |_: MouseEvent| go(&|p| p.month = None))
    };
    let set_view = |list: bool| {
        let go = go.clone();
        Callback::from(move |_: MouseEvent| go(&|p| p.view = list.then(|| "list".to_string())))
    };
    let on_kind = {
        let go = go.clone();
        Callback::from(move |v: String| go(&|p| p.kind = ActivityKind::parse(&v)))
    };
    let on_congress = {
        let go = go.clone();
        Callback::from(move |v: String| go(&|p| p.congress_id = Uuid::parse_str(&v).ok()))
    };
    let kind_options: Vec<(String, String)> = ActivityKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), mt.kind(*k).to_string()))
        .collect();
    let congress_options: Vec<(String, String)> = congresses
        .data
        .as_ref()
        .map(|cs| {
            cs.iter()
                .map(|c| (c.id.to_string(), c.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let many_congresses = congress_options.len() > 1;

    let body = match (&calendar.data, &calendar.error) {
        (_, Some(e)) => {
            html! { {error_banner(t, e, Some(calendar.reload.clone()))} }
        }
        (None, None) => html! { {loading(mt.loading_calendar)} },
        (Some(entries), None) => {
            if list_view {
                if entries.is_empty() {
                    empty(mt.no_activities, Html::default())
                } else {
                    month_list(mt, entries, &env)
                }
            } else {
                month_grid(mt, first, entries, &env)
            }
        }
    };
    html! {
        <section class="page calendar-page">
            <div class="page-head">
                <h1>{mt.calendar_title}</h1>
                if auth.can_write() {
                    <div class="actions">
                        <Link<Route> to={Route::NewActivity} classes="btn btn-primary new-activity">{mt.new_activity}</Link<Route>>
                    </div>
                }
            </div>
            <div class="card cal-toolbar">
                <div class="cal-nav">
                    <button type="button" class="btn btn-small" id="prev-month" onclick={shift(-1)} aria-label={mt.prev_month}>{"‹"}</button>
                    <h2 id="month-title" aria-live="polite">{(mt.month_title)(first.year(), first.month())}</h2>
                    <button type="button" class="btn btn-small" id="next-month" onclick={shift(1)} aria-label={mt.next_month}>{"›"}</button>
                    <button type="button" class="btn btn-small btn-quiet" onclick={to_today}>{mt.this_month}</button>
                </div>
                <div class="cal-views" role="group">
                    <button type="button" id="view-month" class={classes!("btn", "btn-small", (!list_view).then_some("btn-primary"))}
                        aria-pressed={(!list_view).to_string()} onclick={set_view(false)}>{mt.view_month}</button>
                    <button type="button" id="view-list" class={classes!("btn", "btn-small", list_view.then_some("btn-primary"))}
                        aria-pressed={list_view.to_string()} onclick={set_view(true)}>{mt.view_list}</button>
                </div>
                <div class="filters cal-filters">
                    {select_field(t, SelectFieldProps {
                        id: "cal-kind", label: mt.f_kind,
                        value: (params.kind.map(|k| k.as_str()).unwrap_or_default()).into(),
                        options: kind_options, empty_label: Some(t.all), onchange: on_kind,
                        ..Default::default()
                    })}
                    if many_congresses {
                        {select_field(t, SelectFieldProps {
                            id: "cal-congress", label: t.f_congress,
                            value: (params.congress_id.map(|c| c.to_string()).unwrap_or_default()).into(),
                            options: congress_options, empty_label: Some(t.all), onchange: on_congress,
                            ..Default::default()
                        })}
                    }
                </div>
            </div>
            if let Some(e) = &*take_out_error {
                {error_banner(t, e, None)}
            }
            <div class={classes!("card", calendar.loading.then_some("is-loading"))} id="calendar" aria-busy={calendar.loading.to_string()}>
                {body}
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_covers_whole_weeks_from_monday() {
        // February 2022 starts on a Tuesday and ends on a Monday.
        let days = grid_days(NaiveDate::from_ymd_opt(2022, 2, 1).unwrap());
        assert_eq!(days.first(), NaiveDate::from_ymd_opt(2022, 1, 31).as_ref());
        assert_eq!(days.last(), NaiveDate::from_ymd_opt(2022, 3, 6).as_ref());
        assert_eq!(days.len(), 35);
        // A month starting on Monday and ending on Sunday fills exactly four weeks.
        let feb21 = grid_days(NaiveDate::from_ymd_opt(2021, 2, 1).unwrap());
        assert_eq!(feb21.len(), 28);
    }

    #[test]
    fn months_parse_only_as_yyyy_mm() {
        assert_eq!(month_start("2022-03"), NaiveDate::from_ymd_opt(2022, 3, 1));
        assert_eq!(month_start("2022-13"), None);
        assert_eq!(month_start("March"), None);
    }
}
