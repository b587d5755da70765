//! The demo township's suggestions of 2022 (the seed report: "共提出30余条建议"): 32 items
//! on the seed's topics, 12 at the first session, forwarded to the district congress or
//! referred to the town's departments, answered, rated by their lead deputy and closed,
//! and two not accepted (a personal matter, a court case).

use super::activities::at;
use crate::schema::{
    activities, handling_orgs, suggestion_events, suggestion_feedback, suggestion_referrals,
    suggestion_replies, suggestion_signers, suggestions,
};
use chrono::{Days, NaiveDate};
use diesel::prelude::*;
use uuid::Uuid;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, m, d).expect("a 2022 date")
}

/// Suggestions of 2022: title, content, whether forwarded to the district congress, the
/// reply's result class (A resolved, B being resolved, C planned, D explained).
const SUGGESTIONS: [(&str, &str, bool, &str); 32] = [
    (
        "关于加快推进冬季煤改气改造的建议",
        "部分村煤改气尚未通气，群众取暖受影响，建议加快管网铺设。",
        false,
        "A",
    ),
    (
        "关于整治背街小巷环境卫生的建议",
        "背街小巷垃圾清运不及时，建议增加保洁人员和清运频次。",
        false,
        "A",
    ),
    (
        "关于规范镇前公路行人过街秩序的建议",
        "镇前公路行人、自行车乱穿马路，建议增设人行横道和隔离护栏。",
        false,
        "B",
    ),
    (
        "关于完善镇文化站公共文化服务的建议",
        "文化站开放时间短，建议延长开放时间并增加培训课程。",
        false,
        "A",
    ),
    (
        "关于支持村书画协会培养青年会员的建议",
        "书画协会会员老龄化，建议与中小学合作培养青年会员。",
        false,
        "B",
    ),
    (
        "关于加强大气污染联防联控的建议",
        "建议与周边乡镇建立秸秆禁烧、扬尘治理联防联控机制。",
        true,
        "B",
    ),
    (
        "关于协调京津冀公路立体交通建设的建议",
        "建议区里协调打通我镇至京港澳高速的连接线。",
        true,
        "C",
    ),
    (
        "关于引进京津优质医疗资源的建议",
        "建议区卫健部门推动镇卫生院与京津医院建立帮扶关系。",
        true,
        "C",
    ),
    (
        "关于建设镇级养老服务中心的建议",
        "我镇老年人口比例高，建议建设日间照料中心。",
        true,
        "B",
    ),
    (
        "关于增开区城区至我镇公交线路的建议",
        "群众进城不便，建议增开或加密公交班次。",
        true,
        "A",
    ),
    (
        "关于加快老旧小区改造的建议",
        "十里铺社区部分楼房管线老化，建议纳入老旧小区改造计划。",
        true,
        "B",
    ),
    (
        "关于落实残疾人就业扶持政策的建议",
        "建议落实按比例安排残疾人就业政策，开展技能培训。",
        false,
        "A",
    ),
    (
        "关于修缮店上村灌溉机井的建议",
        "店上村多眼机井老化失修，影响春灌，建议尽快修缮。",
        false,
        "A",
    ),
    (
        "关于加强农村土地承包经营权流转管理的建议",
        "部分流转合同不规范，建议统一合同文本并加强指导。",
        false,
        "B",
    ),
    (
        "关于改善镇中心小学周边交通安全的建议",
        "上下学时段车辆拥堵，建议设置护学岗和减速带。",
        false,
        "A",
    ),
    (
        "关于增设西庄屯村路灯的建议",
        "西庄屯村主干道夜间照明不足，建议增设路灯。",
        false,
        "A",
    ),
    (
        "关于规范农贸市场占道经营的建议",
        "早市占道经营影响通行，建议划定经营区域。",
        false,
        "B",
    ),
    (
        "关于加强农村饮用水安全保障的建议",
        "部分村自来水水压不足，建议检修管网。",
        false,
        "A",
    ),
    (
        "关于推进垃圾分类进村的建议",
        "建议在试点村设置分类垃圾桶并开展宣传。",
        false,
        "C",
    ),
    (
        "关于加快东杜庄社区卫生服务站建设的建议",
        "社区居民就医需到镇卫生院，建议设立卫生服务站。",
        true,
        "C",
    ),
    (
        "关于解决新建小区停车难的建议",
        "新建小区车位不足，建议规划建设公共停车场。",
        false,
        "B",
    ),
    (
        "关于加强校外培训机构监管的建议",
        "建议对校外培训机构开展联合检查。",
        true,
        "A",
    ),
    (
        "关于完善农村道路养护机制的建议",
        "村道破损修补不及时，建议建立日常养护机制。",
        false,
        "B",
    ),
    (
        "关于加强电动自行车充电安全管理的建议",
        "楼道充电隐患大，建议建设集中充电桩。",
        false,
        "A",
    ),
    (
        "关于推进镇区污水管网建设的建议",
        "镇区部分区域生活污水直排，建议延伸污水管网。",
        true,
        "C",
    ),
    (
        "关于扶持村级集体经济发展的建议",
        "建议统筹闲置资产，发展物业经济。",
        false,
        "B",
    ),
    (
        "关于加强防汛排涝设施建设的建议",
        "去年汛期部分路段积水严重，建议疏通排水沟渠。",
        false,
        "A",
    ),
    (
        "关于开展送法进村活动的建议",
        "建议司法所定期进村开展法律咨询。",
        false,
        "A",
    ),
    (
        "关于增加社区网格员配备的建议",
        "网格员工作量大，建议按户数配足网格员。",
        true,
        "D",
    ),
    (
        "关于建设镇全民健身广场的建议",
        "群众健身场地少，建议利用闲置地块建设健身广场。",
        false,
        "C",
    ),
    (
        "关于为本人申请宅基地审批的建议",
        "本人宅基地审批久拖未办，请求镇里尽快审批。",
        false,
        "-",
    ),
    (
        "关于调解邻里土地纠纷的建议",
        "本人与邻居的土地纠纷已起诉至法院，请求人大出面处理。",
        false,
        "-",
    ),
];

