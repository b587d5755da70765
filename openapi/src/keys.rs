//! API keys for district systems and scripts (ARCHITECTURE.md, Security): a key acts as
//! one integration user, limited to its scopes. Send it as `Authorization: Bearer rk_…` or
//! `X-API-Key: rk_…`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

code_enum! {
    /// What a key may do: read (GET) or write (anything else) in one area. The area of a
    /// request is decided by its path: suggestions (`/suggestions`, `/replies`,
    /// `/attachments`, `/handling-orgs`, `/suggestion-…`, `/reminders`, `/motions`,
    /// `/working-calendar`), meetings (`/activities`, `/calendar…`, `/attendances`,
    /// `/leave-requests`, `/agenda-items`, `/documents`, `/credentials-flags`,
    /// `/attendance-rates`, `/activity-counts`, `/session-check`), assessments
    /// (`/performance-…`, `/entry-attachments`, `/correction-requests`, `/assessment-…`,
    /// `/objections`, `/awards`, `/duty-report…`, `/work-appraisals`,
    /// `/congresses/{id}/publication-settings`), else the registry.
    ApiScope {
        /// 代表名册：读取
        #[serde(rename = "registry:read")]
        RegistryRead = "registry:read" / "名册（读）",
        /// 代表名册：写入（含导入）
        #[serde(rename = "registry:write")]
        RegistryWrite = "registry:write" / "名册（写）",
        /// 会议活动：读取
        #[serde(rename = "meetings:read")]
        MeetingsRead = "meetings:read" / "会议活动（读）",
        /// 会议活动：写入
        #[serde(rename = "meetings:write")]
        MeetingsWrite = "meetings:write" / "会议活动（写）",
        /// 建议议案：读取
        #[serde(rename = "suggestions:read")]
        SuggestionsRead = "suggestions:read" / "建议议案（读）",
        /// 建议议案：写入
        #[serde(rename = "suggestions:write")]
        SuggestionsWrite = "suggestions:write" / "建议议案（写）",
        /// 履职考核：读取
        #[serde(rename = "assessments:read")]
        AssessmentsRead = "assessments:read" / "履职考核（读）",
        /// 履职考核：写入
        #[serde(rename = "assessments:write")]
        AssessmentsWrite = "assessments:write" / "履职考核（写）",
    }
}

/// An API key (the secret itself is shown only in the answer to its creation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ApiKey {
    pub id: Uuid,
    /// The integration user the key acts as.
    pub user_id: Uuid,
    pub name: String,
    pub scopes: Vec<ApiScope>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// Only in the answer to `POST /api/v1/api-keys`: `rk_` and 43 characters. Not stored;
    /// it cannot be shown again.
    pub key: Option<String>,
}

/// `POST /api/v1/api-keys` body (admin).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewApiKey {
    /// A user with role `integration` in the admin's scope.
    pub user_id: Uuid,
    /// What the key is for, 1–100 characters (e.g. `区人大代表履职平台同步`).
    pub name: String,
    /// At least one scope.
    pub scopes: Vec<ApiScope>,
}
