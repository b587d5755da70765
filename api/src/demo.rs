//! The demo township and the command-line helpers around it (`renda up`, `renda demo`,
//! `renda create-user`).
//!
//! The demo follows the seed annual work report (`shared/seed/annual-work-report.txt`): a
//! township congress in its 10th term (first session on 25 January), deputies of three
//! levels (township deputies in five deputy groups, the town's 16 district deputies in its
//! delegation to the district congress, and city deputies), all with made-up names, and
//! the township's year of activities (see `demo/activities.rs`).

use crate::auth::handlers::insert_user;
use crate::auth::tokens::hash_password;
use crate::config::Config;
use crate::congresses::repo as congress_repo;
use crate::deputies::models::{NewDeputyRow, NewMandateRow};
use crate::deputies::personal::{PartialDate, Person, PersonalDataKey};
use crate::deputies::repo::person_values;
use crate::error::ApiError;
use crate::schema::{congresses, delegations, deputies, deputy_groups, mandates, terms, users};
use base64::Engine;
use chrono::NaiveDate;
use diesel::prelude::*;
use rand::RngCore;
use renda_openapi::{CongressLevel, ElectedVia, Gender, MandateStatus, NewUser, Role};
use std::io::Write;
use uuid::Uuid;

mod activities;
pub mod assessment;
mod record;
mod suggestions;
mod suggestions_2022;

/// Name of the demo township congress.
pub const DEMO_TOWNSHIP: &str = "兆通镇人民代表大会";
const DEMO_DISTRICT: &str = "长安区人民代表大会";
const DEMO_CITY: &str = "石家庄市人民代表大会";
/// The township's deputy groups, one per area of villages and communities in the seed.
const GROUPS: [&str; 5] = [
    "东兆通片代表小组",
    "东杜庄片代表小组",
    "店上片代表小组",
    "十里铺片代表小组",
    "西庄屯片代表小组",
];
const SURNAMES: &str = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文";
const GIVEN: &str = "建国志强秀英桂兰海燕明华红梅晓东玉兰春生德胜丽娟文博子涵宏伟静怡国栋淑芬立新振华慧敏家豪雪梅永刚佳琪";
const WORKPLACES: [&str; 8] = [
    "东兆通村党支部书记、村委会主任",
    "十里铺社区居委会主任",
    "兆通镇中心小学教师",
    "兆通镇卫生院医生",
    "店上村种植专业合作社理事长",
    "兆通镇农业综合服务站站长",
    "西庄屯村村民",
    "东杜庄社区网格员",
];

/// A small deterministic generator, so the demo has the same people on every machine.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn made_up_person(rng: &mut Lcg, i: usize) -> Person {
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    let name: String = if i.is_multiple_of(3) {
        format!(
            "{}{}",
            surnames[rng.next(surnames.len())],
            given[rng.next(given.len())]
        )
    } else {
        format!(
            "{}{}{}",
            surnames[rng.next(surnames.len())],
            given[rng.next(given.len())],
            given[rng.next(given.len())]
        )
    };
    let year = 1960 + rng.next(35) as i32;
    Person {
        name,
        gender: Some(if rng.next(10) < 7 {
            Gender::Male
        } else {
            Gender::Female
        }),
        ethnicity: Some(
            if rng.next(20) == 0 {
                "回族"
            } else {
                "汉族"
            }
            .into(),
        ),
        birth: Some(PartialDate {
            year,
            month: Some(1 + rng.next(12) as u32),
            day: None,
        }),
        party: Some(["中共", "中共", "中共", "群众", "无党派", "民盟"][rng.next(6)].into()),
        workplace_post: Some(WORKPLACES[rng.next(WORKPLACES.len())].into()),
        phone: Some(format!("13{}{:08}", 1 + rng.next(9), rng.next(100_000_000))),
        ..Default::default()
    }
}

