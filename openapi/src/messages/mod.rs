//! The catalogue: every refusal and field error the server sends, as a code with typed
//! parameters, and the one place where its Chinese and English text is written.
//!
//! The server puts a [`Message`] into a problem document as `code` and `params` (and its
//! Chinese text as `detail` or the field error's `message`, for clients that only show
//! text); the web client decodes the same [`Message`] from `code` and `params` and shows
//! [`Message::text`] in the user's language. Rewording a message is an edit here and
//! nowhere else.
//!
//! Each area has its own enum (one file each); [`Message`] unites them. A workflow's pure
//! rules return a [`Refusal`]: the message and the kind of refusal, from which the server
//! decides the HTTP status (403, 404, 409 or 422).

pub mod assessments;
pub mod common;
mod import_parts;
pub mod imports;
pub mod registry;
pub mod suggestions;

pub use assessments::AssessmentMessage;
pub use common::CommonMessage;
pub use imports::ImportMessage;
pub use registry::{PersonField, RegistryMessage};
pub use suggestions::{SuggestionMessage, SuggestionRecord};

use serde::{Deserialize, Serialize};

/// A language of the catalogue and the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// 简体中文 (the default, and the language of `detail` in problem documents).
    #[default]
    Zh,
    /// English.
    En,
}

/// Text of a message in each language: implemented by each area's enum.
pub trait Catalogue {
    /// The stable machine code (`snake_case`), the `code` of the problem or field error.
    fn code(&self) -> &'static str;
    /// The sentence for a person, with the parameters filled in.
    fn text(&self, lang: Lang) -> String;
}

/// Any message of the catalogue. On the wire: `{"code": "...", "params": {...}}`
/// (`params` absent when the message has none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
///
/// Decoding tries the areas in order: imports and the registry first, since some of their
/// codes are also common ones (`required`, `too_long` …) and only their parameters tell
/// them apart.
#[serde(untagged)]
pub enum Message {
    /// Imports of files: the file as a whole, its rows and cells.
    Imports(ImportMessage),
    /// A deputy's personal data.
    Registry(RegistryMessage),
    /// Messages every area uses (roles, scope, fields, versions).
    Common(CommonMessage),
    /// Performance records, schemes, runs, duty reports, appraisals.
    Assessments(AssessmentMessage),
    /// Suggestions: the workflow's refusals and an item's fields.
    Suggestions(SuggestionMessage),
}

impl Message {
    /// The machine code.
    pub fn code(&self) -> &'static str {
        match self {
            Message::Imports(m) => m.code(),
            Message::Registry(m) => m.code(),
            Message::Common(m) => m.code(),
            Message::Assessments(m) => m.code(),
            Message::Suggestions(m) => m.code(),
        }
    }

    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Message::Imports(m) => m.text(lang),
            Message::Registry(m) => m.text(lang),
            Message::Common(m) => m.text(lang),
            Message::Assessments(m) => m.text(lang),
            Message::Suggestions(m) => m.text(lang),
        }
    }

    /// The parameters as a JSON object, `None` for a message without any.
    pub fn params(&self) -> Option<serde_json::Value> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(mut o)) => o.remove("params").filter(|p| !p.is_null()),
            _ => None,
        }
    }

    /// The message a problem or field error carries, from its `code` and `params`; `None`
    /// for a code this version of the catalogue does not know (show the server's text).
    pub fn from_parts(code: &str, params: Option<&serde_json::Value>) -> Option<Message> {
        let mut o = serde_json::Map::new();
        o.insert("code".into(), serde_json::Value::String(code.to_string()));
        if let Some(p) = params.filter(|p| !p.is_null()) {
            o.insert("params".into(), p.clone());
        }
        serde_json::from_value(serde_json::Value::Object(o)).ok()
    }

    /// As [`Message::from_parts`], but only among the messages of imports, the registry
    /// and the common ones (what field errors and import reports carry): the same answer
    /// for those, `None` for the others, and a much smaller decoder in the web client,
    /// whose bundles have a size budget.
    pub fn from_parts_of_registry(
        code: &str,
        params: Option<&serde_json::Value>,
    ) -> Option<Message> {
        let mut o = serde_json::Map::new();
        o.insert("code".into(), serde_json::Value::String(code.to_string()));
        if let Some(p) = params.filter(|p| !p.is_null()) {
            o.insert("params".into(), p.clone());
        }
        let wire = serde_json::Value::Object(o);
        serde_json::from_value::<ImportMessage>(wire.clone())
            .map(Message::from)
            .or_else(|_| serde_json::from_value::<RegistryMessage>(wire.clone()).map(Message::from))
            .or_else(|_| serde_json::from_value::<CommonMessage>(wire).map(Message::from))
            .ok()
    }
}

impl From<CommonMessage> for Message {
    fn from(m: CommonMessage) -> Message {
        Message::Common(m)
    }
}

impl From<ImportMessage> for Message {
    fn from(m: ImportMessage) -> Message {
        Message::Imports(m)
    }
}

