//! The demo township's 2022 performance record, so that every deputy's 履职档案 comes from
//! data and nothing is typed twice: posts and group leaders, the deputies' suggestions of
//! 2022 (the seed report: "共提出30余条建议", forwarded to the district congress or referred
//! to the town's departments, answered and rated), some self-declared entries (approved,
//! pending, rejected) and a duty-report activity (述职评议) in which three deputies
//! reported to constituents' representatives with their ballots.

use super::activities::{at, attend, insert, members, Plan};
use crate::schema::{
    activities, deputy_groups, duty_reports, entry_kinds, handling_orgs, mandates,
    performance_entries, suggestion_events, suggestion_feedback, suggestion_referrals,
    suggestion_replies, suggestion_signers, suggestions, terms,
};
use chrono::{Days, NaiveDate};
use diesel::prelude::*;
use renda_openapi::{ActivityKind, AttendanceStatus, Capacity, CongressId, OrganiserKind};
use uuid::Uuid;

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

/// Loads the demo's 2022 record data for `township`, unless it has suggestions already.
/// `sample` is the demo `deputy` login's deputy, who gets a full record to look at.
pub fn load(conn: &mut PgConnection, township: Uuid, sample: Uuid) -> QueryResult<()> {
    let exists: bool = diesel::select(diesel::dsl::exists(
        suggestions::table.filter(suggestions::congress_id.eq(township)),
    ))
    .get_result(conn)?;
    if exists {
        return Ok(());
    }
    let town: Vec<(Uuid, Option<Uuid>)> = members(conn, township)?;
    let order = sample_first(&town, sample);
    posts(conn, township, &town, sample)?;
    suggestions_of_2022(conn, township, &order)?;
    entries(conn, township, &order)?;
    duty_report(conn, township, &order)
}

/// The deputies with the sample deputy first, the others in their order.
fn sample_first(town: &[(Uuid, Option<Uuid>)], sample: Uuid) -> Vec<Uuid> {
    let mut order = vec![sample];
    order.extend(town.iter().map(|m| m.0).filter(|d| *d != sample));
    order
}

/// The chairperson and vice-chairperson, and each group's first member as its leader.
fn posts(
    conn: &mut PgConnection,
    township: Uuid,
    town: &[(Uuid, Option<Uuid>)],
    sample: Uuid,
) -> QueryResult<()> {
    let others: Vec<Uuid> = town.iter().map(|m| m.0).filter(|d| *d != sample).collect();
    for (deputy, post) in [(others[0], "chairperson"), (others[1], "vice_chairperson")] {
        set_post(conn, township, deputy, post)?;
    }
    let groups: Vec<Uuid> = deputy_groups::table
        .filter(deputy_groups::congress_id.eq(township))
        .order(deputy_groups::id)
        .select(deputy_groups::id)
        .load(conn)?;
    for group in groups {
        let leader = town
            .iter()
            .filter(|m| m.1 == Some(group) && m.0 != others[0] && m.0 != others[1])
            .map(|m| m.0)
            .next();
        if let Some(leader) = leader {
            diesel::update(deputy_groups::table.find(group))
                .set(deputy_groups::leader_deputy_id.eq(Some(leader)))
                .execute(conn)?;
            set_post(conn, township, leader, "group_leader")?;
        }
    }
    Ok(())
}

fn set_post(conn: &mut PgConnection, township: Uuid, deputy: Uuid, post: &str) -> QueryResult<()> {
    diesel::update(
        mandates::table
            .filter(mandates::congress_id.eq(township))
            .filter(mandates::deputy_id.eq(deputy)),
    )
    .set(mandates::post.eq(Some(post)))
    .execute(conn)
    .map(|_| ())
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, m, d).expect("a 2022 date")
}

