//! Normalising and validating personal data: dates as rosters write them, ID-card check
//! digits (GB 11643-1999), phones, masking, and encryption of ID-card numbers.

use chrono::NaiveDate;
use renda_api::deputies::personal::*;
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

#[test]
fn birth_dates_as_rosters_write_them() {
    let p = |s| PartialDate::parse(s, today()).map(|d| d.to_wire());
    assert_eq!(p("1967年3月").as_deref(), Some("1967-03"));
    assert_eq!(p("1965年").as_deref(), Some("1965"));
    assert_eq!(p("１９６７年３月５日").as_deref(), Some("1967-03-05"));
    assert_eq!(p("1967.3").as_deref(), Some("1967-03"));
    assert_eq!(p("19670305").as_deref(), Some("1967-03-05"));
    assert_eq!(p("1967-02-30"), None);
    assert_eq!(p("1967年13月"), None);
    assert_eq!(p("1899"), None);
    assert_eq!(p("2027"), None);
    assert_eq!(p("鹤壁市豫剧团团长"), None);
}

#[test]
fn id_card_check_digit() {
    // GB 11643-1999 worked example.
    assert!(valid_id_card("11010519491231002X"));
    assert!(!valid_id_card("110105194912310021"));
    assert!(!valid_id_card("11010519491331002X"));
    assert_eq!(
        normalize_id_card("１１０１０５１９４９１２３１００２ｘ").as_deref(),
        Some("11010519491231002X")
    );
    assert_eq!(mask_id_card("11010519491231002X"), "110105********002X");
}

#[test]
fn phones() {
    assert!(valid_phone("13812345678"));
    assert!(valid_phone("+86 138 1234 5678"));
    assert!(valid_phone("029-88886666"));
    assert!(valid_phone("0311-8888666-12"));
    assert!(!valid_phone("12812345678"));
    assert!(!valid_phone("1381234567"));
    assert!(!valid_phone("abc"));
    assert_eq!(mask_phone("13812345678"), "138****5678");
}

#[test]
fn encryption_round_trip_and_digest_is_keyed() {
    let k = PersonalDataKey::new(&[1; 32]);
    let sealed = k.encrypt("11010519491231002X");
    assert_ne!(&sealed[12..], b"11010519491231002X");
    assert_eq!(k.decrypt(&sealed).as_deref(), Some("11010519491231002X"));
    assert_eq!(PersonalDataKey::new(&[2; 32]).decrypt(&sealed), None);
    assert_ne!(k.digest("x"), PersonalDataKey::new(&[2; 32]).digest("x"));
}

#[test]
fn full_width_and_ideographic_spaces_are_folded() {
    assert_eq!(
        clean("　Ａｂｃ１２３（北京）　").as_deref(),
        Some("Abc123(北京)")
    );
    assert_eq!(clean("   "), None);
}
