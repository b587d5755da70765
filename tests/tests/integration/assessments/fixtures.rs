//! A township with deputies, their accounts and the office, shared by the assessment
//! tests.

use renda_openapi::{DeputyId, Role};
use renda_tests::*;
use serde_json::json;
use uuid::Uuid;

/// The names of the fixture's deputies, in order.
pub const NAMES: [&str; 6] = ["王建国", "李秀英", "张海燕", "赵明华", "孙桂兰", "周志强"];

/// A township (兆通镇) with its 10th term, six deputies with accounts, office staff, a
/// presidium member, and staff of another township. (Each test file of the area uses
/// some of the fields, none all of them.)
#[allow(dead_code)]
pub struct Town {
    pub t: TestApp,
    pub town: Uuid,
    pub term: Uuid,
    pub deputies: Vec<DeputyId>,
    /// Access tokens of the deputies, in the order of `deputies`.
    pub dep: Vec<String>,
    pub staff: String,
    pub presidium: String,
    /// Staff of another township: sees nothing of this one.
    pub stranger: String,
}

/// Builds the fixture.
pub async fn town() -> Town {
    let t = TestApp::with_config(|c| {
        c.login_burst = 100;
        c.login_per_minute = 1000;
    })
    .await;
    let town = t.township("兆通镇人民代表大会").await;
    let term = t.term(town, 10, "2022-01-25").await;
    let mut deputies = vec![];
    let mut dep = vec![];
    for (i, name) in NAMES.iter().enumerate() {
        let d = id(&t.deputy(&t.admin, town, term, json!({"name": name})).await);
        dep.push(t.user(&format!("d{i}"), Role::Deputy, town, Some(d)).await);
        deputies.push(DeputyId(d));
    }
    let staff = t.user("staff", Role::Staff, town, None).await;
    let presidium = t.user("presidium", Role::Presidium, town, None).await;
    let other = t.township("另一镇人民代表大会").await;
    let stranger = t.user("stranger", Role::Staff, other, None).await;
    Town {
        t,
        town,
        term,
        deputies,
        dep,
        staff,
        presidium,
        stranger,
    }
}
