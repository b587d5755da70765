//! Importing suggestions from a file.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Query of `POST /api/v1/suggestions/import`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct SuggestionImportQuery {
    /// The congress the items belong to (default: the caller's).
    #[serde(default)]
    pub congress_id: Option<Uuid>,
    /// Report what would happen and change nothing (default false).
    #[serde(default)]
    pub dry_run: bool,
    /// Apply nothing if any row fails; the failing rows come back as a 422 problem
    /// (default false: valid rows are applied, failing rows reported).
    #[serde(default)]
    pub all_or_nothing: bool,
    /// `all` (default) or `problems`: which rows the report lists.
    #[serde(default)]
    pub rows: Option<String>,
}

code_enum! {
    /// How the proposer of an imported row relates to the deputies of the congress.
    /// Proposers are never created as deputies.
    ProposerMatch {
        /// The only deputy of the congress with this name: linked as the lead deputy.
        Matched = "matched" / "已对应代表",
        /// No deputy of the congress has this name: kept as text, no lead deputy.
        Unmatched = "unmatched" / "未找到对应代表",
        /// Several deputies share the name: none is guessed, kept as text.
        Ambiguous = "ambiguous" / "同名代表不止一人",
        /// A body (a committee, a party organisation …), not a person: no deputy.
        Body = "body" / "单位，非代表",
    }
}

/// The proposer of an imported row and the deputy it matched, if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ImportedProposer {
    /// As the file writes it (`冯少东等2人`).
    pub written: String,
    /// The name read from it (`冯少东`), or the body's name.
    pub name: String,
    #[serde(rename = "match")]
    pub matched: ProposerMatch,
    /// The deputy matched (`matched` only).
    pub deputy_id: Option<Uuid>,
    /// The namesakes (`ambiguous` only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Uuid>,
    /// Proposers the file counts but does not name (`等3人` → 2): not linked to anyone.
    pub unnamed_others: u32,
}

code_enum! {
    /// How the file's category of a row was placed in the configured taxonomy.
    CategoryMapping {
        /// A configured category has this name or path.
        SameName = "same_name" / "同名分类",
        /// The documented mapping table names a configured category for it.
        MappingTable = "mapping_table" / "对照表",
        /// No configured category corresponds: the item has no category (a warning).
        Unmapped = "unmapped" / "未对应",
    }
}

/// The file's category of a row and where it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ImportedCategory {
    /// As the file writes it.
    pub written: String,
    pub mapped_by: CategoryMapping,
    pub category_id: Option<Uuid>,
    /// The configured category's path (`教育文体 / 文化`).
    pub path: Option<String>,
}

/// The result of one data row of a suggestions import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SuggestionImportRow {
    /// Row number as the file shows it (1-based, header and title rows counted; a CSV
    /// record spanning several lines is numbered by its first line); for JSON, the
    /// 1-based index in the array.
    pub row: u32,
    /// `create` (a new item), `unchanged` (an item with this reference and year was
    /// imported before; nothing is written), or `error`.
    pub outcome: crate::RowOutcome,
    /// The file's number of the item (提案号).
    pub reference: Option<String>,
    pub year: Option<i32>,
    pub title: Option<String>,
    pub submitted_on: Option<NaiveDate>,
    /// The item created, or imported before (in a dry run, imported before only).
    pub suggestion_id: Option<Uuid>,
    /// Each proposer the row names, the first being the lead (`张三、李四` names two;
    /// `冯少东等2人` names one and counts one more).
    pub proposers: Vec<ImportedProposer>,
    pub category: Option<ImportedCategory>,
    /// For `unchanged`: fields where the file now differs from the stored item. The
    /// stored item is kept (it may be in handling already).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub differs: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<crate::CellMessage>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<crate::CellMessage>,
}

/// Counts over all rows of a suggestions import. The proposer counts are of the names the
/// rows without errors give (one per row in a file that names one proposer per row); the
/// category counts are of those rows and add up to `create + unchanged`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SuggestionImportSummary {
    pub rows: u32,
    pub create: u32,
    pub unchanged: u32,
    pub error: u32,
    /// Rows that carry at least one warning.
    pub with_warnings: u32,
    pub proposers_matched: u32,
    pub proposers_unmatched: u32,
    pub proposers_ambiguous: u32,
    pub proposers_bodies: u32,
    /// Rows whose proposer is `X等N人`: N−1 further proposers are not named.
    pub proposers_with_unnamed_others: u32,
    pub categories_mapped: u32,
    pub categories_unmapped: u32,
    /// Rows without a category cell.
    pub categories_missing: u32,
}

/// The report of `POST /api/v1/suggestions/import`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SuggestionImportReport {
    /// True when nothing was written.
    pub dry_run: bool,
    /// True when the valid rows were written.
    pub applied: bool,
    /// `csv`, `xlsx` or `json`.
    pub format: String,
    /// The header as read, with the field each column maps to (`案由 → title`).
    pub columns: Vec<String>,
    /// Messages about the whole file (ignored columns, title rows skipped, encoding).
    pub file_warnings: Vec<crate::CellMessage>,
    /// The file's categories and where each went (`教育事业 → 教育文体 (对照表)`).
    pub category_mapping: Vec<String>,
    pub summary: SuggestionImportSummary,
    /// One entry per data row in file order (or only those with errors or warnings when
    /// `rows=problems`), until the report reaches its size bound
    /// (`IMPORT_MAX_REPORT_BYTES`): then `truncated` is true and `rows_omitted` counts the
    /// rows left out. `summary` always counts every row.
    pub rows: Vec<SuggestionImportRow>,
    /// True when rows were left out of `rows` to keep the report within its bound.
    #[serde(default)]
    pub truncated: bool,
    /// Rows the report would have listed but left out.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub rows_omitted: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}
