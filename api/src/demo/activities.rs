//! The demo township's year of activities, after the seed annual work report
//! (`shared/seed/annual-work-report.txt`): the first session of the 10th congress on 25–26
//! January with 91 attending (60 township deputies less two on approved leave, the
//! town's 16 district and 4 city deputies and 13 department heads as observers), its
//! votes and elections, the trainings of 22 February and 5 September, the research
//! projects of 12 April and 9 June, the inspection of 1 November, a forum, dual contact
//! visits by each deputy group, and the reception days on the 26th and 27th and the
//! presidium liaison day on the 28th of every month as recurring series.

use crate::schema::{activities, agenda_items, attendances, leave_requests, mandates, votes};
use chrono::{DateTime, TimeZone, Utc};
use diesel::prelude::*;
use renda_openapi::{ActivityKind, ActivityStatus, AttendanceStatus, Capacity, OrganiserKind};
use uuid::Uuid;

/// An instant in Beijing time.
pub(super) fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    chrono_tz::Asia::Shanghai
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("valid Beijing time")
        .with_timezone(&Utc)
}

/// One demo activity.
pub(super) struct Plan<'a> {
    pub(super) kind: ActivityKind,
    pub(super) title: &'a str,
    pub(super) organiser: OrganiserKind,
    pub(super) organiser_group: Option<Uuid>,
    pub(super) organiser_name: Option<&'a str>,
    pub(super) place: &'a str,
    pub(super) starts: DateTime<Utc>,
    pub(super) ends: DateTime<Utc>,
    pub(super) description: &'a str,
    pub(super) topics: &'a [&'a str],
    pub(super) status: ActivityStatus,
    pub(super) summary: Option<&'a str>,
    pub(super) outcomes: Option<&'a str>,
    pub(super) rrule: Option<&'a str>,
}

impl<'a> Plan<'a> {
    pub(super) fn new(
        kind: ActivityKind,
        title: &'a str,
        place: &'a str,
        starts: DateTime<Utc>,
        ends: DateTime<Utc>,
    ) -> Plan<'a> {
        Plan {
            kind,
            title,
            organiser: OrganiserKind::Congress,
            organiser_group: None,
            organiser_name: None,
            place,
            starts,
            ends,
            description: "",
            topics: &[],
            status: ActivityStatus::Summarised,
            summary: None,
            outcomes: None,
            rrule: None,
        }
    }
}

