//! What every resource of the meetings area shares: who may read and write, the
//! activities a caller may see, the states in which an activity may still change, its
//! congress's time zone, and the audit record of a change.

use super::models::*;
use crate::auth::caller::AuthUser;
use crate::congresses::repo::scope;
use crate::error::ApiError;
use crate::schema::{activities, attendances, congresses};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use diesel::pg::Pg;
use diesel::prelude::*;
use renda_openapi::*;
use std::collections::HashMap;
use uuid::Uuid;

/// Roles that plan activities and record attendance.
pub const WRITERS: &[Role] = &[Role::Admin, Role::Staff];

/// 403 for roles that see nothing of this area (handling organisations).
pub fn ensure_reader(user: &AuthUser) -> Result<(), ApiError> {
    user.require(&[
        Role::Admin,
        Role::Staff,
        Role::Presidium,
        Role::Deputy,
        Role::Integration,
    ])
}

/// Activities the caller may see: in their scope and, for a deputy, those they are
/// invited to (an occurrence taken out of a series they are invited to included).
pub fn visible<'a>(user: &AuthUser) -> activities::BoxedQuery<'a, Pg> {
    let mut q = activities::table
        .filter(activities::congress_id.eq_any(scope(user.congress_id)))
        .into_boxed();
    if user.role == Role::Deputy {
        let me = user.deputy_id.unwrap_or(Uuid::nil());
        let invited = attendances::table
            .filter(attendances::deputy_id.eq(me))
            .select(attendances::activity_id);
        let invited_series = attendances::table
            .filter(attendances::deputy_id.eq(me))
            .select(attendances::activity_id.nullable());
        q = q.filter(
            activities::id
                .eq_any(invited)
                .or(activities::series_id.eq_any(invited_series)),
        );
    }
    q
}

/// 404 unless the activity is visible to the caller.
pub fn ensure_activity(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<ActivityRow, ApiError> {
    visible(user)
        .filter(activities::id.eq(id))
        .select(ActivityRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::NotFound("活动不存在或不在您的权限范围内。".into()))
}

/// The activity locked for an update.
pub fn lock(conn: &mut PgConnection, id: Uuid) -> QueryResult<ActivityRow> {
    activities::table
        .find(id)
        .for_update()
        .select(ActivityRow::as_select())
        .first(conn)
}

/// The time zone of a congress.
pub fn congress_tz(conn: &mut PgConnection, congress: Uuid) -> QueryResult<chrono_tz::Tz> {
    let name: String = congresses::table
        .find(congress)
        .select(congresses::time_zone)
        .first(conn)?;
    Ok(time_zone(&name))
}

/// Time zones of congresses, each read once: the local dates of a list of activities.
#[derive(Default)]
pub struct Zones(HashMap<Uuid, chrono_tz::Tz>);

impl Zones {
    /// The time zone of `congress`, read on first use.
    pub fn of(&mut self, conn: &mut PgConnection, congress: Uuid) -> QueryResult<chrono_tz::Tz> {
        if let Some(tz) = self.0.get(&congress) {
            return Ok(*tz);
        }
        let tz = congress_tz(conn, congress)?;
        self.0.insert(congress, tz);
        Ok(tz)
    }
}

/// The instant a local date begins in `tz` (the earliest, should midnight occur twice).
pub fn midnight(date: NaiveDate, tz: chrono_tz::Tz) -> DateTime<Utc> {
    let naive = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    tz.from_local_datetime(&naive)
        .earliest()
        .unwrap_or_else(|| Utc.from_utc_datetime(&naive).with_timezone(&tz))
        .with_timezone(&Utc)
}

/// 409 unless attendance may still change: not cancelled, not archived.
pub fn ensure_open(activity: &ActivityRow) -> Result<(), ApiError> {
    let status = activity.status()?;
    if matches!(status, ActivityStatus::Cancelled | ActivityStatus::Archived) {
        return Err(ApiError::Conflict(format!(
            "活动{}，不能再变更邀请和出席记录。",
            status.label_zh()
        )));
    }
    Ok(())
}

/// 409 for an archived activity: its record (documents included) is final.
pub fn ensure_not_archived(activity: &ActivityRow) -> Result<(), ApiError> {
    if activity.status()? == ActivityStatus::Archived {
        return Err(ApiError::Conflict("活动已归档，材料不能再增删。".into()));
    }
    Ok(())
}

/// 422 unless `year` is within 1900–2200 (`?year`).
pub fn check_year(year: i32) -> Result<(), ApiError> {
    if !(1900..=2200).contains(&year) {
        return Err(ApiError::field(
            "?year",
            "out_of_range",
            "年份须在 1900 到 2200 之间。",
        ));
    }
    Ok(())
}

/// The instants a calendar year begins and ends in `tz`: `[1 January, next 1 January)`.
pub fn year_bounds(year: i32, tz: chrono_tz::Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).expect("valid year");
    let next = NaiveDate::from_ymd_opt(year + 1, 1, 1).expect("valid year");
    (midnight(first, tz), midnight(next, tz))
}

/// A wire value as JSON for the audit log (null should it not serialise).
pub fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or_default()
}

/// Records a change of `entity` `id` by the caller in the audit log, with the states
/// before and after.
pub fn audit(
    conn: &mut PgConnection,
    user: &AuthUser,
    action: &str,
    entity: &str,
    id: Uuid,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<(), ApiError> {
    Ok(crate::audit::record(
        conn,
        Some(user.id),
        action,
        entity,
        Some(id),
        before.as_ref(),
        after.as_ref(),
    )?)
}

/// A field error of the area: `pointer` (JSON pointer or `?param`), `code`, Chinese text.
pub fn fault(pointer: impl Into<String>, code: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        params: None,
        pointer: pointer.into(),
        code: code.into(),
        message: message.into(),
    }
}
