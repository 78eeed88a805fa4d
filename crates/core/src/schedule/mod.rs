//! Interview scheduling: who is heard by which jury, on which day and at what time.

pub mod plan;
pub mod print;
pub mod solver;
