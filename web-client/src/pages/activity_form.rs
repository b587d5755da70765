//! Create or edit an activity: kind, title, organiser, place, start and end (Beijing time),
//! description and topics; for a congress session its term, kind and number (a temporary
//! one with how many deputies asked for it, R2; OL 14); for other kinds an optional
//! recurrence (monthly on fixed days, weekly, or an RFC 5545 RRULE). The server's field
//! errors show on their fields; a stale edit gets the 412 message.

use crate::api::{self, ApiError};
use crate::components::widgets::{
    error_banner, loading, select_field, text_field, use_title, SelectFieldProps, TextFieldProps,
};
use crate::data::{effective_congress, use_congresses, use_load, use_units, use_value};
use crate::i18n::meetings::{beijing, from_beijing, hm, use_mt};
use crate::i18n::use_t;
use crate::Route;
use chrono::NaiveDateTime;
use renda_openapi::{
    Activity, ActivityInput, ActivityKind, NewActivity, Organiser, OrganiserKind, SessionKind,
};
use std::rc::Rc;
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

/// Props of [`ActivityFormPage`].
#[derive(Properties, PartialEq)]
pub struct ActivityFormProps {
    /// The activity to edit; `None` to create one.
    pub id: Option<Uuid>,
}

/// The recurrence chosen in the form.
#[derive(Clone, Copy, PartialEq)]
enum Repeat {
    None,
    Monthly,
    Weekly,
    Custom,
}

/// `FREQ=MONTHLY;BYMONTHDAY=26,27` from `"26, 27"` (commas, 、 or spaces), or `None` when a
/// day is not 1–31.
pub fn monthly_rule(days: &str) -> Option<String> {
    let mut list = vec![];
    for part in days
        .split([',', '，', '、', ' '])
        .filter(|s| !s.trim().is_empty())
    {
        let d: u32 = part.trim().parse().ok()?;
        if !(1..=31).contains(&d) {
            return None;
        }
        if !list.contains(&d) {
            list.push(d);
        }
    }
    if list.is_empty() {
        return None;
    }
    list.sort_unstable();
    let days: Vec<String> = list.iter().map(u32::to_string).collect();
    Some(format!("FREQ=MONTHLY;BYMONTHDAY={}", days.join(",")))
}

/// The day list of a `FREQ=MONTHLY;BYMONTHDAY=…` rule, to show it again in the form.
fn monthly_days(rule: &str) -> Option<String> {
    let rest = rule.strip_prefix("FREQ=MONTHLY;BYMONTHDAY=")?;
    rest.chars()
        .all(|c| c.is_ascii_digit() || c == ',')
        .then(|| rest.to_string())
}

