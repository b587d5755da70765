//! Deputies and mandates: create, read, update with versions, delete, status changes
//! under the law, masking by role, list filters and pagination.

use actix_web::http::Method;
use renda_openapi::Role;
use renda_tests::*;
use serde_json::{json, Value};
use uuid::Uuid;

struct Town {
    t: TestApp,
    town: Uuid,
    term: Uuid,
}

async fn town() -> Town {
    let t = TestApp::new().await;
    let town = t.township("兆通镇人民代表大会").await;
    let term = t.term(town, 10, "2022-01-25").await;
    Town { t, town, term }
}

fn person(name: &str) -> Value {
    json!({
        "name": name, "gender": "female", "ethnicity": "汉族", "birth_date": "1975-06",
        "party": "中共", "workplace_post": "东兆通村党支部书记", "phone": "13812345678",
        "id_card_number": "11010519491231002X", "address": "东兆通村1号", "notes": "连任"
    })
}

#[actix_web::test]
async fn create_read_update_with_etag() {
    let Town { t, town, term } = town().await;
    let created = t.deputy(&t.admin, town, term, person("赵丽")).await;
    assert_eq!(created["birth_date"], "1975-06");
    assert_eq!(created["id_card_number"], "11010519491231002X");
    assert_eq!(created["personal_data_masked"], false);
    assert_eq!(created["mandates"][0]["status"], "active");
    assert_eq!(created["mandates"][0]["term_number"], 10);
    let path = format!("/api/v1/deputies/{}", id(&created));
    let read = t.get(&path, &t.admin).await;
    assert_eq!(read.header("etag").as_deref(), Some("\"1\""));
    let mut change = person("赵丽");
    change["workplace_post"] = json!("兆通镇卫生院院长");
    t.call(Method::PUT, &path, Some(&t.admin), Some(&change), &[])
        .await
        .problem(428);
    t.put(&path, &t.admin, "\"0\"", change.clone())
        .await
        .problem(412);
    let r = t.put(&path, &t.admin, "\"1\"", change.clone()).await;
    assert_eq!(r.header("etag").as_deref(), Some("\"2\""));
    assert_eq!(r.ok(200)["workplace_post"], "兆通镇卫生院院长");
    // The old version is stale now.
    t.put(&path, &t.admin, "\"1\"", change).await.problem(412);
    // The change is audited with before and after.
    use diesel::prelude::*;
    use renda_api::schema::audit_log::dsl as a;
    let n: i64 = a::audit_log
        .filter(a::entity.eq("deputy"))
        .filter(a::action.eq("update"))
        .filter(a::before.is_not_null())
        .filter(a::after.is_not_null())
        .count()
        .get_result(&mut t.db.conn())
        .unwrap();
    assert_eq!(n, 1);
}

#[actix_web::test]
async fn validation_matches_the_roster_rules() {
    let Town { t, town, .. } = town().await;
    let bad = json!({"congress_id": town, "name": "张3", "birth_date": "1967-13", "phone": "12345", "id_card_number": "110105194912310021", "ethnicity": "族".repeat(21)});
    let p = t.post("/api/v1/deputies", &t.admin, bad).await.problem(422);
    let mut pointers: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    pointers.sort();
    assert_eq!(
        pointers,
        [
            "/birth_date",
            "/ethnicity",
            "/id_card_number",
            "/name",
            "/phone"
        ]
    );
    // Full-width input is folded to half-width before it is checked and stored.
    let ok = t.post("/api/v1/deputies", &t.admin, json!({"congress_id": town, "name": " 王　芳 ", "phone": "１３８１２３４５６７８", "birth_date": "１９８０年２月"})).await.ok(201);
    assert_eq!(
        ok["name"], "王芳",
        "padding between Chinese characters is not part of a name"
    );
    assert_eq!(ok["phone"], "13812345678");
    assert_eq!(ok["birth_date"], "1980-02");
}

#[actix_web::test]
async fn external_ids_and_id_cards_are_unique_per_congress() {
    let Town { t, town, term } = town().await;
    let mut a = person("甲");
    a["external_id"] = json!("D-001");
    t.deputy(&t.admin, town, term, a).await;
    let mut b = person("乙");
    b["id_card_number"] = json!("110101199003074514");
    b["external_id"] = json!("D-001");
    let p = t
        .post("/api/v1/deputies", &t.admin, {
            let mut x = b.clone();
            x["congress_id"] = json!(town);
            x
        })
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/external_id");
    b["external_id"] = json!("D-002");
    b["id_card_number"] = json!("11010519491231002X");
    let p = t
        .post("/api/v1/deputies", &t.admin, {
            let mut x = b.clone();
            x["congress_id"] = json!(town);
            x
        })
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/id_card_number");
}

