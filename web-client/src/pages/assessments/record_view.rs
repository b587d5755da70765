//! A performance record on screen, shared by 我的履职 and the office's record page: the
//! deputy's basic information, the counts and rates of the period, then each section with
//! its lines (date, title, kind, and where the line comes from, linked to it). On the
//! deputy's own record every derived line offers a correction request.

use crate::i18n::assessments::{use_at, AssessmentTexts};
use crate::Route;
use renda_openapi::messages::num;
use renda_openapi::{
    Metric, PerformanceRecord, RateMetric, RecordItem, RecordSection, RecordSectionItems,
    RecordSource,
};
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

/// The counts shown at the top of a record, in this order (every other count is under
/// "all counts").
const HEADLINE: [Metric; 8] = [
    Metric::SessionsAttended,
    Metric::SessionsAbsent,
    Metric::ActivitiesAttended,
    Metric::SuggestionsLed,
    Metric::SuggestionsCosigned,
    Metric::MotionsLed,
    Metric::DutyReports,
    Metric::EntriesApproved,
];

/// Props of [`RecordView`].
#[derive(Properties, PartialEq)]
pub struct RecordViewProps {
    /// The record.
    pub record: Rc<PerformanceRecord>,
    /// Offered on each derived line of the deputy's own record: asks for a correction.
    #[prop_or_default]
    pub on_correct: Option<Callback<RecordItem>>,
}

/// The record: basic information with the counts, then the sections in order.
#[function_component]
pub fn RecordView(p: &RecordViewProps) -> Html {
    let at = use_at();
    let r = &p.record;
    html! {
        <div class="record" id="record">
            {basic(at, r)}
            { for r.sections.iter()
                .filter(|s| s.section != RecordSection::Basic)
                .map(|s| section(at, s, p.on_correct.as_ref())) }
        </div>
    }
}

/// The basic information, the headline counts and rates, and every count folded away.
fn basic(at: &AssessmentTexts, r: &PerformanceRecord) -> Html {
    let d = &r.deputy;
    let lang = at.cat();
    let info = [
        (at.f_group, d.deputy_group_name.clone()),
        (at.f_delegation, d.delegation_name.clone()),
        (at.f_constituency, d.constituency.clone()),
        (at.f_post, d.post.map(|p| p.label(lang).to_string())),
    ];
    html! {
        <section class="card record-section" id="section-basic">
            <h2>{RecordSection::Basic.label(lang)}</h2>
            <p class="record-period muted">{at.period(r.period.from, r.period.to)}</p>
            <dl class="facts">
                { for info.into_iter().filter_map(|(k, v)| v.map(|v| html! {
                    <><dt>{k}</dt><dd>{v}</dd></>
                })) }
            </dl>
            <ul class="counts" id="record-counts">
                { for HEADLINE.iter().map(|m| html! {
                    <li data-metric={m.as_str()}>
                        <span class="count-value">{r.counts.get(*m)}</span>
                        <span class="count-label">{m.label(lang)}</span>
                    </li>
                }) }
                { for r.rates.iter().map(|(k, v)| rate(at, *k, *v)) }
            </ul>
            if r.open_corrections > 0 {
                <p class="muted" id="open-corrections">{at.open_corrections_n(r.open_corrections)}</p>
            }
            <details class="all-counts">
                <summary>{at.all_counts}</summary>
                <dl class="facts">
                    { for Metric::ALL.iter().map(|m| html! {
                        <><dt>{m.label(lang)}</dt><dd data-metric={m.as_str()}>{r.counts.get(*m)}</dd></>
                    }) }
                </dl>
            </details>
        </section>
    }
}

fn rate(at: &AssessmentTexts, k: RateMetric, v: f64) -> Html {
    html! {
        <li data-rate={k.as_str()}>
            <span class="count-value">{format!("{}%", num(v))}</span>
            <span class="count-label">{k.label(at.cat())}</span>
        </li>
    }
}

/// One section with its lines, newest first.
fn section(
    at: &AssessmentTexts,
    s: &RecordSectionItems,
    on_correct: Option<&Callback<RecordItem>>,
) -> Html {
    let code = s.section.as_str();
    html! {
        <section class="card record-section" id={format!("section-{code}")}>
            <h2>
                {s.section.label(at.cat())}
                <span class="section-count">{s.items.len()}</span>
            </h2>
            if s.items.is_empty() {
                <p class="muted">{at.section_empty}</p>
            } else {
                <ul class="record-lines">
                    { for s.items.iter().map(|i| line(at, i, on_correct)) }
                </ul>
            }
        </section>
    }
}

/// One line: date, title, kind, its source, and a correction button when offered.
fn line(
    at: &AssessmentTexts,
    item: &RecordItem,
    on_correct: Option<&Callback<RecordItem>>,
) -> Html {
    let derived = !matches!(
        item.source,
        RecordSource::Entry { .. } | RecordSource::Award { .. }
    );
    let correct = on_correct.filter(|_| derived).map(|cb| {
        let (cb, item) = (cb.clone(), item.clone());
        html! {
            <button type="button" class="btn btn-small btn-quiet correct-line"
                onclick={Callback::from(move |_| cb.emit(item.clone()))}>
                {at.ask_correction}
            </button>
        }
    });
    html! {
        <li class="record-line">
            <time datetime={item.date.to_string()}>{item.date.to_string()}</time>
            <span class="line-title">{source_link(item)}</span>
            <span class="line-meta">
                <span class="badge">{item.label_in(at.cat())}</span>
                {source_detail(at, &item.source)}
            </span>
            {correct}
        </li>
    }
}

/// The line's title, linked to the activity or suggestion it comes from.
fn source_link(item: &RecordItem) -> Html {
    let title = item.title.clone();
    match &item.source {
        RecordSource::Activity { activity_id, .. } => html! {
            <Link<Route> to={Route::Activity { id: activity_id.0 }}>{title}</Link<Route>>
        },
        RecordSource::Suggestion { suggestion_id, .. } => html! {
            <Link<Route> to={Route::Suggestion { id: suggestion_id.0 }}>{title}</Link<Route>>
        },
        _ => html! { {title} },
    }
}

/// What the source says beyond the title: attendance, led or co-signed with the outcome,
/// a satisfaction rate.
fn source_detail(at: &AssessmentTexts, source: &RecordSource) -> Html {
    let lang = at.cat();
    let text = match source {
        RecordSource::Activity { attendance, .. } => attendance.label(lang).to_string(),
        RecordSource::Suggestion {
            led,
            status,
            result_class,
            satisfaction,
            ..
        } => {
            let mut parts = vec![
                if *led { at.led } else { at.cosigned }.to_string(),
                status.label(lang).to_string(),
            ];
            parts.extend(result_class.map(|c| c.label(lang).to_string()));
            parts.extend(satisfaction.map(|s| s.label(lang).to_string()));
            parts.join(" · ")
        }
        RecordSource::Motion { led, status, .. } => format!(
            "{} · {}",
            if *led { at.led } else { at.joined },
            status.label(lang)
        ),
        RecordSource::DutyReport {
            satisfaction_rate, ..
        } => match satisfaction_rate {
            Some(r) => format!("{} {}%", at.satisfaction, num(*r)),
            None => at.no_ballots.to_string(),
        },
        RecordSource::WorkAppraisal { .. } | RecordSource::Award { .. } => String::new(),
        RecordSource::Entry { .. } => at.self_declared.to_string(),
    };
    html! { <span class="muted">{text}</span> }
}
