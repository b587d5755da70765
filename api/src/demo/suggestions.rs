//! The demo township's suggestion set-up: a two-level category taxonomy taken from the
//! TipDM 2020 smart-government taxonomy (its 15 level-1 classes and some level-2 ones; the
//! full 517 rows import with `POST /api/v1/suggestion-categories/import`) and the town's
//! handling organisations (承办单位), so that a suggestion can go from draft to closure.

use crate::schema::handling_orgs;
use crate::suggestions::repo::upsert_category;
use diesel::prelude::*;
use uuid::Uuid;

/// Level-1 classes with some of their level-2 classes (附件1.xlsx).
const TAXONOMY: &[(&str, &[&str])] = &[
    (
        "城乡建设",
        &[
            "村镇建设",
            "城市建设和市政管理",
            "住房保障与房地产",
            "城乡规划",
        ],
    ),
    ("环境保护", &["环境污染", "环保管理"]),
    ("交通运输", &["交通运输", "客货运输", "建设管理"]),
    ("教育文体", &["教育体制", "教师队伍和待遇", "体育"]),
    (
        "劳动和社会保障",
        &["就业培训", "劳动关系", "城镇居民社会保险"],
    ),
    ("卫生计生", &["公共卫生", "医政监管", "食品药品监管"]),
    ("农村农业", &["土地承包经营", "农资农技", "动物防疫"]),
    ("商贸旅游", &["市场监管", "旅游管理"]),
    ("民政", &["基层选举和社区建设", "优抚", "救灾募捐"]),
    ("政法", &["户籍证件", "仲裁与调解", "交通管理"]),
    ("经济管理", &["安全生产", "国资监管"]),
    ("科技与信息产业", &["信息化建设", "电信"]),
    ("国土资源", &["土地征收", "土地资源管理"]),
    ("党务政务", &["政治体制", "宣传舆论"]),
    ("纪检监察", &["干部作风", "失职渎职"]),
];

/// The town's handling organisations; the first is the demo `bureau` login's.
pub const HANDLING_ORGS: &[&str] = &[
    "镇规划建设办公室",
    "镇农业农村办公室",
    "镇社会事务办公室",
    "镇综合行政执法局",
    "镇经济发展办公室",
];

/// Creates the taxonomy and the handling organisations of `township` where missing, and
/// returns the id of the first organisation (for the `bureau` login).
pub fn load(conn: &mut PgConnection, township: Uuid) -> QueryResult<Uuid> {
    // Found or created one by one: loading twice changes nothing.
    for (level1, children) in TAXONOMY {
        let (parent, _) = upsert_category(conn, township, None, 1, level1)?;
        for child in *children {
            upsert_category(conn, township, Some(parent), 2, child)?;
        }
    }
    let mut first = None;
    for name in HANDLING_ORGS {
        let existing: Option<Uuid> = handling_orgs::table
            .filter(handling_orgs::congress_id.eq(township))
            .filter(handling_orgs::name.eq(name))
            .select(handling_orgs::id)
            .first(conn)
            .optional()?;
        let id = match existing {
            Some(id) => id,
            None => diesel::insert_into(handling_orgs::table)
                .values((
                    handling_orgs::id.eq(Uuid::now_v7()),
                    handling_orgs::congress_id.eq(township),
                    handling_orgs::name.eq(name),
                ))
                .returning(handling_orgs::id)
                .get_result(conn)?,
        };
        first.get_or_insert(id);
    }
    Ok(first.expect("the demo has handling organisations"))
}
