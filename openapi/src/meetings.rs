//! Sessions, meetings and activities with attendance: the office's calendar (issue 4).
//!
//! Terms follow DOMAIN.md: an activity (会议、活动) has a kind, an organiser and a lifecycle
//! `planned → notified → held → summarised → archived`, or `cancelled`. Invited deputies'
//! attendance is `invited → present | late | on_leave | absent`. Times are RFC 3339 instants;
//! business dates are taken in the congress's time zone (default Asia/Shanghai, UTC+8).

use crate::FieldError;
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

code_enum! {
    /// Attendance of one invitee: `invited → present | late | on_leave | absent`.
    AttendanceStatus {
        /// 已邀请 (not yet recorded)
        Invited = "invited" / "已邀请",
        /// 出席
        Present = "present" / "出席",
        /// 迟到 (counts as attending)
        Late = "late" / "迟到",
        /// 请假: only with leave approved before the activity started (R12; DL 13).
        OnLeave = "on_leave" / "请假",
        /// 缺席
        Absent = "absent" / "缺席",
    }
}

impl AttendanceStatus {
    /// Present or late: in the room.
    pub fn attended(self) -> bool {
        matches!(self, Self::Present | Self::Late)
    }
}

code_enum! {
    /// In what capacity an invitee attends.
    Capacity {
        /// A deputy of the activity's congress: counted for quorum and DL 62.
        Member = "member" / "代表",
        /// 列席: a deputy of another level, a department head or another guest.
        Observer = "observer" / "列席",
    }
}

code_enum! {
    /// State of a leave request (请假).
    LeaveStatus {
        /// 待审批
        Pending = "pending" / "待审批",
        /// 已批准
        Approved = "approved" / "已批准",
        /// 未批准
        Rejected = "rejected" / "未批准",
        /// 已撤回
        Withdrawn = "withdrawn" / "已撤回",
    }
}

code_enum! {
    /// What an agenda item of a session is.
    AgendaItemKind {
        /// 听取审议报告
        Report = "report" / "报告",
        /// 决议、决定
        Resolution = "resolution" / "决议",
        /// 选举
        Election = "election" / "选举",
        /// 其他
        Other = "other" / "其他",
    }
}

code_enum! {
    /// The office an election fills.
    Office {
        /// 人大主席
        Chairperson = "chairperson" / "人大主席",
        /// 人大副主席
        ViceChairperson = "vice_chairperson" / "人大副主席",
        /// 主席团成员
        PresidiumMember = "presidium_member" / "主席团成员",
        /// 镇长
        TownshipHead = "township_head" / "镇长",
        /// 副镇长
        DeputyTownshipHead = "deputy_township_head" / "副镇长",
    }
}

impl Office {
    /// Whether a holder of this office sits on the presidium (the chairperson and
    /// vice-chairpersons are members of the presidium, OL 19).
    pub fn on_presidium(self) -> bool {
        matches!(
            self,
            Self::Chairperson | Self::ViceChairperson | Self::PresidiumMember
        )
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

/// Query of `GET /api/v1/activities` and `GET /api/v1/calendar`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct CalendarQuery {
    /// Only this congress (default: every congress in the caller's scope).
    pub congress_id: Option<Uuid>,
    /// A month `YYYY-MM` in the congress's time zone; or give `from` and `to`.
    pub month: Option<String>,
    /// First date (inclusive), `YYYY-MM-DD`, in the congress's time zone.
    pub from: Option<NaiveDate>,
    /// Last date (inclusive); at most 366 days after `from`.
    pub to: Option<NaiveDate>,
    pub kind: Option<ActivityKind>,
    pub status: Option<ActivityStatus>,
    pub term_id: Option<Uuid>,
    /// Only for `GET /api/v1/activities`, instead of a range: activities whose fields or
    /// attendance changed at or after this instant, oldest change first, at most 1,000
    /// (for syncing: ask again from the last `updated_at`; the bound is inclusive, so
    /// de-duplicate by `id`). Series come as rows, not expanded.
    pub updated_since: Option<DateTime<Utc>>,
}

/// One entry of the calendar: an activity, or one occurrence of a recurring series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CalendarEntry {
    /// The activity to open: the activity itself, the occurrence taken out of a series,
    /// or (for an occurrence still in its series) the series.
    pub activity_id: Uuid,
    pub congress_id: Uuid,
    /// For occurrences: the series.
    pub series_id: Option<Uuid>,
    /// For occurrences: the start the rule gives it (pass it to
    /// `POST /api/v1/activities/{series_id}/occurrences`).
    pub occurrence_start: Option<DateTime<Utc>>,
    /// Whether this occurrence is still only the rule's (not taken out of the series).
    pub virtual_occurrence: bool,
    pub kind: ActivityKind,
    pub title: String,
    pub status: ActivityStatus,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The start's date in the congress's time zone.
    pub date: NaiveDate,
    pub place: Option<String>,
    /// For a deputy: their own attendance, when invited.
    pub my_attendance: Option<AttendanceStatus>,
}

