//! The deputies list: the registry's filters (kept in the address, so a reload or a shared
//! link shows the same list), name search as you type, sortable columns, keyset pages with
//! next and previous, the count, and export of the filtered list.

use crate::api::Congress;
use crate::api::DeputySummary;
use crate::api::{self, ApiError};
use crate::components::widgets::{
    empty, error_banner, loading, select_field, select_value, use_title, SelectFieldProps,
    SelectOption,
};
use crate::data::{effective_congress, use_congresses, use_load, use_units, use_value};
use crate::i18n::{use_t, Texts, ETHNICITIES, PARTIES};
use crate::{AuthCtx, Route};
use gloo_timers::callback::Timeout;
use renda_openapi::{DeputyListQuery, DeputySort, Gender, MandateStatus};
use std::rc::Rc;
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

/// Page sizes offered.
const PAGE_SIZES: [i64; 3] = [50, 100, 200];
/// Default page size.
const DEFAULT_LIMIT: i64 = 50;
/// Delay between the last keystroke and the search.
const DEBOUNCE_MS: u32 = 300;

/// The filters of the list as they stand in the address (no cursor, no count flag).
fn filters_of(location: Option<&Location>) -> DeputyListQuery {
    let mut q: DeputyListQuery = location
        .and_then(|l| l.query::<DeputyListQuery>().ok())
        .unwrap_or_default();
    q.cursor = None;
    q.with_total = None;
    q.updated_since = None;
    q.q = q.q.filter(|s| !s.trim().is_empty());
    q.ethnicity = q.ethnicity.filter(|s| !s.trim().is_empty());
    q.party = q.party.filter(|s| !s.trim().is_empty());
    q
}

/// The filters in the address bar right now.
fn current_filters() -> DeputyListQuery {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let mut q: DeputyListQuery =
        serde_urlencoded::from_str(search.trim_start_matches('?')).unwrap_or_default();
    q.cursor = None;
    q.with_total = None;
    q.updated_since = None;
    q
}

/// What the count depends on: the filters and the search text, not the page, its size or
/// the order.
fn count_key(q: &DeputyListQuery) -> DeputyListQuery {
    let mut k = q.clone();
    k.cursor = None;
    k.limit = None;
    k.sort = None;
    k.with_total = None;
    k
}

fn parse_uuid(v: &str) -> Option<Uuid> {
    Uuid::parse_str(v).ok()
}

/// What the pager shows and does.
struct Pager {
    page: usize,
    has_prev: bool,
    has_next: bool,
    on_prev: Callback<()>,
    on_next: Callback<()>,
    limit: i64,
    on_limit: Callback<i64>,
    busy: bool,
}

/// The pager: a plain function rather than a component (less code in the wasm).
fn pager(t: &Texts, p: Pager) -> Html {
    let on_limit = {
        let cb = p.on_limit.clone();
        Callback::from(move |e: Event| {
            if let Ok(n) = select_value(&e).parse() {
                cb.emit(n)
            }
        })
    };
    html! {
        <nav class="pager" aria-label={t.pagination}>
            <button type="button" class="btn" id="prev-page" disabled={!p.has_prev || p.busy}
                onclick={let cb = p.on_prev.clone(); Callback::from(move |_| cb.emit(()))}>
                {"‹ "}{t.prev_page}
            </button>
            <span class="page-number" aria-live="polite">{(t.page_n)(p.page)}</span>
            <button type="button" class="btn" id="next-page" disabled={!p.has_next || p.busy}
                onclick={let cb = p.on_next.clone(); Callback::from(move |_| cb.emit(()))}>
                {t.next_page}{" ›"}
            </button>
            <label class="page-size">
                <span>{t.page_size}</span>
                <select id="page-size" onchange={on_limit}>
                    { for PAGE_SIZES.iter().map(|n| html!{
                        <option value={n.to_string()} selected={*n == p.limit}>{n.to_string()}</option>
                    }) }
                </select>
            </label>
        </nav>
    }
}

fn status_badge(t: &Texts, s: MandateStatus) -> Html {
    html! { <span class={classes!("badge", format!("status-{}", s.as_str()))}>{t.status(s)}</span> }
}

