//! Activities (会议、活动): kinds, organisers, the lifecycle, and the bodies that plan, change
//! and move an activity or take an occurrence out of a recurring series.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

code_enum! {
    /// The kinds of activity the office records (DOMAIN.md; the seed's annual report).
    ActivityKind {
        /// 人民代表大会会议: a congress session (regular or temporary, OL 14).
        Session = "session" / "人民代表大会会议",
        /// 主席团会议
        PresidiumMeeting = "presidium_meeting" / "主席团会议",
        /// 培训
        Training = "training" / "培训",
        /// 视察
        Inspection = "inspection" / "视察",
        /// 专题调研
        Research = "research" / "专题调研",
        /// 执法检查
        LawEnforcementInspection = "law_enforcement_inspection" / "执法检查",
        /// 座谈会
        Forum = "forum" / "座谈会",
        /// 代表接待日
        ReceptionDay = "reception_day" / "代表接待日",
        /// 主席团成员联系代表活动日
        LiaisonDay = "liaison_day" / "主席团成员联系代表日",
        /// 双联 (联系选民、联系代表) 走访
        DualContactVisit = "dual_contact_visit" / "双联走访",
        /// 代表向选民述职
        DutyReport = "duty_report" / "代表述职",
    }
}

code_enum! {
    /// Who organises an activity.
    OrganiserKind {
        /// 镇人民代表大会 (the congress, through its office)
        Congress = "congress" / "镇人大",
        /// 主席团
        Presidium = "presidium" / "主席团",
        /// 代表小组 (`organiser.deputy_group_id` names it)
        DeputyGroup = "deputy_group" / "代表小组",
        /// 代表联络站 (`organiser.name` names it)
        LiaisonStation = "liaison_station" / "代表联络站",
    }
}

code_enum! {
    /// Lifecycle of an activity: `planned → notified → held → summarised → archived`, or
    /// `cancelled` from `planned` or `notified`. A step may be skipped forwards
    /// (`planned → held`), never taken back.
    ActivityStatus {
        /// 计划
        Planned = "planned" / "计划中",
        /// 已通知
        Notified = "notified" / "已通知",
        /// 已举行
        Held = "held" / "已举行",
        /// 已形成纪要
        Summarised = "summarised" / "已形成纪要",
        /// 已归档
        Archived = "archived" / "已归档",
        /// 已取消
        Cancelled = "cancelled" / "已取消",
    }
}

impl ActivityStatus {
    /// Position in the lifecycle (cancelled is off the line).
    pub fn rank(self) -> u8 {
        match self {
            Self::Planned => 0,
            Self::Notified => 1,
            Self::Held => 2,
            Self::Summarised => 3,
            Self::Archived => 4,
            Self::Cancelled => 9,
        }
    }
}

code_enum! {
    /// Regular (定期) or temporary (临时) session (R2; OL 14).
    SessionKind {
        /// 例会: at least once a year.
        Regular = "regular" / "例会",
        /// 临时会议: called when at least 1/5 of deputies propose it.
        Temporary = "temporary" / "临时会议",
    }
}

/// Who organises an activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Organiser {
    pub kind: OrganiserKind,
    /// The deputy group, when `kind` is `deputy_group` (a group of the activity's congress).
    #[serde(default)]
    pub deputy_group_id: Option<Uuid>,
    /// The liaison station's name (required for `liaison_station`), or the group's name
    /// in responses.
    #[serde(default)]
    pub name: Option<String>,
}

/// Session data of an activity of kind `session`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub kind: SessionKind,
    /// 第N次会议 within the term.
    pub number: Option<i32>,
    /// For a temporary session: how many deputies proposed it (R2: at least 1/5, OL 14).
    pub requested_by_count: Option<i32>,
}