pub(super) fn insert(
    conn: &mut PgConnection,
    congress: Uuid,
    term: Uuid,
    p: &Plan,
    series: Option<(Uuid, DateTime<Utc>)>,
) -> QueryResult<Uuid> {
    let id = Uuid::now_v7();
    let session = p.kind == ActivityKind::Session;
    diesel::insert_into(activities::table)
        .values((
            activities::id.eq(id),
            activities::congress_id.eq(congress),
            activities::term_id.eq(Some(term)),
            activities::kind.eq(p.kind.as_str()),
            activities::title.eq(p.title),
            activities::organiser_kind.eq(p.organiser.as_str()),
            activities::organiser_group_id.eq(p.organiser_group),
            activities::organiser_name.eq(p.organiser_name),
            activities::place.eq(Some(p.place)),
            activities::starts_at.eq(p.starts),
            activities::ends_at.eq(p.ends),
            activities::description.eq(Some(p.description).filter(|d| !d.is_empty())),
            activities::topics.eq(p.topics.iter().map(|t| t.to_string()).collect::<Vec<_>>()),
            activities::status.eq(p.status.as_str()),
            activities::summary.eq(p.summary),
            activities::outcomes.eq(p.outcomes),
            activities::session_kind.eq(session.then_some("regular")),
            activities::session_number.eq(session.then_some(1)),
            activities::rrule.eq(p.rrule),
            activities::series_id.eq(series.map(|s| s.0)),
            activities::occurrence_start.eq(series.map(|s| s.1)),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Invites `who` with one status each.
pub(super) fn attend(
    conn: &mut PgConnection,
    activity: Uuid,
    capacity: Capacity,
    who: &[(Uuid, AttendanceStatus)],
    checked_in: DateTime<Utc>,
) -> QueryResult<()> {
    let rows: Vec<_> = who
        .iter()
        .map(|(d, s)| {
            (
                attendances::id.eq(Uuid::now_v7()),
                attendances::activity_id.eq(activity),
                attendances::deputy_id.eq(Some(*d)),
                attendances::capacity.eq(capacity.as_str()),
                attendances::status.eq(s.as_str()),
                attendances::checked_in_at.eq(s.attended().then_some(checked_in)),
            )
        })
        .collect();
    diesel::insert_into(attendances::table)
        .values(rows)
        .execute(conn)
        .map(|_| ())
}

pub(super) fn all(deputies: &[Uuid], status: AttendanceStatus) -> Vec<(Uuid, AttendanceStatus)> {
    deputies.iter().map(|d| (*d, status)).collect()
}

/// Deputies of a congress's demo term, in id order, with their group.
pub(super) fn members(
    conn: &mut PgConnection,
    congress: Uuid,
) -> QueryResult<Vec<(Uuid, Option<Uuid>)>> {
    mandates::table
        .filter(mandates::congress_id.eq(congress))
        .order(mandates::deputy_id)
        .select((mandates::deputy_id, mandates::deputy_group_id))
        .load(conn)
}

/// A demo vote: subject, office, candidate, yes, no, abstain.
type Ballot<'a> = (&'a str, Option<&'a str>, Option<Uuid>, i32, i32, i32);

/// Heads of the town's departments who attended the first session as observers (列席).
const DEPARTMENT_HEADS: [(&str, &str); 13] = [
    ("周建华", "镇党委办公室主任"),
    ("吴海燕", "镇政府办公室主任"),
    ("郑立新", "镇财政所所长"),
    ("孙振华", "镇农业综合服务站站长"),
    ("刘淑芬", "镇卫生院院长"),
    ("陈宏伟", "镇中心小学校长"),
    ("杨德胜", "镇派出所所长"),
    ("黄玉兰", "镇民政办主任"),
    ("马文博", "镇规划建设办主任"),
    ("林春生", "镇环保所所长"),
    ("何静怡", "镇司法所所长"),
    ("郭永刚", "镇文化站站长"),
    ("罗慧敏", "镇市场监管所所长"),
];

/// Loads the year of activities into the demo township, unless it already has activities.
pub fn load(
    conn: &mut PgConnection,
    township: Uuid,
    district: Uuid,
    city: Uuid,
) -> QueryResult<()> {
    let exists: bool = diesel::select(diesel::dsl::exists(
        activities::table.filter(activities::congress_id.eq(township)),
    ))
    .get_result(conn)?;
    if exists {
        return Ok(());
    }
    let term: Uuid = crate::schema::terms::table
        .filter(crate::schema::terms::congress_id.eq(township))
        .order(crate::schema::terms::number.desc())
        .select(crate::schema::terms::id)
        .first(conn)?;
    let town_members = members(conn, township)?;
    let town: Vec<Uuid> = town_members.iter().map(|m| m.0).collect();
    let district_deputies: Vec<Uuid> = members(conn, district)?.into_iter().map(|m| m.0).collect();
    let city_deputies: Vec<Uuid> = members(conn, city)?.into_iter().map(|m| m.0).collect();
    let upper: Vec<Uuid> = district_deputies
        .iter()
        .chain(&city_deputies)
        .copied()
        .collect();
    let mut groups: Vec<Uuid> = town_members.iter().filter_map(|m| m.1).collect();
    groups.dedup();

    // The first session of the 10th congress: 58 township deputies (one late), two on
    // leave approved beforehand, 20 district and city deputies and 13 department heads
    // as observers: 91 attending.
    let mut p = Plan::new(
        ActivityKind::Session,
        "兆通镇第十届人民代表大会第一次会议",
        "镇政府四楼会议室",
        at(2022, 1, 25, 9, 0),
        at(2022, 1, 26, 17, 0),
    );
    p.organiser = OrganiserKind::Presidium;
    p.description = "听取审议镇政府工作报告、镇人大主席团工作报告和财政预算报告，选举镇人大主席、副主席和镇长、副镇长。全程有区换届督导组监督。";
    p.topics = &["政府工作报告", "财政预算", "换届选举"];
    p.summary = Some("镇政府、镇人大总结了过去五年的工作，宣读了今后的工作计划，分发了财政预算报告，通过了三个报告的决议。代表们积极参加会议，认真讨论，踊跃发言。大会严格按照日程安排，选举产生了人大主席、副主席，镇长、副镇长。");
    p.outcomes =
        Some("通过决议 3 项；选举产生镇人大主席 1 名、副主席 1 名，镇长 1 名、副镇长 2 名。");
    let session = insert(conn, township, term, &p, None)?;
    let mut who = all(&town[2..], AttendanceStatus::Present);
    who[0].1 = AttendanceStatus::Late;
    who.extend(all(&town[..2], AttendanceStatus::OnLeave));
    attend(
        conn,
        session,
        Capacity::Member,
        &who,
        at(2022, 1, 25, 8, 40),
    )?;
    attend(
        conn,
        session,
        Capacity::Observer,
        &all(&upper, AttendanceStatus::Present),
        at(2022, 1, 25, 8, 40),
    )?;
    let heads: Vec<_> = DEPARTMENT_HEADS
        .iter()
        .map(|(name, post)| {
            (
                attendances::id.eq(Uuid::now_v7()),
                attendances::activity_id.eq(session),
                attendances::capacity.eq(Capacity::Observer.as_str()),
                attendances::observer_name.eq(Some(*name)),
                attendances::observer_affiliation.eq(Some(*post)),
                attendances::status.eq(AttendanceStatus::Present.as_str()),
                attendances::checked_in_at.eq(Some(at(2022, 1, 25, 8, 45))),
            )
        })
        .collect();
    diesel::insert_into(attendances::table)
        .values(heads)
        .execute(conn)?;
    for (deputy, reason) in town[..2].iter().zip(["在外地住院治疗", "赴外省参加培训"])
    {
        diesel::insert_into(leave_requests::table)
            .values((
                leave_requests::id.eq(Uuid::now_v7()),
                leave_requests::activity_id.eq(session),
                leave_requests::deputy_id.eq(*deputy),
                leave_requests::reason.eq(reason),
                leave_requests::status.eq("approved"),
                leave_requests::requested_at.eq(at(2022, 1, 20, 10, 0)),
                leave_requests::decided_at.eq(Some(at(2022, 1, 21, 9, 0))),
                leave_requests::decision_note.eq(Some("同意")),
            ))
            .execute(conn)?;
    }
    let name_of = |conn: &mut PgConnection, d: Uuid| -> QueryResult<String> {
        crate::schema::deputies::table
            .find(d)
            .select(crate::schema::deputies::name)
            .first(conn)
    };
    let chair = name_of(conn, town[2])?;
    let vice = name_of(conn, town[3])?;
    let items = [
        ("关于镇人民政府工作报告的决议", "resolution"),
        ("关于镇人大主席团工作报告的决议", "resolution"),
        ("关于镇财政预算报告的决议", "resolution"),
        ("选举镇人大主席、副主席，镇长、副镇长", "election"),
    ];
    for (i, (title, kind)) in items.iter().enumerate() {
        let item = Uuid::now_v7();
        diesel::insert_into(agenda_items::table)
            .values((
                agenda_items::id.eq(item),
                agenda_items::activity_id.eq(session),
                agenda_items::position.eq(i as i32 + 1),
                agenda_items::title.eq(title),
                agenda_items::kind.eq(kind),
            ))
            .execute(conn)?;
        let ballots: Vec<Ballot> = if *kind == "election" {
            vec![
                (chair.as_str(), Some("chairperson"), Some(town[2]), 55, 1, 2),
                (
                    vice.as_str(),
                    Some("vice_chairperson"),
                    Some(town[3]),
                    54,
                    2,
                    2,
                ),
                ("钱志远", Some("township_head"), None, 56, 0, 2),
                ("孙晓东", Some("deputy_township_head"), None, 53, 3, 2),
                ("李红梅", Some("deputy_township_head"), None, 52, 4, 2),
            ]
        } else {
            vec![(title, None, None, 56, 0, 2)]
        };
        for (subject, office, candidate, yes, no, abstain) in ballots {
            diesel::insert_into(votes::table)
                .values((
                    votes::id.eq(Uuid::now_v7()),
                    votes::agenda_item_id.eq(item),
                    votes::subject.eq(subject),
                    votes::office.eq(office),
                    votes::candidate_deputy_id.eq(candidate),
                    votes::yes.eq(yes),
                    votes::no.eq(no),
                    votes::abstain.eq(abstain),
                    votes::recorded_at.eq(at(2022, 1, 26, 16, 0)),
                ))
                .execute(conn)?;
        }
    }

    // The presidium's meeting before the session.
    let mut p = Plan::new(
        ActivityKind::PresidiumMeeting,
        "大会主席团第一次会议",
        "镇政府三楼会议室",
        at(2022, 1, 25, 8, 0),
        at(2022, 1, 25, 8, 40),
    );
    p.organiser = OrganiserKind::Presidium;
    p.summary = Some("通过大会议程和日程，决定大会副秘书长人选。");
    let meeting = insert(conn, township, term, &p, None)?;
    attend(
        conn,
        meeting,
        Capacity::Member,
        &all(&town[2..9], AttendanceStatus::Present),
        at(2022, 1, 25, 7, 55),
    )?;

    // Trainings.
    let mut p = Plan::new(
        ActivityKind::Training,
        "区、镇人大代表履职培训",
        "镇政府四楼会议室",
        at(2022, 2, 22, 9, 0),
        at(2022, 2, 22, 11, 30),
    );
    p.topics = &[
        "传达区人大常委会会议讲话",
        "如何调研写好建议",
        "环境保护法",
        "土地管理法",
    ];
    p.summary = Some("传达了区十五届人大常委会第44次会议上的讲话，讲解怎样搞调研写好高素质的建议，组织学习《环境保护法》《土地管理法》《城乡规划法》等法律法规。");
    let training = insert(conn, township, term, &p, None)?;
    let mut who = all(&town, AttendanceStatus::Present);
    for w in who.iter_mut().skip(50) {
        w.1 = AttendanceStatus::Absent;
    }
    attend(
        conn,
        training,
        Capacity::Member,
        &who,
        at(2022, 2, 22, 8, 50),
    )?;
    attend(
        conn,
        training,
        Capacity::Observer,
        &all(&district_deputies, AttendanceStatus::Present),
        at(2022, 2, 22, 8, 50),
    )?;
    let mut p = Plan::new(
        ActivityKind::Training,
        "《长安区人民代表大会代表履职办法（暂行）（草案）》专题学习",
        "人大代表之家",
        at(2022, 9, 5, 14, 30),
        at(2022, 9, 5, 16, 30),
    );
    p.topics = &["代表履职办法"];
    p.summary = Some("镇人大主席对履职办法进行解读，要求代表提高思想认识、认真履行代表职责，提高法律意识、带头遵纪守法。16 名区人大代表参加学习。");
    let study = insert(conn, township, term, &p, None)?;
    attend(
        conn,
        study,
        Capacity::Observer,
        &all(&district_deputies, AttendanceStatus::Present),
        at(2022, 9, 5, 14, 20),
    )?;

    // Research projects and the inspection, with the city and district deputies.
    let mut p = Plan::new(
        ActivityKind::Research,
        "“推进社区精神文明建设、满足群众文化生活需要”专题调研",
        "镇书画协会",
        at(2022, 4, 12, 9, 0),
        at(2022, 4, 12, 11, 30),
    );
    p.topics = &["社区精神文明建设", "书画协会"];
    p.summary = Some("各村均建立了书画协会，书画进社区提高了居民素质和生活质量。");
    p.outcomes = Some("建议积极培养年轻一代，通过书画协会增进居民团结。");
    let research1 = insert(conn, township, term, &p, None)?;
    attend(
        conn,
        research1,
        Capacity::Member,
        &all(&town[..12], AttendanceStatus::Present),
        at(2022, 4, 12, 8, 55),
    )?;
    let mut p = Plan::new(
        ActivityKind::Research,
        "“我为创城添光彩”创城工作专题调研",
        "镇文化站、镇前公路",
        at(2022, 6, 9, 9, 0),
        at(2022, 6, 9, 12, 0),
    );
    p.topics = &["文明城市创建"];
    p.summary = Some("文化站建设标准较高，镇前公路公益广告宣传初见成效。");
    p.outcomes = Some("代表们对背街小巷、小区脏乱差和乱穿马路等问题提出意见和建议。");
    let research2 = insert(conn, township, term, &p, None)?;
    attend(
        conn,
        research2,
        Capacity::Observer,
        &all(&upper, AttendanceStatus::Present),
        at(2022, 6, 9, 8, 50),
    )?;
    let mut p = Plan::new(
        ActivityKind::Inspection,
        "视察冬季大气污染综合治理工作",
        "双环马钢厂、凌透社区",
        at(2022, 11, 1, 9, 0),
        at(2022, 11, 1, 12, 0),
    );
    p.organiser = OrganiserKind::LiaisonStation;
    p.organiser_name = Some("兆通镇人大代表之家");
    p.topics = &["大气污染防治", "煤改气"];
    p.summary = Some("实地视察锅炉拆除情况及煤改气改造家庭，听取秋冬季大气污染综合治理攻坚行动方案落实情况汇报。");
    p.outcomes = Some("提出有针对性的意见建议，要求持续开展大气污染防治调研。");
    let inspection = insert(conn, township, term, &p, None)?;
    let mut who = all(&upper, AttendanceStatus::Present);
    who[19].1 = AttendanceStatus::Late;
    attend(
        conn,
        inspection,
        Capacity::Observer,
        &who,
        at(2022, 11, 1, 8, 55),
    )?;

    // The forum that asked deputies for advice (双问计).
    let mut p = Plan::new(
        ActivityKind::Forum,
        "人大代表座谈会（双问计）",
        "镇政府四楼会议室",
        at(2022, 3, 15, 9, 0),
        at(2022, 3, 15, 11, 0),
    );
    p.topics = &["京津冀协同发展", "大气污染联防联控", "公共服务资源"];
    p.summary = Some("围绕立体交通、产业对接、公共服务资源落地等问计于代表。");
    p.outcomes = Some("共提出 30 余条建议，及时反馈区人大。");
    let forum = insert(conn, township, term, &p, None)?;
    let mut who = all(&town[..30], AttendanceStatus::Present);
    who[29].1 = AttendanceStatus::Absent;
    attend(conn, forum, Capacity::Member, &who, at(2022, 3, 15, 8, 55))?;

    // Dual contact visits (双联): each deputy group visits its constituents.
    for (i, group) in groups.iter().enumerate() {
        let month = 4 + 2 * i as u32;
        let mut p = Plan::new(
            ActivityKind::DualContactVisit,
            "双联走访选民",
            "本片各村（社区）",
            at(2022, month, 10, 9, 0),
            at(2022, month, 10, 12, 0),
        );
        p.organiser = OrganiserKind::DeputyGroup;
        p.organiser_group = Some(*group);
        p.summary = Some("走访选民，听取意见，收集热点难点问题。");
        let visit = insert(conn, township, term, &p, None)?;
        let members: Vec<Uuid> = town_members
            .iter()
            .filter(|m| m.1 == Some(*group))
            .map(|m| m.0)
            .collect();
        attend(
            conn,
            visit,
            Capacity::Member,
            &all(&members, AttendanceStatus::Present),
            at(2022, month, 10, 9, 0),
        )?;
    }

    // Reception days on the 26th and 27th and the presidium liaison day on the 28th of
    // every month, through the term (R1: five years from the first session).
    let until = "UNTIL=20270125T000000Z";
    let reception_rule = format!("FREQ=MONTHLY;BYMONTHDAY=26,27;{until}");
    let mut p = Plan::new(
        ActivityKind::ReceptionDay,
        "人大代表接待日",
        "兆通镇人大代表之家",
        at(2022, 2, 26, 9, 0),
        at(2022, 2, 26, 11, 30),
    );
    p.organiser = OrganiserKind::LiaisonStation;
    p.organiser_name = Some("兆通镇人大代表之家");
    p.status = ActivityStatus::Notified;
    p.description =
        "镇人大研究决定，每月 26、27 日为人大代表接待日，代表轮流接待群众，听取意见和建议。";
    p.rrule = Some(&reception_rule);
    let reception = insert(conn, township, term, &p, None)?;
    let liaison_rule = format!("FREQ=MONTHLY;BYMONTHDAY=28;{until}");
    let mut p = Plan::new(
        ActivityKind::LiaisonDay,
        "主席团成员联系代表活动日",
        "各村（社区）",
        at(2022, 2, 28, 9, 0),
        at(2022, 2, 28, 12, 0),
    );
    p.organiser = OrganiserKind::Presidium;
    p.status = ActivityStatus::Notified;
    p.description = "每月 28 日，主席团成员下基层走访代表，听取意见、建议，整理后交主席团会商。";
    p.rrule = Some(&liaison_rule);
    let liaison = insert(conn, township, term, &p, None)?;
    // The 26th's reception day and the 28th's liaison day held every month from February,
    // with the deputies on duty (a group in turn) and those the presidium visited; the
    // 27th's stay planned occurrences of the series; one is cancelled.
    for month in 2u32..=12 {
        let group = (month as usize - 2) % groups.len().max(1);
        let start = at(2022, month, 26, 9, 0);
        let mut p = Plan::new(
            ActivityKind::ReceptionDay,
            "人大代表接待日",
            "兆通镇人大代表之家",
            start,
            at(2022, month, 26, 11, 30),
        );
        p.organiser = OrganiserKind::LiaisonStation;
        p.organiser_name = Some("兆通镇人大代表之家");
        p.summary = Some("接待群众来访，登记意见建议，交主席团会商后转政府相关部门办理。");
        let outcomes = match month {
            2 => "接待群众 12 人次，收集意见建议 5 条。".to_string(),
            3 => "接待群众 9 人次，收集意见建议 3 条。".to_string(),
            m => format!(
                "接待群众 {} 人次，收集意见建议 {} 条。",
                6 + m % 5,
                1 + m % 3
            ),
        };
        p.outcomes = Some(&outcomes);
        let held = insert(conn, township, term, &p, Some((reception, start)))?;
        let on_duty: Vec<Uuid> = town_members
            .iter()
            .filter(|m| groups.get(group).is_some_and(|g| m.1 == Some(*g)))
            .map(|m| m.0)
            .take(3)
            .collect();
        attend(
            conn,
            held,
            Capacity::Member,
            &all(&on_duty, AttendanceStatus::Present),
            start,
        )?;
        let start = at(2022, month, 28, 9, 0);
        let mut p = Plan::new(
            ActivityKind::LiaisonDay,
            "主席团成员联系代表活动日",
            "各村（社区）",
            start,
            at(2022, month, 28, 12, 0),
        );
        p.organiser = OrganiserKind::Presidium;
        p.summary = Some("主席团成员下基层走访代表，听取意见、建议，整理后交主席团会商。");
        let visited = format!("走访代表 {} 名，收集意见建议 {} 条。", 3, month % 4 + 1);
        p.outcomes = Some(&visited);
        let held = insert(conn, township, term, &p, Some((liaison, start)))?;
        let next = (group + 1) % groups.len().max(1);
        let met: Vec<Uuid> = town_members
            .iter()
            .filter(|m| groups.get(next).is_some_and(|g| m.1 == Some(*g)))
            .map(|m| m.0)
            .take(3)
            .collect();
        attend(
            conn,
            held,
            Capacity::Member,
            &all(&met, AttendanceStatus::Present),
            start,
        )?;
    }
    let start = at(2022, 12, 27, 9, 0);
    let mut p = Plan::new(
        ActivityKind::ReceptionDay,
        "人大代表接待日",
        "兆通镇人大代表之家",
        start,
        at(2022, 12, 27, 11, 30),
    );
    p.organiser = OrganiserKind::LiaisonStation;
    p.organiser_name = Some("兆通镇人大代表之家");
    p.status = ActivityStatus::Cancelled;
    let cancelled = insert(conn, township, term, &p, Some((reception, start)))?;
    diesel::update(activities::table.find(cancelled))
        .set(activities::cancel_reason.eq(Some("与区人民代表大会会议时间冲突")))
        .execute(conn)?;
    Ok(())
}