/// 32 suggestions: 12 at the first session (25 January), the rest through the year; the
/// sample deputy leads two and co-signs one. Forwarded ones are answered by the district
/// (the reply entered by the office), referred ones by the town's departments; every lead
/// rates the answer and the item is closed, except the two not accepted.
fn suggestions_of_2022(conn: &mut PgConnection, township: Uuid, order: &[Uuid]) -> QueryResult<()> {
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

/// Self-declared entries (履职登记): approved ones for a dozen deputies, and for the
/// sample deputy one approved, one pending and one rejected with its reason.
fn entries(conn: &mut PgConnection, township: Uuid, order: &[Uuid]) -> QueryResult<()> {
    crate::assessments::kinds::of_congress(conn, CongressId(township))?;
    let kind = |conn: &mut PgConnection, code: &str| -> QueryResult<Option<Uuid>> {
        entry_kinds::table
            .filter(entry_kinds::congress_id.eq(township))
            .filter(entry_kinds::code.eq(code))
            .select(entry_kinds::id)
            .first(conn)
            .optional()
    };
    let deed = kind(conn, "practical_deed")?;
    let mediation = kind(conn, "dispute_mediation")?;
    let (Some(deed), Some(mediation)) = (deed, mediation) else {
        return Ok(());
    };
    let mut rows = vec![
        (
            order[0],
            mediation,
            day(5, 16),
            "调解东兆通村两户宅基地边界纠纷",
            "approved",
            None,
        ),
        (
            order[0],
            deed,
            day(9, 3),
            "协调为西庄屯村争取道路硬化资金",
            "pending",
            None,
        ),
        (
            order[0],
            deed,
            day(11, 20),
            "参加村委会换届工作",
            "rejected",
            Some("属本职工作，不作为代表履职登记；可在述职中说明。"),
        ),
    ];
    for (i, deputy) in order.iter().skip(3).step_by(5).take(12).enumerate() {
        let (k, title) = if i % 2 == 0 {
            (deed, "为困难群众协调办理低保")
        } else {
            (mediation, "调解邻里用水纠纷")
        };
        rows.push((
            *deputy,
            k,
            day(3 + (i as u32 % 9), 12),
            title,
            "approved",
            None,
        ));
    }
    for (deputy, kind, on, title, status, note) in rows {
        diesel::insert_into(performance_entries::table)
            .values((
                performance_entries::id.eq(Uuid::now_v7()),
                performance_entries::congress_id.eq(township),
                performance_entries::deputy_id.eq(deputy),
                performance_entries::kind_id.eq(kind),
                performance_entries::occurred_on.eq(on),
                performance_entries::title.eq(title),
                performance_entries::content.eq("经村委会、群众证明属实，材料附后。"),
                performance_entries::status.eq(status),
                performance_entries::review_note.eq(note),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The duty-report meeting of 15 December 2022: three deputies (the sample deputy first)
/// report to 45 constituents' representatives, with their ballots.
fn duty_report(conn: &mut PgConnection, township: Uuid, order: &[Uuid]) -> QueryResult<()> {
    let term: Uuid = terms::table
        .filter(terms::congress_id.eq(township))
        .order(terms::number.desc())
        .select(terms::id)
        .first(conn)?;
    let mut p = Plan::new(
        ActivityKind::DutyReport,
        "镇人大代表向选民述职评议会",
        "东兆通村村民委员会会议室",
        at(2022, 12, 15, 9, 0),
        at(2022, 12, 15, 11, 30),
    );
    p.organiser = OrganiserKind::Presidium;
    p.summary = Some("三名代表向选区选民代表述职，选民代表现场测评。");
    let activity = insert(conn, township, term, &p, None)?;
    let reporters = [order[0], order[4], order[8]];
    let present: Vec<(Uuid, AttendanceStatus)> = reporters
        .iter()
        .map(|d| (*d, AttendanceStatus::Present))
        .collect();
    attend(
        conn,
        activity,
        Capacity::Member,
        &present,
        at(2022, 12, 15, 8, 50),
    )?;
    let tallies = [
        (38, 5, 1, 1, "oral"),
        (30, 10, 3, 2, "oral"),
        (22, 12, 9, 2, "written"),
    ];
    for (deputy, (s, b, d, inv, form)) in reporters.iter().zip(tallies) {
        diesel::insert_into(duty_reports::table)
            .values((
                duty_reports::id.eq(Uuid::now_v7()),
                duty_reports::activity_id.eq(activity),
                duty_reports::deputy_id.eq(*deputy),
                duty_reports::constituency.eq(Some("东兆通选区")),
                duty_reports::audience.eq(45),
                duty_reports::form.eq(form),
                duty_reports::satisfied.eq(Some(s)),
                duty_reports::basically_satisfied.eq(Some(b)),
                duty_reports::dissatisfied.eq(Some(d)),
                duty_reports::invalid.eq(Some(inv)),
            ))
            .execute(conn)?;
    }
    Ok(())
}
