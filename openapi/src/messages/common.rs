//! Messages that every area uses: who may do what, scope, fields, versions.

use super::{num, Catalogue, Lang};
use crate::{ApiScope, Role};
use serde::{Deserialize, Serialize};

/// A message shared by the areas (see [`super::Message`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum CommonMessage {
    /// The caller's role may not take this step.
    RoleMayNot {
        /// The caller's role.
        role: Role,
    },
    /// No such record in the caller's scope (also for records that exist elsewhere).
    NotInScope,
    /// An API key lacks the scope the request needs.
    ScopeMissing {
        /// The scope needed.
        scope: ApiScope,
    },
    /// A required field is empty or missing.
    Required,
    /// A text is longer than allowed.
    TooLong {
        /// Most characters allowed.
        max: u32,
    },
    /// A number outside its range (both ends included).
    OutOfRange {
        /// Smallest value allowed.
        min: f64,
        /// Largest value allowed.
        max: f64,
    },
    /// A date outside the years a record can have.
    DateOutOfRange {
        /// Earliest date allowed.
        from: chrono::NaiveDate,
        /// Latest date allowed.
        to: chrono::NaiveDate,
    },
    /// A value of the wrong type or shape.
    InvalidValue,
    /// Text with control characters (NUL …), which no field may hold.
    InvalidCharacters,
    /// An end date before the start date.
    EndBeforeStart,
    /// The same record exists already.
    Duplicate,
    /// `If-Match` names an old version: someone changed the record meanwhile.
    StaleVersion,
}

/// The role's name in `lang`.
pub fn role_label(role: Role, lang: Lang) -> &'static str {
    match (role, lang) {
        (Role::Admin, Lang::Zh) => "管理员",
        (Role::Staff, Lang::Zh) => "人大办工作人员",
        (Role::Presidium, Lang::Zh) => "主席团成员",
        (Role::Deputy, Lang::Zh) => "代表",
        (Role::HandlingOrg, Lang::Zh) => "承办单位",
        (Role::Integration, Lang::Zh) => "系统对接",
        (Role::Admin, Lang::En) => "administrator",
        (Role::Staff, Lang::En) => "office staff",
        (Role::Presidium, Lang::En) => "presidium member",
        (Role::Deputy, Lang::En) => "deputy",
        (Role::HandlingOrg, Lang::En) => "handling organisation",
        (Role::Integration, Lang::En) => "integration",
    }
}

impl Catalogue for CommonMessage {
    fn code(&self) -> &'static str {
        match self {
            Self::RoleMayNot { .. } => "role_may_not",
            Self::NotInScope => "not_in_scope",
            Self::ScopeMissing { .. } => "scope_missing",
            Self::Required => "required",
            Self::TooLong { .. } => "too_long",
            Self::OutOfRange { .. } => "out_of_range",
            Self::DateOutOfRange { .. } => "date_out_of_range",
            Self::InvalidValue => "invalid_value",
            Self::InvalidCharacters => "invalid_characters",
            Self::EndBeforeStart => "end_before_start",
            Self::Duplicate => "duplicate",
            Self::StaleVersion => "stale_version",
        }
    }

    fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Self::RoleMayNot { role } if zh => {
                format!("{}不能执行此操作。", role_label(*role, lang))
            }
            Self::RoleMayNot { role } => {
                format!(
                    "A user acting as {} may not do this.",
                    role_label(*role, lang)
                )
            }
            Self::NotInScope if zh => "记录不存在或不在您的权限范围内。".into(),
            Self::NotInScope => "No such record within your scope.".into(),
            Self::ScopeMissing { scope } if zh => format!(
                "此 API 密钥没有“{}”权限（{}）。",
                scope.label_zh(),
                scope.as_str()
            ),
            Self::ScopeMissing { scope } => {
                format!("This API key lacks the scope {}.", scope.as_str())
            }
            Self::Required if zh => "此项必填。".into(),
            Self::Required => "This field is required.".into(),
            Self::TooLong { max } if zh => format!("最多 {max} 个字符。"),
            Self::TooLong { max } => format!("At most {max} characters."),
            Self::OutOfRange { min, max } if zh => {
                format!("须在 {} 到 {} 之间。", num(*min), num(*max))
            }
            Self::OutOfRange { min, max } => {
                format!("Must be between {} and {}.", num(*min), num(*max))
            }
            Self::DateOutOfRange { from, to } if zh => format!("日期须在 {from} 至 {to} 之间。"),
            Self::DateOutOfRange { from, to } => format!("The date must be from {from} to {to}."),
            Self::InvalidValue if zh => "值的类型或取值不正确。".into(),
            Self::InvalidValue => "The value has the wrong type or form.".into(),
            Self::InvalidCharacters if zh => "含有不可见的控制字符，请删除后重试。".into(),
            Self::InvalidCharacters => "Contains invisible control characters.".into(),
            Self::EndBeforeStart if zh => "结束日期不能早于开始日期。".into(),
            Self::EndBeforeStart => "The end cannot be before the start.".into(),
            Self::Duplicate if zh => "与已有记录重复。".into(),
            Self::Duplicate => "The same record exists already.".into(),
            Self::StaleVersion if zh => "数据已被他人修改，请重新读取后再修改。".into(),
            Self::StaleVersion => {
                "Someone else changed this record meanwhile: reload it and try again.".into()
            }
        }
    }
}

/// One value of every variant, for the catalogue's tests.
#[cfg(test)]
pub(crate) fn samples() -> Vec<CommonMessage> {
    vec![
        CommonMessage::RoleMayNot { role: Role::Deputy },
        CommonMessage::NotInScope,
        CommonMessage::ScopeMissing {
            scope: ApiScope::RegistryRead,
        },
        CommonMessage::Required,
        CommonMessage::TooLong { max: 200 },
        CommonMessage::OutOfRange {
            min: 0.0,
            max: 100.0,
        },
        CommonMessage::DateOutOfRange {
            from: chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
            to: chrono::NaiveDate::from_ymd_opt(2100, 12, 31).unwrap(),
        },
        CommonMessage::InvalidValue,
        CommonMessage::InvalidCharacters,
        CommonMessage::EndBeforeStart,
        CommonMessage::Duplicate,
        CommonMessage::StaleVersion,
    ]
}