fn find_or_create_congress(
    conn: &mut PgConnection,
    name: &str,
    level: CongressLevel,
    parent: Option<&crate::congresses::models::CongressRow>,
) -> QueryResult<crate::congresses::models::CongressRow> {
    let existing = congresses::table
        .filter(congresses::name.eq(name))
        .select(crate::congresses::models::CongressRow::as_select())
        .first(conn)
        .optional()?;
    if let Some(c) = existing {
        return Ok(c);
    }
    match parent {
        None => congress_repo::insert_root(conn, name, level),
        Some(p) => {
            let mut ancestors = p.ancestor_ids.clone();
            ancestors.push(p.id);
            diesel::insert_into(congresses::table)
                .values((
                    congresses::id.eq(Uuid::now_v7()),
                    congresses::name.eq(name),
                    congresses::level.eq(level.as_str()),
                    congresses::parent_id.eq(Some(p.id)),
                    congresses::ancestor_ids.eq(ancestors),
                ))
                .returning(crate::congresses::models::CongressRow::as_returning())
                .get_result(conn)
        }
    }
}

fn term(
    conn: &mut PgConnection,
    congress: Uuid,
    number: i32,
    starts_on: NaiveDate,
) -> QueryResult<Uuid> {
    diesel::insert_into(terms::table)
        .values((
            terms::id.eq(Uuid::now_v7()),
            terms::congress_id.eq(congress),
            terms::number.eq(number),
            terms::starts_on.eq(starts_on),
        ))
        .returning(terms::id)
        .get_result(conn)
}

