//! The assessment area (issue 11): performance records, self-declared entries, correction
//! requests, schemes, runs, objections, awards, duty reports, work appraisals and the
//! public pages (DL 58, R14). Responses are read as the contract's wire types.

mod corrections;
mod entries;
pub mod fixtures;
mod publication;
pub mod records;
