//! Rater stages of a run (each by its own rater: self, group leader for their group,
//! presidium, office; constituents by ballots) and who sees and does what on a run.

use super::fixtures::town;
use super::run_fixtures::*;
use renda_openapi::{AssessmentRun, DeputyScore, RunPage, RunScores};
use serde_json::json;

fn item<'a>(s: &'a DeputyScore, key: &str) -> &'a renda_openapi::ItemScore {
    s.items.iter().find(|i| i.key == key).unwrap()
}

fn of<'a>(scores: &'a RunScores, name: &str) -> &'a DeputyScore {
    scores
        .scores
        .iter()
        .find(|s| s.deputy.name == name)
        .unwrap()
}

async fn scores(z: &super::fixtures::Town, token: &str, run: &AssessmentRun) -> RunScores {
    z.t.get(&format!("/api/v1/assessment-runs/{}/scores", run.id), token)
        .await
        .typed(200)
}

// Long: one story from setup to its last step; each check builds on the state the one before left.
#[actix_web::test]
async fn rater_stages_each_by_their_own_rater() {
    let z = town().await;
    let d = &z.deputies;
    let mut def = boundary_scheme();
    def["items"].as_array_mut().unwrap().push(json!({"key": "raters", "label": "评议打分", "category": "raters", "rule": {"type": "raters", "max_points": 20}}));
    def["raters"] = json!([{"stage": "self", "weight": 0.2}, {"stage": "group", "weight": 0.3}, {"stage": "presidium", "weight": 0.3}, {"stage": "office", "weight": 0.2}]);
    group(&z, "第一代表小组", &[d[0], d[1], d[2]], Some(d[0]));
    group(&z, "第二代表小组", &[d[3], d[4], d[5]], Some(d[3]));
    let s = scheme(&z, def).await;
    let r = run(&z, &s, 2022).await;
    let path = format!("/api/v1/assessment-runs/{}/ratings", r.id);
    let rate = |token: &str, deputy: renda_openapi::DeputyId, stage: &str, score: f64| {
        let body = json!({"deputy_id": deputy, "stage": stage, "score": score});
        let token = token.to_string();
        let t = &z.t;
        let path = path.clone();
        async move {
            t.call(
                actix_web::http::Method::PUT,
                &path,
                Some(&token),
                Some(&body),
                &[],
            )
            .await
        }
    };
    // A deputy rates once the run is published (before, it is not theirs to see).
    assert_eq!(
        rate(&z.dep[1], d[1], "self", 90.0).await.status.as_u16(),
        404
    );
    publish(&z, &r).await;
    rate(&z.dep[1], d[1], "self", 90.0).await.ok(200);
    assert_eq!(
        rate(&z.dep[1], d[2], "self", 90.0).await.refusal(403),
        "not_your_rater_stage"
    );
    // A group leader rates their own group's members only.
    rate(&z.dep[0], d[1], "group", 80.0).await.ok(200);
    assert_eq!(
        rate(&z.dep[0], d[4], "group", 80.0).await.refusal(403),
        "not_your_rater_stage"
    );
    assert_eq!(
        rate(&z.dep[1], d[2], "group", 80.0).await.refusal(403),
        "not_your_rater_stage"
    );
    rate(&z.presidium, d[1], "presidium", 70.0).await.ok(200);
    assert_eq!(
        rate(&z.staff, d[1], "presidium", 70.0).await.refusal(403),
        "not_your_rater_stage"
    );
    rate(&z.staff, d[1], "office", 60.0).await.ok(200);
    assert_eq!(
        rate(&z.dep[1], d[1], "office", 60.0).await.refusal(403),
        "not_your_rater_stage"
    );
    assert_eq!(
        rate(&z.staff, d[1], "constituents", 60.0)
            .await
            .refusal(409),
        "constituents_rate_by_ballots"
    );
    assert_eq!(
        rate(&z.staff, d[1], "office", 101.0).await.refusal(422),
        "out_of_range"
    );
    rate(&z.stranger, d[1], "office", 60.0).await.problem(404);
    // A second score by the same rater replaces the first.
    rate(&z.staff, d[1], "office", 70.0).await.ok(200);
    // Not frozen while scores given since the last computation are left out of it.
    let freeze = json!({"step": "freeze", "close_window_early": true});
    assert_eq!(
        step(&z, &z.staff, &r, freeze.clone()).await.refusal(409),
        "ratings_since_compute"
    );
    step(&z, &z.staff, &r, json!({"step": "compute"}))
        .await
        .ok(200);
    let li = of(&scores(&z, &z.staff, &r).await, "李秀英").clone();
    // 20 × (0.2×90 + 0.3×80 + 0.3×70 + 0.2×70) ÷ 100 = 15.4
    assert_eq!(item(&li, "raters").points, 15.4);
    assert!(!li.flags.contains(&renda_openapi::ScoreFlag::RatingsMissing));
    assert!(of(&scores(&z, &z.staff, &r).await, "王建国")
        .flags
        .contains(&renda_openapi::ScoreFlag::RatingsMissing));
    // A deputy sees the scores they gave and those of themself.
    let mine: Vec<renda_openapi::Rating> = z.t.get(&path, &z.dep[0]).await.typed(200);
    assert_eq!(mine.len(), 1);
    let all: Vec<renda_openapi::Rating> = z.t.get(&path, &z.presidium).await.typed(200);
    assert_eq!(all.len(), 4);
    // A district's sync: only what changed since an instant.
    for (since, n) in [("2000-01-01T00:00:00Z", 4), ("2999-01-01T00:00:00Z", 0)] {
        let got: Vec<renda_openapi::Rating> =
            z.t.get(&format!("{path}?updated_since={since}"), &z.presidium)
                .await
                .typed(200);
        assert_eq!(got.len(), n, "{since}");
    }
    // Frozen: no more scores.
    step(&z, &z.staff, &r, freeze).await.ok(200);
    assert_eq!(
        rate(&z.staff, d[1], "office", 60.0).await.refusal(409),
        "run_closed"
    );
}