/// `POST /api/v1/activities/{id}/invitations` body: who to invite. Every way may be
/// combined; deputies already invited are skipped.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct InvitationRequest {
    /// Every deputy of this congress whose mandate in its latest term has not terminated.
    #[serde(default)]
    pub congress_id: Option<Uuid>,
    /// Every deputy of this delegation (mandate not terminated).
    #[serde(default)]
    pub delegation_id: Option<Uuid>,
    /// Every deputy of this deputy group (mandate not terminated).
    #[serde(default)]
    pub deputy_group_id: Option<Uuid>,
    /// Hand-picked deputies (at most 2,000).
    #[serde(default)]
    pub deputy_ids: Vec<Uuid>,
    /// Guests who are not deputies (列席), e.g. department heads.
    #[serde(default)]
    pub observers: Vec<ObserverInput>,
}

/// A guest who is not a deputy (列席).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ObserverInput {
    /// 1–50 characters.
    pub name: String,
    /// Organisation and post, at most 200 characters.
    #[serde(default)]
    pub affiliation: Option<String>,
}

/// What `POST /api/v1/activities/{id}/invitations` did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct InvitationReport {
    /// New invitations of deputies of the activity's congress.
    pub invited_members: i64,
    /// New invitations of deputies of other congresses (列席).
    pub invited_observers: i64,
    /// Guests who are not deputies added.
    pub added_guests: i64,
    /// Deputies that were already invited.
    pub already_invited: i64,
}

/// One invitee's attendance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Attendance {
    pub id: Uuid,
    pub activity_id: Uuid,
    /// Absent for guests who are not deputies.
    pub deputy_id: Option<Uuid>,
    /// The deputy's or the guest's name.
    pub name: String,
    pub capacity: Capacity,
    /// For guests: organisation and post.
    pub affiliation: Option<String>,
    pub status: AttendanceStatus,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub note: Option<String>,
    /// The deputy's current leave request for this activity, if any.
    pub leave: Option<LeaveRequest>,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

/// One entry of `POST /api/v1/activities/{id}/attendance`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct AttendanceEntry {
    /// The invited deputy; or give `attendance_id` (for guests).
    #[serde(default)]
    pub deputy_id: Option<Uuid>,
    #[serde(default)]
    pub attendance_id: Option<Uuid>,
    /// `on_leave` only with leave approved before the start (R12; DL 13); `invited`
    /// resets a record made by mistake.
    pub status: AttendanceStatus,
    /// When they signed in (default: now, for present and late).
    #[serde(default)]
    pub checked_in_at: Option<DateTime<Utc>>,
    /// At most 500 characters.
    #[serde(default)]
    pub note: Option<String>,
    /// The attendance record's `version` as read (like `If-Match`): when given and the
    /// record has changed since, the entry is refused with `version_mismatch` (another
    /// clerk recorded this invitee meanwhile). Without it the entry overwrites.
    #[serde(default)]
    pub version: Option<i32>,
}

