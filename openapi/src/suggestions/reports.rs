//! Reports, reminders, the public list and attachments.

use super::*;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// `GET /api/v1/suggestion-report` parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct ReportQuery {
    /// Only this congress (default: every congress in the caller's scope).
    pub congress_id: Option<Uuid>,
    /// Items submitted on or after this date (default: 1 January of this year).
    pub from: Option<NaiveDate>,
    /// Items submitted on or before this date (default: today).
    pub to: Option<NaiveDate>,
    /// `json` (default) or `xlsx` (sheets 按承办单位 and 按分类).
    pub format: Option<String>,
}

/// Satisfaction with the result of the latest round, over every signer's rating.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SatisfactionCounts {
    pub satisfied: usize,
    pub basically_satisfied: usize,
    pub dissatisfied: usize,
    /// (satisfied + basically satisfied) / ratings, 0–1; null without ratings.
    pub satisfaction_rate: Option<f64>,
}

/// One handling organisation in the handling report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct OrgReportRow {
    pub handling_org_id: Uuid,
    pub name: String,
    /// Items referred to it as lead (主办), not returned.
    pub received_as_lead: usize,
    /// Items referred to it as co-handler (协办), not returned.
    pub received_as_co: usize,
    /// Lead items it replied to.
    pub replied: usize,
    /// Of those, the first reply sent on or before the reply due date.
    pub replied_on_time: usize,
    /// Of those, the first reply sent after the reply due date.
    pub replied_late: usize,
    /// Lead items not replied to and past their deadline today.
    pub overdue: usize,
    /// Result classes of its latest reply per item: `[A, B, C, D]`.
    pub result_classes: [usize; 4],
    pub satisfaction: SatisfactionCounts,
}

/// One level-1 category in the handling report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CategoryReportRow {
    /// Null for items without a category.
    pub category_id: Option<Uuid>,
    /// The level-1 name, or `未分类`.
    pub name: String,
    pub submitted: usize,
    pub not_accepted: usize,
    pub withdrawn: usize,
    /// Accepted and not (yet) replied.
    pub in_handling: usize,
    /// Replied, rated or re-handled, not closed.
    pub replied: usize,
    pub closed: usize,
    pub satisfaction: SatisfactionCounts,
}

/// The handling report (办理情况报告; R8, DL 51–52): items submitted in a period, by
/// handling organisation and by level-1 category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SuggestionReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Items submitted in the period (drafts never count).
    pub submitted: usize,
    pub by_org: Vec<OrgReportRow>,
    pub by_category: Vec<CategoryReportRow>,
}

code_enum! {
    /// What a deadline reminder says.
    ReminderKind {
        /// The deadline is within the congress's `due_soon_days`.
        DueSoon = "due_soon" / "即将到期",
        /// The deadline has passed.
        Overdue = "overdue" / "已逾期",
        /// A co-handler's input to the lead (`Referral.input_due`) is due within
        /// `due_soon_days` and not yet sent: to that co-handler only.
        InputDueSoon = "input_due_soon" / "协办意见即将到期",
        /// A co-handler's input is past `Referral.input_due` and not yet sent: to that
        /// co-handler only.
        InputOverdue = "input_overdue" / "协办意见已逾期",
    }
}

/// A reminder of a deadline (issue 5 item 3), in the inbox of a handling organisation (the
/// reply or re-handling due; for a co-handler also its input to the lead) or of the
/// congress office (`recipient_org_id` null: every deadline of an item, referral included;
/// not the co-handlers' input). The sweep writes one per suggestion, kind, deadline and
/// recipient, however often it runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Reminder {
    pub id: Uuid,
    pub suggestion_id: Uuid,
    pub congress_id: Uuid,
    pub title: String,
    /// The suggestion's state now.
    pub status: SuggestionStatus,
    pub kind: ReminderKind,
    /// The deadline reminded of.
    pub due_on: NaiveDate,
    pub recipient_org_id: Option<Uuid>,
    pub recipient_org_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// `GET /api/v1/reminders` parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct ReminderQuery {
    /// true: only unread ones.
    pub unread: Option<bool>,
}

