//! Documents attached to activities.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A document attached to an activity (notice, materials, minutes, photos).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ActivityDocument {
    pub id: Uuid,
    pub activity_id: Uuid,
    /// The name given at upload (cleaned of path parts); never used as a path.
    pub file_name: String,
    /// One of PDF, DOCX, XLSX, JPEG, PNG, plain text.
    pub content_type: String,
    pub size_bytes: i64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    pub uploaded_by: Option<Uuid>,
    pub uploaded_at: DateTime<Utc>,
}
