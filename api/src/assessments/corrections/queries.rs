//! Queries of correction requests: rows with their deputy and activity, the office's
//! queue, the checks of a new request, and what accepting one changes in the record.

use super::super::access::{own_deputy, readable_deputy, reads_scope};
use crate::auth::caller::AuthUser;
use crate::congresses::repo::scope;
use crate::error::ApiError;
use crate::paging::{cut, limit, Cursor};
use crate::schema::{activities, attendances, correction_requests, deputies};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use renda_openapi::messages::{AssessmentMessage as M, CommonMessage};
use renda_openapi::{
    ActivityId, AttendanceStatus, CongressId, CorrectionClaim, CorrectionInput,
    CorrectionListQuery, CorrectionPage, CorrectionRequest, CorrectionRequestId, CorrectionStatus,
    DeputyId, Refusal, UserId,
};
use std::collections::HashMap;

/// A row of `correction_requests`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = correction_requests)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct CorrectionRow {
    pub id: CorrectionRequestId,
    pub congress_id: CongressId,
    pub deputy_id: DeputyId,
    pub activity_id: Option<ActivityId>,
    pub claimed_status: Option<AttendanceStatus>,
    pub recorded_status: Option<AttendanceStatus>,
    pub reason: String,
    pub status: CorrectionStatus,
    pub resolution_note: Option<String>,
    pub resolved_by: Option<UserId>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The wire form of rows: names and activity titles in two queries.
pub fn to_wire(
    conn: &mut PgConnection,
    rows: Vec<CorrectionRow>,
) -> QueryResult<Vec<CorrectionRequest>> {
    let deputy_ids: Vec<DeputyId> = rows.iter().map(|r| r.deputy_id).collect();
    let activity_ids: Vec<ActivityId> = rows.iter().filter_map(|r| r.activity_id).collect();
    let names: HashMap<DeputyId, String> = deputies::table
        .filter(deputies::id.eq_any(&deputy_ids))
        .select((deputies::id, deputies::name))
        .load::<(DeputyId, String)>(conn)?
        .into_iter()
        .collect();
    let titles: HashMap<ActivityId, String> = activities::table
        .filter(activities::id.eq_any(&activity_ids))
        .select((activities::id, activities::title))
        .load::<(ActivityId, String)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let claim = match (r.activity_id, r.claimed_status) {
                (Some(activity_id), Some(status)) => CorrectionClaim::Attendance {
                    activity_id,
                    status,
                },
                _ => CorrectionClaim::Other,
            };
            CorrectionRequest {
                id: r.id,
                congress_id: r.congress_id,
                deputy_name: names.get(&r.deputy_id).cloned().unwrap_or_default(),
                deputy_id: r.deputy_id,
                activity_title: r.activity_id.and_then(|a| titles.get(&a).cloned()),
                claim,
                recorded_status: r.recorded_status,
                reason: r.reason,
                status: r.status,
                resolution_note: r.resolution_note,
                resolved_by: r.resolved_by,
                resolved_at: r.resolved_at,
                created_at: r.created_at,
                updated_at: r.updated_at,
                version: r.version,
            }
        })
        .collect())
}

fn not_found() -> ApiError {
    Refusal::not_found(CommonMessage::NotInScope).into()
}

/// A request the caller may read (the office and the presidium in their scope, a deputy
/// their own), locked for update when `lock`.
///
/// Errors: 404 `not_in_scope`.
pub fn find(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: CorrectionRequestId,
    lock: bool,
) -> Result<CorrectionRow, ApiError> {
    let q = correction_requests::table
        .find(id)
        .filter(correction_requests::congress_id.eq_any(scope(user.congress_id)))
        .select(CorrectionRow::as_select());
    let row = if lock {
        q.for_update().first(conn).optional()?
    } else {
        q.first(conn).optional()?
    };
    let row = row.ok_or_else(not_found)?;
    if reads_scope(user) || user.deputy_id == Some(row.deputy_id.0) {
        Ok(row)
    } else {
        Err(not_found())
    }
}

/// Checks the reason (`/reason`, 1–1,000 characters, no control characters but line
/// breaks) and the status asked for (`/claim/status`: present, late or on leave).
pub fn check(input: &CorrectionInput) -> Result<(), ApiError> {
    let mut faults = vec![];
    let reason = input.reason.trim();
    if reason.is_empty() {
        faults.push(Refusal::invalid("/reason", CommonMessage::Required));
    } else if reason.chars().count() > 1000 {
        faults.push(Refusal::invalid(
            "/reason",
            CommonMessage::TooLong { max: 1000 },
        ));
    } else if renda_openapi::validation::has_control_chars(reason, true) {
        faults.push(Refusal::invalid(
            "/reason",
            CommonMessage::InvalidCharacters,
        ));
    }
    if let CorrectionClaim::Attendance { status, .. } = &input.claim {
        if !matches!(
            status,
            AttendanceStatus::Present | AttendanceStatus::Late | AttendanceStatus::OnLeave
        ) {
            faults.push(Refusal::invalid(
                "/claim/status",
                M::CorrectionStatusInvalid,
            ));
        }
    }
    if faults.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Rules(faults))
    }
}

