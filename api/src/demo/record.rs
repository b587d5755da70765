//! The demo township's 2022 performance record, so that every deputy's 履职档案 comes from
//! data and nothing is typed twice: posts and group leaders, the deputies' suggestions of
//! 2022 (`suggestions_2022`), some self-declared entries (approved, pending, rejected) and
//! a duty-report activity (述职评议) in which three deputies reported to constituents'
//! representatives with their ballots.

use super::activities::{at, attend, insert, members, Plan};
use crate::schema::{
    deputy_groups, duty_reports, entry_kinds, mandates, performance_entries, suggestions, terms,
};
use chrono::NaiveDate;
use diesel::prelude::*;
use renda_openapi::{ActivityKind, AttendanceStatus, Capacity, CongressId, OrganiserKind};
use uuid::Uuid;

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
    super::suggestions_2022::load(conn, township, &order)?;
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
