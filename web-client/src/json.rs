//! JSON read with the browser's `JSON.parse` and mapped onto a type: the wasm stays much
//! smaller than with serde_json's parser, which would be compiled into every answer type.
//! Used by the HTTP client and by the stored session (which thus needs nothing of the
//! client).

use serde::de::DeserializeOwned;

/// `text` parsed as JSON and mapped onto `T`; `None` when it is not JSON or not a `T`.
pub fn decode<T: DeserializeOwned>(text: &str) -> Option<T> {
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}
