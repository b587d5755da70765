//! Publication (DL 58, R14): the congress chooses what its deputies' public pages carry;
//! the pages need no sign-in and never carry personal data.

use super::fixtures::town;
use super::records::{key, seed};
use actix_web::http::Method;
use renda_openapi::{Metric, PublicDeputy, PublicDeputyList, PublicationSettings};
use serde_json::json;

async fn public(t: &renda_tests::TestApp, path: &str) -> renda_tests::Res {
    t.call(Method::GET, path, None, None, &[]).await
}

#[actix_web::test]
async fn the_public_page_carries_what_the_congress_publishes_and_no_personal_data() {
    let z = town().await;
    seed(&z);
    // A deputy with every personal field filled.
    let full = z
        .t
        .deputy(
            &z.t.admin,
            z.town,
            z.term,
            json!({"name": "钱多多", "gender": "female", "ethnicity": "汉族", "birth_date": "1975-06-18", "party": "中共党员", "workplace_post": "村委会主任",
                   "phone": "13912345678", "address": "兆通镇幸福村8号", "id_card_number": "11010519491231002X"}),
        )
        .await;
    let d = renda_tests::id(&full);
    let page = format!("/api/v1/public/deputies/{d}?year=2022");
    let list = format!("/api/v1/public/congresses/{}/deputies", z.town);
    // Off by default: 404.
    assert_eq!(public(&z.t, &page).await.refusal(404), "publication_off");
    assert_eq!(public(&z.t, &list).await.refusal(404), "publication_off");
    let settings_url = format!("/api/v1/congresses/{}/publication-settings", z.town);
    let res = z.t.get(&settings_url, &z.staff).await;
    assert_eq!(res.header("etag").as_deref(), Some("\"0\""));
    let mut s: PublicationSettings = res.typed(200);
    assert!(!s.enabled);
    s.enabled = true;
    s.show_birth_year = true;
    s.counts = vec![Metric::SessionsAttended, Metric::SuggestionsLed];
    let saved = z.t.put(&settings_url, &z.staff, "\"0\"", json!(s)).await;
    assert_eq!(saved.header("etag").as_deref(), Some("\"1\""));
    z.t.put(&settings_url, &z.staff, "\"0\"", json!(s))
        .await
        .problem(412);
    // The page: basic information, counts in the chosen order, no personal data.
    let res = public(&z.t, &page).await;
    let raw = String::from_utf8(res.bytes.clone()).unwrap();
    let p: PublicDeputy = res.typed(200);
    assert_eq!(
        (p.name.as_str(), p.birth_year, p.party.as_deref()),
        ("钱多多", Some(1975), Some("中共党员"))
    );
    assert_eq!(
        p.count_order,
        [Metric::SessionsAttended, Metric::SuggestionsLed]
    );
    for banned in [
        "13912345678",
        "幸福村",
        "11010519491231002X",
        "birth_month",
        "birth_day",
        "phone",
        "address",
        "id_number",
        "id_card",
        "06-18",
        "1975-06",
    ] {
        assert!(!raw.contains(banned), "{banned} in {raw}");
    }
    // Hiding fields removes them from the page.
    s.show_party = false;
    s.show_birth_year = false;
    z.t.put(&settings_url, &z.staff, "\"1\"", json!(s))
        .await
        .ok(200);
    let raw = String::from_utf8(public(&z.t, &page).await.bytes).unwrap();
    assert!(!raw.contains("中共党员") && !raw.contains("1975"), "{raw}");
    public(&z.t, &format!("/api/v1/public/deputies/{d}?year=1900"))
        .await
        .problem(422);
    public(
        &z.t,
        &format!("/api/v1/public/deputies/{}", uuid::Uuid::now_v7()),
    )
    .await
    .problem(404);
}

