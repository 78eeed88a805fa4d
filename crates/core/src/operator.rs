//! Who acts: the name the journal inscribes beside every change. One rule for the app's
//! name dialog and for the command line's `--operator` (or `$USER`).

use crate::error::{Error, FieldIssue, Result};

/// The longest operator name the journal accepts, in characters.
pub const MAX_CHARS: usize = 80;

/// The operator's name as the journal records it: spaces collapsed, required, at most
/// [`MAX_CHARS`] characters; otherwise a French issue at the field `operator`.
pub fn parse(raw: &str) -> Result<String> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let problem = if name.is_empty() {
        "Saisissez votre nom (par exemple « Claire Dumont, secrétaire ») : il est inscrit au journal."
    } else if name.chars().count() > MAX_CHARS {
        "Ce nom est trop long (80 caractères au plus)."
    } else {
        return Ok(name);
    };
    Err(Error::Validation(vec![FieldIssue::new(
        "operator", problem,
    )]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operator_names_are_cleaned_and_checked() {
        assert_eq!(parse("  Élodie   N'Guessan ").unwrap(), "Élodie N'Guessan");
        let empty = parse(" \t ").unwrap_err();
        assert!(empty.to_string().contains("Saisissez votre nom"), "{empty}");
        assert_eq!(empty.details()[0].field, "operator");
        assert!(parse(&"é".repeat(80)).is_ok());
        let long = parse(&"é".repeat(81)).unwrap_err();
        assert_eq!(
            long.to_string(),
            "Ce nom est trop long (80 caractères au plus)."
        );
        assert_eq!(long.details()[0].field, "operator");
    }

    #[test]
    fn the_limit_in_the_message_is_the_limit_applied() {
        assert!(parse(&"x".repeat(MAX_CHARS)).is_ok());
        let long = parse(&"x".repeat(MAX_CHARS + 1)).unwrap_err();
        assert!(long
            .to_string()
            .contains(&format!("{MAX_CHARS} caractères")));
    }
}