/// The two not accepted (a personal matter, a court case): the last two above.
const NOT_ACCEPTED: [(&str, &str); 2] = [
    (
        "personal_matter",
        "属个人申请事项，已引导代表向镇自然资源所依法申请。",
    ),
    ("court_case", "事项已进入诉讼程序，不作为代表建议办理。"),
];

/// 32 suggestions: 12 at the first session (25 January), the rest through the year; the
/// sample deputy leads two and co-signs one. Forwarded ones are answered by the district
/// (the reply entered by the office), referred ones by the town's departments; every lead
/// rates the answer and the item is closed, except the two not accepted.
pub fn load(conn: &mut PgConnection, township: Uuid, order: &[Uuid]) -> QueryResult<()> {
    let session: Option<Uuid> = activities::table
        .filter(activities::congress_id.eq(township))
        .filter(activities::kind.eq("session"))
        .order(activities::starts_at)
        .select(activities::id)
        .first(conn)
        .optional()?;
    let orgs: Vec<Uuid> = handling_orgs::table
        .filter(handling_orgs::congress_id.eq(township))
        .order(handling_orgs::name)
        .select(handling_orgs::id)
        .load(conn)?;
    let n = order.len().max(1);
    for (i, (title, content, forwarded, class)) in SUGGESTIONS.iter().enumerate() {
        // The sample deputy (index 0) leads the first and the thirteenth.
        let lead = if i == 12 {
            order[0]
        } else {
            order[(i * 7) % n]
        };
        let co = order[(i * 7 + 3) % n];
        let co = if i == 1 { order[0] } else { co };
        let submitted = if i < 12 {
            day(1, 25)
        } else {
            day(2 + (i as u32 - 12) / 2, 10 + (i as u32 % 2) * 8)
        };
        let item = Item {
            id: Uuid::now_v7(),
            township,
            lead,
            submitted,
        };
        let at_session = if i < 12 { session } else { None };
        if *class == "-" {
            item.not_accepted(conn, title, content, NOT_ACCEPTED[i - 30])?;
            continue;
        }
        let org = (!forwarded).then(|| orgs[i % orgs.len()]);
        item.handled(conn, title, content, at_session, org, class, i)?;
        if co != lead {
            diesel::insert_into(suggestion_signers::table)
                .values((
                    suggestion_signers::suggestion_id.eq(item.id),
                    suggestion_signers::deputy_id.eq(co),
                    suggestion_signers::role.eq("co"),
                    suggestion_signers::confirmed_at.eq(Some(at(2022, 1, 20, 10, 0))),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// One demo suggestion being written.
struct Item {
    id: Uuid,
    township: Uuid,
    lead: Uuid,
    submitted: NaiveDate,
}

impl Item {
    fn insert(
        &self,
        conn: &mut PgConnection,
        title: &str,
        content: &str,
        status: &str,
    ) -> QueryResult<()> {
        diesel::insert_into(suggestions::table)
            .values((
                suggestions::id.eq(self.id),
                suggestions::congress_id.eq(self.township),
                suggestions::lead_deputy_id.eq(Some(self.lead)),
                suggestions::kind.eq("suggestion"),
                suggestions::title.eq(title),
                suggestions::content.eq(content),
                suggestions::status.eq(status),
                suggestions::submitted_on.eq(Some(self.submitted)),
            ))
            .execute(conn)?;
        diesel::insert_into(suggestion_signers::table)
            .values((
                suggestion_signers::suggestion_id.eq(self.id),
                suggestion_signers::deputy_id.eq(self.lead),
                suggestion_signers::role.eq("lead"),
                suggestion_signers::confirmed_at.eq(Some(at(2022, 1, 20, 10, 0))),
            ))
            .execute(conn)?;
        self.event(
            conn,
            None,
            "submitted",
            "submit",
            "deputy",
            self.submitted,
            None,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        conn: &mut PgConnection,
        from: Option<&str>,
        to: &str,
        action: &str,
        role: &str,
        on: NaiveDate,
        note: Option<&str>,
    ) -> QueryResult<()> {
        diesel::insert_into(suggestion_events::table)
            .values((
                suggestion_events::id.eq(Uuid::now_v7()),
                suggestion_events::suggestion_id.eq(self.id),
                suggestion_events::from_status.eq(from),
                suggestion_events::to_status.eq(to),
                suggestion_events::action.eq(action),
                suggestion_events::actor_role.eq(role),
                suggestion_events::note.eq(note),
                suggestion_events::at.eq(on.and_hms_opt(10, 0, 0).expect("time").and_utc()),
            ))
            .execute(conn)
            .map(|_| ())
    }

    fn not_accepted(
        &self,
        conn: &mut PgConnection,
        title: &str,
        content: &str,
        (code, reason): (&str, &str),
    ) -> QueryResult<()> {
        self.insert(conn, title, content, "submitted")?;
        diesel::update(suggestions::table.find(self.id))
            .set((
                suggestions::status.eq("not_accepted"),
                suggestions::not_accepted_code.eq(Some(code)),
                suggestions::not_accepted_reason.eq(Some(reason)),
            ))
            .execute(conn)?;
        let on = self.submitted + Days::new(5);
        self.event(
            conn,
            Some("submitted"),
            "not_accepted",
            "not_accept",
            "staff",
            on,
            Some(reason),
        )
    }

    /// Accepted, referred to `org` (or forwarded upward when none), answered with `class`,
    /// rated by the lead and closed.
    #[allow(clippy::too_many_arguments)]
    fn handled(
        &self,
        conn: &mut PgConnection,
        title: &str,
        content: &str,
        session: Option<Uuid>,
        org: Option<Uuid>,
        class: &str,
        i: usize,
    ) -> QueryResult<()> {
        self.insert(conn, title, content, "closed")?;
        let referred = self.submitted + Days::new(6);
        let replied = referred + Days::new(45 + (i as u64 % 30));
        let closed = replied + Days::new(10);
        diesel::update(suggestions::table.find(self.id))
            .set((
                suggestions::session_activity_id.eq(session),
                suggestions::forwarded_to.eq(org.is_none().then_some("长安区人大常委会")),
                suggestions::external_reference.eq(org
                    .is_none()
                    .then(|| format!("长人建〔2022〕{}号", 100 + i))),
                suggestions::referred_on.eq(Some(referred)),
                suggestions::round_started_on.eq(Some(referred)),
                suggestions::closed_on.eq(Some(closed)),
            ))
            .execute(conn)?;
        self.event(
            conn,
            Some("submitted"),
            "accepted",
            "accept",
            "staff",
            referred,
            None,
        )?;
        if let Some(org) = org {
            diesel::insert_into(suggestion_referrals::table)
                .values((
                    suggestion_referrals::id.eq(Uuid::now_v7()),
                    suggestion_referrals::suggestion_id.eq(self.id),
                    suggestion_referrals::handling_org_id.eq(org),
                    suggestion_referrals::role.eq("lead"),
                    suggestion_referrals::referred_on.eq(referred),
                    suggestion_referrals::return_due.eq(referred + Days::new(9)),
                ))
                .execute(conn)?;
        }
        let (to, action) = if org.is_some() {
            ("referred", "refer")
        } else {
            ("referred", "forward")
        };
        self.event(conn, Some("accepted"), to, action, "staff", referred, None)?;
        self.reply(conn, org, class, replied)?;
        self.rate(conn, class, replied + Days::new(5))?;
        self.event(
            conn,
            Some("rated"),
            "closed",
            "close",
            "staff",
            closed,
            None,
        )
    }

    fn reply(
        &self,
        conn: &mut PgConnection,
        org: Option<Uuid>,
        class: &str,
        on: NaiveDate,
    ) -> QueryResult<()> {
        let body = match class {
            "A" => "所提问题已解决。感谢代表对我镇工作的关心和支持。",
            "B" => "所提问题正在解决，已列入年度工作计划，年底前完成。",
            "C" => "所提问题已列入规划，将在条件具备时逐步解决。",
            _ => "因政策和条件所限，暂时难以解决，已向代表说明情况。",
        };
        diesel::insert_into(suggestion_replies::table)
            .values((
                suggestion_replies::id.eq(Uuid::now_v7()),
                suggestion_replies::suggestion_id.eq(self.id),
                suggestion_replies::handling_org_id.eq(org),
                suggestion_replies::round.eq(1),
                suggestion_replies::result_class.eq(class),
                suggestion_replies::body.eq(body),
                suggestion_replies::status.eq("sent"),
                suggestion_replies::sent_at
                    .eq(Some(on.and_hms_opt(10, 0, 0).expect("time").and_utc())),
            ))
            .execute(conn)?;
        let role = if org.is_some() {
            "handling_org"
        } else {
            "staff"
        };
        self.event(
            conn,
            Some("referred"),
            "replied",
            "send_reply",
            role,
            on,
            None,
        )
    }

    fn rate(&self, conn: &mut PgConnection, class: &str, on: NaiveDate) -> QueryResult<()> {
        let result = match class {
            "A" => "satisfied",
            "B" | "C" => "basically_satisfied",
            _ => "dissatisfied",
        };
        diesel::insert_into(suggestion_feedback::table)
            .values((
                suggestion_feedback::id.eq(Uuid::now_v7()),
                suggestion_feedback::suggestion_id.eq(self.id),
                suggestion_feedback::deputy_id.eq(self.lead),
                suggestion_feedback::round.eq(1),
                suggestion_feedback::attitude.eq("satisfied"),
                suggestion_feedback::result.eq(result),
                suggestion_feedback::rated_at.eq(on.and_hms_opt(10, 0, 0).expect("time").and_utc()),
            ))
            .execute(conn)?;
        self.event(conn, Some("replied"), "rated", "rate", "deputy", on, None)
    }
}
