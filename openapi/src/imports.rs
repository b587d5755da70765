//! Bulk import reports for rosters and status changes.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What an import did, or would do in a dry run, to each row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RowOutcome {
    /// A new deputy (and mandate) is created.
    Create,
    /// An existing deputy is matched and changed.
    Update,
    /// An existing deputy is matched and already holds these values.
    Unchanged,
    /// The row is rejected; see `errors`.
    Error,
}

/// How a row was matched to an existing deputy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    /// The row's external id (外部编号).
    ExternalId,
    /// The row's ID-card number.
    IdCard,
    /// Every field of the row equals the existing record (same name, delegation and person data).
    ExactRecord,
    /// The only deputy of this term with this name in this delegation, and no field contradicts.
    NameAndDelegation,
}

/// A message about one cell or the whole row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CellMessage {
    /// The column as the file names it (e.g. `出生年月`), absent for the whole row.
    pub column: Option<String>,
    /// Stable machine code, e.g. `required`, `invalid_date`, `section_header`, `ambiguous_match`.
    pub code: String,
    /// Message for a person (Chinese).
    pub message: String,
    /// The values the message needs, by the catalogue's definition of `code`
    /// (`crate::Message`): the client renders the message from `code` and `params` in
    /// the user's language. Absent when the message needs none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schema(value_type = Option<Object>))]
    pub params: Option<serde_json::Value>,
}

impl CellMessage {
    /// A message about a cell (`column` as the file names it) or the whole row (`None`)
    /// from the catalogue: its code, its parameters and its Chinese text.
    pub fn from_message(column: Option<String>, message: &crate::Message) -> CellMessage {
        CellMessage {
            column,
            code: message.code().to_string(),
            message: message.text(crate::Lang::Zh),
            params: message.params(),
        }
    }

    /// The catalogue message of this cell, when this version of the catalogue knows it.
    pub fn catalogue_message(&self) -> Option<crate::Message> {
        crate::Message::from_parts(&self.code, self.params.as_ref())
    }
}

/// The result of one data row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct RowReport {
    /// Row number as the spreadsheet shows it (1-based, header and title rows counted);
    /// for JSON, the 1-based index in the array.
    pub row: u32,
    pub outcome: RowOutcome,
    pub name: Option<String>,
    pub delegation: Option<String>,
    /// The deputy created or matched (in a dry run, matched only).
    pub deputy_id: Option<Uuid>,
    pub matched_by: Option<MatchedBy>,
    /// Field names that change, for `update`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<CellMessage>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<CellMessage>,
    /// Other rows of this file with the same name in the same delegation: possibly the same
    /// person entered twice, possibly namesakes. They are never merged. At most 20 are
    /// listed (the first in file order); `possible_duplicates_more` counts the rest, and
    /// the whole group is in the report's `duplicate_groups` at `duplicate_group`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub possible_duplicate_rows: Vec<u32>,
    /// Rows of the same group not listed in `possible_duplicate_rows`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub possible_duplicates_more: u32,
    /// Index of this row's group in the report's `duplicate_groups`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_group: Option<u32>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Rows of a file that share a name in one delegation (or, for a sign-in sheet, name the
/// same deputy), reported once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct DuplicateGroup {
    /// The shared name.
    pub name: String,
    pub delegation: Option<String>,
    /// How many rows the group has.
    pub count: u32,
    /// The first rows of the group in file order (at most 20).
    pub rows: Vec<u32>,
    /// Rows of the group not listed in `rows`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub more: u32,
}

/// Counts over all rows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ImportSummary {
    pub rows: u32,
    pub create: u32,
    pub update: u32,
    pub unchanged: u32,
    pub error: u32,
    /// Rows that carry at least one warning.
    pub with_warnings: u32,
    /// Rows flagged as possible duplicates of another row.
    pub possible_duplicates: u32,
}

/// The report of `POST /api/v1/imports/roster` and `POST /api/v1/imports/status-changes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// True when nothing was written.
    pub dry_run: bool,
    /// True when the valid rows were written (false for a dry run, or when
    /// `all_or_nothing=true` and some row failed).
    pub applied: bool,
    /// `csv`, `xlsx` or `json`.
    pub format: String,
    /// The header as read, with the field each column maps to (`姓名 → name`).
    pub columns: Vec<String>,
    /// Delegations and deputy groups that the import creates (or would create).
    pub created_units: Vec<String>,
    /// Messages about the whole file (ignored columns, title rows skipped).
    pub file_warnings: Vec<CellMessage>,
    pub summary: ImportSummary,
    /// One entry per data row, in file order (all rows, or only those with errors,
    /// warnings or duplicates when `rows=problems`), until the report reaches its size
    /// bound (`IMPORT_MAX_REPORT_BYTES`): then `truncated` is true and `rows_omitted`
    /// counts the rows left out. `summary` always counts every row.
    pub rows: Vec<RowReport>,
    /// Groups of rows that share a name in one delegation, each listed once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duplicate_groups: Vec<DuplicateGroup>,
    /// True when rows were left out of `rows` to keep the report within its bound.
    #[serde(default)]
    pub truncated: bool,
    /// Rows the report would have listed but left out.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub rows_omitted: u32,
}
