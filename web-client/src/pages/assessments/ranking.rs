//! A run's ranking: every deputy's rank (ties shared), total, grade and flags, sortable by
//! each column, with each deputy's breakdown item by item (what it was computed from, the
//! cap applied, objections' adjustments) a click away; the groups' scores under it.

use crate::i18n::assessments::office::OfficeTexts;
use renda_openapi::assessments::{DeputyScore, GroupScore};
use std::cmp::Ordering;
use yew::prelude::*;

/// A column the ranking sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// 名次 (ties shared).
    Rank,
    /// The deputy's name.
    Name,
    /// The deputy group's name.
    Group,
    /// The total.
    Total,
    /// The grade, best first.
    Grade,
}

impl SortKey {
    fn code(self) -> &'static str {
        match self {
            SortKey::Rank => "rank",
            SortKey::Name => "name",
            SortKey::Group => "group",
            SortKey::Total => "total",
            SortKey::Grade => "grade",
        }
    }
}

/// The rows in the order of `key` (descending with `desc`); equal rows keep the rank order.
pub fn sorted(rows: &[DeputyScore], key: SortKey, desc: bool) -> Vec<&DeputyScore> {
    let mut out: Vec<&DeputyScore> = rows.iter().collect();
    out.sort_by(|a, b| {
        let o = match key {
            SortKey::Rank => a.rank.cmp(&b.rank),
            SortKey::Name => a.deputy.name.cmp(&b.deputy.name),
            SortKey::Group => a.deputy.deputy_group_name.cmp(&b.deputy.deputy_group_name),
            SortKey::Total => a.total.partial_cmp(&b.total).unwrap_or(Ordering::Equal),
            SortKey::Grade => grade_rank(a).cmp(&grade_rank(b)),
        };
        let o = if desc { o.reverse() } else { o };
        o.then(a.rank.cmp(&b.rank))
    });
    out
}

fn grade_rank(s: &DeputyScore) -> usize {
    renda_openapi::assessments::Grade::ALL
        .iter()
        .position(|g| *g == s.grade)
        .unwrap_or(0)
}

/// Props of [`RankingTable`].
#[derive(Properties, PartialEq)]
pub struct RankingProps {
    /// Every deputy's score.
    pub scores: Vec<DeputyScore>,
    /// The strings of the current language.
    pub t: &'static OfficeTexts,
}

/// The sortable ranking.
#[function_component]
pub fn RankingTable(p: &RankingProps) -> Html {
    let t = p.t;
    let sort = use_state(|| (SortKey::Rank, false));
    let open = use_state(|| None::<uuid::Uuid>);
    let header = |key: SortKey, label: &'static str, num: bool| {
        let (cur, desc) = *sort;
        let aria = (cur == key).then_some(if desc { "descending" } else { "ascending" });
        let onclick = {
            let sort = sort.clone();
            Callback::from(move |_: MouseEvent| {
                let (cur, desc) = *sort;
                sort.set((key, cur == key && !desc));
            })
        };
        html! {
            <th scope="col" class={classes!(num.then_some("num"))} aria-sort={aria}>
                <button type="button" class="sort-button" id={format!("sort-{}", key.code())} {onclick}>
                    {label}<span class="sort-arrow" aria-hidden="true">{match aria { Some("descending") => "▼", Some(_) => "▲", None => "↕" }}</span>
                </button>
            </th>
        }
    };
    let w = t.wire();
    let rows = sorted(&p.scores, sort.0, sort.1);
    let row = |s: &DeputyScore| {
        let id = s.deputy.deputy_id.uuid();
        let expanded = *open == Some(id);
        let toggle = {
            let open = open.clone();
            Callback::from(move |_: MouseEvent| open.set(if expanded { None } else { Some(id) }))
        };
        let flags = s
            .flags
            .iter()
            .map(|f| f.label(w))
            .collect::<Vec<_>>()
            .join("、");
        html! { <>
            <tr data-deputy={id.to_string()}>
                <td class="num" data-label={t.rank}>{s.rank}</td>
                <th scope="row" data-label={t.deputy}>{&s.deputy.name}</th>
                <td data-label={t.group}>{s.deputy.deputy_group_name.clone().unwrap_or_default()}</td>
                <td class="num total" data-label={t.total}>{format!("{:.2}", s.total)}</td>
                <td data-label={t.grade}>{s.grade.label(w)}</td>
                <td data-label={t.flags}>{flags}</td>
                <td><button type="button" class="btn btn-small" aria-expanded={expanded.to_string()} onclick={toggle}>{t.breakdown}</button></td>
            </tr>
            if expanded { <tr class="breakdown-row"><td colspan="7">{breakdown(t, s)}</td></tr> }
        </> }
    };
    html! {
        <div class="table-wrap"><table class="data-table" id="ranking">
            <thead><tr>
                {header(SortKey::Rank, t.rank, true)}
                {header(SortKey::Name, t.deputy, false)}
                {header(SortKey::Group, t.group, false)}
                {header(SortKey::Total, t.total, true)}
                {header(SortKey::Grade, t.grade, false)}
                <th scope="col">{t.flags}</th>
                <th scope="col"></th>
            </tr></thead>
            <tbody>{ for rows.into_iter().map(row) }</tbody>
        </table></div>
    }
}

