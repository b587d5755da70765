//! What the registry already holds for one term, loaded once per import so that every
//! row is matched in memory, and the delegations and deputy groups to find by name.

use crate::congresses::models::TermRow;
use crate::deputies::models::{DeputyRow, MandateRow};
use crate::deputies::personal::clean;
use crate::schema::{delegations, deputies, deputy_groups, mandates};
use diesel::prelude::*;
use std::collections::HashMap;
use uuid::Uuid;

/// An existing deputy of the term's congress and their mandate in that term, if any.
pub struct Existing {
    pub deputy: DeputyRow,
    pub mandate: Option<MandateRow>,
    pub delegation: Option<String>,
    pub group: Option<String>,
}

/// A deputy, their mandate in the term, and its delegation's and group's names.
type ExistingRow = (
    DeputyRow,
    Option<MandateRow>,
    Option<String>,
    Option<String>,
);

/// The registry as an import sees it.
pub struct Snapshot {
    pub existing: Vec<Existing>,
    pub by_external_id: HashMap<String, usize>,
    pub by_id_digest: HashMap<Vec<u8>, usize>,
    /// `(name, delegation or "")` → deputies holding a mandate in the term.
    pub by_name_and_delegation: HashMap<(String, String), Vec<usize>>,
    /// Delegation name → id, for the term's congress.
    pub delegations: HashMap<String, Uuid>,
    /// Deputy group name → id.
    pub groups: HashMap<String, Uuid>,
}

impl Snapshot {
    /// Loads the deputies kept by the term's congress with their mandates in the term.
    pub fn load(conn: &mut PgConnection, term: &TermRow) -> QueryResult<Snapshot> {
        let rows: Vec<ExistingRow> = deputies::table
            .left_join(
                mandates::table.on(mandates::deputy_id
                    .eq(deputies::id)
                    .and(mandates::term_id.eq(term.id))),
            )
            .left_join(
                delegations::table.on(mandates::delegation_id.eq(delegations::id.nullable())),
            )
            .left_join(
                deputy_groups::table.on(mandates::deputy_group_id.eq(deputy_groups::id.nullable())),
            )
            .filter(deputies::congress_id.eq(term.congress_id))
            .order(deputies::id)
            .select((
                DeputyRow::as_select(),
                Option::<MandateRow>::as_select(),
                delegations::name.nullable(),
                deputy_groups::name.nullable(),
            ))
            .load(conn)?;
        let mut snap = Snapshot {
            existing: Vec::with_capacity(rows.len()),
            by_external_id: HashMap::new(),
            by_id_digest: HashMap::new(),
            by_name_and_delegation: HashMap::new(),
            delegations: delegations::table
                .filter(delegations::congress_id.eq(term.congress_id))
                .select((delegations::name, delegations::id))
                .load::<(String, Uuid)>(conn)?
                .into_iter()
                .collect(),
            groups: deputy_groups::table
                .filter(deputy_groups::congress_id.eq(term.congress_id))
                .select((deputy_groups::name, deputy_groups::id))
                .load::<(String, Uuid)>(conn)?
                .into_iter()
                .collect(),
        };
        for (i, (deputy, mandate, delegation, group)) in rows.into_iter().enumerate() {
            if let Some(x) = &deputy.external_id {
                snap.by_external_id.insert(x.clone(), i);
            }
            if let Some(d) = &deputy.id_card_digest {
                snap.by_id_digest.insert(d.clone(), i);
            }
            if mandate.is_some() {
                snap.by_name_and_delegation
                    .entry((deputy.name.clone(), delegation.clone().unwrap_or_default()))
                    .or_default()
                    .push(i);
            }
            snap.existing.push(Existing {
                deputy,
                mandate,
                delegation,
                group,
            });
        }
        Ok(snap)
    }

    /// Finds a delegation by its full name, or by a short form that names exactly one
    /// delegation (its characters in order within the full name: `吉林` → `吉林省`,
    /// `解放军和武警部队` → `中国人民解放军和中国人民武装警察部队`). Returns the full name.
    pub fn resolve_delegation(&self, written: &str) -> Option<String> {
        let written = clean(written)?;
        if self.delegations.contains_key(&written) {
            return Some(written);
        }
        let mut found = self
            .delegations
            .keys()
            .filter(|full| is_subsequence(&written, full));
        match (found.next(), found.next()) {
            (Some(one), None) => Some(one.clone()),
            _ => None,
        }
    }
}

/// Whether the characters of `short` appear in order in `full`.
fn is_subsequence(short: &str, full: &str) -> bool {
    let mut rest = full.chars();
    short.chars().all(|c| rest.any(|f| f == c))
}