#[actix_web::test]
async fn id_cards_are_encrypted_at_rest() {
    let Town { t, town, term } = town().await;
    t.deputy(&t.admin, town, term, person("赵丽")).await;
    use diesel::prelude::*;
    use renda_api::schema::deputies::dsl as d;
    let (enc, digest): (Option<Vec<u8>>, Option<Vec<u8>>) = d::deputies
        .select((d::id_card_encrypted, d::id_card_digest))
        .first(&mut t.db.conn())
        .unwrap();
    let enc = enc.unwrap();
    assert!(!String::from_utf8_lossy(&enc).contains("11010519491231002X"));
    assert!(!enc.windows(6).any(|w| w == b"110105"));
    assert_eq!(digest.unwrap().len(), 32);
}

#[actix_web::test]
async fn idempotency_key_makes_a_retried_create_safe() {
    let Town { t, town, .. } = town().await;
    let body = json!({"congress_id": town, "name": "重试"});
    let first = t
        .call(
            Method::POST,
            "/api/v1/deputies",
            Some(&t.admin),
            Some(&body),
            &[("Idempotency-Key", "k-1")],
        )
        .await
        .ok(201);
    let again = t
        .call(
            Method::POST,
            "/api/v1/deputies",
            Some(&t.admin),
            Some(&body),
            &[("Idempotency-Key", "k-1")],
        )
        .await
        .ok(201);
    assert_eq!(first["id"], again["id"]);
    let list = t
        .get("/api/v1/deputies?with_total=true&q=重试", &t.admin)
        .await
        .ok(200);
    assert_eq!(list["total"], 1);
    let other = json!({"congress_id": town, "name": "别人"});
    let p = t
        .call(
            Method::POST,
            "/api/v1/deputies",
            Some(&t.admin),
            Some(&other),
            &[("Idempotency-Key", "k-1")],
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "reused");
}

#[actix_web::test]
async fn personal_data_is_masked_for_roles_that_do_not_need_it() {
    let Town { t, town, term } = town().await;
    let own = t.deputy(&t.admin, town, term, person("本人")).await;
    let other = t
        .deputy(&t.admin, town, term, {
            let mut p = person("他人");
            p["id_card_number"] = json!("110101199003074514");
            p
        })
        .await;
    let deputy = t.user("deputy", Role::Deputy, town, Some(id(&own))).await;
    let presidium = t.user("presidium", Role::Presidium, town, None).await;
    let org = t.user("org", Role::HandlingOrg, town, None).await;
    let integration = t.user("script", Role::Integration, town, None).await;
    let path = format!("/api/v1/deputies/{}", id(&other));
    let seen = t.get(&path, &deputy).await.ok(200);
    assert_eq!(seen["phone"], "138****5678");
    assert_eq!(seen["id_card_number"], "110101********4514");
    assert_eq!(seen["address"], Value::Null);
    assert_eq!(seen["personal_data_masked"], true);
    // A deputy sees their own data in full.
    let mine = t
        .get(&format!("/api/v1/deputies/{}", id(&own)), &deputy)
        .await
        .ok(200);
    assert_eq!(mine["id_card_number"], "11010519491231002X");
    assert_eq!(mine["personal_data_masked"], false);
    // The presidium sees contacts, not ID numbers; a handling organisation sees neither.
    let p = t.get(&path, &presidium).await.ok(200);
    assert_eq!(p["phone"], "13812345678");
    assert_eq!(p["id_card_number"], "110101********4514");
    let o = t.get(&path, &org).await.ok(200);
    assert_eq!(o["phone"], "138****5678");
    let i = t.get(&path, &integration).await.ok(200);
    assert_eq!(i["id_card_number"], "110101********4514");
    // Lists mask phones the same way.
    let list = t.get("/api/v1/deputies?q=他人", &org).await.ok(200);
    assert_eq!(list["items"][0]["phone"], "138****5678");
    // Masked values sent back unchanged keep the stored values.
    let mut back = i.clone();
    back["workplace_post"] = json!("新单位");
    let updated = t.put(&path, &integration, "\"1\"", back).await.ok(200);
    assert_eq!(updated["workplace_post"], "新单位");
    let full = t.get(&path, &t.admin).await.ok(200);
    assert_eq!(full["id_card_number"], "110101199003074514");
    assert_eq!(full["phone"], "13812345678");
    // The address the integration client never saw survives its write.
    assert_eq!(full["address"], "东兆通村1号");
}

