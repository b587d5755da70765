//! Calls of the office's assessment screens: schemes (`/api/v1/assessment-schemes`,
//! templates), runs (`/api/v1/assessment-runs`, transitions, ratings), objections'
//! resolution, awards (`/api/v1/awards`), duty reports (`/api/v1/duty-reports`, coverage,
//! ballot import) and work appraisals (`/api/v1/work-appraisals`).
//!
//! Filled by the office screens' work (branch `weboff`); the deputy-facing calls are in
//! [`super`].