/// One deputy's score item by item.
fn breakdown(t: &'static OfficeTexts, s: &DeputyScore) -> Html {
    let w = t.wire();
    html! {
        <ul class="breakdown">
            <li>{format!("{}: {:.2}", t.base_score, s.base_score)}</li>
            { for s.items.iter().map(|i| html! {
                <li data-item={i.key.clone()}>
                    <strong>{format!("{} {:+.2}", i.label, i.points)}</strong>
                    <span class="muted">{format!(" · {}", i.explain(w))}</span>
                    if let Some(c) = i.cap_applied { <span class="badge outcome-update">{format!("{} {c}", t.cap_applied)}</span> }
                    if i.adjustment != 0.0 { <span class="badge outcome-create">{format!("{} {:+.2}", t.adjustment, i.adjustment)}</span> }
                </li>
            }) }
            if s.total_adjustment != 0.0 { <li>{format!("{}: {:+.2}", t.adjustment, s.total_adjustment)}</li> }
        </ul>
    }
}

/// The groups' scores.
pub fn group_table(t: &'static OfficeTexts, groups: &[GroupScore]) -> Html {
    if groups.is_empty() {
        return Html::default();
    }
    html! {
        <div class="card">
            <h2>{t.group_scores}</h2>
            <div class="table-wrap"><table class="data-table" id="group-scores">
                <thead><tr>
                    <th scope="col" class="num">{t.rank}</th>
                    <th scope="col">{t.group}</th>
                    <th scope="col" class="num">{t.members}</th>
                    <th scope="col" class="num">{t.member_average}</th>
                    <th scope="col" class="num">{t.activity_points}</th>
                    <th scope="col" class="num">{t.total}</th>
                    <th scope="col">{t.proposed}</th>
                </tr></thead>
                <tbody>{ for groups.iter().map(|g| html! { <tr>
                    <td class="num" data-label={t.rank}>{g.rank}</td>
                    <th scope="row" data-label={t.group}>{&g.name}</th>
                    <td class="num" data-label={t.members}>{g.members}</td>
                    <td class="num" data-label={t.member_average}>{format!("{:.2}", g.member_average)}</td>
                    <td class="num" data-label={t.activity_points}>{format!("{:.2}", g.activity_points)}</td>
                    <td class="num" data-label={t.total}>{format!("{:.2}", g.total)}</td>
                    <td data-label={t.proposed}>{if g.proposed { t.yes } else { "" }}</td>
                </tr> }) }</tbody>
            </table></div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use renda_openapi::assessments::{DeputyBrief, Grade};

    fn score(name: &str, total: f64, rank: u32, grade: Grade) -> DeputyScore {
        DeputyScore {
            deputy: DeputyBrief {
                deputy_id: uuid::Uuid::now_v7().into(),
                name: name.into(),
                mandate_id: uuid::Uuid::now_v7().into(),
                deputy_group_id: None,
                deputy_group_name: None,
                delegation_name: None,
                constituency: None,
                post: None,
            },
            base_score: 0.0,
            items: vec![],
            total_adjustment: 0.0,
            total,
            rank,
            grade,
            flags: vec![],
        }
    }

    #[test]
    fn sorts_by_each_column_keeping_rank_order_for_ties() {
        let rows = vec![
            score("乙", 90.0, 1, Grade::Excellent),
            score("甲", 90.0, 1, Grade::Excellent),
            score("丙", 70.5, 3, Grade::Fair),
        ];
        let names =
            |v: Vec<&DeputyScore>| v.iter().map(|s| s.deputy.name.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(sorted(&rows, SortKey::Total, false)),
            ["丙", "乙", "甲"]
        );
        assert_eq!(
            names(sorted(&rows, SortKey::Total, true)),
            ["乙", "甲", "丙"]
        );
        assert_eq!(names(sorted(&rows, SortKey::Rank, true))[0], "丙");
        assert_eq!(names(sorted(&rows, SortKey::Grade, true))[0], "丙");
        assert_eq!(sorted(&rows, SortKey::Name, false).len(), 3);
    }
}
