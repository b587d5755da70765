//! The performance record (履职档案): what a deputy did in a period, derived from the
//! records Renda holds (attendance, suggestions, motions, duty reports, appraisals,
//! awards) and the approved self-declared entries, never typed twice.

use super::{DeputyBrief, Period, RecordSection};
use crate::{ActivityKind, AttendanceStatus};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

code_enum! {
    /// What a record counts for a deputy in a period. Meetings count the activities the
    /// deputy was invited to that started in the period and were not cancelled; "attended"
    /// is present or late. Suggestions count by submission date, motions by submission
    /// date, drafts and withdrawn items never.
    Metric {
        /// 应出席代表大会会议次数: sessions invited to.
        SessionsInvited = "sessions_invited" / "应出席大会次数" / "Sessions invited to",
        /// 出席代表大会会议次数 (present or late).
        SessionsAttended = "sessions_attended" / "出席大会次数" / "Sessions attended",
        /// 迟到次数 at sessions.
        SessionsLate = "sessions_late" / "大会迟到次数" / "Sessions late",
        /// 请假次数 at sessions (leave approved; R12, DL 13).
        SessionsOnLeave = "sessions_on_leave" / "大会请假次数" / "Sessions on leave",
        /// 无故缺席次数 at sessions (absent without approved leave; R10, DL 62).
        SessionsAbsent = "sessions_absent" / "大会缺席次数" / "Sessions absent without leave",
        /// 主席团会议出席次数
        PresidiumMeetings = "presidium_meetings" / "出席主席团会议次数" / "Presidium meetings attended",
        /// 参加培训次数
        Trainings = "trainings" / "参加培训次数" / "Trainings",
        /// 参加视察次数
        Inspections = "inspections" / "参加视察次数" / "Inspections",
        /// 参加专题调研次数
        Research = "research" / "参加调研次数" / "Research projects",
        /// 参加执法检查次数
        LawEnforcementInspections = "law_enforcement_inspections" / "参加执法检查次数" / "Law-enforcement inspections",
        /// 参加座谈会次数
        Forums = "forums" / "参加座谈会次数" / "Forums",
        /// 参加代表接待日次数 (on duty)
        ReceptionDays = "reception_days" / "接待日值班次数" / "Reception days on duty",
        /// 主席团成员联系代表日
        LiaisonDays = "liaison_days" / "联系代表日次数" / "Liaison days",
        /// 双联走访次数
        DualContactVisits = "dual_contact_visits" / "双联走访次数" / "Dual-contact visits",
        /// 参加代表小组活动次数 (activities organised by a deputy group)
        GroupActivities = "group_activities" / "参加小组活动次数" / "Group activities",
        /// 应参加闭会期间活动次数 (every kind but sessions and presidium meetings)
        ActivitiesInvited = "activities_invited" / "应参加活动次数" / "Activities invited to",
        /// 参加闭会期间活动次数 (present or late)
        ActivitiesAttended = "activities_attended" / "参加活动次数" / "Activities attended",
        /// 闭会期间活动请假次数
        ActivitiesOnLeave = "activities_on_leave" / "活动请假次数" / "Activities on leave",
        /// 闭会期间活动缺席次数
        ActivitiesAbsent = "activities_absent" / "活动缺席次数" / "Activities absent",
        /// 领衔提出建议件数 (submitted, not withdrawn)
        SuggestionsLed = "suggestions_led" / "领衔建议件数" / "Suggestions led",
        /// 附议建议件数 (signature confirmed)
        SuggestionsCosigned = "suggestions_cosigned" / "附议建议件数" / "Suggestions co-signed",
        /// 领衔建议立案件数 (accepted or further)
        SuggestionsAccepted = "suggestions_accepted" / "领衔建议立案件数" / "Suggestions led and accepted",
        /// 领衔建议已解决件数 (the last reply of class A or B)
        SuggestionsResolved = "suggestions_resolved" / "领衔建议解决件数" / "Suggestions led and resolved (A or B)",
        /// 领衔提出议案件数
        MotionsLed = "motions_led" / "领衔议案件数" / "Motions led",
        /// 联名提出议案件数 (co-proposer, confirmed)
        MotionsJoined = "motions_joined" / "联名议案件数" / "Motions joined",
        /// 议案列入议程件数 (led or joined)
        MotionsOnAgenda = "motions_on_agenda" / "议案列入议程件数" / "Motions on the agenda",
        /// 向选民述职次数
        DutyReports = "duty_reports" / "向选民述职次数" / "Duty reports to constituents",
        /// 参加工作评议次数
        WorkAppraisals = "work_appraisals" / "参加工作评议次数" / "Work appraisals joined",
        /// 获得表彰次数 (confirmed awards dated in the period)
        Awards = "awards" / "获得表彰次数" / "Awards",
        /// 履职登记件数 (approved self-declared entries, every kind)
        EntriesApproved = "entries_approved" / "履职登记件数" / "Self-declared entries approved",
    }
}