#[actix_web::test]
async fn a_deputy_changes_only_their_own_contacts() {
    let Town { t, town, term } = town().await;
    let own = t.deputy(&t.admin, town, term, person("本人")).await;
    let other = t
        .deputy(&t.admin, town, term, json!({"name": "他人"}))
        .await;
    let deputy = t.user("deputy", Role::Deputy, town, Some(id(&own))).await;
    // Another deputy's record: forbidden.
    t.put(
        &format!("/api/v1/deputies/{}", id(&other)),
        &deputy,
        "\"1\"",
        person("他人"),
    )
    .await
    .problem(403);
    t.post(
        "/api/v1/deputies",
        &deputy,
        json!({"congress_id": town, "name": "新人"}),
    )
    .await
    .problem(403);
    let path = format!("/api/v1/deputies/{}", id(&own));
    let mut mine = person("本人");
    mine["phone"] = json!("13900001111");
    mine["address"] = json!("新地址");
    let r = t.put(&path, &deputy, "\"1\"", mine.clone()).await.ok(200);
    assert_eq!(r["phone"], "13900001111");
    mine["workplace_post"] = json!("自封职务");
    let p = t.put(&path, &deputy, "\"2\"", mine).await.problem(403);
    assert!(p["detail"].as_str().unwrap().contains("workplace_post"));
    let statuses = t
        .post(
            &format!(
                "/api/v1/mandates/{}/status",
                own["mandates"][0]["id"].as_str().unwrap()
            ),
            &deputy,
            json!({"status": "terminated", "reason": "resigned", "date": "2024-01-01"}),
        )
        .await;
    statuses.problem(403);
}

async fn status(t: &TestApp, mandate: &str, body: Value) -> Res {
    t.post(
        &format!("/api/v1/mandates/{mandate}/status"),
        &t.admin,
        body,
    )
    .await
}

