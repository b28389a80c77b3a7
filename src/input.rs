//! Text as it arrives, before any reader looks at it.
//!
//! Spreadsheet exports and Windows editors start files with a byte-order
//! mark. Every reader (criteria files, one evaluation, a batch's first
//! line, a summary's input) drops it by the one rule here.

/// The UTF-8 byte-order mark.
const BOM: &[u8] = "\u{feff}".as_bytes();

/// `bytes` without a leading byte-order mark.
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

/// `text` without a leading byte-order mark.
pub(crate) fn strip_bom_str(text: &str) -> &str {
    // The mark is one whole character, so the cut is on a boundary.
    &text[text.len() - strip_bom(text.as_bytes()).len()..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_leading_mark_goes() {
        assert_eq!(strip_bom_str("\u{feff}{}"), "{}");
        assert_eq!(strip_bom_str("{}\u{feff}"), "{}\u{feff}");
        assert_eq!(strip_bom(b"\xef\xbb"), b"\xef\xbb");
        assert_eq!(strip_bom_str(""), "");
    }
}
