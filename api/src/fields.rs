//! Checks of request fields shared by the areas, each pushing a [`FieldError`] with a JSON
//! pointer, so one request reports every bad field at once.

use renda_openapi::FieldError;

/// Trims a text field and checks its length in characters; pushes `required` (when
/// `required` and it is missing or blank) or `too_long` (over `max`) and then returns
/// `None`; otherwise the trimmed text (`None` for an optional blank one).
pub fn text(
    errors: &mut Vec<FieldError>,
    pointer: &str,
    value: Option<&str>,
    max: usize,
    required: bool,
) -> Option<String> {
    let v = value.map(str::trim).filter(|s| !s.is_empty());
    let name = pointer.trim_start_matches('/');
    match v {
        None if required => errors.push(FieldError {
            params: None,
            pointer: pointer.into(),
            code: "required".into(),
            message: format!("{name} 不能为空。"),
        }),
        Some(s) if s.chars().count() > max => errors.push(FieldError {
            params: None,
            pointer: pointer.into(),
            code: "too_long".into(),
            message: format!("{name} 最多 {max} 个字符。"),
        }),
        _ => {}
    }
    v.filter(|s| s.chars().count() <= max).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn blank_is_missing_and_length_counts_characters() {
        let mut errors = vec![];
        assert_eq!(text(&mut errors, "/title", Some("  "), 5, true), None);
        assert_eq!(errors[0].code, "required");
        assert_eq!(
            text(&mut errors, "/title", Some("六个汉字好的"), 5, false),
            None
        );
        assert_eq!(errors[1].code, "too_long");
        assert_eq!(
            text(&mut errors, "/t", Some(" 五个汉字好 "), 5, true).as_deref(),
            Some("五个汉字好")
        );
        assert_eq!(text(&mut errors, "/t", None, 5, false), None);
        assert_eq!(errors.len(), 2);
    }
}
