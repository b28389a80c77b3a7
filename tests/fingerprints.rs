//! Every data file's fingerprint is recorded in criteria/FINGERPRINTS, so
//! that any change to the data shows up in review.

use std::path::Path;

#[test]
fn fingerprints_match_the_manifest() {
    let manifest = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("criteria/FINGERPRINTS"),
    )
    .expect("criteria/FINGERPRINTS");
    let want = ocop::criteria::fingerprint_manifest();
    assert!(
        manifest == want,
        "criteria data changed without its fingerprints; review the change, then run \
         `cargo run --example fingerprints -- --write` and list it under Data: in CHANGELOG.md"
    );
}