/// `POST /api/v1/activities/{id}/attendance` body: 1–1,000 entries, applied one by one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct AttendanceBatch {
    pub entries: Vec<AttendanceEntry>,
}

/// The result of one entry of a batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct AttendanceResult {
    /// 0-based index of the entry.
    pub index: usize,
    pub deputy_id: Option<Uuid>,
    pub ok: bool,
    /// The status now recorded (when `ok`).
    pub status: Option<AttendanceStatus>,
    /// Why the entry was refused (pointers like `/entries/3/status`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// The answer to a batch: per-entry results, and DL 62 flags raised by it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct AttendanceBatchReport {
    pub recorded: usize,
    pub failed: usize,
    pub results: Vec<AttendanceResult>,
    /// Credentials flags raised by this batch (R10; DL 62).
    pub flags_raised: Vec<CredentialsFlag>,
}

/// A leave request (请假, R12; DL 13).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct LeaveRequest {
    pub id: Uuid,
    pub activity_id: Uuid,
    pub deputy_id: Uuid,
    pub reason: String,
    pub status: LeaveStatus,
    pub requested_by: Option<Uuid>,
    pub requested_at: DateTime<Utc>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: Option<String>,
}

/// `POST /api/v1/activities/{id}/leave-requests` body. A deputy asks only for themself
/// (`deputy_id` is then optional); staff may record a request for any invited deputy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct NewLeaveRequest {
    #[serde(default)]
    pub deputy_id: Option<Uuid>,
    /// 1–500 characters.
    pub reason: String,
}

/// Query of `GET /api/v1/leave-requests`: the office's queue of leave requests.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct LeaveQuery {
    pub congress_id: Option<Uuid>,
    pub deputy_id: Option<Uuid>,
    /// Default: every status.
    pub status: Option<LeaveStatus>,
    /// Only requests for activities starting on or after this instant (e.g. now, for
    /// what can still be approved).
    pub starts_after: Option<DateTime<Utc>>,
}

/// `POST /api/v1/leave-requests/{id}/decision` body (staff).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct LeaveDecision {
    pub approve: bool,
    /// At most 500 characters.
    #[serde(default)]
    pub note: Option<String>,
}

/// The quorum of a session (R3; OL 14): valid only with at least 2/3 of all deputies in
/// office present. Computed with integers: `attending × 3 ≥ in_office × 2`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Quorum {
    pub session_id: Uuid,
    /// The session's date in the congress's time zone: the date deputies are counted at.
    pub date: NaiveDate,
    /// Deputies of the term in office on `date` (suspended ones included; terminated on or
    /// before `date` excluded).
    pub in_office: i64,
    /// Of `in_office`, suspended (DL 61).
    pub suspended: i64,
    /// Members present.
    pub present: i64,
    /// Members late (count as present).
    pub late: i64,
    pub on_leave: i64,
    pub absent: i64,
    /// Members not yet recorded.
    pub not_recorded: i64,
    /// `present + late`.
    pub attending: i64,
    /// The least `attending` for a valid session: ⌈2 × in_office / 3⌉.
    pub required: i64,
    pub valid: bool,
    /// Observers (列席) present or late: not counted for quorum.
    pub observers_attending: i64,
    /// Everyone in the room: members and observers.
    pub total_attending: i64,
    /// Why the session is or is not valid, in Chinese, with the counts.
    pub explanation: String,
}

/// An agenda item (议程) of a session, with its votes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct AgendaItem {
    pub id: Uuid,
    pub activity_id: Uuid,
    pub position: i32,
    pub title: String,
    pub kind: AgendaItemKind,
    pub votes: Vec<Vote>,
}

