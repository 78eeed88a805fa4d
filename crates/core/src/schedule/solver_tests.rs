//! Tests of the scheduler.
use super::*;