impl From<RegistryMessage> for Message {
    fn from(m: RegistryMessage) -> Message {
        Message::Registry(m)
    }
}

impl From<SuggestionMessage> for Message {
    fn from(m: SuggestionMessage) -> Message {
        Message::Suggestions(m)
    }
}

impl From<AssessmentMessage> for Message {
    fn from(m: AssessmentMessage) -> Message {
        Message::Assessments(m)
    }
}

/// What kind of refusal a rule gives; the server answers it with the HTTP status named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalKind {
    /// 403: the caller may not do this (role, own record, group).
    Forbidden,
    /// 404: no such record in the caller's scope.
    NotFound,
    /// 409: the record's state or a rule of the workflow does not allow it now.
    Conflict,
    /// 422: a value is not acceptable; `pointer` names the field.
    Invalid,
}

/// A rule's refusal: its kind, its message, and for [`RefusalKind::Invalid`] the JSON
/// pointer of the field (`/items/2/cap`), `""` for the body as a whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    /// Decides the HTTP status.
    pub kind: RefusalKind,
    /// What is refused, with its parameters.
    pub message: Message,
    /// The field an [`RefusalKind::Invalid`] refusal is about.
    pub pointer: Option<String>,
}

impl Refusal {
    /// A 409 refusal.
    pub fn conflict(message: impl Into<Message>) -> Refusal {
        Refusal {
            kind: RefusalKind::Conflict,
            message: message.into(),
            pointer: None,
        }
    }

    /// A 403 refusal.
    pub fn forbidden(message: impl Into<Message>) -> Refusal {
        Refusal {
            kind: RefusalKind::Forbidden,
            message: message.into(),
            pointer: None,
        }
    }

    /// A 404 refusal.
    pub fn not_found(message: impl Into<Message>) -> Refusal {
        Refusal {
            kind: RefusalKind::NotFound,
            message: message.into(),
            pointer: None,
        }
    }

    /// A 422 refusal of the field at `pointer`.
    pub fn invalid(pointer: &str, message: impl Into<Message>) -> Refusal {
        Refusal {
            kind: RefusalKind::Invalid,
            message: message.into(),
            pointer: Some(pointer.to_string()),
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}",
            self.message.code(),
            self.message.text(Lang::En)
        )
    }
}

/// Formats a number of points or a percentage for a sentence: at most two decimals,
/// without trailing zeros (`12`, `12.5`, `89.95`).
pub fn num(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message survives the wire (code and params back to the same message) and has
    /// text in both languages; a code is one variant of its area (a code two areas share,
    /// or one with several sentences, is told apart by its parameters: the round trip
    /// checks that).
    pub(crate) fn check_catalogue(samples: &[Message]) {
        let mut codes = std::collections::HashMap::new();
        for m in samples {
            let back = Message::from_parts(m.code(), m.params().as_ref());
            assert_eq!(back.as_ref(), Some(m), "{}", m.code());
            if !matches!(m, Message::Assessments(_) | Message::Suggestions(_)) {
                let back = Message::from_parts_of_registry(m.code(), m.params().as_ref());
                assert_eq!(back.as_ref(), Some(m), "{}", m.code());
            }
            assert!(!m.text(Lang::Zh).is_empty() && !m.text(Lang::En).is_empty());
            assert!(
                !m.text(Lang::En)
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                    || m.code() == "name_mismatch"
                    || quotes_chinese(m),
                "English text of {} has Chinese",
                m.code()
            );
            // The area and the variant's name, from the debug form `Area(Variant …)`.
            let debug = format!("{m:?}");
            let mut names = debug.split(['(', ')', ' ', '{']);
            let area = names.next().unwrap_or("").to_string();
            let variant = names.next().unwrap_or("").to_string();
            let seen = codes
                .entry((area, m.code()))
                .or_insert_with(|| variant.clone());
            assert_eq!(
                *seen,
                variant,
                "code {} is two variants of one area",
                m.code()
            );
        }
    }

    #[test]
    fn the_catalogue_round_trips_and_reads_in_both_languages() {
        let mut all: Vec<Message> = common::samples().into_iter().map(Into::into).collect();
        all.extend(assessments::samples().into_iter().map(Message::from));
        all.extend(suggestions::samples().into_iter().map(Message::from));
        all.extend(imports::samples().into_iter().map(Message::from));
        all.extend(registry::samples().into_iter().map(Message::from));
        check_catalogue(&all);
    }

    /// A message whose English quotes Chinese the user wrote or that a file names (a
    /// column, a value, the Chinese names of attendance or change types).
    fn quotes_chinese(m: &Message) -> bool {
        matches!(m, Message::Imports(_) | Message::Registry(_))
    }

    #[test]
    fn an_unknown_code_is_none() {
        assert_eq!(Message::from_parts("no_such_code", None), None);
    }

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(89.949), "89.95");
        assert_eq!(num(-0.001), "0");
    }
}