/// Splits topics written with commas, 、 or semicolons.
pub fn split_topics(s: &str) -> Vec<String> {
    s.split([',', '，', '、', ';', '；'])
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

/// `YYYY-MM-DDTHH:MM`, as a `datetime-local` input shows it.
fn local_input(a: &chrono::DateTime<chrono::Utc>) -> String {
    let at = beijing(a);
    format!("{}T{}", at.date(), hm(&at))
}

/// Parses `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS` (hours, minutes and seconds of one or
/// two digits), without chrono's strftime parser.
fn parse_local(s: &str) -> Option<NaiveDateTime> {
    let (date, time) = s.split_once('T')?;
    let date: chrono::NaiveDate = date.parse().ok()?;
    let mut fields = [0u32; 3];
    let mut n = 0;
    for part in time.split(':') {
        if n == 3 || part.is_empty() || part.len() > 2 || !part.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        fields[n] = part.parse().ok()?;
        n += 1;
    }
    if n < 2 {
        return None;
    }
    date.and_hms_opt(fields[0], fields[1], fields[2])
}

/// Props of [`ActivityForm`].
#[derive(Properties, PartialEq)]
struct FormProps {
    existing: Option<Rc<Activity>>,
}

#[function_component]
fn ActivityForm(p: &FormProps) -> Html {
    let t = use_t();
    let mt = use_mt();
    let navigator = use_navigator().expect("router");
    let a = p.existing.clone();
    let congresses = use_congresses();
    let congress = use_value({
        a.as_ref()
            .map(|a| a.congress_id.to_string())
            .unwrap_or_default()
    });
    let chosen = effective_congress(Uuid::parse_str(&congress).ok(), &congresses);
    let units = use_units(chosen);
    let s = |f: &dyn Fn(&Activity) -> String| a.as_deref().map(f).unwrap_or_default();
    let kind = use_value(s(&|a| a.kind.as_str().to_string()));
    let title = use_value(s(&|a| a.title.clone()));
    let term = use_value(s(&|a| a.term_id.map(|t| t.to_string()).unwrap_or_default()));
    let organiser = use_value({
        a.as_ref()
            .map(|a| a.organiser.kind.as_str().to_string())
            .unwrap_or_else(|| "congress".into())
    });
    let group = use_value({
        s(&|a| {
            a.organiser
                .deputy_group_id
                .map(|g| g.to_string())
                .unwrap_or_default()
        })
    });
    let station = use_value({
        s(&|a| {
            if a.organiser.kind == OrganiserKind::LiaisonStation {
                a.organiser.name.clone().unwrap_or_default()
            } else {
                String::new()
            }
        })
    });
    let place = use_value(s(&|a| a.place.clone().unwrap_or_default()));
    let starts = use_value(s(&|a| local_input(&a.starts_at)));
    let ends = use_value(s(&|a| local_input(&a.ends_at)));
    let description = use_value(s(&|a| a.description.clone().unwrap_or_default()));
    let topics = use_value(s(&|a| a.topics.join("、")));
    let session_kind = use_value({
        a.as_ref()
            .and_then(|a| a.session.as_ref())
            .map(|s| s.kind.as_str().to_string())
            .unwrap_or_else(|| "regular".into())
    });
    let session_number = use_value({
        s(&|a| {
            a.session
                .as_ref()
                .and_then(|s| s.number)
                .map(|n| n.to_string())
                .unwrap_or_default()
        })
    });
    let requested_by = use_value({
        s(&|a| {
            a.session
                .as_ref()
                .and_then(|s| s.requested_by_count)
                .map(|n| n.to_string())
                .unwrap_or_default()
        })
    });
    let existing_rule = a.as_ref().and_then(|a| a.rrule.clone());
    let repeat = use_value(match existing_rule.as_deref() {
        None => Repeat::None,
        Some(r) if monthly_days(r).is_some() => Repeat::Monthly,
        Some("FREQ=WEEKLY") => Repeat::Weekly,
        Some(_) => Repeat::Custom,
    });
    let month_days = use_value({
        existing_rule
            .as_deref()
            .and_then(monthly_days)
            .unwrap_or_default()
    });
    let rrule = use_value(existing_rule.clone().unwrap_or_default());
    let errors = use_state(Vec::<(String, String)>::new);
    let server = use_value(Option::<ApiError>::default());
    let busy = use_value(bool::default());
    let idempotency_key = use_value(Uuid::now_v7().to_string());

    let is_session = ActivityKind::parse(&kind) == Some(ActivityKind::Session);
    let onsubmit = {
        let st = (
            kind.clone(),
            title.clone(),
            term.clone(),
            organiser.clone(),
            group.clone(),
            station.clone(),
            place.clone(),
            starts.clone(),
            ends.clone(),
            description.clone(),
            topics.clone(),
            session_kind.clone(),
            session_number.clone(),
            requested_by.clone(),
            repeat.clone(),
            month_days.clone(),
            rrule.clone(),
        );
        let (errors, server, busy, navigator, a) = (
            errors.clone(),
            server.clone(),
            busy.clone(),
            navigator.clone(),
            a.clone(),
        );
        let key = (*idempotency_key).clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let (
                kind,
                title,
                term,
                organiser,
                group,
                station,
                place,
                starts,
                ends,
                description,
                topics,
                session_kind,
                session_number,
                requested_by,
                repeat,
                month_days,
                rrule,
            ) = &st;
            let mut errs: Vec<(String, String)> = vec![];
            let req = |errs: &mut Vec<(String, String)>, f: &str, v: &str| {
                if v.trim().is_empty() {
                    errs.push((f.to_string(), mt.err_required.to_string()));
                }
            };
            req(&mut errs, "kind", kind);
            req(&mut errs, "title", title);
            let k = ActivityKind::parse(kind);
            let session = k == Some(ActivityKind::Session);
            let s_at = parse_local(starts);
            let e_at = parse_local(ends);
            if s_at.is_none() {
                errs.push(("starts_at".into(), mt.err_required.into()));
            }
            if e_at.is_none() {
                errs.push(("ends_at".into(), mt.err_required.into()));
            }
            if let (Some(s), Some(e)) = (s_at, e_at) {
                if e < s {
                    errs.push(("ends_at".into(), mt.err_end_before_start.into()));
                }
            }
            if session {
                req(&mut errs, "term_id", term);
            }
            let org = OrganiserKind::parse(organiser).unwrap_or(OrganiserKind::Congress);
            if org == OrganiserKind::DeputyGroup {
                req(&mut errs, "organiser/deputy_group_id", group);
            }
            if org == OrganiserKind::LiaisonStation {
                req(&mut errs, "organiser/name", station);
            }
            let number = |errs: &mut Vec<(String, String)>, f: &str, v: &str| -> Option<i32> {
                match v.trim() {
                    "" => None,
                    x => match x.parse::<i32>() {
                        Ok(n) if n > 0 => Some(n),
                        _ => {
                            errs.push((f.to_string(), mt.err_number.to_string()));
                            None
                        }
                    },
                }
            };
            let s_kind = SessionKind::parse(session_kind);
            let s_number = if session {
                number(&mut errs, "session_number", session_number)
            } else {
                None
            };
            let s_requested = if session && s_kind == Some(SessionKind::Temporary) {
                let n = number(&mut errs, "requested_by_count", requested_by);
                if n.is_none() && requested_by.trim().is_empty() {
                    errs.push(("requested_by_count".into(), mt.err_required.into()));
                }
                n
            } else {
                None
            };
            let rule = if session {
                None
            } else {
                match **repeat {
                    Repeat::None => None,
                    Repeat::Weekly => Some("FREQ=WEEKLY".to_string()),
                    Repeat::Monthly => match monthly_rule(month_days) {
                        Some(r) => Some(r),
                        None => {
                            errs.push(("month_days".into(), mt.err_month_days.into()));
                            None
                        }
                    },
                    Repeat::Custom => {
                        req(&mut errs, "rrule", rrule);
                        Some(rrule.trim().to_string())
                    }
                }
            };
            errors.set(errs.clone());
            if !errs.is_empty() {
                return;
            }
            let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
            let input = ActivityInput {
                kind: k.unwrap_or(ActivityKind::Training),
                title: title.trim().to_string(),
                term_id: Uuid::parse_str(term).ok(),
                organiser: Organiser {
                    kind: org,
                    deputy_group_id: (org == OrganiserKind::DeputyGroup)
                        .then(|| Uuid::parse_str(group).ok())
                        .flatten(),
                    name: (org == OrganiserKind::LiaisonStation)
                        .then(|| opt(station))
                        .flatten(),
                },
                place: opt(place),
                starts_at: from_beijing(s_at.unwrap_or_default()),
                ends_at: from_beijing(e_at.unwrap_or_default()),
                description: opt(description),
                topics: split_topics(topics),
                session_kind: session.then_some(s_kind).flatten(),
                session_number: s_number,
                requested_by_count: s_requested,
                rrule: rule,
            };
            busy.set(true);
            server.set(None);
            let (errors, server, busy, navigator, a, key) = (
                errors.clone(),
                server.clone(),
                busy.clone(),
                navigator.clone(),
                a.clone(),
                key.clone(),
            );
            let congress = chosen;
            wasm_bindgen_futures::spawn_local(async move {
                let result = match &a {
                    Some(a) => api::meetings::update_activity(a.id, a.version, &input).await,
                    None => match congress {
                        Some(c) => {
                            api::meetings::create_activity(
                                &NewActivity {
                                    congress_id: c,
                                    activity: input,
                                },
                                &key,
                            )
                            .await
                        }
                        None => {
                            errors.set(vec![("congress_id".into(), mt.err_required.into())]);
                            busy.set(false);
                            return;
                        }
                    },
                };
                match result {
                    Ok(saved) => navigator.push(&Route::Activity { id: saved.id }),
                    Err(e) => {
                        errors.set(crate::components::widgets::field_messages(t, &e));
                        server.set(Some(e));
                        busy.set(false);
                    }
                }
            });
        })
    };
    let err = |f: &str| errors.iter().find(|(k, _)| k == f).map(|(_, m)| m.clone());
    let set = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |v: String| s.set(v))
    };
    let kind_options: Vec<(String, String)> = ActivityKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), mt.kind(*k).to_string()))
        .collect();
    let organiser_options: Vec<(String, String)> = OrganiserKind::ALL
        .iter()
        .map(|o| (o.as_str().to_string(), mt.organiser(*o).to_string()))
        .collect();
    let session_options: Vec<(String, String)> = SessionKind::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), mt.session_kind(*s).to_string()))
        .collect();
    let term_options: Vec<(String, String)> = units
        .terms
        .data
        .as_ref()
        .map(|ts| {
            ts.iter()
                .map(|x| (x.id.to_string(), t.term_label(x.number)))
                .collect()
        })
        .unwrap_or_default();
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
    let congress_options: Vec<(String, String)> = congresses
        .data
        .as_ref()
        .map(|cs| {
            cs.iter()
                .map(|c| (c.id.to_string(), c.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let repeat_options: Vec<(String, String)> = vec![
        ("none".into(), mt.repeat_none.into()),
        ("monthly".into(), mt.repeat_monthly.into()),
        ("weekly".into(), mt.repeat_weekly.into()),
        ("custom".into(), mt.repeat_custom.into()),
    ];
    let repeat_value = match *repeat {
        Repeat::None => "none",
        Repeat::Monthly => "monthly",
        Repeat::Weekly => "weekly",
        Repeat::Custom => "custom",
    };
    let on_repeat = {
        let repeat = repeat.clone();
        Callback::from(move |v: String| {
            repeat.set(match v.as_str() {
                "monthly" => Repeat::Monthly,
                "weekly" => Repeat::Weekly,
                "custom" => Repeat::Custom,
                _ => Repeat::None,
            })
        })
    };
    let org = OrganiserKind::parse(&organiser);
    let stale = server.as_ref().is_some_and(|e| e.status() == 412);
    html! {
        <form class="card" {onsubmit} novalidate=true id="activity-form">
            if stale {
                <div class="banner banner-error" role="alert"><p class="banner-title">{t.err_stale}</p></div>
            } else if let Some(e) = &*server {
                {error_banner(t, e, None)}
            }
            <div class="form-grid">
                if a.is_none() && congress_options.len() > 1 {
                    {select_field(t, SelectFieldProps {
                        id: "congress_id", label: t.f_congress, value: (*congress).clone().into(),
                        options: congress_options, empty_label: Some(t.choose), onchange: set(&congress),
                        required: true, error: err("congress_id"), ..Default::default()
                    })}
                }
                {select_field(t, SelectFieldProps {
                    id: "kind", label: mt.f_kind, value: (*kind).clone().into(), options: kind_options,
                    empty_label: Some(t.choose), onchange: set(&kind), required: true, error: err("kind"),
                    disabled: a.is_some(), ..Default::default()
                })}
                {text_field(t, TextFieldProps {
                    id: "title", label: mt.f_title, value: (*title).clone().into(), oninput: set(&title),
                    required: true, error: err("title"), ..Default::default()
                })}
                {text_field(t, TextFieldProps {
                    id: "starts_at", label: mt.f_starts, input_type: "datetime-local",
                    value: (*starts).clone().into(), oninput: set(&starts), required: true,
                    error: err("starts_at"), hint: Some(mt.time_hint), ..Default::default()
                })}
                {text_field(t, TextFieldProps {
                    id: "ends_at", label: mt.f_ends, input_type: "datetime-local",
                    value: (*ends).clone().into(), oninput: set(&ends), required: true, error: err("ends_at"),
                    hint: Some(mt.time_hint), ..Default::default()
                })}
                {text_field(t, TextFieldProps {
                    id: "place", label: mt.f_place, value: (*place).clone().into(), oninput: set(&place),
                    error: err("place"), ..Default::default()
                })}
                {select_field(t, SelectFieldProps {
                    id: "organiser", label: mt.f_organiser, value: (*organiser).clone().into(),
                    options: organiser_options, onchange: set(&organiser), error: err("organiser/kind"),
                    ..Default::default()
                })}
                if org == Some(OrganiserKind::DeputyGroup) {
                    {select_field(t, SelectFieldProps {
                        id: "organiser-group", label: t.f_group, value: (*group).clone().into(),
                        options: group_options, empty_label: Some(t.choose), onchange: set(&group),
                        required: true, error: err("organiser/deputy_group_id"), ..Default::default()
                    })}
                }
                if org == Some(OrganiserKind::LiaisonStation) {
                    {text_field(t, TextFieldProps {
                        id: "organiser-name", label: mt.f_station_name, value: (*station).clone().into(),
                        oninput: set(&station), required: true, error: err("organiser/name"),
                        ..Default::default()
                    })}
                }
                if is_session {
                    {select_field(t, SelectFieldProps {
                        id: "term_id", label: t.f_term, value: (*term).clone().into(), options: term_options,
                        empty_label: Some(t.choose), onchange: set(&term), required: true,
                        error: err("term_id"), ..Default::default()
                    })}
                    {select_field(t, SelectFieldProps {
                        id: "session_kind", label: mt.f_session_kind, value: (*session_kind).clone().into(),
                        options: session_options, onchange: set(&session_kind), error: err("session_kind"),
                        ..Default::default()
                    })}
                    {text_field(t, TextFieldProps {
                        id: "session_number", label: mt.f_session_number, input_type: "number",
                        value: (*session_number).clone().into(), oninput: set(&session_number),
                        error: err("session_number"), ..Default::default()
                    })}
                    if SessionKind::parse(&session_kind) == Some(SessionKind::Temporary) {
                        {text_field(t, TextFieldProps {
                            id: "requested_by_count", label: mt.f_requested_by, input_type: "number",
                            value: (*requested_by).clone().into(), oninput: set(&requested_by),
                            required: true, error: err("requested_by_count"),
                            hint: Some(mt.requested_by_hint), ..Default::default()
                        })}
                    }
                } else {
                    {select_field(t, SelectFieldProps {
                        id: "repeat", label: mt.f_repeat, value: repeat_value.into(), options: repeat_options,
                        onchange: on_repeat, ..Default::default()
                    })}
                    if *repeat == Repeat::Monthly {
                        {text_field(t, TextFieldProps {
                            id: "month_days", label: mt.f_month_days, value: (*month_days).clone().into(),
                            oninput: set(&month_days), required: true,
                            error: err("month_days").or(err("rrule")), hint: Some(mt.month_days_hint),
                            ..Default::default()
                        })}
                    }
                    if *repeat == Repeat::Custom {
                        {text_field(t, TextFieldProps {
                            id: "rrule", label: mt.f_rrule, value: (*rrule).clone().into(),
                            oninput: set(&rrule), required: true, error: err("rrule"),
                            placeholder: Some({ "FREQ=MONTHLY;BYMONTHDAY=28" }), ..Default::default()
                        })}
                    }
                }
            </div>
            {text_field(t, TextFieldProps {
                id: "topics", label: mt.f_topics, value: (*topics).clone().into(), oninput: set(&topics),
                hint: Some(mt.topics_hint), error: err("topics"), ..Default::default()
            })}
            {text_field(t, TextFieldProps {
                id: "description", label: mt.f_description, value: (*description).clone().into(),
                oninput: set(&description), rows: Some(5), error: err("description"), ..Default::default()
            })}
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" id="save-activity" disabled={*busy}>{ if *busy { t.saving } else { t.save } }</button>
                <Link<Route> to={match &a { Some(a) => Route::Activity { id: a.id }, None => Route::Calendar }} classes="btn">{t.cancel}</Link<Route>>
            </div>
        </form>
    }
}

/// The page: loads the activity to edit first.
#[function_component]
pub fn ActivityFormPage(p: &ActivityFormProps) -> Html {
    let t = use_t();
    let mt = use_mt();
    let title = if p.id.is_some() {
        mt.activity_edit_title
    } else {
        mt.activity_new_title
    };
    use_title(title.to_string());
    let existing = use_load(p.id, api::meetings::activity);
    html! {
        <section class="page">
            <h1>{title}</h1>
            { match (p.id, &existing.data, &existing.error) {
                (None, _, _) => html! { <ActivityForm existing={None::<Rc<Activity>>} /> },
                (Some(_), _, Some(e)) => html! { {error_banner(t, e, Some(existing.reload.clone()))} },
                (Some(_), Some(a), None) => html! { <ActivityForm existing={Some(a.clone())} /> },
                _ => html! { {loading(t.loading)} },
            } }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monthly_rules_from_day_lists() {
        assert_eq!(
            monthly_rule("27, 26").as_deref(),
            Some("FREQ=MONTHLY;BYMONTHDAY=26,27")
        );
        assert_eq!(
            monthly_rule("28").as_deref(),
            Some("FREQ=MONTHLY;BYMONTHDAY=28")
        );
        assert_eq!(
            monthly_rule("26、26，27").as_deref(),
            Some("FREQ=MONTHLY;BYMONTHDAY=26,27")
        );
        assert_eq!(monthly_rule("32"), None);
        assert_eq!(monthly_rule("0"), None);
        assert_eq!(monthly_rule(""), None);
        assert_eq!(
            monthly_days("FREQ=MONTHLY;BYMONTHDAY=26,27").as_deref(),
            Some("26,27")
        );
        assert_eq!(monthly_days("FREQ=WEEKLY"), None);
    }

    #[test]
    fn topics_split_on_chinese_and_latin_separators() {
        assert_eq!(
            split_topics("乡村振兴、 养老；河道治理,"),
            vec!["乡村振兴", "养老", "河道治理"]
        );
    }

    #[test]
    fn beijing_wall_clock_round_trips() {
        let local = parse_local("2022-01-25T09:00").unwrap();
        let at = from_beijing(local);
        assert_eq!(at.to_rfc3339(), "2022-01-25T01:00:00+00:00");
        assert_eq!(local_input(&at), "2022-01-25T09:00");
        assert_eq!(
            parse_local("2022-01-25T09:00:30"),
            NaiveDateTime::parse_from_str("2022-01-25T09:00:30", "%Y-%m-%dT%H:%M:%S").ok()
        );
        assert_eq!(
            parse_local("2022-1-5T9:05"),
            NaiveDateTime::parse_from_str("2022-1-5T9:05", "%Y-%m-%dT%H:%M").ok()
        );
        for bad in [
            "",
            "2022-01-25",
            "2022-01-25T",
            "2022-01-25T24:00",
            "2022-01-25T09",
            "2022-01-25T09:00:00:00",
            "2022-02-30T09:00",
        ] {
            assert_eq!(parse_local(bad), None, "{bad}");
        }
    }
}