/// One row of the table (a card on a phone). With `congresses` (no congress filter and
/// several in scope), a column names the congress and term of the mandate.
fn row(t: &Texts, d: &DeputySummary, congresses: Option<&[Congress]>) -> Html {
    let m = d.mandate.as_ref();
    let dash = || html! { <span class="muted" aria-label={t.not_recorded}>{"—"}</span> };
    let text = |v: Option<&str>| match v {
        Some(s) if !s.is_empty() => html! { {s.to_string()} },
        _ => dash(),
    };
    html! {
        <tr key={d.id.to_string()}>
            <th scope="row" data-label={t.f_name}>
                <Link<Route> to={Route::Deputy { id: d.id }} classes="deputy-link">{&d.name}</Link<Route>>
            </th>
            if let Some(cs) = congresses {
                <td data-label={t.f_congress} class="cell-congress">
                    { cs.iter().find(|c| c.id == m.map(|m| m.congress_id).unwrap_or(d.congress_id)).map(|c| c.name.clone()).unwrap_or_default() }
                    if let Some(m) = m { {" "}{t.term_label(m.term_number)} }
                </td>
            }
            <td data-label={t.f_gender}>{ d.gender.map(|g| html!{ {t.gender(g)} }).unwrap_or_else(dash) }</td>
            <td data-label={t.f_ethnicity}>{ text(d.ethnicity.as_deref()) }</td>
            <td data-label={t.f_birth_date}>{ d.birth_date.as_deref().map(|b| html!{ {t.birth(b)} }).unwrap_or_else(dash) }</td>
            <td data-label={t.f_party}>{ text(d.party.as_deref()) }</td>
            <td data-label={t.f_delegation}>{ text(m.and_then(|m| m.delegation_name.as_deref())) }</td>
            <td data-label={t.f_group}>{ text(m.and_then(|m| m.deputy_group_name.as_deref())) }</td>
            <td data-label={t.f_status}>{ m.map(|m| status_badge(t, m.status)).unwrap_or_else(|| html!{ <span class="muted">{t.no_mandate}</span> }) }</td>
            <td data-label={t.f_workplace_post} class="cell-wrap">{ text(d.workplace_post.as_deref()) }</td>
            <td data-label={t.updated_at} class="nowrap">{ t.datetime(&d.updated_at) }</td>
        </tr>
    }
}

/// A sortable column header with `aria-sort`.
fn sort_header(
    label: &'static str,
    asc: DeputySort,
    desc: DeputySort,
    current: DeputySort,
    on_sort: &Callback<DeputySort>,
    t: &Texts,
) -> Html {
    let (aria, next, arrow) = if current == asc {
        ("ascending", desc, "▲")
    } else if current == desc {
        ("descending", asc, "▼")
    } else {
        ("none", asc, "↕")
    };
    let onclick = {
        let cb = on_sort.clone();
        Callback::from(move |_| cb.emit(next))
    };
    html! {
        <th scope="col" aria-sort={aria}>
            <button type="button" class="sort-button" {onclick} title={t.sort_by(label)}>
                {label}<span class="sort-arrow" aria-hidden="true">{" "}{arrow}</span>
            </button>
        </th>
    }
}

