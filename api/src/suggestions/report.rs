//! The handling report (办理情况报告; R8, DL 51–52): the items submitted in a period, by
//! handling organisation (received, replied on time or late, overdue, result classes,
//! satisfaction) and by level-1 category, as JSON or XLSX. Every figure comes from the
//! stored items, referrals, replies and ratings.

use super::models::SuggestionRow;
use super::repo::visible;
use crate::auth::caller::AuthUser;
use crate::error::ApiError;
use crate::schema::{
    handling_orgs, suggestion_categories, suggestion_feedback, suggestion_referrals,
    suggestion_replies, suggestions,
};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::*;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// Roles that read the report: the office, the presidium and integration clients.
pub const READERS: &[Role] = &[Role::Admin, Role::Staff, Role::Presidium, Role::Integration];

/// A sent reply: suggestion, organisation (none: the office), result class, sent at.
type SentReply = (Uuid, Option<Uuid>, String, Option<DateTime<Utc>>);

fn cst_date(at: DateTime<Utc>) -> NaiveDate {
    let cst = FixedOffset::east_opt(8 * 3600).expect("valid offset");
    at.with_timezone(&cst).date_naive()
}

fn add(s: &mut SatisfactionCounts, result: &str) {
    match result {
        "satisfied" => s.satisfied += 1,
        "basically_satisfied" => s.basically_satisfied += 1,
        _ => s.dissatisfied += 1,
    }
}

fn finish(s: &mut SatisfactionCounts) {
    let total = s.satisfied + s.basically_satisfied + s.dissatisfied;
    s.satisfaction_rate =
        (total > 0).then(|| (s.satisfied + s.basically_satisfied) as f64 / total as f64);
}

/// The level-1 category above `id` (itself when level 1).
fn root_category(conn: &mut PgConnection, id: Uuid) -> QueryResult<(Uuid, String)> {
    let mut current = id;
    for _ in 0..3 {
        let (name, parent): (String, Option<Uuid>) = suggestion_categories::table
            .find(current)
            .select((
                suggestion_categories::name,
                suggestion_categories::parent_id,
            ))
            .first(conn)?;
        match parent {
            Some(p) => current = p,
            None => return Ok((current, name)),
        }
    }
    Ok((current, String::new()))
}

/// Builds the report for the caller's scope.
///
/// Errors: 403 for deputies and handling organisations; 422 `from` after `to`.
pub fn build(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &ReportQuery,
) -> Result<SuggestionReport, ApiError> {
    user.require(READERS)?;
    let today = crate::http::today();
    let from = q
        .from
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today));
    let to = q.to.unwrap_or(today);
    if from > to {
        let m = renda_openapi::SuggestionMessage::FromAfterTo;
        return Err(renda_openapi::Refusal::invalid("?from", m).into());
    }
    let mut query = visible(user)
        .filter(suggestions::status.ne("draft"))
        .filter(suggestions::submitted_on.between(from, to));
    if let Some(c) = q.congress_id {
        query = query.filter(suggestions::congress_id.eq(c));
    }
    let items: Vec<SuggestionRow> = query
        .order(suggestions::id)
        .select(SuggestionRow::as_select())
        .load(conn)?;
    let ids: Vec<Uuid> = items.iter().map(|i| i.id).collect();
    let referrals: Vec<(Uuid, Uuid, String, String)> = suggestion_referrals::table
        .inner_join(handling_orgs::table)
        .filter(suggestion_referrals::suggestion_id.eq_any(&ids))
        .filter(suggestion_referrals::returned_at.is_null())
        .select((
            suggestion_referrals::suggestion_id,
            suggestion_referrals::handling_org_id,
            suggestion_referrals::role,
            handling_orgs::name,
        ))
        .load(conn)?;
    let replies: Vec<SentReply> = suggestion_replies::table
        .filter(suggestion_replies::suggestion_id.eq_any(&ids))
        .filter(suggestion_replies::status.eq("sent"))
        .order((suggestion_replies::sent_at, suggestion_replies::id))
        .select((
            suggestion_replies::suggestion_id,
            suggestion_replies::handling_org_id,
            suggestion_replies::result_class,
            suggestion_replies::sent_at,
        ))
        .load(conn)?;
    let feedback: Vec<(Uuid, i32, String)> = suggestion_feedback::table
        .filter(suggestion_feedback::suggestion_id.eq_any(&ids))
        .select((
            suggestion_feedback::suggestion_id,
            suggestion_feedback::round,
            suggestion_feedback::result,
        ))
        .load(conn)?;
    // The ratings of each item's latest rated round.
    let mut latest_round: HashMap<Uuid, i32> = HashMap::new();
    for (s, round, _) in &feedback {
        let r = latest_round.entry(*s).or_insert(*round);
        *r = (*r).max(*round);
    }
    let mut ratings: HashMap<Uuid, Vec<&str>> = HashMap::new();
    for (s, round, result) in &feedback {
        if latest_round.get(s) == Some(round) {
            ratings.entry(*s).or_default().push(result);
        }
    }
    let by_id: HashMap<Uuid, &SuggestionRow> = items.iter().map(|i| (i.id, i)).collect();

    let mut orgs: BTreeMap<(String, Uuid), OrgReportRow> = BTreeMap::new();
    for (s, org, role, name) in &referrals {
        let row = orgs
            .entry((name.clone(), *org))
            .or_insert_with(|| OrgReportRow {
                handling_org_id: *org,
                name: name.clone(),
                received_as_lead: 0,
                received_as_co: 0,
                replied: 0,
                replied_on_time: 0,
                replied_late: 0,
                overdue: 0,
                result_classes: [0; 4],
                satisfaction: SatisfactionCounts::default(),
            });
        if role != "lead" {
            row.received_as_co += 1;
            continue;
        }
        row.received_as_lead += 1;
        let item = by_id[s];
        let own: Vec<&SentReply> = replies
            .iter()
            .filter(|(rs, ro, _, _)| rs == s && *ro == Some(*org))
            .collect();
        match own.first() {
            Some((_, _, _, sent)) => {
                row.replied += 1;
                let sent = sent.map(cst_date);
                match (sent, item.reply_due) {
                    (Some(d), Some(due)) if d > due => row.replied_late += 1,
                    _ => row.replied_on_time += 1,
                }
                if let Some((_, _, class, _)) = own.last() {
                    if let Some(i) = ["A", "B", "C", "D"].iter().position(|c| c == class) {
                        row.result_classes[i] += 1;
                    }
                }
                for r in ratings.get(s).into_iter().flatten() {
                    add(&mut row.satisfaction, r);
                }
            }
            None => {
                if item.due_on.is_some_and(|d| d < today) {
                    row.overdue += 1;
                }
            }
        }
    }

    let mut roots: HashMap<Uuid, (Uuid, String)> = HashMap::new();
    let mut categories: BTreeMap<(String, Option<Uuid>), CategoryReportRow> = BTreeMap::new();
    for item in &items {
        let root = match item.category_id {
            Some(c) => {
                if let std::collections::hash_map::Entry::Vacant(e) = roots.entry(c) {
                    e.insert(root_category(conn, c)?);
                }
                let (id, name) = &roots[&c];
                (Some(*id), name.clone())
            }
            None => (None, "未分类".to_string()),
        };
        let row = categories
            .entry((root.1.clone(), root.0))
            .or_insert_with(|| CategoryReportRow {
                category_id: root.0,
                name: root.1.clone(),
                submitted: 0,
                not_accepted: 0,
                withdrawn: 0,
                in_handling: 0,
                replied: 0,
                closed: 0,
                satisfaction: SatisfactionCounts::default(),
            });
        row.submitted += 1;
        match item.status.as_str() {
            "not_accepted" => row.not_accepted += 1,
            "withdrawn" => row.withdrawn += 1,
            "replied" | "rated" | "rehandling" => row.replied += 1,
            "closed" => row.closed += 1,
            _ => row.in_handling += 1,
        }
        for r in ratings.get(&item.id).into_iter().flatten() {
            add(&mut row.satisfaction, r);
        }
    }
    let mut by_org: Vec<OrgReportRow> = orgs.into_values().collect();
    by_org.iter_mut().for_each(|r| finish(&mut r.satisfaction));
    let mut by_category: Vec<CategoryReportRow> = categories.into_values().collect();
    by_category
        .iter_mut()
        .for_each(|r| finish(&mut r.satisfaction));
    Ok(SuggestionReport {
        from,
        to,
        submitted: items.len(),
        by_org,
        by_category,
    })
}

