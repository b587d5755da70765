//! A one-time message carried to the next page ("Saved"), shown there once. Messages are
//! kept as [`Notice`] keys, not as text, so that they follow a change of language.

use crate::i18n::Texts;
use std::cell::RefCell;

/// A success message, by key; its text comes from the current language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// A deputy was registered.
    Created,
    /// A deputy's changes were saved.
    Saved,
    /// A mandate's status changed.
    StatusChanged,
    /// A mandate's election data were saved.
    MandateSaved,
    /// The user logged out.
    LoggedOut,
}

impl Notice {
    /// The message in the language of `t`.
    pub fn text(self, t: &Texts) -> &'static str {
        match self {
            Notice::Created => t.created,
            Notice::Saved => t.saved,
            Notice::StatusChanged => t.status_changed,
            Notice::MandateSaved => t.mandate_saved,
            Notice::LoggedOut => t.logged_out,
        }
    }
}

thread_local! {
    static MESSAGE: RefCell<Option<Notice>> = const { RefCell::new(None) };
}

/// Leaves a message for the next page.
pub fn set(message: Notice) {
    MESSAGE.with(|m| *m.borrow_mut() = Some(message));
}

/// Takes the message, if any; later calls get `None`.
pub fn take() -> Option<Notice> {
    MESSAGE.with(|m| m.borrow_mut().take())
}
