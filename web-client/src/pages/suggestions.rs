//! The suggestions a user works on, as a list or as a board by state: a deputy's own and
//! co-signed items ("my suggestions"), the office's inbox of its congress, a handling
//! organisation's referred items. Filters live in the address (`?status=…&overdue=true`);
//! overdue and due-soon items are marked, and the user's unread deadline reminders are
//! listed above.

use crate::api;
use crate::components::widgets::{
    empty, error_banner, loading, select_field, use_title, SelectFieldProps,
};
use crate::data::{use_load, use_value};
use crate::i18n::suggestions::{use_st, SuggestionTexts};
use crate::i18n::use_t;
use crate::{AuthCtx, Route};
use renda_openapi::{Role, Suggestion, SuggestionPage, SuggestionQuery, SuggestionStatus};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

/// The list's parameters in the address.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListParams {
    /// One state, or every state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<SuggestionStatus>,
    /// Only overdue items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overdue: Option<bool>,
    /// Only items due soon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_soon: Option<bool>,
    /// Only items under key supervision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_key: Option<bool>,
    /// `board` for columns by state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<String>,
}

/// The title of the list for a role.
pub fn list_title(st: &SuggestionTexts, role: Option<Role>) -> &'static str {
    match role {
        Some(Role::Deputy) => st.my_suggestions,
        Some(Role::HandlingOrg) => st.org_inbox,
        _ => st.office_inbox,
    }
}

/// The deadline cell: the current due date, marked when overdue or due soon.
pub fn due_badge(st: &SuggestionTexts, s: &Suggestion) -> Html {
    let Some(due) = s.due_on else {
        return html! { <span class="muted">{"—"}</span> };
    };
    html! {
        <span class="due">
            <time datetime={due.to_string()}>{due.to_string()}</time>
            if s.overdue { {" "}<span class="badge badge-overdue">{st.overdue}</span> }
            else if s.due_soon { {" "}<span class="badge badge-due-soon">{st.due_soon}</span> }
        </span>
    }
}

/// A state as a badge.
pub fn status_badge(st: &SuggestionTexts, s: SuggestionStatus) -> Html {
    html! { <span class={classes!("badge", format!("st-{}", s.as_str()))}>{st.status(s)}</span> }
}

/// The lead deputy's name, else the first signer's, else "—".
pub fn lead_name(s: &Suggestion) -> &str {
    s.signers
        .iter()
        .find(|x| Some(x.deputy_id) == s.lead_deputy_id)
        .or(s.signers.first())
        .map(|x| x.name.as_str())
        .unwrap_or("—")
}

/// The organisations an item is referred to, lead first.
pub fn orgs(s: &Suggestion) -> String {
    let names: Vec<&str> = s
        .referrals
        .iter()
        .filter(|r| r.returned_at.is_none())
        .map(|r| r.handling_org_name.as_str())
        .collect();
    match (names.is_empty(), &s.forwarded_to) {
        (true, Some(f)) => f.clone(),
        (true, None) => "—".into(),
        _ => names.join("、"),
    }
}

fn card(st: &SuggestionTexts, s: &Suggestion) -> Html {
    html! {
        <li class={classes!("board-card", s.overdue.then_some("is-overdue"))}>
            <Link<Route> to={Route::Suggestion { id: s.id }}>{&s.title}</Link<Route>>
            <span class="muted">{lead_name(s)}</span>
            if s.due_on.is_some() { {due_badge(st, s)} }
            if s.is_key { <span class="badge badge-key">{st.key}</span> }
        </li>
    }
}

/// The board: one column per state that has items, in workflow order.
fn board(st: &SuggestionTexts, items: &[Suggestion]) -> Html {
    html! {
        <div class="board" id="suggestion-board">
            { for SuggestionStatus::ALL.iter().filter_map(|state| {
                let here: Vec<&Suggestion> = items.iter().filter(|s| s.status == *state).collect();
                (!here.is_empty()).then(|| html! {
                    <section class="board-col" data-status={state.as_str()} aria-label={st.status(*state)}>
                        <h2>{st.status(*state)}<span class="count">{here.len()}</span></h2>
                        <ul>{ for here.into_iter().map(|s| card(st, s)) }</ul>
                    </section>
                })
            }) }
        </div>
    }
}

