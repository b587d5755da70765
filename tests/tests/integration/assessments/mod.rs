//! The assessment area (issue 11): performance records, self-declared entries, correction
//! requests, schemes, runs, objections, awards, duty reports, work appraisals and the
//! public pages (DL 58, R14). Responses are read as the contract's wire types.

mod appraisals;
mod awards;
mod corrections;
mod demo;
mod duty_reports;
mod entries;
pub mod fixtures;
mod publication;
pub mod records;
mod run_access;
pub mod run_fixtures;
mod runs;
mod schemes;
mod snapshots;