fn rate(s: &SatisfactionCounts) -> String {
    s.satisfaction_rate
        .map(|r| format!("{:.1}%", r * 100.0))
        .unwrap_or_default()
}

/// The report as an XLSX workbook: sheets 按承办单位 and 按分类, bold Chinese headers.
pub fn to_xlsx(report: &SuggestionReport) -> Result<Vec<u8>, ApiError> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| ApiError::Internal(e.to_string());
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name("按承办单位").map_err(err)?;
    let headers = [
        "承办单位",
        "主办件数",
        "协办件数",
        "已答复",
        "按期答复",
        "逾期答复",
        "逾期未答复",
        "A类",
        "B类",
        "C类",
        "D类",
        "满意",
        "基本满意",
        "不满意",
        "满意率",
    ];
    for (j, h) in headers.iter().enumerate() {
        sheet
            .write_string_with_format(0, j as u16, *h, &bold)
            .map_err(err)?;
    }
    for (i, r) in report.by_org.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &r.name).map_err(err)?;
        let numbers = [
            r.received_as_lead,
            r.received_as_co,
            r.replied,
            r.replied_on_time,
            r.replied_late,
            r.overdue,
            r.result_classes[0],
            r.result_classes[1],
            r.result_classes[2],
            r.result_classes[3],
            r.satisfaction.satisfied,
            r.satisfaction.basically_satisfied,
            r.satisfaction.dissatisfied,
        ];
        for (j, n) in numbers.iter().enumerate() {
            sheet
                .write_number(row, j as u16 + 1, *n as f64)
                .map_err(err)?;
        }
        sheet
            .write_string(row, 14, rate(&r.satisfaction))
            .map_err(err)?;
    }
    let sheet = book.add_worksheet();
    sheet.set_name("按分类").map_err(err)?;
    let headers = [
        "分类",
        "提出件数",
        "不予立案",
        "撤回",
        "办理中",
        "已答复",
        "已办结",
        "满意",
        "基本满意",
        "不满意",
        "满意率",
    ];
    for (j, h) in headers.iter().enumerate() {
        sheet
            .write_string_with_format(0, j as u16, *h, &bold)
            .map_err(err)?;
    }
    for (i, r) in report.by_category.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &r.name).map_err(err)?;
        let numbers = [
            r.submitted,
            r.not_accepted,
            r.withdrawn,
            r.in_handling,
            r.replied,
            r.closed,
            r.satisfaction.satisfied,
            r.satisfaction.basically_satisfied,
            r.satisfaction.dissatisfied,
        ];
        for (j, n) in numbers.iter().enumerate() {
            sheet
                .write_number(row, j as u16 + 1, *n as f64)
                .map_err(err)?;
        }
        sheet
            .write_string(row, 10, rate(&r.satisfaction))
            .map_err(err)?;
    }
    book.save_to_buffer().map_err(err)
}
