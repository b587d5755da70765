//! The strings of the calendar, activity, check-in and attendance screens, in Chinese and
//! English, and the labels of the meetings area's enums. Kept apart from [`super::Texts`]
//! so each area's strings live together; complete in both languages by construction.

use super::{use_lang, Lang};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use renda_openapi::{
    ActivityKind, ActivityStatus, AttendanceStatus, Capacity, LeaveStatus, OrganiserKind,
    SessionKind,
};
use yew::prelude::*;

/// Activities are shown in Beijing time (UTC+8, no daylight saving), the time zone of
/// every township congress and the server's default business time zone.
pub const BEIJING_OFFSET_HOURS: i64 = 8;

/// An instant as Beijing wall-clock time.
pub fn beijing(at: &DateTime<Utc>) -> NaiveDateTime {
    at.naive_utc() + Duration::hours(BEIJING_OFFSET_HOURS)
}

/// A Beijing wall-clock time (as a `datetime-local` input gives it) as an instant.
pub fn from_beijing(local: NaiveDateTime) -> DateTime<Utc> {
    (local - Duration::hours(BEIJING_OFFSET_HOURS)).and_utc()
}

/// `HH:MM` (what `format("%H:%M")` gives, without chrono's strftime machinery).
pub fn hm(at: &NaiveDateTime) -> String {
    use chrono::Timelike;
    format!("{:02}:{:02}", at.hour(), at.minute())
}

/// `YYYY-MM-DD HH:MM` (`format("%Y-%m-%d %H:%M")` for years 0–9999).
pub fn ymd_hm(at: &NaiveDateTime) -> String {
    format!("{} {}", at.date(), hm(at))
}

/// `YYYY-MM` (`format("%Y-%m")` for years 0–9999).
pub fn ym(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}", d.year(), d.month())
}

/// Today's date in Beijing.
pub fn beijing_today() -> NaiveDate {
    let now = js_sys::Date::now() as i64;
    DateTime::from_timestamp_millis(now)
        .map(|d| beijing(&d).date())
        .unwrap_or_default()
}

