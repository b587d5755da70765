//! A one-time message carried to the next page ("Saved"), shown there once.

use std::cell::RefCell;

thread_local! {
    static MESSAGE: RefCell<Option<&'static str>> = const { RefCell::new(None) };
}

/// Leaves a message for the next page.
pub fn set(message: &'static str) {
    MESSAGE.with(|m| *m.borrow_mut() = Some(message));
}

/// Takes the message, if any; later calls get `None`.
pub fn take() -> Option<&'static str> {
    MESSAGE.with(|m| m.borrow_mut().take())
}