/// What a reminder sweep did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SweepReport {
    /// The day the sweep counted from (China Standard Time).
    pub today: NaiveDate,
    /// Suggestions with a deadline overdue or due soon.
    pub due: i64,
    /// Co-handlers' inputs overdue or due soon and not yet sent (one per co-handler and
    /// item, before the lead organisation's reply).
    pub co_inputs_due: i64,
    /// Reminders newly written (0 when the sweep already ran for these deadlines).
    pub written: i64,
}

/// A replied item as the public sees it (R8; DL 51, 52: the handling is made public):
/// no deputy, no consultation, no individual rating; runs of 7 or more digits (phone and
/// ID-card numbers) in the texts are masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct PublicSuggestion {
    pub id: Uuid,
    pub kind: SuggestionKind,
    pub title: String,
    pub content: String,
    pub category_path: Option<String>,
    pub status: SuggestionStatus,
    pub submitted_on: Option<NaiveDate>,
    /// The organisations it was referred to (lead first).
    pub handling_orgs: Vec<String>,
    pub replies: Vec<PublicReply>,
    pub closed_on: Option<NaiveDate>,
}

/// A sent reply as the public sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct PublicReply {
    /// Null for a reply from the upper-level congress, recorded by the office.
    pub handling_org_name: Option<String>,
    pub round: i32,
    pub result_class: ResultClass,
    pub body: String,
    pub sent_on: Option<NaiveDate>,
}

/// `GET /api/v1/public/suggestions` parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct PublicQuery {
    /// The congress whose replied items to list.
    pub congress_id: Uuid,
    /// 1–100, default 20.
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<Uuid>,
}

/// A page of the public list, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct PublicPage {
    pub items: Vec<PublicSuggestion>,
    pub next_cursor: Option<Uuid>,
}

/// A file attached to a suggestion (by its authors while a draft, or by the office) or to
/// a reply (by the replying organisation while the reply is a draft). Attachments of a
/// reply draft are seen only by its organisation, like the draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SuggestionAttachment {
    pub id: Uuid,
    pub suggestion_id: Uuid,
    /// The reply it belongs to; null for the suggestion's own attachments.
    pub reply_id: Option<Uuid>,
    /// The name given at upload (cleaned of path parts); never used as a path.
    pub file_name: String,
    /// One of PDF, DOCX, XLSX, JPEG, PNG, plain text.
    pub content_type: String,
    pub size_bytes: i64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    pub uploaded_by: Option<Uuid>,
    pub uploaded_at: DateTime<Utc>,
}

/// `POST /api/v1/suggestions/{id}/attachments` parameters (the body is the file).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct AttachmentUpload {
    /// The file's name, e.g. `现场照片.jpg` (its extension decides the allowed type).
    pub filename: String,
    /// Attach to this reply draft of the caller's organisation instead of the suggestion.
    pub reply_id: Option<Uuid>,
}

/// Masks personal numbers in a text for the public: in every run of 7 or more ASCII digits
/// (with a trailing `X`/`x` as in ID-card numbers), all but the first 3 and last 2
/// characters become `*` (`13812345678` → `138******78`).
pub fn mask_personal_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i < chars.len() && matches!(chars[i], 'X' | 'x') && i - start == 17 {
                i += 1;
            }
            let run = &chars[start..i];
            if run.len() >= 7 {
                for (k, c) in run.iter().enumerate() {
                    out.push(if k < 3 || k >= run.len() - 2 { *c } else { '*' });
                }
            } else {
                out.extend(run);
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::mask_personal_numbers;

    #[test]
    fn phone_and_id_numbers_are_masked_short_numbers_kept() {
        assert_eq!(
            mask_personal_numbers("联系电话13812345678。"),
            "联系电话138******78。"
        );
        assert_eq!(
            mask_personal_numbers("身份证11010519491231002X"),
            "身份证110*************2X"
        );
        assert_eq!(
            mask_personal_numbers("2019年修路 3 公里，投资 120 万元"),
            "2019年修路 3 公里，投资 120 万元"
        );
        assert_eq!(mask_personal_numbers("1234567"), "123**67");
    }
}