/// Every string of the meetings screens in one language.
pub struct MeetingTexts {
    pub(crate) lang: Lang,
    pub(crate) nav_calendar: &'static str,
    pub(crate) nav_rates: &'static str,
    pub(crate) calendar_title: &'static str,
    pub(crate) view_month: &'static str,
    pub(crate) view_list: &'static str,
    pub(crate) prev_month: &'static str,
    pub(crate) next_month: &'static str,
    pub(crate) this_month: &'static str,
    pub(crate) new_activity: &'static str,
    pub(crate) f_kind: &'static str,
    pub(crate) no_activities: &'static str,
    pub(crate) loading_calendar: &'static str,
    pub(crate) weekdays: [&'static str; 7],
    pub(crate) month_title: fn(i32, u32) -> String,
    pub(crate) recurring: &'static str,
    pub(crate) more_entries: fn(usize) -> String,
    pub(crate) f_date: &'static str,
    pub(crate) f_time: &'static str,
    pub(crate) f_title: &'static str,
    pub(crate) f_place: &'static str,
    pub(crate) f_starts: &'static str,
    pub(crate) f_ends: &'static str,
    pub(crate) f_organiser: &'static str,
    pub(crate) f_station_name: &'static str,
    pub(crate) f_description: &'static str,
    pub(crate) f_topics: &'static str,
    pub(crate) topics_hint: &'static str,
    pub(crate) f_session_kind: &'static str,
    pub(crate) f_session_number: &'static str,
    pub(crate) f_requested_by: &'static str,
    pub(crate) requested_by_hint: &'static str,
    pub(crate) f_repeat: &'static str,
    pub(crate) repeat_none: &'static str,
    pub(crate) repeat_monthly: &'static str,
    pub(crate) repeat_weekly: &'static str,
    pub(crate) repeat_custom: &'static str,
    pub(crate) f_month_days: &'static str,
    pub(crate) month_days_hint: &'static str,
    pub(crate) f_rrule: &'static str,
    pub(crate) err_required: &'static str,
    pub(crate) err_end_before_start: &'static str,
    pub(crate) err_month_days: &'static str,
    pub(crate) err_number: &'static str,
    pub(crate) time_hint: &'static str,
    pub(crate) activity_new_title: &'static str,
    pub(crate) activity_edit_title: &'static str,
    pub(crate) activity_not_found: &'static str,
    pub(crate) loading_activity: &'static str,
    pub(crate) back_to_calendar: &'static str,
    pub(crate) summary: &'static str,
    pub(crate) outcomes: &'static str,
    pub(crate) cancel_reason: &'static str,
    pub(crate) series_note: &'static str,
    pub(crate) occurrence_of: &'static str,
    pub(crate) notify: &'static str,
    pub(crate) mark_held: &'static str,
    pub(crate) summarise: &'static str,
    pub(crate) archive: &'static str,
    pub(crate) cancel_activity: &'static str,
    pub(crate) summarise_title: &'static str,
    pub(crate) cancel_title: &'static str,
    pub(crate) cancel_warning: &'static str,
    pub(crate) confirm: &'static str,
    pub(crate) check_in: &'static str,
    pub(crate) invite_all: &'static str,
    pub(crate) invite_group: &'static str,
    pub(crate) invite: &'static str,
    pub(crate) invited_report: fn(i64, i64) -> String,
    pub(crate) attendance_title: &'static str,
    pub(crate) no_invitees: &'static str,
    pub(crate) attending: &'static str,
    pub(crate) invited: &'static str,
    pub(crate) th_capacity: &'static str,
    pub(crate) th_checked_in: &'static str,
    pub(crate) th_leave: &'static str,
    pub(crate) quorum_title: &'static str,
    pub(crate) quorum_valid: &'static str,
    pub(crate) quorum_invalid: &'static str,
    pub(crate) leave_title: &'static str,
    pub(crate) ask_leave: &'static str,
    pub(crate) leave_reason: &'static str,
    pub(crate) leave_sent: &'static str,
    pub(crate) leave_hint: &'static str,
    pub(crate) approve: &'static str,
    pub(crate) reject: &'static str,
    pub(crate) no_leave_requests: &'static str,
    pub(crate) my_attendance: &'static str,
    pub(crate) checkin_title: &'static str,
    pub(crate) search_invitee: &'static str,
    pub(crate) show_pending: &'static str,
    pub(crate) show_all: &'static str,
    pub(crate) undo: &'static str,
    pub(crate) saved_as: fn(&str, &str) -> String,
    pub(crate) stale_reloaded: &'static str,
    pub(crate) back_to_activity: &'static str,
    pub(crate) everyone_recorded: &'static str,
    pub(crate) not_open_for_check_in: &'static str,
    pub(crate) mark_rest_absent: &'static str,
    pub(crate) mark_rest_absent_confirm: fn(usize) -> String,
    pub(crate) marked_absent: fn(usize, usize) -> String,
    pub(crate) rates_title: &'static str,
    pub(crate) group_by: &'static str,
    pub(crate) by_deputy: &'static str,
    pub(crate) by_group: &'static str,
    pub(crate) by_term: &'static str,
    pub(crate) rate: &'static str,
    pub(crate) not_recorded: &'static str,
    pub(crate) no_rates: &'static str,
    pub(crate) no_group: &'static str,
    pub(crate) from_date: &'static str,
    pub(crate) to_date: &'static str,
    pub(crate) deputy_activities: &'static str,
    pub(crate) no_deputy_activities: &'static str,
    pub(crate) attended_of: fn(usize, usize) -> String,
    pub(crate) session_no: fn(i32) -> String,
    pub(crate) flags_raised: fn(usize) -> String,
}

/// 简体中文.
pub static ZH: MeetingTexts = MeetingTexts {
    lang: Lang::Zh,
    nav_calendar: "活动日历",
    nav_rates: "出席统计",
    calendar_title: "活动日历",
    view_month: "月视图",
    view_list: "列表",
    prev_month: "上个月",
    next_month: "下个月",
    this_month: "本月",
    new_activity: "新建活动",
    f_kind: "活动类型",
    no_activities: "这个月没有活动。",
    loading_calendar: "正在加载日历…",
    weekdays: ["一", "二", "三", "四", "五", "六", "日"],
    month_title: |y, m| format!("{y}年{m}月"),
    recurring: "定期",
    more_entries: |n| format!("另有 {n} 项"),
    f_date: "日期",
    f_time: "时间",
    f_title: "名称",
    f_place: "地点",
    f_starts: "开始时间",
    f_ends: "结束时间",
    f_organiser: "组织者",
    f_station_name: "联络站名称",
    f_description: "内容",
    f_topics: "主题",
    topics_hint: "多个主题用逗号或顿号分隔。",
    f_session_kind: "会议类别",
    f_session_number: "第几次会议",
    f_requested_by: "提议召开的代表人数",
    requested_by_hint: "临时会议须经五分之一以上代表提议（地方组织法第十四条）。",
    f_repeat: "重复",
    repeat_none: "不重复",
    repeat_monthly: "每月固定日期",
    repeat_weekly: "每周",
    repeat_custom: "自定义规则（RRULE）",
    f_month_days: "每月几号",
    month_days_hint: "例如 26,27（代表接待日）。",
    f_rrule: "重复规则",
    err_required: "请填写此项。",
    err_end_before_start: "结束时间不能早于开始时间。",
    err_month_days: "请写 1 到 31 之间的日期，用逗号分隔。",
    err_number: "请填写正整数。",
    time_hint: "北京时间。",
    activity_new_title: "新建活动",
    activity_edit_title: "编辑活动",
    activity_not_found: "没有找到这项活动，或您无权查看。",
    loading_activity: "正在加载活动…",
    back_to_calendar: "返回日历",
    summary: "纪要",
    outcomes: "成果",
    cancel_reason: "取消原因",
    series_note: "这是定期活动，日历中列出每一次；在日历中打开某一次即可签到、调整或取消。",
    occurrence_of: "属于定期活动",
    notify: "发出通知",
    mark_held: "标记为已举行",
    summarise: "填写纪要",
    archive: "归档",
    cancel_activity: "取消活动",
    summarise_title: "活动纪要",
    cancel_title: "取消活动",
    cancel_warning: "取消后不能恢复，已邀请的代表会在日历中看到取消。",
    confirm: "确定",
    check_in: "签到",
    invite_all: "邀请全体代表",
    invite_group: "邀请代表小组",
    invite: "邀请",
    invited_report: |n, already| format!("新邀请 {n} 人，{already} 人此前已邀请。"),
    attendance_title: "出席情况",
    no_invitees: "还没有邀请代表。",
    attending: "出席",
    invited: "应到",
    th_capacity: "身份",
    th_checked_in: "签到时间",
    th_leave: "请假",
    quorum_title: "法定人数",
    quorum_valid: "会议有效",
    quorum_invalid: "不足法定人数",
    leave_title: "请假申请",
    ask_leave: "请假",
    leave_reason: "请假事由",
    leave_sent: "请假申请已提交，等待审批。",
    leave_hint: "请在会议开始前提出，经批准后方为请假（代表法第十三条）。",
    approve: "批准",
    reject: "不批准",
    no_leave_requests: "没有请假申请。",
    my_attendance: "我的出席",
    checkin_title: "签到",
    search_invitee: "查找姓名",
    show_pending: "未签到",
    show_all: "全部",
    undo: "撤销",
    saved_as: |name, status| format!("{name}：{status}"),
    stale_reloaded: "这条记录刚被他人修改，已刷新，请再看一下。",
    back_to_activity: "返回活动",
    everyone_recorded: "所有人都已记录。",
    not_open_for_check_in: "此活动已取消或归档，不能签到。",
    mark_rest_absent: "其余未签到者记为缺席",
    mark_rest_absent_confirm: |n| {
        format!("将尚未记录的 {n} 位受邀者全部记为缺席？已批准请假的代表不会被记为缺席。")
    },
    marked_absent: |ok, refused| {
        format!("已记为缺席 {ok} 人，未能记录 {refused} 人（如已批准请假，或记录刚被他人修改）。")
    },
    rates_title: "出席统计",
    group_by: "统计口径",
    by_deputy: "按代表",
    by_group: "按代表小组",
    by_term: "按届次",
    rate: "出席率",
    not_recorded: "未记录",
    no_rates: "所选范围内没有已举行的活动。",
    no_group: "未编入小组",
    from_date: "起始日期",
    to_date: "截止日期",
    deputy_activities: "参加活动",
    no_deputy_activities: "尚未被邀请参加活动。",
    attended_of: |a, n| format!("已记录的 {n} 次中出席 {a} 次"),
    session_no: |n| format!("第{n}次会议"),
    flags_raised: |n| {
        format!("{n} 名代表两次未经批准缺席会议，已提请代表资格审查（代表法第六十二条）。")
    },
};

/// English.
pub static EN: MeetingTexts = MeetingTexts {
    lang: Lang::En,
    nav_calendar: "Calendar",
    nav_rates: "Attendance",
    calendar_title: "Calendar of activities",
    view_month: "Month",
    view_list: "List",
    prev_month: "Previous month",
    next_month: "Next month",
    this_month: "This month",
    new_activity: "New activity",
    f_kind: "Kind",
    no_activities: "No activities this month.",
    loading_calendar: "Loading the calendar…",
    weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    month_title: |y, m| {
        const M: [&str; 12] = [
            "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December",
        ];
        format!("{} {y}", M[(m.clamp(1, 12) - 1) as usize])
    },
    recurring: "Recurring",
    more_entries: |n| format!("{n} more"),
    f_date: "Date",
    f_time: "Time",
    f_title: "Title",
    f_place: "Place",
    f_starts: "Starts",
    f_ends: "Ends",
    f_organiser: "Organiser",
    f_station_name: "Liaison station",
    f_description: "Description",
    f_topics: "Topics",
    topics_hint: "Separate topics with commas.",
    f_session_kind: "Session kind",
    f_session_number: "Session number",
    f_requested_by: "Deputies who asked for it",
    requested_by_hint: "A temporary session needs at least 1/5 of the deputies to ask (Organic Law art. 14).",
    f_repeat: "Repeat",
    repeat_none: "Does not repeat",
    repeat_monthly: "Monthly on fixed days",
    repeat_weekly: "Weekly",
    repeat_custom: "Custom rule (RRULE)",
    f_month_days: "Days of the month",
    month_days_hint: "For example 26,27 (reception days).",
    f_rrule: "Recurrence rule",
    err_required: "Please fill this in.",
    err_end_before_start: "The end cannot be before the start.",
    err_month_days: "Give days from 1 to 31, separated by commas.",
    err_number: "Give a whole number above zero.",
    time_hint: "Beijing time.",
    activity_new_title: "New activity",
    activity_edit_title: "Edit activity",
    activity_not_found: "This activity does not exist, or you may not see it.",
    loading_activity: "Loading the activity…",
    back_to_calendar: "Back to the calendar",
    summary: "Summary (minutes)",
    outcomes: "Outcomes",
    cancel_reason: "Why cancelled",
    series_note: "This activity recurs; the calendar lists each occurrence. Open one there to take attendance, move or cancel it.",
    occurrence_of: "Occurrence of",
    notify: "Send notice",
    mark_held: "Mark as held",
    summarise: "Write summary",
    archive: "Archive",
    cancel_activity: "Cancel activity",
    summarise_title: "Summary of the activity",
    cancel_title: "Cancel the activity",
    cancel_warning: "Cancelling cannot be undone; invitees see it cancelled in their calendars.",
    confirm: "Confirm",
    check_in: "Check-in",
    invite_all: "Invite all deputies",
    invite_group: "Invite a deputy group",
    invite: "Invite",
    invited_report: |n, already| format!("{n} newly invited; {already} were invited already."),
    attendance_title: "Attendance",
    no_invitees: "No deputies invited yet.",
    attending: "Attending",
    invited: "Invited",
    th_capacity: "Capacity",
    th_checked_in: "Signed in",
    th_leave: "Leave",
    quorum_title: "Quorum",
    quorum_valid: "Quorate",
    quorum_invalid: "Not quorate",
    leave_title: "Leave requests",
    ask_leave: "Ask for leave",
    leave_reason: "Reason",
    leave_sent: "Your leave request was sent for approval.",
    leave_hint: "Ask before the meeting starts; only approved leave counts as leave (Deputies Law art. 13).",
    approve: "Approve",
    reject: "Refuse",
    no_leave_requests: "No leave requests.",
    my_attendance: "My attendance",
    checkin_title: "Check-in",
    search_invitee: "Find a name",
    show_pending: "Not signed in",
    show_all: "Everyone",
    undo: "Undo",
    saved_as: |name, status| format!("{name}: {status}"),
    stale_reloaded: "Someone else just changed this record; it has been reloaded, please check it.",
    back_to_activity: "Back to the activity",
    everyone_recorded: "Everyone has been recorded.",
    not_open_for_check_in: "This activity is cancelled or archived: no check-in.",
    mark_rest_absent: "Mark everyone not yet recorded as absent",
    mark_rest_absent_confirm: |n| format!("Mark all {n} invitees not yet recorded as absent? Deputies with approved leave are not marked absent."),
    marked_absent: |ok, refused| format!("{ok} recorded as absent, {refused} refused (approved leave, or the record was just changed by someone else)."),
    rates_title: "Attendance rates",
    group_by: "Per",
    by_deputy: "Deputy",
    by_group: "Deputy group",
    by_term: "Term",
    rate: "Rate",
    not_recorded: "Not recorded",
    no_rates: "No held activities in this range.",
    no_group: "No group",
    from_date: "From",
    to_date: "To",
    deputy_activities: "Activities",
    no_deputy_activities: "Not invited to any activity yet.",
    attended_of: |a, n| format!("Attended {a} of {n} recorded"),
    session_no: |n| format!("Session {n}"),
    flags_raised: |n| format!("{n} deputies missed two sessions without approved leave and were flagged for the credentials committee (Deputies Law art. 62)."),
};

/// The meetings strings of the current language.
#[hook]
pub fn use_mt() -> &'static MeetingTexts {
    match use_lang().lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

impl MeetingTexts {
    fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }

