//! A device named from its browser's User-Agent, for the secretary's list of devices.

/// "Chrome sur Android", "Safari sur iPhone", "Firefox sur Windows"; "Navigateur" when
/// nothing is recognised.
pub(crate) fn describe(agent: &str) -> String {
    let browser = if agent.contains("Firefox/") || agent.contains("FxiOS/") {
        "Firefox"
    } else if agent.contains("Edg/") || agent.contains("EdgA/") || agent.contains("EdgiOS/") {
        "Edge"
    } else if agent.contains("SamsungBrowser/") {
        "Samsung Internet"
    } else if agent.contains("Chrome/") || agent.contains("CriOS/") || agent.contains("Chromium/") {
        "Chrome"
    } else if agent.contains("Safari/") {
        "Safari"
    } else {
        "Navigateur"
    };
    let system = if agent.contains("Android") {
        Some("Android")
    } else if agent.contains("iPhone") {
        Some("iPhone")
    } else if agent.contains("iPad") {
        Some("iPad")
    } else if agent.contains("Windows") {
        Some("Windows")
    } else if agent.contains("Mac OS X") || agent.contains("Macintosh") {
        Some("macOS")
    } else if agent.contains("Linux") || agent.contains("X11") {
        Some("Linux")
    } else {
        None
    };
    match system {
        Some(s) => format!("{browser} sur {s}"),
        None => browser.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn common_browsers_are_named() {
        assert_eq!(
            describe("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"),
            "Chrome sur Android"
        );
        assert_eq!(
            describe("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"),
            "Safari sur iPhone"
        );
        assert_eq!(
            describe(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
            ),
            "Firefox sur Windows"
        );
        assert_eq!(describe("curl/8.5.0"), "Navigateur");
    }
}
