//! Recurring activities (RFC 5545 RRULE, with the `rrule` crate): a series is stored once
//! with its rule and first occurrence, and expanded into occurrences for the range asked,
//! in the congress's time zone, so "the 26th of every month at 09:00" stays at 09:00
//! Beijing time whatever the UTC offset arithmetic says.

use chrono::{DateTime, TimeZone, Utc};
use rrule::{RRuleSet, Tz};

/// Most occurrences one series yields for one query.
pub const MAX_OCCURRENCES: u16 = 1000;

/// The rule set of a series: `DTSTART` is its first start in `tz`, plus its RRULE.
///
/// Errors: a message (Chinese) when the rule does not parse or is not valid.
pub fn rule_set(
    rrule: &str,
    first_start: DateTime<Utc>,
    tz: chrono_tz::Tz,
) -> Result<RRuleSet, String> {
    let rule = rrule.trim().trim_start_matches("RRULE:");
    if rule.is_empty() || rule.len() > 500 || rule.contains(['\n', '\r']) {
        return Err("重复规则须为一行 RFC 5545 RRULE，例如 FREQ=MONTHLY;BYMONTHDAY=26,27。".into());
    }
    // The office's activities recur by day at the finest; finer rules would only make every
    // calendar query expand thousands of occurrences.
    let upper = rule.to_ascii_uppercase();
    if ["HOURLY", "MINUTELY", "SECONDLY"]
        .iter()
        .any(|f| upper.contains(&format!("FREQ={f}")))
    {
        return Err("重复频率最细为每天（FREQ=DAILY），不能按小时、分钟或秒重复。".into());
    }
    if rule.to_ascii_uppercase().contains("DTSTART") {
        return Err("重复规则不要包含 DTSTART：开始时间取活动的开始时间。".into());
    }
    let local = first_start.with_timezone(&tz);
    let text = format!(
        "DTSTART;TZID={}:{}\nRRULE:{}",
        tz.name(),
        local.format("%Y%m%dT%H%M%S"),
        rule
    );
    text.parse::<RRuleSet>()
        .map_err(|e| format!("重复规则无效：{e}"))
}

/// The starts of a series' occurrences in `[from, to)`, at most [`MAX_OCCURRENCES`].
pub fn occurrences(set: RRuleSet, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let before = to - chrono::Duration::seconds(1);
    if before < from {
        return vec![];
    }
    let after = Tz::UTC.from_utc_datetime(&from.naive_utc());
    let before = Tz::UTC.from_utc_datetime(&before.naive_utc());
    set.after(after)
        .before(before)
        .all(MAX_OCCURRENCES)
        .dates
        .into_iter()
        .map(|d| d.with_timezone(&Utc))
        .filter(|d| *d >= from && *d < to)
        .collect()
}

/// Whether `start` is an occurrence of the series.
pub fn is_occurrence(set: RRuleSet, start: DateTime<Utc>) -> bool {
    occurrences(set, start, start + chrono::Duration::seconds(1)).contains(&start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn shanghai(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        chrono_tz::Asia::Shanghai
            .with_ymd_and_hms(y, m, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn dates(v: &[DateTime<Utc>]) -> Vec<NaiveDate> {
        v.iter()
            .map(|d| d.with_timezone(&chrono_tz::Asia::Shanghai).date_naive())
            .collect()
    }

    #[test]
    fn reception_days_every_month_in_beijing_time() {
        let set = rule_set(
            "FREQ=MONTHLY;BYMONTHDAY=26,27",
            shanghai(2022, 1, 26, 9),
            chrono_tz::Asia::Shanghai,
        )
        .unwrap();
        let got = occurrences(set, shanghai(2022, 2, 1, 0), shanghai(2022, 4, 1, 0));
        assert_eq!(got.len(), 4);
        assert_eq!(got[0].to_rfc3339(), "2022-02-26T01:00:00+00:00");
    }

    #[test]
    fn month_end_rules_skip_short_months() {
        let set = rule_set(
            "FREQ=MONTHLY;BYMONTHDAY=30",
            shanghai(2023, 1, 30, 9),
            chrono_tz::Asia::Shanghai,
        )
        .unwrap();
        let got = occurrences(set, shanghai(2023, 1, 1, 0), shanghai(2023, 4, 1, 0));
        assert_eq!(
            dates(&got),
            vec![
                NaiveDate::from_ymd_opt(2023, 1, 30).unwrap(),
                NaiveDate::from_ymd_opt(2023, 3, 30).unwrap()
            ]
        );
    }

    #[test]
    fn bad_rules_are_refused() {
        assert!(rule_set("FREQ=SOMETIMES", Utc::now(), chrono_tz::Asia::Shanghai).is_err());
        assert!(rule_set("FREQ=MINUTELY", Utc::now(), chrono_tz::Asia::Shanghai).is_err());
        assert!(rule_set("freq=hourly;count=3", Utc::now(), chrono_tz::Asia::Shanghai).is_err());
        assert!(rule_set("FREQ=DAILY;COUNT=3", Utc::now(), chrono_tz::Asia::Shanghai).is_ok());
        assert!(rule_set(
            "DTSTART:20220101T000000Z",
            Utc::now(),
            chrono_tz::Asia::Shanghai
        )
        .is_err());
    }
}
