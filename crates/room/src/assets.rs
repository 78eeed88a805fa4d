//! The member page's files, embedded at build time (see build.rs).

include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// The file served at `path`, with its media type.
pub(crate) fn find(path: &str) -> Option<(&'static str, &'static [u8])> {
    ASSETS
        .iter()
        .find(|(route, _, _)| *route == path)
        .map(|(_, mime, bytes)| (*mime, *bytes))
}