#[actix_web::test]
async fn only_the_office_of_the_congress_sets_what_is_published() {
    let z = town().await;
    let url = format!("/api/v1/congresses/{}/publication-settings", z.town);
    let s = json!(PublicationSettings::default());
    for token in [&z.dep[0], &z.presidium] {
        assert_eq!(z.t.get(&url, token).await.refusal(403), "role_may_not");
        assert_eq!(
            z.t.put(&url, token, "\"0\"", s.clone()).await.refusal(403),
            "role_may_not"
        );
    }
    z.t.get(&url, &z.stranger).await.problem(404);
    z.t.put(&url, &z.stranger, "\"0\"", s.clone())
        .await
        .problem(404);
    z.t.get(&url, &z.t.admin).await.ok(200);
    let read = key(&z, &["assessments:read"]).await;
    z.t.get(&url, &read).await.ok(200);
    z.t.put(&url, &read, "\"0\"", s.clone()).await.problem(403);
    // Unknown fields and duplicate counts are refused; no If-Match: 428.
    let mut bad = s.clone();
    bad["phone"] = json!(true);
    z.t.put(&url, &z.staff, "\"0\"", bad).await.problem(422);
    let mut dup = s.clone();
    dup["counts"] = json!(["awards", "awards"]);
    z.t.put(&url, &z.staff, "\"0\"", dup).await.problem(422);
    z.t.call(Method::PUT, &url, Some(&z.staff), Some(&s), &[])
        .await
        .problem(428);
    z.t.put(&url, &z.staff, "\"0\"", s).await.ok(200);
}

#[actix_web::test]
async fn the_public_list_holds_every_deputy_of_the_term_in_pages() {
    let z = town().await;
    seed(&z);
    let full =
        z.t.deputy(
            &z.t.admin,
            z.town,
            z.term,
            json!({"name": "钱多多", "phone": "13912345678", "address": "兆通镇幸福村8号"}),
        )
        .await;
    assert!(renda_tests::id(&full) != uuid::Uuid::nil());
    let list = format!("/api/v1/public/congresses/{}/deputies", z.town);
    let settings_url = format!("/api/v1/congresses/{}/publication-settings", z.town);
    let s = PublicationSettings {
        enabled: true,
        ..Default::default()
    };
    z.t.put(&settings_url, &z.staff, "\"0\"", json!(s))
        .await
        .ok(200);
    // The counts are the record's.
    let d0: PublicDeputy = public(
        &z.t,
        &format!("/api/v1/public/deputies/{}?year=2022", z.deputies[0]),
    )
    .await
    .typed(200);
    assert_eq!(d0.counts.get(&Metric::SuggestionsLed), Some(&1));
    assert_eq!(d0.counts.get(&Metric::SessionsAttended), Some(&1));
    assert!(!d0.counts.contains_key(&Metric::Trainings));
    // The list: everyone of the term, paged, no personal data.
    let l: PublicDeputyList = public(&z.t, &list).await.typed(200);
    assert_eq!(l.deputies.len(), 7);
    assert_eq!(l.term_number, 10);
    let first: PublicDeputyList = public(&z.t, &format!("{list}?limit=3")).await.typed(200);
    assert_eq!(first.deputies.len(), 3);
    let next = first.next_cursor.unwrap();
    let second: PublicDeputyList = public(&z.t, &format!("{list}?limit=3&cursor={next}"))
        .await
        .typed(200);
    assert_eq!(second.deputies[0].deputy_id, l.deputies[3].deputy_id);
    let raw = String::from_utf8(public(&z.t, &list).await.bytes).unwrap();
    assert!(!raw.contains("13912345678") && !raw.contains("幸福村"));
}

#[actix_web::test]
async fn the_public_pages_are_rate_limited_per_address() {
    let z = town().await;
    let list = format!("/api/v1/public/congresses/{}/deputies", z.town);
    let mut limited = 0;
    for _ in 0..80 {
        let res = public(&z.t, &list).await;
        match res.status.as_u16() {
            404 => {}
            429 => {
                // As the contract says: problem+json.
                assert_eq!(res.problem(429)["code"], "too_many_requests");
                limited += 1
            }
            other => panic!("status {other}"),
        }
    }
    assert!(limited > 0, "no request over the limit was refused");
}
