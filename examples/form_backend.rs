//! A form backend: a council's sheets arrive as form fields (strings),
//! are checked with every problem shown at once, scored, shown to a
//! person, and then a producer tries a change ("what if").
//!
//! Run with `cargo run --example form_backend`.

use std::collections::BTreeMap;

use ocop::{Answer, Catalog, Evaluation, MemberSheet};

/// What a web form posts for one member: field name → text typed in.
type Form = BTreeMap<String, String>;

/// Seven members' forms for a fresh-produce product, owned strings as a
/// web framework would hand them over. (The answers follow the bundled
/// sample's three sheets, in turn.)
fn forms() -> Vec<(String, Form)> {
    let sample = Evaluation::from_json(ocop::samples::EVALUATION_2026)
        .expect("the bundled sample parses");
    (0..7)
        .map(|i| {
            let sheet = &sample.members[i % sample.members.len()];
            let form: Form = sheet
                .answers
                .iter()
                .map(|(code, answer)| (code.to_string(), answer.to_string()))
                .collect();
            (format!("thành viên {}", i + 1), form)
        })
        .collect()
}

/// Builds an evaluation that owns everything, from the forms.
fn evaluation(
    id: String,
    set: String,
    forms: Vec<(String, Form)>,
) -> Result<Evaluation<'static>, ocop::Error> {
    let mut members = Vec::new();
    for (member, form) in forms {
        let mut answers = Vec::new();
        for (code, text) in form {
            answers.push((code, text.parse::<Answer>()?));
        }
        members.push(MemberSheet::new(member, answers));
    }
    Ok(Evaluation {
        id: Some(id.into()),
        edition: Some(String::from("qd26-2026").into()),
        set: set.into(),
        date: Some(String::from("2026-09-15").into()),
        members,
        ..Evaluation::default()
    })
}

fn main() -> Result<(), ocop::Error> {
    let catalog = Catalog::official();
    let id = String::from("LD-2026-017");
    let set = String::from("Rau, củ, quả, hạt tươi");

    // A form with three mistakes shows all three, in sheet order.
    let mut broken = forms();
    broken[1].1.insert("1.1".into(), "9".into());
    broken[4].1.remove("6.3");
    broken[6].1.insert("5.1".into(), "1".into()); // no story, yet 5.2 given
    let problems =
        catalog.check(&evaluation(id.clone(), set.clone(), broken)?);
    println!("{} problems:", problems.len());
    for p in &problems {
        println!("  {p}");
    }
    assert_eq!(problems.len(), 3);

    // The corrected form checks clean and scores.
    let mut ev = evaluation(id, set, forms())?;
    assert!(catalog.check(&ev).is_empty());
    let card = catalog.score(&ev)?;
    println!("\n{card}");
    assert_eq!((card.rating.band, card.rating.stars), (4, Some(3)));

    // What if the council saw the product as "Độc đáo, mang tính đặc
    // trưng"? Raise each failed gate's criterion to its required option
    // for every member, and score again.
    for gate in &card.rating.failed_gates {
        let answer = Answer::Option(u64::from(gate.required_option));
        ev.set_answer(None, &gate.criterion, answer)?;
    }
    let after = catalog.score(&ev)?;
    println!("\n{after}");
    assert_eq!(after.rating.stars, Some(4));
    println!(
        "\nwhat if: {}★ → {}★, mean {} → {}",
        card.rating.stars.unwrap_or(0),
        after.rating.stars.unwrap_or(0),
        card.mean.total,
        after.mean.total
    );
    Ok(())
}