/// `POST /api/v1/activities/{id}/agenda-items` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct NewAgendaItem {
    /// 1–200 characters.
    pub title: String,
    pub kind: AgendaItemKind,
    /// 1-based; default: after the last item.
    #[serde(default)]
    pub position: Option<i32>,
}

/// A vote on a resolution or a candidate (R4; OL 25): passes only with more than half of
/// ALL deputies in office, not of those present: `yes × 2 > in_office`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Vote {
    pub id: Uuid,
    pub agenda_item_id: Uuid,
    /// The resolution, or the candidate's name.
    pub subject: String,
    /// For elections: the office filled.
    pub office: Option<Office>,
    pub candidate_deputy_id: Option<Uuid>,
    pub yes: i32,
    pub no: i32,
    pub abstain: i32,
    /// Deputies in office on the session's date.
    pub in_office: i64,
    /// The least `yes` that passes: ⌊in_office / 2⌋ + 1.
    pub required: i64,
    pub passed: bool,
    /// Why it passed or failed, in Chinese, with the counts.
    pub explanation: String,
    pub recorded_at: DateTime<Utc>,
}

/// `POST /api/v1/agenda-items/{id}/votes` body. `yes + no + abstain` may not exceed the
/// members attending the session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct NewVote {
    /// 1–200 characters: the resolution or the candidate's name.
    pub subject: String,
    /// Required for an election item, refused otherwise.
    #[serde(default)]
    pub office: Option<Office>,
    #[serde(default)]
    pub candidate_deputy_id: Option<Uuid>,
    pub yes: i32,
    pub no: i32,
    pub abstain: i32,
}

/// Someone elected at a session (an election vote that passed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Elected {
    pub office: Office,
    pub name: String,
    pub candidate_deputy_id: Option<Uuid>,
    pub vote_id: Uuid,
    pub yes: i32,
    pub in_office: i64,
}

/// The outcome of a session: quorum, agenda with votes, and who was elected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SessionOutcome {
    pub quorum: Quorum,
    pub agenda: Vec<AgendaItem>,
    /// The presidium elected at the session (chairperson, vice-chairpersons, members).
    pub presidium: Vec<Elected>,
    /// Every other office filled (镇长、副镇长).
    pub other_elected: Vec<Elected>,
}

/// A session named by a credentials flag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct FlagSession {
    pub id: Uuid,
    pub title: String,
    pub date: NaiveDate,
}

/// A mandate flagged for the credentials committee (代表资格审查委员会): two absences from
/// sessions of the same term without approved leave (R10; DL 62 (3)). Nothing is
/// terminated automatically; the congress decides (DL 63).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CredentialsFlag {
    pub id: Uuid,
    pub mandate_id: Uuid,
    pub deputy_id: Uuid,
    pub deputy_name: String,
    pub congress_id: Uuid,
    pub term_id: Uuid,
    /// The two sessions missed, oldest first.
    pub sessions: Vec<FlagSession>,
    /// `未经批准两次不出席本级人民代表大会会议` with the sessions named.
    pub reason: String,
    pub raised_at: DateTime<Utc>,
    pub cleared_at: Option<DateTime<Utc>>,
    pub cleared_by: Option<Uuid>,
    pub clear_note: Option<String>,
}

/// Query of `GET /api/v1/credentials-flags`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct FlagQuery {
    pub congress_id: Option<Uuid>,
    pub deputy_id: Option<Uuid>,
    /// Include cleared flags (default false: open ones only).
    pub include_cleared: Option<bool>,
}

/// `POST /api/v1/credentials-flags/{id}/clear` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ClearFlag {
    /// Why it is cleared (e.g. the committee's finding): 1–500 characters.
    pub note: String,
}

/// One activity a deputy was invited to, with their attendance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct DeputyActivity {
    pub activity_id: Uuid,
    pub kind: ActivityKind,
    pub title: String,
    pub status: ActivityStatus,
    pub starts_at: DateTime<Utc>,
    pub date: NaiveDate,
    pub capacity: Capacity,
    pub attendance: AttendanceStatus,
    pub leave: Option<LeaveStatus>,
}

