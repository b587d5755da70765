//! The audit log: who changed what, when, with the state before and after. Written in the
//! same transaction as the change it records.

use crate::schema::audit_log;
use diesel::prelude::*;
use uuid::Uuid;

/// Appends one audit entry. `action` is a verb (`create`, `update`, `delete`,
/// `status_change`, `import`); `entity` the kind of record (`deputy`, `mandate`, …).
pub fn record(
    conn: &mut PgConnection,
    actor: Option<Uuid>,
    action: &str,
    entity: &str,
    entity_id: Option<Uuid>,
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::id.eq(Uuid::now_v7()),
            audit_log::actor_id.eq(actor),
            audit_log::action.eq(action),
            audit_log::entity.eq(entity),
            audit_log::entity_id.eq(entity_id),
            audit_log::before.eq(before),
            audit_log::after.eq(after),
        ))
        .execute(conn)
        .map(|_| ())
}