// Long: one story from setup to its last step; each check builds on the state the one before left.
#[actix_web::test]
async fn who_sees_and_does_what_on_a_run() {
    let z = town().await;
    let s = scheme(&z, boundary_scheme()).await;
    let body =
        json!({"term_id": z.term, "scheme_id": s.id, "name": "2022年度代表履职考核", "year": 2022});
    let org = handling_org(&z).await;
    let read = key(&z, "sync_read", &["assessments:read"]).await;
    let write = key(&z, "sync_write", &["assessments:write"]).await;
    for token in [&z.dep[0], &z.presidium, &read] {
        z.t.post("/api/v1/assessment-runs", token, body.clone())
            .await
            .problem(403);
    }
    z.t.post("/api/v1/assessment-runs", &z.stranger, body.clone())
        .await
        .problem(404);
    assert_eq!(
        z.t.post(
            "/api/v1/assessment-runs",
            &z.staff,
            json!({"term_id": z.term, "scheme_id": s.id, "name": "x", "year": 2022, "quarter": 5})
        )
        .await
        .refusal(422),
        "out_of_range"
    );
    let r: AssessmentRun =
        z.t.post("/api/v1/assessment-runs", &write, body)
            .await
            .typed(201);
    let path = format!("/api/v1/assessment-runs/{}", r.id);
    // A draft: the office and the presidium see it, deputies do not.
    z.t.get(&path, &z.presidium).await.ok(200);
    z.t.get(&path, &read).await.ok(200);
    z.t.get(&path, &z.dep[0]).await.problem(404);
    z.t.get(&format!("{path}/scores"), &z.dep[0])
        .await
        .problem(404);
    let listed: RunPage =
        z.t.get("/api/v1/assessment-runs", &z.dep[0])
            .await
            .typed(200);
    assert!(listed.items.is_empty());
    z.t.get(&path, &z.stranger).await.problem(404);
    z.t.get(&path, &org).await.problem(403);
    z.t.get("/api/v1/assessment-runs", &org).await.problem(403);
    for token in [&z.dep[0], &z.presidium] {
        step(&z, token, &r, json!({"step": "compute"}))
            .await
            .problem(403);
    }
    step(&z, &read, &r, json!({"step": "compute"}))
        .await
        .problem(403);
    step(&z, &write, &r, json!({"step": "compute"}))
        .await
        .ok(200);
    // Published to each their own: a deputy reads only their own breakdown.
    step(
        &z,
        &z.staff,
        &r,
        json!({"step": "publish", "objections_until": today()}),
    )
    .await
    .ok(200);
    let own = scores(&z, &z.dep[0], &r).await;
    assert_eq!((own.scores.len(), own.assessed), (1, 6));
    assert_eq!(own.scores[0].deputy.deputy_id, z.deputies[0]);
    assert!(own.groups.is_empty());
    assert_eq!(
        z.t.get(
            &format!("{path}/scores?deputy_id={}", z.deputies[1].0),
            &z.dep[0]
        )
        .await
        .refusal(403),
        "scores_not_published"
    );
    assert_eq!(scores(&z, &z.presidium, &r).await.scores.len(), 6);
    let listed: RunPage =
        z.t.get("/api/v1/assessment-runs?year=2022", &z.dep[0])
            .await
            .typed(200);
    assert_eq!(listed.items.len(), 1);
    // Published to all: every deputy reads every row.
    let r2 = run(&z, &s, 2022).await;
    step(
        &z,
        &z.staff,
        &r2,
        json!({"step": "publish", "objections_until": today(), "publish_to_all": true}),
    )
    .await
    .ok(200);
    assert_eq!(scores(&z, &z.dep[3], &r2).await.scores.len(), 6);
    // Cancelled: no further step.
    let r3 = run(&z, &s, 2022).await;
    step(&z, &z.staff, &r3, json!({"step": "cancel"}))
        .await
        .ok(200);
    assert_eq!(
        step(
            &z,
            &z.staff,
            &r3,
            json!({"step": "publish", "objections_until": today()})
        )
        .await
        .refusal(409),
        "run_step_not_allowed"
    );
}

