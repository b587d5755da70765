//! The assessment of deputies' performance of duties (履职档案, 考核; issue 11): each
//! deputy's performance record built from what Renda already holds, self-declared entries
//! and correction requests, versioned assessment schemes, assessment runs with rater
//! scores, a published running score and objections, outstanding deputies and groups as
//! awards, duty reports to constituents with ballots, the work appraisal of government
//! departments, and the public profile (DL 58, R14: the presidium records each deputy's
//! performance, organises reports to constituents and publishes deputies' basic
//! information and performance).
//!
//! The rules are here, pure and tested without a database: the workflows of entries,
//! corrections, runs, objections, awards and appraisals ([`workflow`]), the validation of
//! a scheme ([`schemes`]) and the computation of scores, ranks, grades, quotas and group
//! scores ([`scoring`]). The server guards every step with them; the web client offers
//! exactly the steps they allow.

pub mod appraisals;
pub mod awards;
pub mod duty_reports;
pub mod entries;
pub mod publication;
pub mod records;
pub mod runs;
pub mod schemes;
pub mod scoring;
pub mod templates;
pub mod workflow;

pub use appraisals::*;
pub use awards::*;
pub use duty_reports::*;
pub use entries::*;
pub use publication::*;
pub use records::*;
pub use runs::*;
pub use schemes::*;
pub use scoring::*;
pub use workflow::*;

id_type!(
    /// A kind of self-declared entry (履职登记类别) of a congress.
    EntryKindId
);
id_type!(
    /// A self-declared performance entry (履职登记).
    PerformanceEntryId
);
id_type!(
    /// A file attached to a self-declared entry.
    EntryAttachmentId
);
id_type!(
    /// A deputy's correction request against their record (纠错申请).
    CorrectionRequestId
);
id_type!(
    /// One version of an assessment scheme (考核细则).
    AssessmentSchemeId
);
id_type!(
    /// An assessment run (考核) of a period.
    AssessmentRunId
);
id_type!(
    /// An objection (异议) to a published score.
    ObjectionId
);
id_type!(
    /// An award (表彰): outstanding deputy or outstanding deputy group.
    AwardId
);
id_type!(
    /// A deputy's duty report to constituents (述职) at one duty-report activity.
    DutyReportId
);
id_type!(
    /// A work appraisal (工作评议) of government departments.
    WorkAppraisalId
);

code_enum! {
    /// The sections of a performance record, in the order offices keep them.
    RecordSection {
        /// 基本情况
        Basic = "basic" / "基本情况" / "Basic information",
        /// 参加会议 (sessions, presidium meetings)
        Meetings = "meetings" / "参加会议" / "Sessions and meetings",
        /// 视察调研 (inspections, research, law-enforcement inspections, forums)
        InspectionsResearch = "inspections_research" / "视察调研" / "Inspections and research",
        /// 学习培训
        Training = "training" / "学习培训" / "Training",
        /// 小组活动 (group activities, reception days, liaison days, dual-contact visits)
        GroupActivities = "group_activities" / "小组及联系群众活动" / "Group activities and contact with constituents",
        /// 建议议案
        SuggestionsMotions = "suggestions_motions" / "建议议案" / "Suggestions and motions",
        /// 述职评议与监督 (duty reports, work appraisals)
        DutyReportsSupervision = "duty_reports_supervision" / "述职评议与监督" / "Duty reports and supervision",
        /// 表彰奖励
        Awards = "awards" / "表彰奖励" / "Awards",
        /// 其他履职 (self-declared entries of kinds outside the sections above)
        Other = "other" / "其他履职" / "Other duties",
    }
}

code_enum! {
    /// A post a deputy holds in the congress, which a quota may exclude from the selection
    /// of outstanding deputies (Yuanjiang: leaders excluded).
    Post {
        /// 人大主席
        Chairperson = "chairperson" / "人大主席" / "Chairperson",
        /// 人大副主席
        ViceChairperson = "vice_chairperson" / "人大副主席" / "Vice-chairperson",
        /// 主席团成员
        PresidiumMember = "presidium_member" / "主席团成员" / "Presidium member",
        /// 代表小组组长
        GroupLeader = "group_leader" / "代表小组组长" / "Deputy group leader",
    }
}

code_enum! {
    /// A grade band of a scheme (Baihe county: 优秀 ≥90, 良好 80–89, 一般 60–79, 较差 ≤59).
    Grade {
        /// 优秀
        Excellent = "excellent" / "优秀" / "Excellent",
        /// 良好
        Good = "good" / "良好" / "Good",
        /// 一般 (称职)
        Fair = "fair" / "一般" / "Fair",
        /// 较差
        Poor = "poor" / "较差" / "Poor",
    }
}

code_enum! {
    /// Who gives a rater score in an assessment (zhrd, Yuanjiang: four raters; Dawu:
    /// constituents through duty-report ballots).
    RaterStage {
        /// 自评: the deputy rates themself. On the wire `self`, as its code.
        #[serde(rename = "self")]
        SelfRating = "self" / "自评" / "Self",
        /// 小组评: the deputy group's leader rates the group's members.
        Group = "group" / "小组评议" / "Deputy group",
        /// 主席团评: presidium members.
        Presidium = "presidium" / "主席团评议" / "Presidium",
        /// 人大办评: the office.
        Office = "office" / "人大办评议" / "Office",
        /// 选民评: the satisfaction rate of the deputy's duty-report ballots in the period
        /// (no manual score).
        Constituents = "constituents" / "选民测评" / "Constituents",
    }
}

/// A deputy as the assessment area shows them: who, and where they sit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct DeputyBrief {
    pub deputy_id: crate::DeputyId,
    pub name: String,
    pub mandate_id: crate::MandateId,
    pub deputy_group_id: Option<crate::DeputyGroupId>,
    pub deputy_group_name: Option<String>,
    pub delegation_name: Option<String>,
    /// 选区
    pub constituency: Option<String>,
    /// A post in the congress (chairperson, …), if any.
    pub post: Option<Post>,
}

/// A period of an assessment or a record: from and to, both included (`YYYY-MM-DD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Period {
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
}

impl Period {
    /// The calendar year `year`.
    pub fn year(year: i32) -> Option<Period> {
        Some(Period {
            from: chrono::NaiveDate::from_ymd_opt(year, 1, 1)?,
            to: chrono::NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    }

    /// Quarter `q` (1–4) of `year`.
    pub fn quarter(year: i32, q: u32) -> Option<Period> {
        if !(1..=4).contains(&q) {
            return None;
        }
        let from = chrono::NaiveDate::from_ymd_opt(year, 3 * q - 2, 1)?;
        let next = if q == 4 {
            chrono::NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            chrono::NaiveDate::from_ymd_opt(year, 3 * q + 1, 1)?
        };
        Some(Period {
            from,
            to: next.pred_opt()?,
        })
    }

    /// Whether `d` falls in the period.
    pub fn contains(&self, d: chrono::NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }
}

use serde::{Deserialize, Serialize};