    /// An activity kind's name.
    pub fn kind(&self, k: ActivityKind) -> &'static str {
        if self.zh() {
            return k.label_zh();
        }
        match k {
            ActivityKind::Session => "Congress session",
            ActivityKind::PresidiumMeeting => "Presidium meeting",
            ActivityKind::Training => "Training",
            ActivityKind::Inspection => "Inspection",
            ActivityKind::Research => "Research project",
            ActivityKind::LawEnforcementInspection => "Law-enforcement inspection",
            ActivityKind::Forum => "Forum",
            ActivityKind::ReceptionDay => "Reception day",
            ActivityKind::LiaisonDay => "Presidium liaison day",
            ActivityKind::DualContactVisit => "Dual-contact visit",
            ActivityKind::DutyReport => "Report to constituents",
        }
    }

    /// An activity status's name.
    pub fn status(&self, s: ActivityStatus) -> &'static str {
        if self.zh() {
            return s.label_zh();
        }
        match s {
            ActivityStatus::Planned => "Planned",
            ActivityStatus::Notified => "Notified",
            ActivityStatus::Held => "Held",
            ActivityStatus::Summarised => "Summarised",
            ActivityStatus::Archived => "Archived",
            ActivityStatus::Cancelled => "Cancelled",
        }
    }

    /// An attendance status's name.
    pub fn attendance(&self, s: AttendanceStatus) -> &'static str {
        if self.zh() {
            return s.label_zh();
        }
        match s {
            AttendanceStatus::Invited => "Invited",
            AttendanceStatus::Present => "Present",
            AttendanceStatus::Late => "Late",
            AttendanceStatus::OnLeave => "On leave",
            AttendanceStatus::Absent => "Absent",
        }
    }

    /// A session kind's name.
    pub fn session_kind(&self, s: SessionKind) -> &'static str {
        match (self.zh(), s) {
            (true, s) => s.label_zh(),
            (false, SessionKind::Regular) => "Regular",
            (false, SessionKind::Temporary) => "Temporary",
        }
    }

    /// An organiser kind's name.
    pub fn organiser(&self, o: OrganiserKind) -> &'static str {
        if self.zh() {
            return o.label_zh();
        }
        match o {
            OrganiserKind::Congress => "Township congress",
            OrganiserKind::Presidium => "Presidium",
            OrganiserKind::DeputyGroup => "Deputy group",
            OrganiserKind::LiaisonStation => "Liaison station",
        }
    }

    /// A leave request state's name.
    pub fn leave(&self, s: LeaveStatus) -> &'static str {
        if self.zh() {
            return s.label_zh();
        }
        match s {
            LeaveStatus::Pending => "Pending",
            LeaveStatus::Approved => "Approved",
            LeaveStatus::Rejected => "Refused",
            LeaveStatus::Withdrawn => "Withdrawn",
        }
    }

    /// Member or observer.
    pub fn capacity(&self, c: Capacity) -> &'static str {
        match (self.zh(), c) {
            (true, c) => c.label_zh(),
            (false, Capacity::Member) => "Deputy",
            (false, Capacity::Observer) => "Observer",
        }
    }

    /// Start (and end, when on the same day) in Beijing time: `2022-01-25 09:00–11:30`.
    pub fn span(&self, starts: &DateTime<Utc>, ends: &DateTime<Utc>) -> String {
        let (s, e) = (beijing(starts), beijing(ends));
        if s.date() == e.date() {
            format!("{}–{}", ymd_hm(&s), hm(&e))
        } else {
            format!("{} – {}", ymd_hm(&s), ymd_hm(&e))
        }
    }

    /// A time of day in Beijing: `09:00`.
    pub fn clock(&self, at: &DateTime<Utc>) -> String {
        hm(&beijing(at))
    }
}