code_enum! {
    /// A rate a scheme can grade (a percentage 0–100 with two decimals). Attendance is taken
    /// over what the deputy was invited to and did not have leave for, so excused absences
    /// are neutral: attended ÷ (invited − on leave).
    RateMetric {
        /// 大会出席率: sessions attended ÷ (sessions invited − on leave).
        SessionAttendance = "session_attendance" / "大会出席率" / "Session attendance",
        /// 活动参加率: activities attended ÷ (activities invited − on leave).
        ActivityAttendance = "activity_attendance" / "活动参加率" / "Activity attendance",
        /// 述职满意率: (满意 + 基本满意) ÷ valid ballots of the deputy's duty reports.
        DutyReportSatisfaction = "duty_report_satisfaction" / "述职满意率" / "Duty-report satisfaction",
    }
}

impl Metric {
    /// The section of the record that lists the records this metric counts; `None` for
    /// counts across sections (every activity, self-declared entries of any kind).
    pub fn section(self) -> Option<RecordSection> {
        use Metric as M;
        Some(match self {
            M::SessionsInvited
            | M::SessionsAttended
            | M::SessionsLate
            | M::SessionsOnLeave
            | M::SessionsAbsent
            | M::PresidiumMeetings => RecordSection::Meetings,
            M::Trainings => RecordSection::Training,
            M::Inspections | M::Research | M::LawEnforcementInspections | M::Forums => {
                RecordSection::InspectionsResearch
            }
            M::ReceptionDays | M::LiaisonDays | M::DualContactVisits | M::GroupActivities => {
                RecordSection::GroupActivities
            }
            M::ActivitiesInvited
            | M::ActivitiesAttended
            | M::ActivitiesOnLeave
            | M::ActivitiesAbsent
            | M::EntriesApproved => return None,
            M::SuggestionsLed
            | M::SuggestionsCosigned
            | M::SuggestionsAccepted
            | M::SuggestionsResolved
            | M::MotionsLed
            | M::MotionsJoined
            | M::MotionsOnAgenda => RecordSection::SuggestionsMotions,
            M::DutyReports | M::WorkAppraisals => RecordSection::DutyReportsSupervision,
            M::Awards => RecordSection::Awards,
        })
    }

    /// The count of attended activities of `kind` (present or late). A duty-report
    /// activity has none: [`Metric::DutyReports`] counts the reports a deputy gave, not
    /// the ones they listened to.
    pub fn attended(kind: ActivityKind) -> Option<Metric> {
        Some(match kind {
            ActivityKind::Session => Metric::SessionsAttended,
            ActivityKind::PresidiumMeeting => Metric::PresidiumMeetings,
            ActivityKind::Training => Metric::Trainings,
            ActivityKind::Inspection => Metric::Inspections,
            ActivityKind::Research => Metric::Research,
            ActivityKind::LawEnforcementInspection => Metric::LawEnforcementInspections,
            ActivityKind::Forum => Metric::Forums,
            ActivityKind::ReceptionDay => Metric::ReceptionDays,
            ActivityKind::LiaisonDay => Metric::LiaisonDays,
            ActivityKind::DualContactVisit => Metric::DualContactVisits,
            ActivityKind::DutyReport => return None,
        })
    }
}

/// The section of the record an activity of `kind` belongs to.
pub fn section_of(kind: ActivityKind) -> RecordSection {
    match kind {
        ActivityKind::Session | ActivityKind::PresidiumMeeting => RecordSection::Meetings,
        ActivityKind::Inspection
        | ActivityKind::Research
        | ActivityKind::LawEnforcementInspection
        | ActivityKind::Forum => RecordSection::InspectionsResearch,
        ActivityKind::Training => RecordSection::Training,
        ActivityKind::ReceptionDay | ActivityKind::LiaisonDay | ActivityKind::DualContactVisit => {
            RecordSection::GroupActivities
        }
        ActivityKind::DutyReport => RecordSection::DutyReportsSupervision,
    }
}

