//! RFC 9457 problem details, the body of every error response (`application/problem+json`).

use serde::{Deserialize, Serialize};

/// An RFC 9457 problem document.
///
/// `type` is a URI naming the kind of problem (`https://renda.example/problems/<code>`; the
/// last segment is a stable machine code such as `validation`, `not_found`, `conflict`),
/// `title` and `detail` are Chinese text meant for a person, `status` repeats the HTTP status.
/// Validation problems list each failing field or row in `errors`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Problem {
    /// URI of the problem type; its last path segment is the machine code.
    #[serde(rename = "type")]
    pub type_: String,
    /// Short human-readable summary (Chinese).
    pub title: String,
    /// HTTP status code.
    pub status: u16,
    /// Human-readable explanation of this occurrence (Chinese).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Per-field or per-row errors for validation problems.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// The catalogue code of the refusal (`crate::Message`), when it is more specific than
    /// the `type` (e.g. `type` ends in `forbidden`, `code` is `not_group_leader`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The values the message needs (`{"limit": 20}`), by the catalogue's definition of
    /// `code`; absent when it needs none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schema(value_type = Option<Object>))]
    pub params: Option<serde_json::Value>,
    /// The bound a request crossed, for refusals of a configured limit (413 `too_many_rows`,
    /// `cell_too_long` …; 429/503 `import_busy`): its name and value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<ProblemLimit>,
}

/// A configured bound named in a problem: `{"name": "IMPORT_MAX_ROWS", "value": 50000}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ProblemLimit {
    /// The environment variable that sets the bound (its name is stable).
    pub name: String,
    /// The bound in force (rows, columns, cells, bytes or seconds, as the name says).
    pub value: u64,
}

impl Problem {
    /// The machine code: the last segment of `type`.
    pub fn code(&self) -> &str {
        self.type_.rsplit('/').next().unwrap_or("")
    }

    /// The catalogue message of this problem (from `code` and `params`, else from the
    /// `type`'s code), when this version of the catalogue knows it.
    pub fn message(&self) -> Option<crate::Message> {
        let code = self.code.as_deref().unwrap_or_else(|| self.code());
        crate::Message::from_parts(code, self.params.as_ref())
    }
}

/// One failing field (JSON pointer such as `/name` or `/mandate/term_id`), query parameter
/// (`?limit`) or header (`If-Match`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// Where the error is: a JSON pointer into the request body, `?name` for a query
    /// parameter, or a header name.
    pub pointer: String,
    /// Stable machine code, e.g. `required`, `invalid_format`, `too_long`, `unknown`.
    pub code: String,
    /// Message for a person (Chinese).
    pub message: String,
    /// The values the message needs, by the catalogue's definition of `code`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schema(value_type = Option<Object>))]
    pub params: Option<serde_json::Value>,
}

impl FieldError {
    /// A field error from a catalogue message: its code, its parameters and its Chinese
    /// text.
    pub fn from_message(pointer: &str, message: &crate::Message) -> FieldError {
        FieldError {
            pointer: pointer.to_string(),
            code: message.code().to_string(),
            message: message.text(crate::Lang::Zh),
            params: message.params(),
        }
    }

    /// The catalogue message of this error, when this version of the catalogue knows it.
    pub fn catalogue_message(&self) -> Option<crate::Message> {
        crate::Message::from_parts(&self.code, self.params.as_ref())
    }
}

/// Base URI of problem types.
pub const PROBLEM_BASE: &str = "https://renda.example/problems/";