fn unit(
    conn: &mut PgConnection,
    delegation: bool,
    congress: Uuid,
    name: &str,
) -> QueryResult<Uuid> {
    let id = Uuid::now_v7();
    if delegation {
        diesel::insert_into(delegations::table)
            .values((
                delegations::id.eq(id),
                delegations::congress_id.eq(congress),
                delegations::name.eq(name),
            ))
            .execute(conn)?;
    } else {
        diesel::insert_into(deputy_groups::table)
            .values((
                deputy_groups::id.eq(id),
                deputy_groups::congress_id.eq(congress),
                deputy_groups::name.eq(name),
            ))
            .execute(conn)?;
    }
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
fn seat(
    conn: &mut PgConnection,
    key: &PersonalDataKey,
    person: &Person,
    congress: Uuid,
    term: Uuid,
    delegation: Option<Uuid>,
    group: Option<Uuid>,
    elected_on: NaiveDate,
    constituency: Option<String>,
) -> QueryResult<Uuid> {
    let id = Uuid::now_v7();
    diesel::insert_into(deputies::table)
        .values(NewDeputyRow::new(id, congress, person_values(person, key)))
        .execute(conn)?;
    diesel::insert_into(mandates::table)
        .values(NewMandateRow {
            id: Uuid::now_v7(),
            deputy_id: id,
            congress_id: congress,
            term_id: term,
            delegation_id: delegation,
            deputy_group_id: group,
            constituency,
            certificate_number: None,
            elected_via: ElectedVia::GeneralElection.as_str().into(),
            elected_on: Some(elected_on),
            status: MandateStatus::Active.as_str().into(),
            status_reason: None,
            status_date: None,
        })
        .execute(conn)?;
    Ok(id)
}

/// What the demo holds.
pub struct Demo {
    pub township: Uuid,
    pub district: Uuid,
    /// The city above the district, where the demo administrator sits.
    pub city: Uuid,
    /// The deputy the demo `deputy` login is.
    pub sample_deputy: Uuid,
    /// The handling organisation the demo `bureau` login acts for.
    pub bureau: Uuid,
}

/// Loads the demo congresses, terms, groups and deputies, unless the township already
/// exists, and the township's year of activities, unless it has activities. Idempotent.
pub fn load(conn: &mut PgConnection, key: &PersonalDataKey) -> QueryResult<Demo> {
    let city = find_or_create_congress(conn, DEMO_CITY, CongressLevel::City, None)?;
    let district =
        find_or_create_congress(conn, DEMO_DISTRICT, CongressLevel::District, Some(&city))?;
    let township_exists: bool = diesel::select(diesel::dsl::exists(
        congresses::table.filter(congresses::name.eq(DEMO_TOWNSHIP)),
    ))
    .get_result(conn)?;
    let township = find_or_create_congress(
        conn,
        DEMO_TOWNSHIP,
        CongressLevel::Township,
        Some(&district),
    )?;
    if township_exists {
        let sample = deputies::table
            .filter(deputies::congress_id.eq(township.id))
            .order(deputies::id)
            .select(deputies::id)
            .first(conn)?;
        activities::load(conn, township.id, district.id, city.id)?;
        let bureau = suggestions::load(conn, township.id)?;
        record::load(conn, township.id, sample)?;
        return Ok(Demo {
            township: township.id,
            district: district.id,
            city: city.id,
            sample_deputy: sample,
            bureau,
        });
    }
    let mut rng = Lcg(20260125);
    // The seed: the 10th township congress opened on 25 and 26 January.
    let opened = NaiveDate::from_ymd_opt(2022, 1, 25).expect("valid date");
    let t_town = term(conn, township.id, 10, opened)?;
    let t_district = term(
        conn,
        district.id,
        15,
        NaiveDate::from_ymd_opt(2022, 1, 10).expect("valid date"),
    )?;
    let t_city = term(
        conn,
        city.id,
        15,
        NaiveDate::from_ymd_opt(2023, 1, 12).expect("valid date"),
    )?;
    let mut sample = None;
    for (g, group_name) in GROUPS.iter().enumerate() {
        let group = unit(conn, false, township.id, group_name)?;
        for i in 0..12 {
            let person = made_up_person(&mut rng, g * 12 + i);
            let id = seat(
                conn,
                key,
                &person,
                township.id,
                t_town,
                None,
                Some(group),
                opened,
                Some(format!("第{}选区", g * 3 + i / 4 + 1)),
            )?;
            sample.get_or_insert(id);
        }
    }
    // The town's 16 district deputies (the seed: 区代表16人) in its delegation.
    let delegation = unit(conn, true, district.id, "兆通镇代表团")?;
    for i in 0..16 {
        let person = made_up_person(&mut rng, 100 + i);
        seat(
            conn,
            key,
            &person,
            district.id,
            t_district,
            Some(delegation),
            None,
            NaiveDate::from_ymd_opt(2021, 11, 30).expect("valid date"),
            None,
        )?;
    }
    let city_delegation = unit(conn, true, city.id, "长安区代表团")?;
    for i in 0..4 {
        let person = made_up_person(&mut rng, 200 + i);
        seat(
            conn,
            key,
            &person,
            city.id,
            t_city,
            Some(city_delegation),
            None,
            NaiveDate::from_ymd_opt(2022, 12, 20).expect("valid date"),
            None,
        )?;
    }
    activities::load(conn, township.id, district.id, city.id)?;
    let bureau = suggestions::load(conn, township.id)?;
    let sample = sample.expect("demo has deputies");
    record::load(conn, township.id, sample)?;
    Ok(Demo {
        township: township.id,
        district: district.id,
        city: city.id,
        sample_deputy: sample,
        bureau,
    })
}

fn random_password() -> String {
    let mut bytes = [0u8; 12];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Loads the demo, (re)sets the demo logins' password to `DEMO_PASSWORD` or a fresh random
/// one, and prints the address and logins.
pub fn load_and_print(config: &Config, remember_password: bool) -> Result<(), String> {
    let mut conn = PgConnection::establish(&config.database_url).map_err(|e| e.to_string())?;
    let key = PersonalDataKey::new(&config.data_key);
    let password = std::env::var("DEMO_PASSWORD")
        .ok()
        .filter(|p| p.len() >= 10)
        .unwrap_or_else(random_password);
    // `renda up` keeps the demo password in .env, so a restart does not change it.
    if remember_password && unset("DEMO_PASSWORD") {
        write_env_file(&[("DEMO_PASSWORD".into(), password.clone())])?;
        std::env::set_var("DEMO_PASSWORD", &password);
    }
    let logins = conn
        .transaction::<_, ApiError, _>(|conn| {
            let demo = load(conn, &key)?;
            let hash = hash_password(&password).map_err(ApiError::Internal)?;
            let accounts = [
                ("admin", "市人大管理员", Role::Admin, demo.city, None),
                (
                    "office",
                    "镇人大办工作人员",
                    Role::Staff,
                    demo.township,
                    None,
                ),
                (
                    "presidium",
                    "镇人大主席团成员",
                    Role::Presidium,
                    demo.township,
                    None,
                ),
                (
                    "deputy",
                    "示例代表",
                    Role::Deputy,
                    demo.township,
                    Some(demo.sample_deputy),
                ),
                (
                    "bureau",
                    suggestions::HANDLING_ORGS[0],
                    Role::HandlingOrg,
                    demo.township,
                    None,
                ),
            ];
            for (username, display, role, congress, deputy) in accounts {
                let updated = diesel::update(users::table.filter(users::username.eq(username)))
                    .set(users::password_hash.eq(&hash))
                    .execute(conn)?;
                if updated == 0 {
                    insert_user(
                        conn,
                        &NewUser {
                            username: username.into(),
                            display_name: display.into(),
                            password: password.clone(),
                            role,
                            congress_id: congress,
                            deputy_id: deputy,
                        },
                    )?;
                }
            }
            // The `deputy` login shows as the deputy it is, as on the items they sign.
            let name: String = deputies::table
                .find(demo.sample_deputy)
                .select(deputies::name)
                .first(conn)?;
            diesel::update(users::table.filter(users::username.eq("deputy")))
                .set(users::display_name.eq(name))
                .execute(conn)?;
            // The `bureau` login acts for the first handling organisation.
            diesel::update(users::table.filter(users::username.eq("bureau")))
                .set(users::handling_org_id.eq(Some(demo.bureau)))
                .execute(conn)?;
            // The 2022 assessment, run by the `office` login, awards by the `presidium`.
            let user = |conn: &mut PgConnection, name: &str| -> QueryResult<Uuid> {
                users::table
                    .filter(users::username.eq(name))
                    .select(users::id)
                    .first(conn)
            };
            let (office, presidium) = (user(conn, "office")?, user(conn, "presidium")?);
            assessment::load(conn, &demo, office, presidium)?;
            Ok(accounts.map(|a| (a.0, a.1, a.2)))
        })
        .map_err(|e| format!("loading the demo failed: {e}"))?;
    let url = format!(
        "http://{}",
        config.bind_addr.replace("0.0.0.0", "127.0.0.1")
    );
    println!("\nRenda 已就绪 / Renda is ready: {url}/");
    println!("API 文档 / API docs: {url}/api/docs/");
    for (username, who, role) in logins {
        println!(
            "  登录 login: {username:<9} 密码 password: {password}   ({who}, {})",
            role.as_str()
        );
    }
    println!();
    Ok(())
}

/// `renda create-user --username U --role R (--congress-id ID | --congress-name N
/// --congress-level L) [--display-name D]`: the first administrator of a fresh install.
/// The congress is created (at the top level) when named and missing. The password comes
/// from `RENDA_PASSWORD` or the first line of standard input; there is no default.
pub fn create_user_from_args(config: &Config, args: &[String]) -> Result<(), String> {
    let opt = |name: &str| args.windows(2).find(|w| w[0] == name).map(|w| w[1].clone());
    let username = opt("--username").ok_or("--username is required")?;
    let role = opt("--role").and_then(|r| Role::parse(&r)).ok_or(
        "--role must be one of admin, staff, presidium, deputy, handling_org, integration",
    )?;
    let password = match std::env::var("RENDA_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty())
    {
        Some(p) => p,
        None => {
            eprint!("password for {username}: ");
            let _ = std::io::stderr().flush();
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(|e| e.to_string())?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    let mut conn = PgConnection::establish(&config.database_url).map_err(|e| e.to_string())?;
    conn.transaction::<_, ApiError, _>(|conn| {
        let congress = match (opt("--congress-id"), opt("--congress-name")) {
            (Some(id), _) => id.parse::<Uuid>().map_err(|_| ApiError::BadRequest("--congress-id is not a UUID".into()))?,
            (None, Some(name)) => {
                let level = opt("--congress-level").and_then(|l| CongressLevel::parse(&l))
                    .ok_or_else(|| ApiError::BadRequest("--congress-level must be township, district, city, province or national".into()))?;
                find_or_create_congress(conn, &name, level, None)?.id
            }
            _ => return Err(ApiError::BadRequest("give --congress-id or --congress-name".into())),
        };
        let deputy_id = opt("--deputy-id").map(|d| d.parse::<Uuid>()).transpose().map_err(|_| ApiError::BadRequest("--deputy-id is not a UUID".into()))?;
        let display_name = opt("--display-name").unwrap_or_else(|| username.clone());
        insert_user(conn, &NewUser { username: username.clone(), display_name, password: password.clone(), role, congress_id: congress, deputy_id })?;
        Ok(())
    })
    .map_err(|e| match e {
        ApiError::Validation(errs) => errs.into_iter().map(|e| e.message).collect::<Vec<_>>().join(" "),
        other => other.to_string(),
    })?;
    println!("created user {username} ({})", role.as_str());
    Ok(())
}

/// Whether a variable is missing or empty (an `.env` copied from `.env.example` has the
/// keys with empty values).
fn unset(name: &str) -> bool {
    std::env::var(name)
        .map(|v| v.trim().is_empty())
        .unwrap_or(true)
}

/// Sets keys in `.env`: an existing `KEY=` line is filled in, a missing key appended, so
/// the file never holds a key twice.
fn write_env_file(values: &[(String, String)]) -> Result<(), String> {
    let existing = std::fs::read_to_string(".env").unwrap_or_default();
    let mut lines: Vec<String> = existing.lines().map(str::to_string).collect();
    for (k, v) in values {
        let prefix = format!("{k}=");
        match lines
            .iter_mut()
            .find(|l| l.trim_start().starts_with(&prefix))
        {
            Some(line) => *line = format!("{k}={v}"),
            None => lines.push(format!("{k}={v}")),
        }
    }
    std::fs::write(".env", lines.join("\n") + "\n").map_err(|e| format!("cannot write .env: {e}"))
}

/// For `renda up`: loads `.env`, fills in a local `DATABASE_URL` and generates the
/// secrets into `.env` when missing (so ID-card encryption keeps its key across
/// restarts), checks that PostgreSQL answers, and creates the database if needed.
///
/// Errors: PostgreSQL unreachable, with how to start it.
pub fn prepare_local() -> Result<Config, String> {
    let _ = dotenvy::dotenv();
    let mut additions = vec![];
    if unset("DATABASE_URL") {
        additions.push((
            "DATABASE_URL".to_string(),
            "postgres://postgres@127.0.0.1:5432/renda".to_string(),
        ));
    }
    if unset("JWT_SECRET") {
        let mut b = [0u8; 48];
        rand::thread_rng().fill_bytes(&mut b);
        additions.push((
            "JWT_SECRET".into(),
            base64::engine::general_purpose::STANDARD.encode(b),
        ));
    }
    if unset("DATA_KEY") {
        let mut b = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut b);
        additions.push((
            "DATA_KEY".into(),
            base64::engine::general_purpose::STANDARD.encode(b),
        ));
    }
    if !additions.is_empty() {
        write_env_file(&additions)?;
        for (k, v) in &additions {
            std::env::set_var(k, v);
        }
        eprintln!(
            "renda: wrote {} to .env (local settings; keep DATA_KEY: it encrypts ID-card numbers)",
            additions
                .iter()
                .map(|(k, _)| k.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let config = Config::from_env().map_err(|e| e.to_string())?;
    let (server, db) = config
        .database_url
        .rsplit_once('/')
        .ok_or("DATABASE_URL has no database name")?;
    let db = db.split('?').next().unwrap_or(db).to_string();
    let mut admin = PgConnection::establish(&format!("{server}/postgres")).map_err(|e| format!(
        "PostgreSQL is not reachable at {server} ({e}).\n  Start it, e.g. on Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n  or with Docker: docker compose up -d postgres\n  or set DATABASE_URL in .env to a server you have."
    ))?;
    #[derive(QueryableByName)]
    struct Found {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        found: bool,
    }
    let exists =
        diesel::sql_query("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS found")
            .bind::<diesel::sql_types::Text, _>(&db)
            .get_result::<Found>(&mut admin)
            .map_err(|e| e.to_string())?
            .found;
    if !exists {
        if !db.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!(
                "database name {db:?} must be letters, digits and underscores"
            ));
        }
        diesel::sql_query(format!("CREATE DATABASE \"{db}\""))
            .execute(&mut admin)
            .map_err(|e| format!("cannot create database {db}: {e}"))?;
        eprintln!("renda: created database {db}");
    }
    Ok(config)
}
