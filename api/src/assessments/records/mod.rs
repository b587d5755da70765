//! Performance records (履职档案): each deputy's counts and lines for a period, derived
//! from what Renda holds.

pub mod counts;
