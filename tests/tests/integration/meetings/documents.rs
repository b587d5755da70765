//! Documents of activities: checked, stored and served as attachments.

use super::fixtures::{activity, create, town, Town};
use actix_web::http::Method;
use renda_openapi::Role;
use renda_tests::*;

// Long: one story from setup to its last step; each check builds on the state the one before left.
#[actix_web::test]
async fn documents_are_checked_stored_and_served_as_attachments() {
    let Town {
        t, town, deputies, ..
    } = town(1).await;
    let a = id(&create(
        &t,
        activity(
            town,
            "inspection",
            "视察大气污染综合治理",
            "2022-11-01T09:00:00+08:00",
            "2022-11-01T12:00:00+08:00",
        ),
    )
    .await);
    let up = |name: &str| format!("/api/v1/activities/{a}/documents?filename={name}");
    let pdf = b"%PDF-1.7\n...".to_vec();
    let doc = t
        .send_bytes(
            Method::POST,
            &up("../../会议通知.pdf"),
            Some(&t.admin),
            "application/pdf",
            pdf.clone(),
        )
        .await
        .ok(201);
    assert_eq!(doc["file_name"], "会议通知.pdf");
    assert_eq!(doc["size_bytes"], pdf.len());
    t.send_bytes(
        Method::POST,
        &up("virus.exe"),
        Some(&t.admin),
        "application/octet-stream",
        b"MZ".to_vec(),
    )
    .await
    .problem(415);
    t.send_bytes(
        Method::POST,
        &up("fake.pdf"),
        Some(&t.admin),
        "application/pdf",
        b"<html>".to_vec(),
    )
    .await
    .problem(415);
    t.send_bytes(
        Method::POST,
        &up("big.txt"),
        Some(&t.admin),
        "text/plain",
        vec![b'a'; (1 << 20) + 1],
    )
    .await
    .problem(413);
    let deputy = t.user("dep", Role::Deputy, town, Some(deputies[0])).await;
    t.send_bytes(
        Method::POST,
        &up("a.txt"),
        Some(&deputy),
        "text/plain",
        b"hi".to_vec(),
    )
    .await
    .problem(403);
    let list = t
        .get(&format!("/api/v1/activities/{a}/documents"), &t.admin)
        .await
        .ok(200);
    assert_eq!(list.as_array().unwrap().len(), 1);
    let r = t
        .get(&format!("/api/v1/documents/{}", id(&doc)), &t.admin)
        .await;
    assert_eq!(r.status.as_u16(), 200);
    assert_eq!(r.bytes, pdf);
    assert_eq!(r.header("content-type").as_deref(), Some("application/pdf"));
    assert_eq!(
        r.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
    assert!(r
        .header("content-disposition")
        .unwrap()
        .starts_with("attachment;"));
    // Not invited: the deputy cannot read it.
    t.get(&format!("/api/v1/documents/{}", id(&doc)), &deputy)
        .await
        .problem(404);
    t.call(
        Method::DELETE,
        &format!("/api/v1/documents/{}", id(&doc)),
        Some(&t.admin),
        None,
        &[],
    )
    .await
    .ok(204);
}