/// `GET …/rateable` offers each rater exactly the scores `PUT …/ratings` accepts from
/// them, with their score so far, and nothing once the run is frozen.
// Long: one story from setup to its last step; each check builds on the state the one before left.
#[actix_web::test]
async fn each_rater_is_offered_exactly_the_scores_they_may_give() {
    use renda_openapi::{Rateable, RaterStage as S};
    let z = town().await;
    let d = &z.deputies;
    let mut def = boundary_scheme();
    def["items"].as_array_mut().unwrap().push(json!({"key": "raters", "label": "评议打分", "category": "raters", "rule": {"type": "raters", "max_points": 20}}));
    def["raters"] = json!([{"stage": "self", "weight": 0.2}, {"stage": "group", "weight": 0.3}, {"stage": "presidium", "weight": 0.3}, {"stage": "office", "weight": 0.1}, {"stage": "constituents", "weight": 0.1}]);
    group(&z, "第一代表小组", &[d[0], d[1], d[2]], Some(d[0]));
    group(&z, "第二代表小组", &[d[3], d[4], d[5]], Some(d[3]));
    let s = scheme(&z, def).await;
    let r = run(&z, &s, 2022).await;
    let path = format!("/api/v1/assessment-runs/{}/rateable", r.id);
    z.t.get(&path, &z.dep[0]).await.problem(404);
    publish(&z, &r).await;
    let offered = |token: &str| {
        let (t, path, token) = (&z.t, path.clone(), token.to_string());
        async move {
            let rows: Vec<Rateable> = t.get(&path, &token).await.typed(200);
            rows.into_iter()
                .map(|x| (x.deputy.deputy_id, x.stage, x.rating.map(|r| r.score)))
                .collect::<Vec<_>>()
        }
    };
    let office = offered(&z.staff).await;
    assert_eq!(office.len(), 6);
    assert!(office
        .iter()
        .all(|(_, s, r)| *s == S::Office && r.is_none()));
    // The leader of the first group: themself, and the group's two other members.
    let leader = offered(&z.dep[0]).await;
    let mut got: Vec<_> = leader.iter().map(|(x, s, _)| (*x, *s)).collect();
    let mut want = vec![(d[0], S::SelfRating), (d[1], S::Group), (d[2], S::Group)];
    got.sort_by_key(|(x, s)| (x.0, s.as_str()));
    want.sort_by_key(|(x, s)| (x.0, s.as_str()));
    assert_eq!(got, want);
    assert_eq!(leader[0].1, S::SelfRating, "stages in the scheme's order");
    assert_eq!(
        offered(&z.dep[4]).await.len(),
        1,
        "a member rates themself only"
    );
    // The presidium: every deputy, and the leaders at the group stage.
    let presidium = offered(&z.presidium).await;
    assert_eq!(presidium.iter().filter(|x| x.1 == S::Presidium).count(), 6);
    let mut leaders: Vec<_> = presidium
        .iter()
        .filter(|x| x.1 == S::Group)
        .map(|x| x.0)
        .collect();
    leaders.sort();
    let mut want = vec![d[0], d[3]];
    want.sort();
    assert_eq!(leaders, want);
    assert!(presidium.iter().all(|x| x.1 != S::Constituents));
    // Offered exactly when accepted: every role, deputy and stage through PUT.
    let put = format!("/api/v1/assessment-runs/{}/ratings", r.id);
    for token in [
        &z.staff,
        &z.presidium,
        &z.dep[0],
        &z.dep[1],
        &z.dep[3],
        &z.dep[4],
    ] {
        let offers = offered(token).await;
        for deputy in d {
            for stage in [
                S::SelfRating,
                S::Group,
                S::Presidium,
                S::Office,
                S::Constituents,
            ] {
                let body = json!({"deputy_id": deputy, "stage": stage, "score": 85});
                let res =
                    z.t.call(
                        actix_web::http::Method::PUT,
                        &put,
                        Some(token),
                        Some(&body),
                        &[],
                    )
                    .await;
                let is_offered = offers.iter().any(|x| x.0 == *deputy && x.1 == stage);
                assert_eq!(
                    res.status.as_u16() == 200,
                    is_offered,
                    "{deputy:?} {stage:?}: {}",
                    res.status
                );
            }
        }
    }
    // Then shown as given, to each rater their own.
    assert!(offered(&z.dep[0])
        .await
        .iter()
        .all(|(_, _, r)| *r == Some(85.0)));
    assert!(offered(&z.staff)
        .await
        .iter()
        .all(|(_, _, r)| *r == Some(85.0)));
    // A read-only key is offered nothing; a handling organisation is refused.
    let read = key(&z, "sync_read", &["assessments:read"]).await;
    assert!(offered(&read).await.is_empty());
    z.t.get(&path, &handling_org(&z).await).await.problem(403);
    z.t.get(&path, &z.stranger).await.problem(404);
    step(&z, &z.staff, &r, json!({"step": "compute"}))
        .await
        .ok(200);
    step(
        &z,
        &z.staff,
        &r,
        json!({"step": "freeze", "close_window_early": true}),
    )
    .await
    .ok(200);
    assert!(offered(&z.staff).await.is_empty());
}