/// The deputies list page.
#[function_component]
pub fn DeputiesPage() -> Html {
    let t = use_t();
    use_title(t.deputies_title.to_string());
    let auth = use_context::<AuthCtx>().expect("AuthCtx");
    let navigator = use_navigator().expect("router");
    let location = use_location();
    let filters = filters_of(location.as_ref());
    let limit = filters
        .limit
        .filter(|l| (1..=200).contains(l))
        .unwrap_or(DEFAULT_LIMIT);
    let sort = filters.sort.unwrap_or_default();

    // Keyset pages: the cursors that led to the pages before the current one. They belong
    // to one set of filters; other filters start at page 1.
    let pages = use_value((filters.clone(), Vec::<Option<String>>::new()));
    let stack: Vec<Option<String>> = if pages.0 == filters {
        pages.1.clone()
    } else {
        vec![]
    };
    let cursor = stack.last().cloned().flatten();

    let congresses = use_congresses();
    let congress = effective_congress(filters.congress_id, &congresses);
    let units = use_units(congress);

    let request = {
        let mut q = filters.clone();
        q.limit = Some(limit);
        q.cursor = cursor.clone();
        q
    };
    let page_index = stack.len();
    // The count costs the server a COUNT(*): it is asked for once per filter set (on its
    // first page) and carried across the next and previous pages, sorts and page sizes.
    let known_total = use_mut_ref(|| None::<(DeputyListQuery, i64)>);
    // The page number travels with its data, so the count never describes rows still
    // being replaced.
    let list = use_load(
        Some((request, page_index)),
        move |(mut q, index): (DeputyListQuery, usize)| {
            let known_total = known_total.clone();
            async move {
                let key = count_key(&q);
                let cached = known_total
                    .borrow()
                    .as_ref()
                    .filter(|(k, _)| *k == key)
                    .map(|(_, total)| *total);
                q.with_total = cached.is_none().then_some(true);
                let mut page = api::deputies(&q).await?;
                match (page.total, cached) {
                    (Some(total), _) => *known_total.borrow_mut() = Some((key, total)),
                    (None, Some(total)) => page.total = Some(total),
                    (None, None) => {}
                }
                Ok((index, page))
            }
        },
    );

    // Name search as you type: the box follows the address, and the address follows the
    // box after a pause in typing.
    let search = use_value(filters.q.clone().unwrap_or_default());
    let debounce = use_mut_ref(|| None::<Timeout>);
    {
        let search = search.clone();
        let debounce = debounce.clone();
        use_effect_with(filters.q.clone(), move |q| {
            if debounce.borrow().is_none() {
                let q = q.clone().unwrap_or_default();
                if *search != q {
                    search.set(q);
                }
            }
        });
    }

    let apply = {
        let navigator = navigator.clone();
        let filters = filters.clone();
        Rc::new(move |change: &dyn Fn(&mut DeputyListQuery)| {
            let mut q = filters.clone();
            change(&mut q);
            let _ = navigator.replace_with_query(&Route::Deputies, &q);
        })
    };

    let on_search = {
        let search = search.clone();
        let debounce = debounce.clone();
        let navigator = navigator.clone();
        Callback::from(move |e: InputEvent| {
            let value = crate::components::widgets::input_value(&e);
            search.set(value.clone());
            let navigator = navigator.clone();
            let debounce_inner = debounce.clone();
            let timeout = Timeout::new(DEBOUNCE_MS, move || {
                // The filters as they are now: another filter may have changed meanwhile.
                let mut q = current_filters();
                q.q = Some(value.trim().to_string()).filter(|s| !s.is_empty());
                debounce_inner.borrow_mut().take();
                let _ = navigator.replace_with_query(&Route::Deputies, &q);
            });
            // Replacing the pending timeout cancels it.
            *debounce.borrow_mut() = Some(timeout);
        })
    };

    let select = |f: fn(&mut DeputyListQuery, &str)| {
        let apply = apply.clone();
        Callback::from(move |v: String| apply(&|q: &mut DeputyListQuery| f(q, &v)))
    };
    let text_filter = |f: fn(&mut DeputyListQuery, Option<String>)| {
        let apply = apply.clone();
        Callback::from(move |e: Event| {
            let v = crate::components::widgets::event_value(&e);
            let v = Some(v.trim().to_string()).filter(|s| !s.is_empty());
            apply(&|q: &mut DeputyListQuery| f(q, v.clone()))
        })
    };

    let on_congress = select(|q, v| {
        q.congress_id = parse_uuid(v);
        q.term_id = None;
        q.delegation_id = None;
        q.deputy_group_id = None;
    });
    let on_term = select(|q, v| q.term_id = parse_uuid(v));
    let on_delegation = select(|q, v| q.delegation_id = parse_uuid(v));
    let on_group = select(|q, v| q.deputy_group_id = parse_uuid(v));
    let on_status = select(|q, v| q.status = MandateStatus::parse(v));
    let on_gender = select(|q, v| q.gender = Gender::parse(v));
    let on_ethnicity = text_filter(|q, v| q.ethnicity = v);
    let on_party = text_filter(|q, v| q.party = v);
    let on_sort = {
        let apply = apply.clone();
        Callback::from(move |s: DeputySort| {
            apply(&|q: &mut DeputyListQuery| {
                q.sort = (s != DeputySort::Name).then_some(s);
            })
        })
    };
    let on_limit = {
        let apply = apply.clone();
        Callback::from(move |n: i64| {
            apply(&|q: &mut DeputyListQuery| q.limit = (n != DEFAULT_LIMIT).then_some(n))
        })
    };
    let on_clear = {
        let navigator = navigator.clone();
        let search = search.clone();
        let debounce = debounce.clone();
        Callback::from(move |_: MouseEvent| {
            debounce.borrow_mut().take();
            search.set(String::new());
            navigator.replace(&Route::Deputies);
        })
    };
    let on_next = {
        let pages = pages.clone();
        let filters = filters.clone();
        let stack = stack.clone();
        let next = list.data.as_ref().and_then(|d| d.1.next_cursor.clone());
        Callback::from(move |_| {
            if let Some(c) = next.clone() {
                let mut s = stack.clone();
                s.push(Some(c));
                pages.set((filters.clone(), s));
            }
        })
    };
    let on_prev = {
        let pages = pages.clone();
        let filters = filters.clone();
        let stack = stack.clone();
        Callback::from(move |_| {
            let mut s = stack.clone();
            s.pop();
            pages.set((filters.clone(), s));
        })
    };

    // On a phone the filters other than the name search fold away.
    let filters_open = use_value(bool::default());
    let toggle_filters = {
        let filters_open = filters_open.clone();
        Callback::from(move |_: MouseEvent| filters_open.set(!*filters_open))
    };
    let exporting = use_value(None::<&'static str>);
    let export_error = use_value(Option::<ApiError>::default());
    let on_export = |format: &'static str| {
        let exporting = exporting.clone();
        let export_error = export_error.clone();
        let filters = filters.clone();
        Callback::from(move |_: MouseEvent| {
            if exporting.is_some() {
                return;
            }
            exporting.set(Some(format));
            export_error.set(None);
            let exporting = exporting.clone();
            let export_error = export_error.clone();
            let filters = filters.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = api::export_deputies(&filters, format).await {
                    export_error.set(Some(e));
                }
                exporting.set(None);
            });
        })
    };

    // Several congresses in scope and none chosen: the table says which each mandate is of.
    let show_congress: Option<&[Congress]> = congresses
        .data
        .as_deref()
        .filter(|cs| filters.congress_id.is_none() && cs.len() > 1)
        .map(Vec::as_slice);

    // Options of the selects.
    let congress_options: Vec<SelectOption> = congresses
        .data
        .as_ref()
        .map(|cs| {
            cs.iter()
                .map(|c| (c.id.to_string(), c.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let term_options: Vec<SelectOption> = units
        .terms
        .data
        .as_ref()
        .map(|ts| {
            ts.iter()
                .map(|x| (x.id.to_string(), t.term_label(x.number)))
                .collect()
        })
        .unwrap_or_default();
    let delegation_options: Vec<SelectOption> = units
        .delegations
        .data
        .as_ref()
        .map(|ds| {
            ds.iter()
                .map(|d| (d.id.to_string(), d.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let group_options: Vec<SelectOption> = units
        .groups
        .data
        .as_ref()
        .map(|gs| {
            gs.iter()
                .map(|g| (g.id.to_string(), g.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let status_options: Vec<SelectOption> = [
        MandateStatus::Active,
        MandateStatus::Suspended,
        MandateStatus::Terminated,
    ]
    .iter()
    .map(|s| (s.as_str().to_string(), t.status(*s).to_string()))
    .collect();
    let gender_options: Vec<SelectOption> = [Gender::Male, Gender::Female]
        .iter()
        .map(|g| (g.as_str().to_string(), t.gender(*g).to_string()))
        .collect();
    let id_value = |v: Option<Uuid>| v.map(|u| u.to_string()).unwrap_or_default();
    let no_congress_hint = congress.is_none().then_some(t.choose_congress_first);
    let other_filters = [
        filters.congress_id.is_some(),
        filters.term_id.is_some(),
        filters.delegation_id.is_some(),
        filters.deputy_group_id.is_some(),
        filters.status.is_some(),
        filters.gender.is_some(),
        filters.ethnicity.is_some(),
        filters.party.is_some(),
    ]
    .into_iter()
    .filter(|on| *on)
    .count();
    let active_filters = other_filters > 0 || filters.q.is_some();

    let summary = list.data.as_ref().map(|d| {
        let (shown_index, p) = (d.0, &d.1);
        let from = shown_index as i64 * limit + 1;
        let to = shown_index as i64 * limit + p.items.len() as i64;
        match p.total {
            Some(total) => (t.count_range)(from, to, total),
            None => (t.count_shown)(p.items.len()),
        }
    });

    let table = match (&list.data, &list.error) {
        (_, Some(e)) => html! { {error_banner(t, e, Some(list.reload.clone()))} },
        (None, None) => html! { {loading(t.loading_deputies)} },
        (Some(d), None) if d.1.items.is_empty() => empty(
            if active_filters {
                t.no_match
            } else {
                t.no_deputies
            },
            html! { <>
                if active_filters {
                    <button type="button" class="btn" onclick={on_clear.clone()}>{t.clear_filters}</button>
                } else if auth.can_write() {
                    <p>{t.no_deputies_hint}</p>
                    <p class="actions">
                        <Link<Route> to={Route::Import} classes="btn btn-primary">{t.nav_import}</Link<Route>>
                        <Link<Route> to={Route::NewDeputy} classes="btn">{t.new_deputy}</Link<Route>>
                    </p>
                }
            </> },
        ),
        (Some(d), None) => html! {
            <div class={classes!("table-wrap", list.loading.then_some("is-loading"))} aria-busy={list.loading.to_string()}>
                <table class="data-table deputies-table" id="deputies-table">
                    <caption class="visually-hidden">{t.deputies_title}</caption>
                    <thead>
                        <tr>
                            { sort_header(t.f_name, DeputySort::Name, DeputySort::NameDesc, sort, &on_sort, t) }
                            if show_congress.is_some() { <th scope="col">{t.f_congress}</th> }
                            <th scope="col">{t.f_gender}</th>
                            <th scope="col">{t.f_ethnicity}</th>
                            <th scope="col">{t.f_birth_date}</th>
                            <th scope="col">{t.f_party}</th>
                            <th scope="col">{t.f_delegation}</th>
                            <th scope="col">{t.f_group}</th>
                            <th scope="col">{t.f_status}</th>
                            <th scope="col">{t.f_workplace_post}</th>
                            { sort_header(t.updated_at, DeputySort::UpdatedAtDesc, DeputySort::UpdatedAt, sort, &on_sort, t) }
                        </tr>
                    </thead>
                    <tbody>
                        { for d.1.items.iter().map(|d| row(t, d, show_congress)) }
                    </tbody>
                </table>
            </div>
        },
    };

    html! {
        <section class="page deputies-page">
            <div class="page-head">
                <h1>{t.deputies_title}</h1>
                <div class="actions">
                    if auth.can_write() {
                        <Link<Route> to={Route::NewDeputy} classes="btn btn-primary">{"+ "}{t.new_deputy}</Link<Route>>
                    }
                    if auth.can_export() {
                        <button type="button" class="btn" id="export-csv" onclick={on_export("csv")} disabled={exporting.is_some()}>
                            { if *exporting == Some("csv") { t.exporting } else { t.export_csv } }
                        </button>
                        <button type="button" class="btn" id="export-xlsx" onclick={on_export("xlsx")} disabled={exporting.is_some()}>
                            { if *exporting == Some("xlsx") { t.exporting } else { t.export_xlsx } }
                        </button>
                    }
                </div>
            </div>
            if let Some(e) = &*export_error { {error_banner(t, e, None)} }
            <form class="filters card" role="search" aria-label={t.filters} onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <div class="field search-field">
                    <label for="search">{t.search_name}</label>
                    <input id="search" type="search" value={(*search).clone()} oninput={on_search}
                        placeholder={t.search_placeholder} autocomplete="off" />
                </div>
                <button type="button" class="btn filters-toggle" aria-controls="more-filters"
                    aria-expanded={filters_open.to_string()} onclick={toggle_filters}>
                    {(t.more_filters)(other_filters)}
                </button>
                <div id="more-filters" class={classes!("more-filters", (*filters_open).then_some("open"))}>
                if congress_options.len() > 1 {
                    {select_field(t, SelectFieldProps {
                        id: "f-congress", label: t.f_congress, value: id_value(filters.congress_id).into(),
                        options: congress_options, empty_label: Some(t.all), onchange: on_congress,
                        ..Default::default()
                    })}
                }
                {select_field(t, SelectFieldProps {
                    id: "f-term", label: t.f_term, value: id_value(filters.term_id).into(),
                    options: term_options, empty_label: Some(t.all), onchange: on_term,
                    disabled: congress.is_none(), hint: no_congress_hint, ..Default::default()
                })}
                {select_field(t, SelectFieldProps {
                    id: "f-delegation", label: t.f_delegation, value: id_value(filters.delegation_id).into(),
                    options: delegation_options, empty_label: Some(t.all), onchange: on_delegation,
                    disabled: congress.is_none(), ..Default::default()
                })}
                {select_field(t, SelectFieldProps {
                    id: "f-group", label: t.f_group, value: id_value(filters.deputy_group_id).into(),
                    options: group_options, empty_label: Some(t.all), onchange: on_group,
                    disabled: congress.is_none(), ..Default::default()
                })}
                {select_field(t, SelectFieldProps {
                    id: "f-status", label: t.f_status,
                    value: (filters.status.map(|s| s.as_str()).unwrap_or("")).into(), options: status_options,
                    empty_label: Some(t.all), onchange: on_status, ..Default::default()
                })}
                {select_field(t, SelectFieldProps {
                    id: "f-gender", label: t.f_gender,
                    value: (filters.gender.map(|g| g.as_str()).unwrap_or("")).into(), options: gender_options,
                    empty_label: Some(t.all), onchange: on_gender, ..Default::default()
                })}
                <div class="field">
                    <label for="f-ethnicity">{t.f_ethnicity}</label>
                    <input id="f-ethnicity" list="ethnicities" value={filters.ethnicity.clone().unwrap_or_default()}
                        onchange={on_ethnicity} placeholder={t.any_value} autocomplete="off" />
                </div>
                <div class="field">
                    <label for="f-party">{t.f_party}</label>
                    <input id="f-party" list="parties" value={filters.party.clone().unwrap_or_default()}
                        onchange={on_party} placeholder={t.any_value} autocomplete="off" />
                </div>
                <datalist id="ethnicities">{ for ETHNICITIES.iter().map(|e| html!{ <option value={*e} /> }) }</datalist>
                <datalist id="parties">{ for PARTIES.iter().map(|p| html!{ <option value={*p} /> }) }</datalist>
                if active_filters {
                    <div class="field field-action">
                        <button type="button" class="btn btn-quiet" id="clear-filters" onclick={on_clear.clone()}>{t.clear_filters}</button>
                    </div>
                }
                </div>
            </form>
            <div class="list-summary">
                <p id="deputies-count" aria-live="polite">
                    { summary.unwrap_or_default() }
                    if list.loading && list.data.is_some() { <span class="inline-spinner" aria-hidden="true"></span> }
                </p>
            </div>
            { table }
            if let Some((shown_index, page)) = list.data.as_deref() {
                if !page.items.is_empty() || *shown_index > 0 {
                    {pager(t, Pager { page: shown_index + 1, has_prev: *shown_index > 0, has_next: page.next_cursor.is_some(),
                        on_prev, on_next, limit, on_limit, busy: list.loading })}
                }
            }
        </section>
    }
}
