//! A run's stored scores: each kept as what it was computed from, its breakdown rebuilt
//! on read (and written when the run freezes), and rows of the earlier form read as they
//! were written.

use super::fixtures::town;
use super::run_fixtures::*;
use super::runs::{item, of, scores};
use diesel::prelude::*;

/// One text column of a raw query.
#[derive(QueryableByName)]
struct Text {
    #[diesel(sql_type = diesel::sql_types::Text)]
    t: String,
}

/// A score is stored as what it was computed from and its breakdown rebuilt on read: the
/// ranking reads the same before and after the deputy is renamed (the name as assessed),
/// and a row stored in the earlier form (the whole breakdown) reads as it was written.
#[actix_web::test]
async fn a_stored_score_reads_as_computed_whatever_its_form() {
    let z = town().await;
    activities(
        &z,
        "inspection",
        "2022-03-01",
        2,
        Some(z.deputies[0]),
        "present",
        None,
    );
    let s = scheme(&z, boundary_scheme()).await;
    let r = run(&z, &s, 2022).await;
    let before = scores(&z, &z.staff, &r).await;
    let wang = of(&before, "王建国").clone();
    assert_eq!(item(&wang, "inspections").points, 3.0);
    let mut conn = z.t.db.conn();
    diesel::sql_query(format!(
        "UPDATE deputies SET name = '王建华' WHERE id = '{}'",
        z.deputies[0].0
    ))
    .execute(&mut conn)
    .unwrap();
    assert_eq!(scores(&z, &z.staff, &r).await, before);
    let stored: String = diesel::sql_query(format!(
        "SELECT inputs::text AS t FROM assessment_scores WHERE run_id = '{}' AND deputy_id = '{}'",
        r.id, z.deputies[0].0
    ))
    .get_result::<Text>(&mut conn)
    .unwrap()
    .t;
    assert!(stored.contains(r#""inspections":2"#), "{stored}");
    assert!(
        !stored.contains("sessions_invited"),
        "zero counts are left out: {stored}"
    );
    let legacy = serde_json::to_string(&wang).unwrap().replace('\'', "''");
    diesel::sql_query(format!(
        "UPDATE assessment_scores SET score = '{legacy}', inputs = NULL \
         WHERE run_id = '{}' AND deputy_id = '{}'",
        r.id, z.deputies[0].0
    ))
    .execute(&mut conn)
    .unwrap();
    assert_eq!(scores(&z, &z.staff, &r).await, before);
}