/// An activity (会议、活动) of a congress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Activity {
    pub id: Uuid,
    pub congress_id: Uuid,
    /// The term it belongs to (always set for sessions).
    pub term_id: Option<Uuid>,
    pub kind: ActivityKind,
    pub title: String,
    pub organiser: Organiser,
    pub place: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The start's date in the congress's time zone (a business date).
    pub date: NaiveDate,
    pub description: Option<String>,
    pub topics: Vec<String>,
    pub status: ActivityStatus,
    /// 纪要, once held.
    pub summary: Option<String>,
    /// 成果: what came of it (suggestions collected, problems referred …), once held.
    pub outcomes: Option<String>,
    pub cancel_reason: Option<String>,
    /// Only for `kind = session`.
    pub session: Option<SessionInfo>,
    /// RFC 5545 RRULE of a recurring series (`FREQ=MONTHLY;BYMONTHDAY=26,27`), expanded in
    /// the congress's time zone from `starts_at`; the calendar lists its occurrences.
    pub rrule: Option<String>,
    /// For an occurrence taken out of a series: the series.
    pub series_id: Option<Uuid>,
    /// For an occurrence taken out of a series: the start the rule gave it.
    pub occurrence_start: Option<DateTime<Utc>>,
    /// Invitees by attendance status (members and observers).
    pub attendance_counts: AttendanceCounts,
    /// Increments on every change; the `ETag` is `"<version>"`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Invitees of an activity by attendance status.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct AttendanceCounts {
    pub invited: i64,
    pub present: i64,
    pub late: i64,
    pub on_leave: i64,
    pub absent: i64,
    /// Present or late, observers included (the seed's "出席会议 … 共计91人").
    pub attending: i64,
    /// Of `attending`, observers (列席).
    pub observers_attending: i64,
}

/// An activity's editable fields: the body of `PUT /api/v1/activities/{id}` (with
/// `If-Match`) and, with `congress_id`, of `POST /api/v1/activities`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ActivityInput {
    pub kind: ActivityKind,
    /// 1–200 characters.
    pub title: String,
    /// Required for sessions; a term of the activity's congress.
    #[serde(default)]
    pub term_id: Option<Uuid>,
    pub organiser: Organiser,
    /// At most 200 characters.
    #[serde(default)]
    pub place: Option<String>,
    pub starts_at: DateTime<Utc>,
    /// Not before `starts_at`.
    pub ends_at: DateTime<Utc>,
    /// At most 10,000 characters.
    #[serde(default)]
    pub description: Option<String>,
    /// Up to 20 topics of at most 50 characters each.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Required for sessions, refused for other kinds.
    #[serde(default)]
    pub session_kind: Option<SessionKind>,
    #[serde(default)]
    pub session_number: Option<i32>,
    /// Required for a temporary session: at least 1/5 of the deputies in office on the
    /// session's date (R2; OL 14), else 422.
    #[serde(default)]
    pub requested_by_count: Option<i32>,
    /// RFC 5545 RRULE (without `DTSTART`), e.g. `FREQ=MONTHLY;BYMONTHDAY=26,27`; makes the
    /// activity a recurring series. Not for sessions.
    #[serde(default)]
    pub rrule: Option<String>,
}

/// `POST /api/v1/activities` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct NewActivity {
    /// A congress in the caller's scope.
    pub congress_id: Uuid,
    #[serde(flatten)]
    pub activity: ActivityInput,
}

/// `POST /api/v1/activities/{id}/status` body: move along the lifecycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ActivityTransition {
    pub status: ActivityStatus,
    /// 纪要: required for `summarised` (unless already recorded); at most 20,000 characters.
    #[serde(default)]
    pub summary: Option<String>,
    /// 成果, at most 10,000 characters.
    #[serde(default)]
    pub outcomes: Option<String>,
    /// Required for `cancelled`.
    #[serde(default)]
    pub reason: Option<String>,
}

/// `POST /api/v1/activities/{id}/occurrences` body: take one occurrence of a series out of
/// it, to move, cancel or attend it. Answers the existing one when already taken out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct OccurrenceRequest {
    /// The start the rule gives the occurrence (as listed by the calendar).
    pub occurrence_start: DateTime<Utc>,
}