/// The deputy's attendance as a member at an activity of their congress that has
/// started and is not cancelled (`None`: not recorded).
///
/// Errors: 422 `activity_not_correctable` at `/claim/activity_id` otherwise.
fn recorded(
    conn: &mut PgConnection,
    congress: CongressId,
    deputy: DeputyId,
    activity: ActivityId,
) -> Result<Option<AttendanceStatus>, ApiError> {
    let ok = activities::table
        .find(activity)
        .filter(activities::congress_id.eq(congress))
        .filter(activities::status.ne("cancelled"))
        .filter(activities::starts_at.lt(diesel::dsl::now))
        .count()
        .get_result::<i64>(conn)?
        > 0;
    if !ok {
        return Err(Refusal::invalid("/claim/activity_id", M::ActivityNotCorrectable).into());
    }
    Ok(attendances::table
        .filter(attendances::activity_id.eq(activity))
        .filter(attendances::deputy_id.eq(deputy))
        .filter(attendances::capacity.eq("member"))
        .select(attendances::status)
        .first::<AttendanceStatus>(conn)
        .optional()?)
}

/// Files a request of the caller's own deputy, noting the attendance recorded now.
///
/// Errors: 403 `no_deputy_account` for an account without a deputy; 422
/// `activity_not_correctable`; 409 `attendance_already_recorded` when the attendance
/// asked for is the one recorded.
pub fn insert(
    conn: &mut PgConnection,
    user: &AuthUser,
    input: &CorrectionInput,
) -> Result<CorrectionRow, ApiError> {
    let deputy = readable_deputy(conn, user, own_deputy(user)?)?;
    let (activity, claimed, was) = match &input.claim {
        CorrectionClaim::Attendance {
            activity_id,
            status,
        } => {
            let was = recorded(conn, deputy.congress_id, deputy.id, *activity_id)?;
            if was == Some(*status) {
                return Err(Refusal::conflict(M::AttendanceAlreadyRecorded).into());
            }
            (Some(*activity_id), Some(*status), was)
        }
        CorrectionClaim::Other => (None, None, None),
    };
    let claim_type = if activity.is_some() {
        "attendance"
    } else {
        "other"
    };
    Ok(diesel::insert_into(correction_requests::table)
        .values((
            correction_requests::id.eq(CorrectionRequestId::new_v7()),
            correction_requests::congress_id.eq(deputy.congress_id),
            correction_requests::deputy_id.eq(deputy.id),
            correction_requests::claim_type.eq(claim_type),
            correction_requests::activity_id.eq(activity),
            correction_requests::claimed_status.eq(claimed),
            correction_requests::recorded_status.eq(was),
            correction_requests::reason.eq(input.reason.trim()),
        ))
        .returning(CorrectionRow::as_returning())
        .get_result(conn)?)
}

/// Records the attendance an accepted claim asks for (an update of the deputy's row, or
/// a new member row when none was recorded), audited on the activity as the meetings
/// area does, and marks the activity changed for `updated_since`.
pub fn apply(
    conn: &mut PgConnection,
    user: &AuthUser,
    row: &CorrectionRow,
) -> Result<(), ApiError> {
    let (Some(activity), Some(status)) = (row.activity_id, row.claimed_status) else {
        return Ok(());
    };
    if status == AttendanceStatus::OnLeave
        && !leave_approved_before_start(conn, activity, row.deputy_id)?
    {
        return Err(Refusal::conflict(M::LeaveNotApprovedBeforeStart).into());
    }
    let current: Option<(uuid::Uuid, AttendanceStatus)> = attendances::table
        .filter(attendances::activity_id.eq(activity))
        .filter(attendances::deputy_id.eq(row.deputy_id))
        .select((attendances::id, attendances::status))
        .for_update()
        .first(conn)
        .optional()?;
    let id = match current {
        Some((id, _)) => {
            diesel::update(attendances::table.find(id))
                .set((
                    attendances::status.eq(status),
                    attendances::capacity.eq("member"),
                    attendances::recorded_by.eq(Some(user.id)),
                    attendances::version.eq(attendances::version + 1),
                    attendances::updated_at.eq(diesel::dsl::now),
                ))
                .execute(conn)?;
            id
        }
        None => diesel::insert_into(attendances::table)
            .values((
                attendances::id.eq(uuid::Uuid::now_v7()),
                attendances::activity_id.eq(activity),
                attendances::deputy_id.eq(Some(row.deputy_id)),
                attendances::capacity.eq("member"),
                attendances::status.eq(status),
                attendances::recorded_by.eq(Some(user.id)),
            ))
            .returning(attendances::id)
            .get_result(conn)?,
    };
    let change = serde_json::json!([{
        "attendance_id": id, "deputy_id": row.deputy_id,
        "from": current.map(|c| c.1), "to": status, "correction_request_id": row.id
    }]);
    crate::audit::record(
        conn,
        Some(user.id),
        "attendance",
        "activity",
        Some(activity.0),
        None,
        Some(&change),
    )?;
    diesel::update(activities::table.find(activity))
        .set(activities::updated_at.eq(diesel::dsl::now))
        .execute(conn)?;
    Ok(())
}

