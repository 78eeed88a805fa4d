//! Scoring: the grid (blocks, criteria, scales, weights), the members' scores, the
//! academic results computed from imported data, and the aggregation into totals.
//!
//! Values, scales and weights are integers in hundredths ("cents"): sums are exact, so a
//! total does not depend on the order members were entered and is reproducible to the
//! cent.

pub mod cells;
pub mod ranking;
pub mod sheets;

mod academic;
mod cents;
mod desk;
mod grid;
mod scores;
mod validation;

pub(crate) use academic::academic_values_of;
pub use academic::{academic_value, academic_values, AcademicValue, ACADEMIC_FORMULA};
pub(crate) use cents::{cents, points};
pub use cents::{parse_cents, show_cents};
pub use desk::{Desk, DeskCandidate, DeskCriterion, DeskState};
pub use grid::{
    grid, Block, BlockCode, BlockInput, Criterion, CriterionInput, Grid, GridView, Source,
};
pub use ranking::{aggregate, Ranking};
pub(crate) use scores::apply_score;
pub use scores::{
    board, check_value, Hearing, ScoreBoard, ScoreCell, ScoreInput, ScoreLine, ScoreSaved,
    ScoresSet, ScoringScope,
};
pub use validation::LockReport;

#[cfg(test)]
mod tests;