/// How attendance rates are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RateGrouping {
    /// One row per deputy.
    #[default]
    Deputy,
    /// One row per deputy group (the members' mandates' group in the activity's term).
    DeputyGroup,
    /// One row per term.
    Term,
}

/// Query of `GET /api/v1/attendance-rates`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct RateQuery {
    pub congress_id: Option<Uuid>,
    pub term_id: Option<Uuid>,
    pub group_by: Option<RateGrouping>,
    pub kind: Option<ActivityKind>,
    /// First date (inclusive) of the activities counted.
    pub from: Option<NaiveDate>,
    /// Last date (inclusive).
    pub to: Option<NaiveDate>,
}

/// Attendance of members at held activities (held, summarised or archived), for one
/// deputy, group or term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct AttendanceRate {
    /// The deputy, group or term (absent for members without a group).
    pub key: Option<Uuid>,
    pub name: String,
    pub invited: i64,
    pub present: i64,
    pub late: i64,
    pub on_leave: i64,
    pub absent: i64,
    /// Invitations never recorded.
    pub not_recorded: i64,
    /// `(present + late) / invited`, rounded to 4 decimals; absent when nobody was invited.
    pub rate: Option<f64>,
}

/// A subscribable iCalendar feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CalendarFeed {
    pub id: Uuid,
    pub congress_id: Uuid,
    /// A deputy's own feed (the activities they are invited to); absent for a congress feed.
    pub deputy_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// Only in the answer to the create: the path to subscribe to
    /// (`/api/v1/calendar/<token>.ics`). The token is not stored and cannot be shown again.
    pub path: Option<String>,
}

/// `POST /api/v1/calendar-feeds` body: a deputy's feed (a deputy asks only for their own)
/// or, without `deputy_id`, a congress's feed (staff).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct NewCalendarFeed {
    pub congress_id: Uuid,
    #[serde(default)]
    pub deputy_id: Option<Uuid>,
}

/// A document attached to an activity (notice, materials, minutes, photos).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ActivityDocument {
    pub id: Uuid,
    pub activity_id: Uuid,
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

/// Query of `GET /api/v1/activity-counts`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct CountQuery {
    /// Default: every congress in the caller's scope.
    pub congress_id: Option<Uuid>,
    /// The calendar year, e.g. 2022 (months in the congress's time zone).
    pub year: i32,
}

/// Activities held in one month of one kind (held, summarised or archived), for the
/// annual work report: counts and attendance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ActivityCount {
    /// 1–12.
    pub month: u32,
    pub kind: ActivityKind,
    pub held: i64,
    /// Present or late, observers included, summed over the activities.
    pub attending: i64,
    /// Distinct deputies (members and observers) who attended at least one of them.
    pub deputies_attending: i64,
}

/// Query of `GET /api/v1/session-check`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct SessionCheckQuery {
    /// The congress (default: the caller's).
    pub congress_id: Option<Uuid>,
    /// The calendar year, e.g. 2022 (in the congress's time zone).
    pub year: i32,
}

/// Whether a congress met as the law asks in a year (R2; OL 14): a township congress holds
/// at least one session a year, "generally twice"; temporary sessions count as sessions
/// held, and are reported apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SessionCheck {
    pub congress_id: Uuid,
    pub year: i32,
    /// Sessions held (held, summarised or archived) whose date falls in the year.
    pub sessions_held: i64,
    /// Of those, temporary sessions.
    pub temporary_held: i64,
    /// Sessions planned or notified for later in the year (not yet held).
    pub sessions_planned: i64,
    /// At least one session held: the legal minimum.
    pub meets_minimum: bool,
    /// At least two held: the "generally twice" of OL 14.
    pub generally_twice: bool,
    /// In Chinese, with the counts.
    pub explanation: String,
}
