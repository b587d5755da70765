//! Deadlines: working days under the official calendar of public holidays and adjusted
//! working days (调休), and calendar months.
//!
//! The calendar lives in the `working_calendar` table (seeded by the migration with the
//! State Council's arrangements for 2024–2026, replaced per year through
//! `PUT /api/v1/working-calendar/{year}`): a listed `holiday` is a day off even on a
//! weekday, a listed `workday` is worked even on a Saturday or Sunday, and every other day
//! follows the week (Monday–Friday worked). The 2026 rows follow the State Council notice
//! published in November 2025 (国办发明电〔2025〕7号) as entered from memory of its text:
//! New Year 1–3 January off, 4 January worked; Spring Festival 15–23 February off, 14 and 28
//! February worked; Qingming 4–6 April; Labour Day 1–5 May off, 9 May worked; Dragon Boat
//! 19–21 June; Mid-Autumn 25–27 September; National Day 1–7 October off, 20 September and 10
//! October worked. Check them against the published notice; correct them through the API.
//! No crate on crates.io keeps this data current
//! and updatable in the database, so the counting (a few lines) is here.

use crate::schema::working_calendar;
use chrono::{Datelike, Months, NaiveDate, Weekday};
use diesel::prelude::*;
use std::collections::HashMap;

/// The departures from the week in a date range: `true` for a worked day, `false` for a
/// day off.
pub type Exceptions = HashMap<NaiveDate, bool>;

/// Whether `day` is a working day.
pub fn is_working_day(day: NaiveDate, exceptions: &Exceptions) -> bool {
    match exceptions.get(&day) {
        Some(worked) => *worked,
        None => !matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
    }
}

/// The `n`th working day after `from` (`from` itself not counted): the last day of a
/// limit of "within `n` working days of `from`". `n = 0` gives `from`.
pub fn nth_working_day_after(from: NaiveDate, n: u32, exceptions: &Exceptions) -> NaiveDate {
    let mut day = from;
    let mut left = n;
    while left > 0 {
        day = day.succ_opt().unwrap_or(day);
        if is_working_day(day, exceptions) {
            left -= 1;
        }
    }
    day
}

/// Loads the exceptions from `from` to the end of a range long enough for `n` working
/// days (`n` × 3 + 30 days: longer than any Chinese holiday run).
pub fn exceptions_after(
    conn: &mut PgConnection,
    from: NaiveDate,
    n: u32,
) -> QueryResult<Exceptions> {
    let to = from + chrono::Duration::days(i64::from(n) * 3 + 30);
    let rows: Vec<(NaiveDate, String)> = working_calendar::table
        .filter(working_calendar::day.gt(from))
        .filter(working_calendar::day.le(to))
        .select((working_calendar::day, working_calendar::kind))
        .load(conn)?;
    Ok(rows.into_iter().map(|(d, k)| (d, k == "workday")).collect())
}

/// [`nth_working_day_after`] with the calendar from the database.
pub fn add_working_days(
    conn: &mut PgConnection,
    from: NaiveDate,
    n: u32,
) -> QueryResult<NaiveDate> {
    let exceptions = exceptions_after(conn, from, n)?;
    let due = nth_working_day_after(from, n, &exceptions);
    // Every year has holidays: a year without any row has not been entered yet, and its
    // count is Monday–Friday only until it is.
    use chrono::Datelike;
    for year in from.year()..=due.year() {
        let (first, last) = (
            NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(from),
            NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(due),
        );
        let known: bool = diesel::select(diesel::dsl::exists(
            working_calendar::table
                .filter(working_calendar::day.ge(first))
                .filter(working_calendar::day.le(last)),
        ))
        .get_result(conn)?;
        if !known {
            log::warn!(
                "working calendar: no holidays entered for {year}; counting Monday–Friday (PUT /api/v1/working-calendar/{year})"
            );
        }
    }
    Ok(due)
}

/// `date` plus `months` calendar months (chrono's `checked_add_months`): the same day of
/// the month, or the last day of the target month when it is shorter (31 January + 3
/// months = 30 April; 30 November + 3 months = 28 or 29 February). Saturates at chrono's
/// last date rather than failing.
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// 2025 National Day and Mid-Autumn: 1–8 October off, Sunday 28 September and
    /// Saturday 11 October worked.
    fn national_day_2025() -> Exceptions {
        let mut e: Exceptions = (1..=8)
            .map(|day| (NaiveDate::from_ymd_opt(2025, 10, day).unwrap(), false))
            .collect();
        e.insert(d("2025-09-28"), true);
        e.insert(d("2025-10-11"), true);
        e
    }

    #[test]
    fn seven_working_days_across_national_day() {
        let e = national_day_2025();
        // Tuesday 30 September: 9, 10, 11 (adjusted Saturday), 13, 14, 15, 16 October.
        assert_eq!(
            nth_working_day_after(d("2025-09-30"), 7, &e),
            d("2025-10-16")
        );
        // Friday 26 September: 28 (adjusted Sunday), 29, 30 September, 9, 10, 11, 13 October.
        assert_eq!(
            nth_working_day_after(d("2025-09-26"), 7, &e),
            d("2025-10-13")
        );
        assert!(is_working_day(d("2025-10-11"), &e));
        assert!(!is_working_day(d("2025-10-08"), &e));
        assert!(!is_working_day(d("2025-10-12"), &e));
    }

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        assert_eq!(add_months(d("2025-01-31"), 3), d("2025-04-30"));
        assert_eq!(add_months(d("2025-01-31"), 1), d("2025-02-28"));
        assert_eq!(add_months(d("2024-01-31"), 1), d("2024-02-29"));
        assert_eq!(add_months(d("2025-08-31"), 6), d("2026-02-28"));
        assert_eq!(add_months(d("2025-03-15"), 3), d("2025-06-15"));
    }
}