fn table(st: &SuggestionTexts, items: &[Suggestion]) -> Html {
    html! {
        <div class="table-wrap">
            <table class="data-table" id="suggestions-table">
                <thead><tr>
                    <th scope="col">{st.f_title}</th>
                    <th scope="col">{st.f_lead}</th>
                    <th scope="col">{st.f_status}</th>
                    <th scope="col">{st.f_orgs}</th>
                    <th scope="col">{st.f_due}</th>
                </tr></thead>
                <tbody>
                    { for items.iter().map(|s| html! {
                        <tr class={classes!(s.overdue.then_some("is-overdue"))} data-id={s.id.to_string()}>
                            <th scope="row" data-label={st.f_title}>
                                <div>
                                    <Link<Route> to={Route::Suggestion { id: s.id }}>{&s.title}</Link<Route>>
                                    if s.is_key { {" "}<span class="badge badge-key">{st.key}</span> }
                                    <span class="muted cell-note">{st.kind(s.kind)}{" · "}{s.category_path.as_deref().unwrap_or("—")}</span>
                                </div>
                            </th>
                            <td data-label={st.f_lead}>{lead_name(s)}</td>
                            <td data-label={st.f_status}>{status_badge(st, s.status)}</td>
                            <td data-label={st.f_orgs}>{orgs(s)}</td>
                            <td data-label={st.f_due}>{due_badge(st, s)}</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The user's unread deadline reminders (office and handling organisations).
#[function_component]
fn Reminders() -> Html {
    let st = use_st();
    let list = use_load(Some(()), |_| api::suggestions::reminders());
    let Some(items) = list.data.as_ref().filter(|r| !r.is_empty()) else {
        return Html::default();
    };
    html! {
        <section class="card reminders" id="reminders" aria-labelledby="reminders-title">
            <h2 id="reminders-title">{st.reminders}<span class="count">{items.len()}</span></h2>
            <ul>
                { for items.iter().take(20).map(|r| {
                    let id = r.id;
                    let reload = list.reload.clone();
                    let read = Callback::from(move |_: MouseEvent| {
                        let reload = reload.clone();
                        wasm_bindgen_futures::spawn_local(async move {
                            let _ = api::suggestions::read_reminder(id).await;
                            reload.emit(());
                        });
                    });
                    html! {
                        <li>
                            <span class="badge badge-overdue">{st.reminder_kind(r.kind)}</span>{" "}
                            <Link<Route> to={Route::Suggestion { id: r.suggestion_id }}>{&r.title}</Link<Route>>
                            {" "}<span class="muted">{st.due_on(r.due_on)}</span>
                            if let Some(o) = &r.recipient_org_name { {" "}<span class="muted">{o}</span> }
                            {" "}<button type="button" class="btn btn-small btn-quiet" onclick={read}>{st.mark_read}</button>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

/// For the office in November and December: a warning when next year's official calendar
/// (public holidays, adjusted working days) is not entered, since working-day limits that
/// reach into it would count Monday to Friday only.
#[function_component]
fn CalendarWarning() -> Html {
    use chrono::Datelike;
    let st = use_st();
    let today = crate::i18n::meetings::beijing_today();
    let next = (today.month() >= 11).then_some(today.year() + 1);
    let year = use_load(next, api::suggestions::working_calendar);
    match &year.data {
        Some(y) if y.days.is_empty() => html! {
            <div class="banner banner-warning" id="calendar-missing" role="status">
                <p class="banner-title">{st.calendar_missing}</p>
            </div>
        },
        _ => Html::default(),
    }
}

/// The suggestions page.
#[function_component]
pub fn SuggestionsPage() -> Html {
    let t = use_t();
    let st = use_st();
    let auth = use_context::<AuthCtx>().expect("AuthCtx");
    let role = auth.role();
    let title = list_title(st, role);
    use_title(title.to_string());
    let navigator = use_navigator().expect("router");
    let location = use_location();
    let params: ListParams = location
        .as_ref()
        .and_then(|l| l.query::<ListParams>().ok())
        .unwrap_or_default();
    let board_view = params.view.as_deref() == Some("board");
    // Pages after the first, appended by "more".
    let more = use_value(Vec::<Suggestion>::new());
    let cursor = use_value(None::<Uuid>);
    let query = SuggestionQuery {
        status: params.status,
        overdue: params.overdue,
        due_soon: params.due_soon,
        is_key: params.is_key,
        limit: Some(if board_view { 200 } else { 50 }),
        // The latest first: after an import of old items, new submissions stay on top.
        order: Some(renda_openapi::SuggestionOrder::Newest),
        ..Default::default()
    };
    let first = use_load(Some(query.clone()), |q: SuggestionQuery| async move {
        api::suggestions::list(&q).await
    });
    {
        let (more, cursor) = (more.clone(), cursor.clone());
        let next = first.data.as_ref().and_then(|p| p.next_cursor);
        use_effect_with((query.clone(), next), move |(_, next)| {
            more.set(vec![]);
            cursor.set(*next);
        });
    }
    let loading_more = use_value(bool::default());
    let on_more = {
        let (more, cursor, loading_more, query) = (
            more.clone(),
            cursor.clone(),
            loading_more.clone(),
            query.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(c) = *cursor else { return };
            let (more, cursor, loading_more) = (more.clone(), cursor.clone(), loading_more.clone());
            let mut q = query.clone();
            q.cursor = Some(c);
            loading_more.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(SuggestionPage { items, next_cursor }) = api::suggestions::list(&q).await
                {
                    let mut all = (*more).clone();
                    all.extend(items);
                    more.set(all);
                    cursor.set(next_cursor);
                }
                loading_more.set(false);
            });
        })
    };
    let go = {
        let params = params.clone();
        move |change: &dyn Fn(&mut ListParams)| {
            let mut p = params.clone();
            change(&mut p);
            let _ = navigator.replace_with_query(&Route::Suggestions, &p);
        }
    };
    let on_status = {
        let go = go.clone();
        Callback::from(move |v: String| go(&|p| p.status = SuggestionStatus::parse(&v)))
    };
    let toggle = |which: u8, on: bool| {
        let go = go.clone();
        Callback::from(move |_: Event| {
            go(&|p| {
                let v = (!on).then_some(true);
                match which {
                    0 => p.overdue = v,
                    1 => p.due_soon = v,
                    _ => p.is_key = v,
                }
            })
        })
    };
    let set_view = |b: bool| {
        let go = go.clone();
        Callback::from(move |_: MouseEvent| go(&|p| p.view = b.then(|| "board".into())))
    };
    let status_options: Vec<(String, String)> = SuggestionStatus::ALL
        .iter()
        // A handling organisation sees items only from their referral on.
        .filter(|s| {
            role != Some(Role::HandlingOrg)
                || !matches!(
                    s,
                    SuggestionStatus::Draft
                        | SuggestionStatus::Submitted
                        | SuggestionStatus::Accepted
                        | SuggestionStatus::NotAccepted
                        | SuggestionStatus::Withdrawn
                        | SuggestionStatus::Returned
                )
        })
        .map(|s| (s.as_str().to_string(), st.status(*s).to_string()))
        .collect();
    let can_create = crate::pages::suggestion_form::may_draft(role);
    let sees_report = matches!(role, Some(Role::Admin | Role::Staff | Role::Presidium));
    let checkbox = |id: &'static str, label: &'static str, which: u8, on: bool| {
        html! {
            <label class="check" for={id}>
                <input type="checkbox" {id} checked={on} onchange={toggle(which, on)} />
                {label}
            </label>
        }
    };
    let mut items: Vec<Suggestion> = first
        .data
        .as_ref()
        .map(|p| p.items.clone())
        .unwrap_or_default();
    items.extend((*more).iter().cloned());
    html! {
        <section class="page">
            <div class="page-head">
                <h1>{title}</h1>
                <div class="actions">
                    <div class="segmented" role="group" aria-label={st.view}>
                        <button type="button" class="btn btn-small" id="view-list" aria-pressed={(!board_view).to_string()} onclick={set_view(false)}>{st.view_list}</button>
                        <button type="button" class="btn btn-small" id="view-board" aria-pressed={board_view.to_string()} onclick={set_view(true)}>{st.view_board}</button>
                    </div>
                    if sees_report {
                        <Link<Route> to={Route::SuggestionReport} classes="btn btn-quiet">{st.report_title}</Link<Route>>
                    }
                    if can_create {
                        <Link<Route> to={Route::NewSuggestion} classes="btn btn-primary">{st.new_suggestion}</Link<Route>>
                    }
                </div>
            </div>
            if matches!(role, Some(Role::Admin | Role::Staff)) {
                <CalendarWarning />
            }
            if matches!(role, Some(Role::Admin | Role::Staff | Role::Presidium | Role::HandlingOrg)) {
                <Reminders />
            }
            <div class="card filters">
                {select_field(t, SelectFieldProps {
                    id: "filter-status", label: st.f_status,
                    value: params.status.map(|s| s.as_str()).unwrap_or("").into(),
                    options: status_options, empty_label: Some(t.all), onchange: on_status,
                    ..Default::default()
                })}
                {checkbox("filter-overdue", st.only_overdue, 0, params.overdue == Some(true))}
                {checkbox("filter-due-soon", st.only_due_soon, 1, params.due_soon == Some(true))}
                {checkbox("filter-key", st.only_key, 2, params.is_key == Some(true))}
            </div>
            <div class={classes!("card", first.loading.then_some("is-loading"))} aria-busy={first.loading.to_string()}>
                { match (&first.data, &first.error) {
                    (_, Some(e)) => error_banner(t, e, Some(first.reload.clone())),
                    (Some(_), None) if items.is_empty() => empty(st.no_suggestions, Html::default()),
                    (Some(_), None) if board_view => board(st, &items),
                    (Some(_), None) => table(st, &items),
                    _ => loading(t.loading),
                } }
                if cursor.is_some() {
                    <p class="more">
                        <button type="button" class="btn" onclick={on_more} disabled={*loading_more}>
                            { if *loading_more { t.loading } else { st.more } }
                        </button>
                    </p>
                }
            </div>
        </section>
    }
}
