//! The interview plan of a campaign: its setup (days, hours, breaks, juries, who is
//! unavailable when, preferences), planning with the solver (pinned interviews kept, the
//! previous plan untouched when no plan exists), moving and pinning an interview with the
//! live check, and the plan as the screens and documents read it.

pub(crate) mod issued;
mod planning;
mod printing;
mod setup;
mod stored;
mod view;

use printing::printed;
pub use printing::{ConvocationFile, ConvocationsWritten};
pub use setup::{
    setup, BreakSetup, DaySetup, HalfDayPart, JurySetup, Preference, ScheduleSetup, Unavailable,
};
pub use stored::problem;
pub use view::{
    view, ConvocationAction, ConvocationsOut, GridBreak, GridDay, GridSitting, GridSlot,
    MoveTarget, PlanChange, PlanPreview, PlannedInterview, ScheduleView, WaitingCandidate,
};