/// The counts of one deputy in one period, by metric (absent metrics are 0), and the
/// ballots behind the satisfaction rate.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct MetricCounts {
    /// Count per metric code (`sessions_attended` …).
    #[cfg_attr(feature = "schema", schema(value_type = Object))]
    pub counts: BTreeMap<Metric, u32>,
    /// Approved self-declared entries per kind code.
    #[serde(default)]
    pub entries: BTreeMap<String, u32>,
    /// Valid duty-report ballots: 满意 + 基本满意 (the numerator of the rate).
    #[serde(default)]
    pub ballots_satisfied: u32,
    /// Valid duty-report ballots in all.
    #[serde(default)]
    pub ballots_valid: u32,
}

impl MetricCounts {
    /// The count of `m` (0 when absent).
    pub fn get(&self, m: Metric) -> u32 {
        self.counts.get(&m).copied().unwrap_or(0)
    }

    /// Sets the count of `m` (a 0 is not stored).
    pub fn set(&mut self, m: Metric, value: u32) {
        if value == 0 {
            self.counts.remove(&m);
        } else {
            self.counts.insert(m, value);
        }
    }

    /// The rate as numerator and denominator; `None` when the denominator is 0 (nothing
    /// to rate: the deputy was invited to nothing, or had no ballots).
    pub fn rate_parts(&self, r: RateMetric) -> Option<(u32, u32)> {
        let (num, den) = match r {
            RateMetric::SessionAttendance => (
                self.get(Metric::SessionsAttended),
                self.get(Metric::SessionsInvited)
                    .saturating_sub(self.get(Metric::SessionsOnLeave)),
            ),
            RateMetric::ActivityAttendance => (
                self.get(Metric::ActivitiesAttended),
                self.get(Metric::ActivitiesInvited)
                    .saturating_sub(self.get(Metric::ActivitiesOnLeave)),
            ),
            RateMetric::DutyReportSatisfaction => (self.ballots_satisfied, self.ballots_valid),
        };
        (den > 0).then_some((num.min(den), den))
    }

    /// The rate in percent (0–100), `None` when there is nothing to rate.
    pub fn rate(&self, r: RateMetric) -> Option<f64> {
        self.rate_parts(r)
            .map(|(n, d)| f64::from(n) * 100.0 / f64::from(d))
    }
}

/// Where a line of the record comes from, so the screen links to it and a correction
/// request can point at it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RecordSource {
    /// An activity or session and the deputy's attendance.
    Activity {
        activity_id: crate::ActivityId,
        kind: ActivityKind,
        attendance: AttendanceStatus,
    },
    /// A suggestion the deputy led or co-signed.
    Suggestion {
        suggestion_id: crate::SuggestionId,
        /// True for the lead deputy.
        led: bool,
        status: crate::SuggestionStatus,
        /// The result class of the last reply, once replied.
        result_class: Option<crate::ResultClass>,
        /// The deputy's own rating of the result, once rated.
        satisfaction: Option<crate::Satisfaction>,
    },
    /// A motion the deputy led or joined.
    Motion {
        motion_id: crate::MotionId,
        led: bool,
        status: crate::MotionStatus,
    },
    /// A duty report to constituents, with the satisfaction rate of its ballots.
    DutyReport {
        duty_report_id: super::DutyReportId,
        activity_id: crate::ActivityId,
        /// Percent, two decimals; none before the ballots are entered.
        satisfaction_rate: Option<f64>,
    },
    /// A work appraisal the deputy took part in.
    WorkAppraisal {
        work_appraisal_id: super::WorkAppraisalId,
    },
    /// A confirmed award.
    Award { award_id: super::AwardId },
    /// An approved self-declared entry.
    Entry {
        entry_id: super::PerformanceEntryId,
        kind_code: String,
    },
}

/// One line of a performance record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct RecordItem {
    pub date: NaiveDate,
    pub title: String,
    /// What kind of line it is, in Chinese (活动类别, 建议, 议案 …).
    pub label: String,
    pub source: RecordSource,
}

impl RecordItem {
    /// What kind of line it is, in `lang`: in Chinese as the server wrote it; in English
    /// from its source (an entry keeps its kind's name, which the congress chose).
    pub fn label_in(&self, lang: crate::Lang) -> String {
        if lang == crate::Lang::Zh {
            return self.label.clone();
        }
        match &self.source {
            RecordSource::Activity { kind, .. } => kind.label(lang).to_string(),
            RecordSource::Suggestion { led: true, .. } => "Suggestion led".into(),
            RecordSource::Suggestion { led: false, .. } => "Suggestion co-signed".into(),
            RecordSource::Motion { led: true, .. } => "Motion led".into(),
            RecordSource::Motion { led: false, .. } => "Motion joined".into(),
            RecordSource::DutyReport { .. } => "Duty report to constituents".into(),
            RecordSource::WorkAppraisal { .. } => "Work appraisal".into(),
            RecordSource::Award { .. } => "Award".into(),
            RecordSource::Entry { .. } => self.label.clone(),
        }
    }
}