/// An objection filed while the run is being frozen waits for the freeze and is then
/// refused (`objection_window_closed`): a frozen run never keeps an open objection that nobody may
/// answer any more.
#[actix_web::test]
async fn an_objection_filed_while_the_run_freezes_waits_and_is_refused() {
    use diesel::RunQueryDsl;
    let z = town().await;
    let s = scheme(&z, boundary_scheme()).await;
    let r = run(&z, &s, 2022).await;
    publish(&z, &r).await;
    // A freeze in progress: the run's row taken for update, as the step takes it.
    let mut conn = z.t.db.conn();
    let sql = |conn: &mut diesel::PgConnection, q: &str| {
        diesel::sql_query(q).execute(conn).unwrap();
    };
    sql(&mut conn, "BEGIN");
    sql(
        &mut conn,
        &format!(
            "SELECT 1 FROM assessment_runs WHERE id = '{}' FOR UPDATE",
            r.id
        ),
    );
    let path = format!("/api/v1/assessment-runs/{}/objections", r.id);
    let filing = z.t.post(
        &path,
        &z.dep[0],
        json!({"item_key": "inspections", "text": "3月参加了视察，记录遗漏"}),
    );
    let freezing = async {
        actix_web::rt::time::sleep(std::time::Duration::from_millis(300)).await;
        sql(
            &mut conn,
            &format!(
                "UPDATE assessment_runs SET status = 'frozen', frozen_at = now() WHERE id = '{}'",
                r.id
            ),
        );
        sql(&mut conn, "COMMIT");
    };
    let (filed, ()) = futures_util::future::join(filing, freezing).await;
    assert_eq!(filed.refusal(409), "objection_window_closed");
    let open: i64 =
        z.t.get(&format!("/api/v1/assessment-runs/{}", r.id), &z.staff)
            .await
            .json()["open_objections"]
            .as_i64()
            .unwrap();
    assert_eq!(open, 0);
}
