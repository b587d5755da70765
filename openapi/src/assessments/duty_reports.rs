//! Duty reports to constituents (述职评议): at a duty-report activity, which deputies
//! reported, to which constituency, before how many constituents' representatives, in
//! writing or orally, and each one's ballot tally (满意 / 基本满意 / 不满意, valid and
//! invalid ballots). The satisfaction rate enters the record and the schemes.

use super::DutyReportId;
use crate::messages::AssessmentMessage;
use crate::{ActivityId, DeputyId, TermId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

code_enum! {
    /// How a deputy reported.
    ReportForm {
        /// 口头述职
        Oral = "oral" / "口头述职" / "Oral",
        /// 书面述职
        Written = "written" / "书面述职" / "Written",
    }
}

/// A ballot tally (测评票): valid ballots by answer, and the invalid ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BallotTally {
    /// 满意
    pub satisfied: u32,
    /// 基本满意
    pub basically_satisfied: u32,
    /// 不满意
    pub dissatisfied: u32,
    /// 无效票
    #[serde(default)]
    pub invalid: u32,
}

impl BallotTally {
    /// Valid ballots.
    pub fn valid(&self) -> u32 {
        self.satisfied + self.basically_satisfied + self.dissatisfied
    }

    /// The satisfaction rate in percent, two decimals: (满意 + 基本满意) ÷ valid ballots;
    /// none without valid ballots.
    pub fn satisfaction_rate(&self) -> Option<f64> {
        let valid = self.valid();
        (valid > 0).then(|| {
            super::round2(
                f64::from(self.satisfied + self.basically_satisfied) * 100.0 / f64::from(valid),
            )
        })
    }

    /// Checks the tally against the meeting: the valid ballots are the three answers'
    /// sum (`counted_valid`, when the sheet states it, must equal it), and neither the
    /// valid ballots nor all ballots cast (valid + invalid) exceed the `audience`
    /// (constituents' representatives present, who each cast one ballot).
    ///
    /// Refusals: `ballot_sum_mismatch`, `ballots_exceed_audience`,
    /// `ballots_cast_exceed_audience`.
    pub fn check(
        &self,
        audience: u32,
        counted_valid: Option<u32>,
    ) -> Result<(), AssessmentMessage> {
        let sum =
            self.satisfied as u64 + self.basically_satisfied as u64 + self.dissatisfied as u64;
        let cast = sum + self.invalid as u64;
        let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        if let Some(valid) = counted_valid.filter(|v| u64::from(*v) != sum) {
            return Err(AssessmentMessage::BallotSumMismatch {
                valid,
                sum: clamp(sum),
            });
        }
        if sum > u64::from(audience) {
            return Err(AssessmentMessage::BallotsExceedAudience {
                audience,
                ballots: clamp(sum),
            });
        }
        if cast > u64::from(audience) {
            return Err(AssessmentMessage::BallotsCastExceedAudience {
                audience,
                cast: clamp(cast),
            });
        }
        Ok(())
    }
}

/// One deputy's duty report at a duty-report activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct DutyReport {
    pub id: DutyReportId,
    pub activity_id: ActivityId,
    pub activity_title: String,
    /// The activity's date (China Standard Time).
    pub reported_on: NaiveDate,
    pub deputy_id: DeputyId,
    pub deputy_name: String,
    /// 选区 the deputy reported to.
    pub constituency: Option<String>,
    /// Constituents' representatives present.
    pub audience: u32,
    pub form: ReportForm,
    /// Ballots, once counted.
    pub ballots: Option<BallotTally>,
    /// Percent, two decimals, from the ballots.
    pub satisfaction_rate: Option<f64>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// `POST /api/v1/duty-reports` body; `PUT /api/v1/duty-reports/{id}` takes it too (with
/// `If-Match`), e.g. to enter the ballots.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DutyReportInput {
    /// An activity of kind `duty_report`.
    pub activity_id: ActivityId,
    pub deputy_id: DeputyId,
    #[serde(default)]
    pub constituency: Option<String>,
    /// 0–100,000.
    pub audience: u32,
    pub form: ReportForm,
    #[serde(default)]
    pub ballots: Option<BallotTally>,
}

/// `GET /api/v1/duty-reports` parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct DutyReportListQuery {
    pub activity_id: Option<ActivityId>,
    pub deputy_id: Option<DeputyId>,
    pub term_id: Option<TermId>,
    pub updated_since: Option<DateTime<Utc>>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A page of `GET /api/v1/duty-reports`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct DutyReportPage {
    pub items: Vec<DutyReport>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// `POST /api/v1/duty-reports/import` parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct BallotImportQuery {
    /// The duty-report activity whose reports the sheet's ballots belong to.
    pub activity_id: ActivityId,
    /// Report what would happen and write nothing (default false).
    #[serde(default)]
    pub dry_run: bool,
}

/// One deputy in `GET /api/v1/duty-report-coverage`: whether they have reported this term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CoverageRow {
    pub deputy: super::DeputyBrief,
    /// Reports this term, newest first.
    pub reports: u32,
    pub last_reported_on: Option<NaiveDate>,
    pub last_satisfaction_rate: Option<f64>,
}

/// `GET /api/v1/duty-report-coverage?term_id=`: who has reported this term and who not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct DutyReportCoverage {
    pub term_id: TermId,
    pub deputies: u32,
    pub reported: u32,
    pub rows: Vec<CoverageRow>,
}

/// The outcome of `POST /api/v1/duty-reports/import?activity_id=`: a sheet of ballots
/// (姓名, 满意, 基本满意, 不满意, 无效) for the deputies who reported at the activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct BallotImportReport {
    pub dry_run: bool,
    pub rows: u32,
    pub updated: u32,
    /// Rows not applied, with the reason (row numbers as the sheet shows them).
    pub errors: Vec<crate::FieldError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(s: u32, b: u32, d: u32, i: u32) -> BallotTally {
        BallotTally {
            satisfied: s,
            basically_satisfied: b,
            dissatisfied: d,
            invalid: i,
        }
    }

    #[test]
    fn a_tally_fits_the_meeting_exactly_and_not_one_ballot_more() {
        assert_eq!(tally(30, 15, 3, 2).check(50, Some(48)), Ok(()));
        assert_eq!(tally(30, 15, 3, 2).check(50, None), Ok(()));
        assert_eq!(
            tally(30, 15, 3, 2).check(50, Some(47)),
            Err(AssessmentMessage::BallotSumMismatch { valid: 47, sum: 48 })
        );
        assert_eq!(
            tally(30, 18, 3, 0).check(50, None),
            Err(AssessmentMessage::BallotsExceedAudience {
                audience: 50,
                ballots: 51
            })
        );
        assert_eq!(
            tally(30, 15, 3, 3).check(50, None),
            Err(AssessmentMessage::BallotsCastExceedAudience {
                audience: 50,
                cast: 51
            })
        );
        assert_eq!(
            tally(u32::MAX, u32::MAX, 1, 0).check(10, None).is_err(),
            true
        );
    }

    #[test]
    fn the_rate_counts_basically_satisfied_and_needs_valid_ballots() {
        assert_eq!(tally(30, 15, 3, 2).satisfaction_rate(), Some(93.75));
        assert_eq!(tally(0, 0, 0, 5).satisfaction_rate(), None);
    }
}