/// One section of the record with its lines, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct RecordSectionItems {
    pub section: RecordSection,
    pub items: Vec<RecordItem>,
}

/// `GET /api/v1/performance-records/{deputy_id}`: a deputy's record for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct PerformanceRecord {
    pub deputy: DeputyBrief,
    pub period: Period,
    pub counts: MetricCounts,
    /// Rates in percent (two decimals) where there is something to rate.
    #[cfg_attr(feature = "schema", schema(value_type = Object))]
    pub rates: BTreeMap<RateMetric, f64>,
    /// Every section in order, empty ones included.
    pub sections: Vec<RecordSectionItems>,
    /// Open correction requests of the deputy against lines of this period.
    pub open_corrections: u32,
}

/// One row of `GET /api/v1/performance-records`: a deputy and their counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct PerformanceSummary {
    pub deputy: DeputyBrief,
    pub counts: MetricCounts,
}

/// Parameters of the record endpoints: a year (or one quarter of it), or a period from–to
/// (at most 5 years); default the current year.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct RecordQuery {
    /// The term of the mandate the record is kept under; default the deputy's latest
    /// mandate that is not terminated.
    #[serde(default)]
    pub term_id: Option<crate::TermId>,
    /// The calendar year (e.g. 2022).
    pub year: Option<i32>,
    /// A quarter (1–4) of `year`.
    #[serde(default)]
    #[cfg_attr(feature = "schema", param(minimum = 1, maximum = 4))]
    pub quarter: Option<u32>,
    /// Start of the period (with `to`), instead of `year`.
    pub from: Option<NaiveDate>,
    /// End of the period, included.
    pub to: Option<NaiveDate>,
}

/// Parameters of `GET /api/v1/performance-records` and its XLSX export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct RecordListQuery {
    /// The term whose deputies are listed (required).
    pub term_id: crate::TermId,
    /// The calendar year (default: the current year).
    pub year: Option<i32>,
    /// A quarter (1–4) of `year`.
    #[serde(default)]
    #[cfg_attr(feature = "schema", param(minimum = 1, maximum = 4))]
    pub quarter: Option<u32>,
    /// Start of the period (with `to`), instead of `year`.
    pub from: Option<NaiveDate>,
    /// End of the period, included.
    pub to: Option<NaiveDate>,
    /// Only this deputy group.
    pub deputy_group_id: Option<crate::DeputyGroupId>,
    /// Only deputies whose name contains this text.
    #[serde(default)]
    pub name: Option<String>,
    /// At most 200 rows, default 50 (the XLSX export takes every row).
    #[serde(default)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    #[serde(default)]
    pub cursor: Option<String>,
}

/// A page of `GET /api/v1/performance-records`: deputies by name, each with their counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct PerformanceSummaryPage {
    pub period: Period,
    pub items: Vec<PerformanceSummary>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The section a metric links to is the one that lists the activities it counts.
    #[test]
    fn a_metric_points_to_the_section_of_its_records() {
        for kind in ActivityKind::ALL {
            if let Some(m) = Metric::attended(*kind) {
                assert_eq!(m.section(), Some(section_of(*kind)), "{}", m.as_str());
            }
        }
        assert_eq!(
            Metric::SuggestionsLed.section(),
            Some(RecordSection::SuggestionsMotions)
        );
        assert_eq!(Metric::ActivitiesAttended.section(), None);
    }
}

#[cfg(test)]
mod label_tests {
    use super::*;

    /// A line reads in English from its source; in Chinese as the server wrote it.
    #[test]
    fn a_line_reads_in_either_language() {
        let item = RecordItem {
            date: chrono::NaiveDate::from_ymd_opt(2022, 3, 1).unwrap(),
            title: "视察".into(),
            label: "视察".into(),
            source: RecordSource::Activity {
                activity_id: crate::ActivityId(uuid::Uuid::nil()),
                kind: ActivityKind::ReceptionDay,
                attendance: crate::AttendanceStatus::Present,
            },
        };
        assert_eq!(item.label_in(crate::Lang::Zh), "视察");
        assert_eq!(
            item.label_in(crate::Lang::En),
            ActivityKind::ReceptionDay.label(crate::Lang::En)
        );
        let entry = RecordItem {
            source: RecordSource::Entry {
                entry_id: super::super::PerformanceEntryId(uuid::Uuid::nil()),
                kind_code: "practical_deed".into(),
            },
            label: "为民办实事".into(),
            ..item
        };
        assert_eq!(entry.label_in(crate::Lang::En), "为民办实事");
    }
}