/// Records a step's new state, with who resolved it and their note.
pub fn set_status(
    conn: &mut PgConnection,
    row: &CorrectionRow,
    status: CorrectionStatus,
    resolver: Option<UserId>,
    note: Option<&str>,
) -> QueryResult<CorrectionRow> {
    let now = Utc::now();
    diesel::update(correction_requests::table.find(row.id))
        .set((
            correction_requests::status.eq(status),
            correction_requests::resolution_note.eq(note),
            correction_requests::resolved_by.eq(resolver),
            correction_requests::resolved_at.eq(resolver.map(|_| now)),
            correction_requests::version.eq(row.version + 1),
            correction_requests::updated_at.eq(now),
        ))
        .returning(CorrectionRow::as_returning())
        .get_result(conn)
}

/// A page of requests: a deputy's own, or the office's and the presidium's scope, with
/// the filters of [`CorrectionListQuery`]; oldest first (by change time with
/// `updated_since`).
pub fn list(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &CorrectionListQuery,
) -> Result<CorrectionPage, ApiError> {
    use correction_requests as c;
    let limit = limit(q.limit)?;
    let after = q.cursor.as_deref().map(Cursor::parse).transpose()?;
    let mut query = c::table
        .filter(c::congress_id.eq_any(scope(user.congress_id)))
        .select(CorrectionRow::as_select())
        .into_boxed();
    if !reads_scope(user) {
        query = query.filter(c::deputy_id.eq(own_deputy(user)?));
    }
    if let Some(s) = q.status {
        query = query.filter(c::status.eq(s));
    }
    if let Some(d) = q.deputy_id {
        query = query.filter(c::deputy_id.eq(d));
    }
    if let Some(cg) = q.congress_id {
        query = query.filter(c::congress_id.eq(cg));
    }
    let rows: Vec<CorrectionRow> = match q.updated_since {
        Some(since) => {
            query = query.filter(c::updated_at.gt(since));
            if let Some(Cursor { at: Some(at), id }) = after {
                query = query.filter(
                    c::updated_at
                        .gt(at)
                        .or(c::updated_at.eq(at).and(c::id.gt(CorrectionRequestId(id)))),
                );
            }
            query
                .order((c::updated_at, c::id))
                .limit(limit + 1)
                .load(conn)?
        }
        None => {
            if let Some(cur) = after {
                query = query.filter(c::id.gt(CorrectionRequestId(cur.id)));
            }
            query.order(c::id).limit(limit + 1).load(conn)?
        }
    };
    let with_time = q.updated_since.is_some();
    let (rows, next_cursor) = cut(rows, limit, |r| Cursor {
        at: with_time.then_some(r.updated_at),
        id: r.id.0,
    });
    Ok(CorrectionPage {
        items: to_wire(conn, rows)?,
        next_cursor,
    })
}

/// Whether the deputy had leave for the activity approved before it began: only such
/// leave excuses an absence (R12; DL 13), as the meetings area applies it.
fn leave_approved_before_start(
    conn: &mut PgConnection,
    activity: renda_openapi::ActivityId,
    deputy: renda_openapi::DeputyId,
) -> QueryResult<bool> {
    use crate::schema::leave_requests;
    let starts: chrono::DateTime<chrono::Utc> = activities::table
        .find(activity)
        .select(activities::starts_at)
        .first(conn)?;
    diesel::select(diesel::dsl::exists(
        leave_requests::table
            .filter(leave_requests::activity_id.eq(activity.0))
            .filter(leave_requests::deputy_id.eq(deputy.0))
            .filter(leave_requests::status.eq("approved"))
            .filter(leave_requests::decided_at.le(starts)),
    ))
    .get_result(conn)
}
