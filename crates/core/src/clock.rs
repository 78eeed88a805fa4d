//! Today, read in one place. Use cases that depend on the day take it as a parameter
//! (`minutes(today)`, `write_convocations(dir, today)`…), so that tests pass a fixed day;
//! the adapters (the app, the command line) and the few core entry points without such a
//! parameter ask this clock.

use chrono::NaiveDate;

/// Today's date on this computer's clock, in its time zone.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

#[cfg(test)]
mod tests {
    #[test]
    fn today_is_the_local_date() {
        let before = chrono::Local::now().date_naive();
        let today = super::today();
        let after = chrono::Local::now().date_naive();
        assert!(before <= today && today <= after);
    }
}