#[actix_web::test]
async fn mandate_status_follows_the_deputies_law() {
    let Town { t, town, term } = town().await;
    let d = t.deputy(&t.admin, town, term, person("赵丽")).await;
    let m = d["mandates"][0]["id"].as_str().unwrap().to_string();
    // R9 (DL 61): suspension needs custody or a sentence as its reason.
    let p = status(
        &t,
        &m,
        json!({"status": "suspended", "reason": "resigned", "date": "2024-01-02"}),
    )
    .await
    .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/reason");
    status(&t, &m, json!({"status": "suspended", "date": "2024-01-02"}))
        .await
        .problem(422);
    let s = status(
        &t,
        &m,
        json!({"status": "suspended", "reason": "in_custody", "date": "2024-01-02"}),
    )
    .await
    .ok(200);
    assert_eq!(s["status"], "suspended");
    // Resuming takes no reason; suspended → suspended is no change.
    status(
        &t,
        &m,
        json!({"status": "suspended", "reason": "serving_sentence", "date": "2024-02-02"}),
    )
    .await
    .problem(409);
    status(&t, &m, json!({"status": "active", "reason": "died"}))
        .await
        .problem(422);
    let a = status(&t, &m, json!({"status": "active", "date": "2024-03-01"}))
        .await
        .ok(200);
    assert_eq!(a["status"], "active");
    status(&t, &m, json!({"status": "active"}))
        .await
        .problem(409);
    // R10 (DL 62): termination needs a DL 62 reason and a date, not in the future.
    status(
        &t,
        &m,
        json!({"status": "terminated", "reason": "in_custody", "date": "2024-04-01"}),
    )
    .await
    .problem(422);
    status(
        &t,
        &m,
        json!({"status": "terminated", "reason": "recalled"}),
    )
    .await
    .problem(422);
    let p = status(
        &t,
        &m,
        json!({"status": "terminated", "reason": "recalled", "date": "2999-01-01"}),
    )
    .await
    .problem(422);
    assert_eq!(p["errors"][0]["code"], "in_future");
    t.call(Method::POST, &format!("/api/v1/mandates/{m}/status"), Some(&t.admin), Some(&json!({"status": "terminated", "reason": "absent_twice_without_leave", "date": "2024-04-01"})), &[("If-Match", "\"1\"")]).await.problem(412);
    let done = status(&t, &m, json!({"status": "terminated", "reason": "absent_twice_without_leave", "date": "2024-04-01", "note": "两次未经批准不出席"})).await.ok(200);
    assert_eq!(done["status_reason"], "absent_twice_without_leave");
    assert_eq!(done["status_date"], "2024-04-01");
    let history: Vec<&str> = done["status_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["to_status"].as_str().unwrap())
        .collect();
    assert_eq!(history, ["suspended", "active", "terminated"]);
    // Terminated is final.
    status(&t, &m, json!({"status": "active"}))
        .await
        .problem(409);
    // The list filters by status.
    let terminated = t
        .get(
            "/api/v1/deputies?status=terminated&with_total=true",
            &t.admin,
        )
        .await
        .ok(200);
    assert_eq!(terminated["total"], 1);
    assert_eq!(
        t.get("/api/v1/deputies?status=active&with_total=true", &t.admin)
            .await
            .ok(200)["total"],
        0
    );
}

#[actix_web::test]
async fn deleting_a_deputy_leaves_a_tombstone_unless_history_forbids_it() {
    let Town { t, town, term } = town().await;
    let before = chrono::Utc::now().to_rfc3339();
    let mistake = t
        .deputy(&t.admin, town, term, json!({"name": "录错了"}))
        .await;
    let kept = t
        .deputy(&t.admin, town, term, json!({"name": "有历史"}))
        .await;
    status(
        &t,
        kept["mandates"][0]["id"].as_str().unwrap(),
        json!({"status": "terminated", "reason": "died", "date": "2024-01-01"}),
    )
    .await
    .ok(200);
    let path = format!("/api/v1/deputies/{}", id(&mistake));
    let integration = t.user("script", Role::Integration, town, None).await;
    t.call(
        Method::DELETE,
        &path,
        Some(&integration),
        None,
        &[("If-Match", "\"1\"")],
    )
    .await
    .problem(403);
    t.call(Method::DELETE, &path, Some(&t.admin), None, &[])
        .await
        .problem(428);
    assert_eq!(
        t.call(
            Method::DELETE,
            &path,
            Some(&t.admin),
            None,
            &[("If-Match", "\"1\"")]
        )
        .await
        .status,
        204
    );
    t.get(&path, &t.admin).await.problem(404);
    let kept_path = format!("/api/v1/deputies/{}", id(&kept));
    let version = t.get(&kept_path, &t.admin).await.header("etag").unwrap();
    t.call(
        Method::DELETE,
        &kept_path,
        Some(&t.admin),
        None,
        &[("If-Match", &version)],
    )
    .await
    .problem(409);
    let since = t
        .get(
            &format!("/api/v1/deputies?updated_since={}", urlencode(&before)),
            &t.admin,
        )
        .await
        .ok(200);
    assert_eq!(since["deleted"], json!([mistake["id"]]));
    assert_eq!(since["items"].as_array().unwrap().len(), 1);
}

fn urlencode(s: &str) -> String {
    s.replace('+', "%2B").replace(':', "%3A")
}

#[actix_web::test]
async fn mandates_are_added_and_updated() {
    let Town { t, town, term } = town().await;
    let d = t
        .deputy(&t.admin, town, term, json!({"name": "连任代表"}))
        .await;
    let next = t.term(town, 11, "2027-01-25").await;
    let g = id(&t
        .post(
            "/api/v1/deputy-groups",
            &t.admin,
            json!({"congress_id": town, "name": "东片"}),
        )
        .await
        .ok(201));
    let path = format!("/api/v1/deputies/{}/mandates", id(&d));
    let two = t
        .post(
            &path,
            &t.admin,
            json!({"term_id": next, "deputy_group_id": g, "constituency": "第3选区"}),
        )
        .await
        .ok(201);
    assert_eq!(two["mandates"].as_array().unwrap().len(), 2);
    assert_eq!(two["mandates"][0]["term_number"], 11);
    assert_eq!(two["mandates"][0]["deputy_group_name"], "东片");
    t.post(&path, &t.admin, json!({"term_id": next}))
        .await
        .problem(409);
    let m = two["mandates"][0]["id"].as_str().unwrap();
    let updated = t
        .put(
            &format!("/api/v1/mandates/{m}"),
            &t.admin,
            "\"1\"",
            json!({"term_id": next, "certificate_number": "No.0031", "constituency": "第4选区"}),
        )
        .await
        .ok(200);
    assert_eq!(updated["certificate_number"], "No.0031");
    assert_eq!(updated["deputy_group_id"], Value::Null);
    let p = t
        .put(
            &format!("/api/v1/mandates/{m}"),
            &t.admin,
            "\"2\"",
            json!({"term_id": term}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/term_id");
    // A delegation of another congress is refused.
    let other = t.township("别镇").await;
    let foreign = t
        .post(
            "/api/v1/delegations",
            &t.admin,
            json!({"congress_id": other, "name": "外团"}),
        )
        .await
        .ok(201);
    let p = t
        .put(
            &format!("/api/v1/mandates/{m}"),
            &t.admin,
            "\"2\"",
            json!({"term_id": next, "delegation_id": foreign["id"]}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/delegation_id");
}

#[actix_web::test]
async fn list_filters_search_sorting_and_pagination() {
    let Town { t, town, term } = town().await;
    let deleg = id(&t
        .post(
            "/api/v1/delegations",
            &t.admin,
            json!({"congress_id": town, "name": "一团"}),
        )
        .await
        .ok(201));
    let names = ["马旭", "马一德", "王争", "王少峰", "李四", "张三", "赵六"];
    for (i, n) in names.iter().enumerate() {
        let mut body = json!({"congress_id": town, "name": n, "gender": if i % 2 == 0 { "male" } else { "female" }, "ethnicity": if i == 0 { "满族" } else { "汉族" }, "party": if i < 3 { "民建" } else { "中共" }, "mandate": {"term_id": term}});
        if i < 4 {
            body["mandate"]["delegation_id"] = json!(deleg);
        }
        t.post("/api/v1/deputies", &t.admin, body).await.ok(201);
    }
    let count = |q: &str| {
        let q = q.to_string();
        let t = &t;
        async move {
            t.get(&format!("/api/v1/deputies?with_total=true&{q}"), &t.admin)
                .await
                .ok(200)["total"]
                .as_i64()
                .unwrap()
        }
    };
    assert_eq!(count("q=马").await, 2);
    assert_eq!(count("q=%E6%97%AD").await, 1); // 旭, percent-encoded
    assert_eq!(count(&format!("delegation_id={deleg}")).await, 4);
    assert_eq!(count("gender=female").await, 3);
    assert_eq!(count("ethnicity=满族").await, 1);
    assert_eq!(count("party=民建").await, 3);
    assert_eq!(
        count(&format!("term_id={term}&party=中共&gender=male")).await,
        2
    );
    assert_eq!(count(&format!("term_id={}", Uuid::now_v7())).await, 0);
    // Pages of 3 by name, then back to front: every deputy exactly once.
    let mut seen = vec![];
    let mut cursor: Option<String> = None;
    loop {
        let q = match &cursor {
            Some(c) => format!("&cursor={c}"),
            None => String::new(),
        };
        let page = t
            .get(&format!("/api/v1/deputies?limit=3{q}"), &t.admin)
            .await
            .ok(200);
        assert!(page["total"].is_null(), "no count unless asked");
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["name"].as_str().unwrap().to_string()),
        );
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted);
    assert_eq!(seen.len(), names.len());
    let desc = t
        .get("/api/v1/deputies?sort=-name&limit=2", &t.admin)
        .await
        .ok(200);
    assert_eq!(
        desc["items"][0]["name"].as_str().unwrap(),
        sorted.last().unwrap()
    );
    // The mandate shown comes with the delegation's name.
    let ma = t.get("/api/v1/deputies?q=马旭", &t.admin).await.ok(200);
    assert_eq!(ma["items"][0]["mandate"]["delegation_name"], "一团");
}

#[actix_web::test]
async fn id_card_numbers_never_reach_the_audit_log_or_idempotency_store_in_plain_text() {
    let Town { t, town, term } = town().await;
    let mut body = person("赵丽");
    body["congress_id"] = json!(town);
    body["mandate"] = json!({"term_id": term});
    let created = t
        .call(
            Method::POST,
            "/api/v1/deputies",
            Some(&t.admin),
            Some(&body),
            &[("Idempotency-Key", "once")],
        )
        .await
        .ok(201);
    assert_eq!(
        created["id_card_number"], "11010519491231002X",
        "the caller itself sees it"
    );
    let path = format!("/api/v1/deputies/{}", id(&created));
    let mut change = person("赵丽");
    change["notes"] = json!("改");
    t.put(&path, &t.admin, "\"1\"", change).await.ok(200);
    use diesel::prelude::*;
    let dump: Vec<String> = diesel::sql_query("SELECT coalesce(before::text, '') || coalesce(after::text, '') AS text FROM audit_log UNION ALL SELECT body::text FROM idempotency_keys")
        .load::<Text>(&mut t.db.conn())
        .unwrap()
        .into_iter()
        .map(|r| r.text)
        .collect();
    assert!(dump.len() >= 3);
    assert!(
        dump.iter().all(|d| !d.contains("11010519491231002X")),
        "{dump:?}"
    );
    assert!(dump.iter().any(|d| d.contains("110105********002X")));
}

#[derive(diesel::QueryableByName)]
struct Text {
    #[diesel(sql_type = diesel::sql_types::Text)]
    text: String,
}

#[actix_web::test]
async fn names_padded_with_spaces_are_the_same_name() {
    let Town { t, town, term } = town().await;
    t.deputy(&t.admin, town, term, json!({"name": "王　芳"}))
        .await;
    for q in ["王芳", "王 芳", "王　芳"] {
        let found = t
            .get(&format!("/api/v1/deputies?with_total=true&q={q}"), &t.admin)
            .await
            .ok(200);
        assert_eq!(found["total"], 1, "searching {q:?}");
    }
    // Latin names keep their spaces.
    let latin = t
        .deputy(&t.admin, town, term, json!({"name": "  Ayxem   Tursun "}))
        .await;
    assert_eq!(latin["name"], "Ayxem Tursun");
}

#[actix_web::test]
async fn control_characters_are_refused_not_a_500() {
    let Town { t, town, .. } = town().await;
    let p = t
        .post(
            "/api/v1/deputies",
            &t.admin,
            json!({"congress_id": town, "name": "张\u{0000}三"}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/name");
    assert_eq!(p["errors"][0]["code"], "invalid_characters");
    let p = t
        .post(
            "/api/v1/deputies",
            &t.admin,
            json!({"congress_id": town, "name": "张三", "notes": "铃\u{0007}声"}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/notes");
    let p = t.get("/api/v1/deputies?q=%00", &t.admin).await.problem(422);
    assert_eq!(p["errors"][0]["pointer"], "?q");
    let p = t
        .post(
            "/api/v1/delegations",
            &t.admin,
            json!({"congress_id": town, "name": "团\u{0000}"}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/name");
}

#[actix_web::test]
async fn lists_do_not_show_mandates_outside_the_callers_scope() {
    let Town { t, town, term } = town().await;
    let district_term = t.term(t.district, 15, "2022-01-10").await;
    let district_delegation = t
        .post(
            "/api/v1/delegations",
            &t.admin,
            json!({"congress_id": t.district, "name": "兆通镇代表团"}),
        )
        .await
        .ok(201);
    let both = t
        .deputy(&t.admin, town, term, json!({"name": "两级代表"}))
        .await;
    t.post(&format!("/api/v1/deputies/{}/mandates", id(&both)), &t.admin, json!({"term_id": district_term, "delegation_id": district_delegation["id"], "certificate_number": "QU-001"})).await.ok(201);
    let staff = t.user("staff", Role::Staff, town, None).await;
    let list = t.get("/api/v1/deputies?q=两级代表", &staff).await.ok(200);
    assert_eq!(list["items"][0]["mandate"]["term_number"], 10);
    assert_eq!(list["items"][0]["mandate"]["delegation_name"], Value::Null);
    let export = t.get("/api/v1/deputies/export", &staff).await;
    let text = String::from_utf8_lossy(&export.bytes);
    assert!(
        !text.contains("兆通镇代表团") && !text.contains("QU-001"),
        "{text}"
    );
    let detail = t
        .get(&format!("/api/v1/deputies/{}", id(&both)), &staff)
        .await
        .ok(200);
    assert_eq!(detail["mandates"].as_array().unwrap().len(), 1);
    // The district sees both seats.
    let all = t
        .get(&format!("/api/v1/deputies/{}", id(&both)), &t.admin)
        .await
        .ok(200);
    assert_eq!(all["mandates"].as_array().unwrap().len(), 2);
}
