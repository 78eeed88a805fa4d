//! Dossiers: the checklist, pieces, attachments, eligibility, letters. Every refusal
//! leaves the file as it was.

use cesp_core::dossier::letters::LetterKind;
use cesp_core::dossier::{Condition, Eligibility, PieceInput, PieceStatus, PieceUpdate};
use cesp_core::import::edit::FieldInput;
use cesp_core::import::fields::Field;
use cesp_core::Campaign;

use super::{pdf_text, settings, temp};

const OP: &str = "Claire Dumont (secrétariat)";

fn candidate(c: &mut Campaign, fields: &[(Field, &str)]) -> i64 {
    let inputs: Vec<FieldInput> = fields
        .iter()
        .map(|(field, text)| FieldInput {
            field: *field,
            text: (*text).to_owned(),
        })
        .collect();
    c.add_candidate(&inputs, OP).expect("candidate").id
}

fn student(c: &mut Campaign, last: &str, first: &str, extra: &[(Field, &str)]) -> i64 {
    let mut f = vec![
        (Field::LastName, last),
        (Field::FirstNames, first),
        (Field::Category, "Étudiant"),
        (Field::Discipline, "Médecine"),
    ];
    f.extend_from_slice(extra);
    candidate(c, &f)
}

fn receive_all(c: &mut Campaign, id: i64) {
    let d = c.dossier(id).expect("dossier");
    for p in d.pieces.iter().filter(|p| p.required) {
        c.set_piece(id, p.piece_id, &received("18/11/2026"), OP)
            .expect("received");
    }
}

fn received(on: &str) -> PieceUpdate {
    PieceUpdate {
        status: Some(PieceStatus::Received),
        received_on: on.into(),
        reason: String::new(),
    }
}

fn piece(c: &Campaign, code: &str) -> i64 {
    c.pieces()
        .expect("pieces")
        .into_iter()
        .find(|p| p.code == code)
        .expect("piece")
        .id
}

fn journal_len(c: &Campaign) -> usize {
    c.journal(10_000).expect("journal").len()
}

#[test]
fn the_default_checklist_follows_the_texts() {
    let dir = temp();
    let mut c = Campaign::create(&dir.path().join("c.cesp"), &settings(), OP).expect("create");
    let pieces = c.pieces().expect("pieces");
    assert_eq!(pieces.len(), 11);
    let permit = pieces
        .iter()
        .find(|p| p.code == "residence_permit")
        .expect("permit");
    assert_eq!(permit.condition, Condition::Foreign);
    assert_eq!(
        permit.applies_display,
        "Tous les candidats — si nationalité étrangère"
    );
    // PADHUE give only ID + letter (and the optional ARS agreement).
    let padhue = candidate(
        &mut c,
        &[
            (Field::LastName, "HADDAD"),
            (Field::FirstNames, "Yasmine"),
            (Field::Category, "PADHUE"),
            (Field::Discipline, "Médecine"),
            (Field::Nationality, "française"),
        ],
    );
    let d = c.dossier(padhue).expect("dossier");
    let required: Vec<&str> = d
        .pieces
        .iter()
        .filter(|p| p.required)
        .map(|p| &*p.label)
        .collect();
    assert_eq!(
        required,
        [
            "Pièce d'identité (carte d'identité ou passeport) et photo",
            "Lettre de motivation dactylographiée (projet professionnel)"
        ]
    );
    // A foreign national is asked for a residence permit.
    let foreign = student(
        &mut c,
        "OKAFOR",
        "Chidi",
        &[(Field::Nationality, "nigériane")],
    );
    assert!(c
        .dossier(foreign)
        .expect("d")
        .pieces
        .iter()
        .any(|p| &*p.label == "Titre de séjour" && p.required));
}

#[test]
fn eligibility_says_why_with_the_pieces_missing_and_the_rules_not_met() {
    let dir = temp();
    let mut c = Campaign::create(&dir.path().join("c.cesp"), &settings(), OP).expect("create");
    let marie = student(
        &mut c,
        "DUPONT-MOREAU",
        "Marie-Ève",
        &[
            (Field::StudyYear, "DFASM1"),
            (Field::DossierReceived, "18/11/2026"),
        ],
    );
    let d = c.dossier(marie).expect("dossier");
    assert_eq!(d.eligibility.status, Eligibility::Incomplete);
    assert!(
        d.eligibility.reasons[0].starts_with(
            "8 pièces manquantes : Formulaire de candidature ; Certificat de scolarité"
        ),
        "{:?}",
        d.eligibility.reasons
    );
    receive_all(&mut c, marie);
    let d = c.dossier(marie).expect("dossier");
    assert_eq!(
        (d.eligibility.status, d.eligibility.label.as_str()),
        (Eligibility::Complete, "Complet")
    );
    assert_eq!(d.pieces[0].status_display, "Reçue le 18/11/2026");

    // A mandatory piece refused makes the dossier not eligible.
    let rib = piece(&c, "rib");
    let e = c
        .set_piece(
            marie,
            rib,
            &PieceUpdate {
                status: Some(PieceStatus::NotCompliant),
                received_on: String::new(),
                reason: " ".into(),
            },
            OP,
        )
        .expect_err("reason");
    assert!(
        e.to_string()
            .contains("« Motif » est obligatoire pour une pièce non conforme"),
        "{e}"
    );
    let d = c
        .set_piece(
            marie,
            rib,
            &PieceUpdate {
                status: Some(PieceStatus::NotCompliant),
                received_on: String::new(),
                reason: "RIB au nom d'un tiers".into(),
            },
            OP,
        )
        .expect("not compliant");
    assert_eq!(d.eligibility.status, Eligibility::NotEligible);
    assert_eq!(d.eligibility.reasons, ["pièce obligatoire non conforme : Relevé d'identité bancaire (RIB) (RIB au nom d'un tiers)"]);

    // First-cycle students are excluded since 2020; a late dossier too.
    let theo = student(&mut c, "VIDAL", "Théo", &[(Field::StudyYear, "DFGSM3")]);
    receive_all(&mut c, theo);
    let d = c.dossier(theo).expect("dossier");
    assert_eq!(d.eligibility.status, Eligibility::NotEligible);
    assert!(
        d.eligibility.reasons[0]
            .contains("« DFGSM3 » : le contrat est ouvert aux étudiants à partir de la 4e année"),
        "{:?}",
        d.eligibility.reasons
    );
    let late = student(
        &mut c,
        "ROUSSEAU",
        "Émilie",
        &[
            (Field::StudyYear, "DFASM2"),
            (Field::DossierReceived, "03/12/2026"),
        ],
    );
    receive_all(&mut c, late);
    assert_eq!(
        c.dossier(late).expect("d").eligibility.reasons,
        ["dossier reçu le 03/12/2026, après la date limite du 21/11/2026"]
    );

    // The commission decides, with a written reason, journaled.
    let e = c
        .override_eligibility(late, Some(true), "", OP)
        .expect_err("reason");
    assert!(e.to_string().contains("« Motif » est obligatoire"), "{e}");
    let d = c
        .override_eligibility(
            late,
            Some(true),
            "Retard dû à la grève postale, dépôt attesté le 20/11",
            OP,
        )
        .expect("override");
    assert_eq!(d.eligibility.status, Eligibility::Complete);
    assert_eq!(d.eligibility.computed, Eligibility::NotEligible);
    assert_eq!(d.eligibility.label, "Complet (décision de la commission)");
    let j = &c.journal(1).expect("journal")[0];
    assert!(j.summary.contains("décidée par la commission : complet (calculé : non recevable) — motif : Retard dû à la grève postale"), "{}", j.summary);
    let d = c.override_eligibility(late, None, "", OP).expect("back");
    assert_eq!(d.eligibility.status, Eligibility::NotEligible);

    let counts = cesp_core::dossier::counts(&c.dossiers().expect("all"));
    assert_eq!(
        (
            counts[0].complete,
            counts[0].incomplete,
            counts[0].not_eligible
        ),
        (0, 0, 3)
    );
}

#[test]
fn a_receipt_date_in_the_future_or_not_a_date_is_refused() {
    let dir = temp();
    let mut c = Campaign::create(&dir.path().join("c.cesp"), &settings(), OP).expect("create");
    let id = student(&mut c, "MARTIN", "Adrien", &[]);
    let cv = piece(&c, "cv");
    let before = journal_len(&c);
    let e = c
        .set_piece(id, cv, &received("31/12/2099"), OP)
        .expect_err("future");
    assert!(
        e.to_string().contains("le 31/12/2099 est dans le futur"),
        "{e}"
    );
    let e = c
        .set_piece(id, cv, &received("hier"), OP)
        .expect_err("text");
    assert!(e.to_string().contains("« hier » n'est pas une date"), "{e}");
    assert_eq!(journal_len(&c), before);
    let d = c.set_piece(id, cv, &received(""), OP).expect("today");
    assert!(d
        .pieces
        .iter()
        .any(|p| p.piece_id == cv && p.status_display.starts_with("Reçue le ")));
    assert!(c.journal(1).expect("j")[0]
        .summary
        .starts_with("Dossier de MARTIN Adrien — Curriculum vitae : reçue le "));
}

fn pdf_bytes() -> Vec<u8> {
    cesp_core::documents::render(
        "Pièce",
        &[cesp_core::documents::Section {
            letterhead: vec!["Carte d'identité".into()],
            footer: String::new(),
            qr: None,
            blocks: vec![],
        }],
    )
}

const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
];

#[test]
fn attachments_are_checked_by_content_size_limited_and_stored_once() {
    let dir = temp();
    let mut c = Campaign::create(&dir.path().join("c.cesp"), &settings(), OP).expect("create");
    let a = student(&mut c, "MARTIN", "Adrien", &[]);
    let b = student(&mut c, "PERRIN", "Inès", &[]);
    let id_piece = piece(&c, "identity");
    let scan = dir.path().join("cni recto-verso.pdf");
    std::fs::write(&scan, pdf_bytes()).expect("write");
    let d = c.attach(a, id_piece, &scan, OP).expect("attach");
    let p = d
        .pieces
        .iter()
        .find(|p| p.piece_id == id_piece)
        .expect("piece");
    assert_eq!(
        p.status,
        Some(PieceStatus::Received),
        "attaching marks the piece received"
    );
    assert_eq!(p.attachments[0].file_name, "cni recto-verso.pdf");
    assert_eq!(p.attachments[0].kind, "PDF");
    let e = c.attach(a, id_piece, &scan, OP).expect_err("twice");
    assert!(
        e.to_string()
            .contains("Ce fichier est déjà joint à la pièce"),
        "{e}"
    );
    c.attach(b, id_piece, &scan, OP)
        .expect("same file, another candidate");
    let blobs: i64 = c
        .conn()
        .query_row("SELECT COUNT(*) FROM blob", [], |r| r.get(0))
        .expect("count");
    assert_eq!(blobs, 1, "deduplicated by SHA-256");
    let content = c.attachment(p.attachments[0].id).expect("content");
    assert_eq!(content.bytes, pdf_bytes());

    let before = journal_len(&c);
    let lying = dir.path().join("rib.pdf");
    std::fs::write(&lying, PNG).expect("write");
    let e = c
        .attach(a, id_piece, &lying, OP)
        .expect_err("png named pdf");
    assert!(e.to_string().starts_with("Le fichier « rib.pdf » ne peut pas être joint : son contenu est un fichier PNG alors que son extension annonce autre chose"), "{e}");
    assert!(
        e.to_string().ends_with("Le dossier n'a pas été modifié."),
        "{e}"
    );
    let word = dir.path().join("lettre.docx");
    std::fs::write(&word, b"PK\x03\x04word").expect("write");
    assert!(c
        .attach(a, id_piece, &word, OP)
        .expect_err("docx")
        .to_string()
        .contains("seuls les fichiers PDF, JPEG et PNG"));
    let huge = dir.path().join("scan.pdf");
    std::fs::File::create(&huge)
        .expect("create")
        .set_len(2 * 1024 * 1024 * 1024)
        .expect("sparse");
    let e = c.attach(a, id_piece, &huge, OP).expect_err("2 GB");
    assert!(
        e.to_string()
            .contains("il pèse 2048 Mo, au-delà de la limite de 20 Mo par pièce"),
        "{e}"
    );
    let e = c
        .attach(a, id_piece, &dir.path().join("disparu.pdf"), OP)
        .expect_err("vanished");
    assert!(e.to_string().contains("introuvable"), "{e}");
    assert_eq!(journal_len(&c), before, "nothing written");

    let d = c
        .remove_attachment(p.attachments[0].id, OP)
        .expect("remove");
    assert!(d
        .pieces
        .iter()
        .all(|p| p.attachments.is_empty() || p.piece_id != id_piece));
    let blobs: i64 = c
        .conn()
        .query_row("SELECT COUNT(*) FROM blob", [], |r| r.get(0))
        .expect("count");
    assert_eq!(blobs, 1, "still used by the other candidate");
}

#[test]
fn missing_pieces_letters_name_each_piece_with_accents_intact() {
    let dir = temp();
    let mut c = Campaign::create(&dir.path().join("c.cesp"), &settings(), OP).expect("create");
    let marie = student(
        &mut c,
        "DUPONT-MOREAU",
        "Marie-Ève",
        &[(Field::Sex, "F"), (Field::Email, "marie-eve.dupont@etu.fr")],
    );
    let done = student(&mut c, "MARTIN", "Adrien", &[]);
    receive_all(&mut c, done);
    receive_all(&mut c, marie);
    let rib = piece(&c, "rib");
    c.set_piece(
        marie,
        rib,
        &PieceUpdate {
            status: Some(PieceStatus::Missing),
            received_on: String::new(),
            reason: String::new(),
        },
        OP,
    )
    .expect("missing");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    // The letters ask for the pieces by a date after the letter's: 10 days later unless the
    // secretary chooses; never a date already past (the campaign's deadline, 21 November,
    // is).
    assert_eq!(
        cesp_core::dossier::letters::proposed_return_by(day),
        "02/12/2026"
    );
    for (typed, part) in [
        (
            "21/11/2026",
            "n'est pas après la date de la lettre (22/11/2026)",
        ),
        ("22/11/2026", "n'est pas après la date de la lettre"),
        ("", "indiquez la date"),
        ("31/11/2026", "n'est pas une date"),
    ] {
        match c.dossier_letters(LetterKind::MissingPieces, &[], day, typed) {
            Err(cesp_core::Error::Validation(issues)) => assert!(
                issues[0].field == "return_by" && issues[0].message.contains(part),
                "{typed}: {issues:?}"
            ),
            other => panic!("{typed}: refusal expected, got {:?}", other.map(|_| ())),
        }
    }
    let (batch, each) = c
        .dossier_letters(LetterKind::MissingPieces, &[], day, "02/12/2026")
        .expect("letters");
    assert_eq!(each.len(), 1, "only the incomplete dossier gets a letter");
    assert_eq!(each[0].1, "Pièces manquantes - DUPONT-MOREAU Marie-Ève.pdf");
    assert!(batch.len() < 90_000, "fonts subset: {} bytes", batch.len());
    let e = c
        .dossier_letters(LetterKind::MissingPieces, &[done], day, "02/12/2026")
        .expect_err("complete");
    assert!(e.to_string().contains("n'est pas incomplet"), "{e}");
    match pdf_text(&batch, dir.path()) {
        Some(text) => {
            for expected in [
                "Amiens, le 22 novembre 2026",
                "Madame Marie-Ève DUPONT-MOREAU",
                "Objet : dossier de candidature au contrat d'engagement de service public",
                "Relevé d'identité bancaire (RIB)",
                "au plus tard le mercredi 2 décembre 2026",
                "page 1 / 1",
            ] {
                assert!(
                    text.contains(expected),
                    "missing « {expected} » in:\n{text}"
                );
            }
            assert!(
                !text.contains("Curriculum"),
                "received pieces are not claimed"
            );
        }
        None => eprintln!("pdftotext absent: text of the letter not checked"),
    }
    let (receipts, each) = c
        .dossier_letters(LetterKind::Receipt, &[], day, "")
        .expect("receipts");
    assert_eq!(each.len(), 2);
    if let Some(text) = pdf_text(&receipts, dir.path()) {
        assert!(
            text.contains("Nous accusons réception de votre dossier"),
            "{text}"
        );
        assert!(text.contains("Votre dossier est complet."), "{text}");
        assert!(text.contains("Manquante"), "{text}");
        // The campaign's deadline is past: the receipt does not ask for it.
        assert!(text.contains("dans les meilleurs délais"), "{text}");
        assert!(!text.contains("21 novembre"), "{text}");
    }
}

#[test]
fn the_checklist_can_be_changed_but_a_piece_in_use_stays() {
    let dir = temp();
    let mut c = Campaign::create(&dir.path().join("c.cesp"), &settings(), OP).expect("create");
    let id = student(&mut c, "MARTIN", "Adrien", &[]);
    let mut input: Vec<PieceInput> = c
        .pieces()
        .expect("pieces")
        .into_iter()
        .map(|p| PieceInput {
            id: Some(p.id),
            label: p.label,
            mandatory: p.mandatory,
            categories: p.categories,
            condition: p.condition,
        })
        .collect();
    input.push(PieceInput {
        id: None,
        label: "Attestation de stage en zone sous-dense".into(),
        mandatory: false,
        categories: vec![cesp_core::candidate::Category::Intern],
        condition: Condition::None,
    });
    let ars = input
        .iter_mut()
        .find(|p| p.label == "Accord écrit de l'ARS")
        .expect("ars");
    ars.mandatory = true;
    let saved = c.save_pieces(&input, OP).expect("save");
    assert_eq!(saved.len(), 12);
    assert!(saved.last().expect("last").code.starts_with("piece-"));
    assert!(c
        .dossier(id)
        .expect("d")
        .pieces
        .iter()
        .any(|p| &*p.label == "Accord écrit de l'ARS" && p.required));
    // Removing a piece already recorded for a candidate is refused.
    let cv = piece(&c, "cv");
    c.set_piece(id, cv, &received(""), OP).expect("cv");
    let without: Vec<PieceInput> = input.iter().filter(|p| p.id != Some(cv)).cloned().collect();
    let e = c.save_pieces(&without, OP).expect_err("in use");
    assert!(
        e.to_string()
            .contains("La pièce « Curriculum vitae » est déjà renseignée"),
        "{e}"
    );
    let mut bad = input.clone();
    bad[0].categories.clear();
    bad[1].label = " ".into();
    let e = c.save_pieces(&bad, OP).expect_err("invalid");
    assert_eq!(e.details().len(), 2);
}

// ----- merging the referent's copy ---------------------------------------------------

fn status_of(c: &Campaign, id: i64, code: &str) -> String {
    let p = piece(c, code);
    c.dossier(id)
        .expect("d")
        .pieces
        .into_iter()
        .find(|x| x.piece_id == p)
        .expect("piece")
        .status_display
}

#[test]
fn the_referents_copy_merges_in_with_conflicts_settled_and_nothing_lost() {
    let dir = temp();
    let main = dir.path().join("commission.cesp");
    let (marie, zoe) = {
        let mut c = Campaign::create(&main, &settings(), OP).expect("create");
        let marie = student(
            &mut c,
            "DUPONT-MOREAU",
            "Marie-Ève",
            &[(Field::StudentNumber, "INE0012345")],
        );
        let zoe = student(
            &mut c,
            "LEFÈVRE",
            "Zoé",
            &[(Field::BirthDate, "16/01/2001")],
        );
        (marie, zoe)
    };
    let laptop = dir.path().join("copie du référent.cesp");
    std::fs::copy(&main, &laptop).expect("copy");
    {
        // On the laptop: a new candidate with her pieces and a file, a piece for Marie-Ève,
        // Zoé's RIB recorded as received.
        let mut l = Campaign::open(&laptop).expect("open laptop");
        let new = student(&mut l, "NGUYEN", "Thành", &[]);
        receive_all(&mut l, new);
        let scan = dir.path().join("cni.pdf");
        std::fs::write(&scan, pdf_bytes()).expect("scan");
        l.attach(new, piece(&l, "identity"), &scan, OP)
            .expect("attach");
        l.attach(marie, piece(&l, "identity"), &scan, OP)
            .expect("attach");
        l.set_piece(marie, piece(&l, "cv"), &received("17/11/2026"), OP)
            .expect("cv");
        l.set_piece(zoe, piece(&l, "rib"), &received("19/11/2026"), OP)
            .expect("rib");
        l.conn()
            .execute(
                "UPDATE piece_status SET updated_at = '2026-11-25T10:00:00Z'",
                [],
            )
            .expect("later");
    }
    let mut c = Campaign::open(&main).expect("open main");
    // Meanwhile at the faculty: Zoé's RIB was refused.
    c.set_piece(
        zoe,
        piece(&c, "rib"),
        &PieceUpdate {
            status: Some(PieceStatus::NotCompliant),
            received_on: String::new(),
            reason: "RIB au nom d'un tiers".into(),
        },
        OP,
    )
    .expect("refused");
    c.conn()
        .execute(
            "UPDATE piece_status SET updated_at = '2026-11-20T09:00:00Z'",
            [],
        )
        .expect("earlier");

    let plan = c.merge_preview(&laptop).expect("preview");
    assert_eq!(plan.file_name, "copie du référent.cesp");
    assert_eq!(plan.new_candidates.len(), 1);
    assert_eq!(plan.new_candidates[0].display_name, "NGUYEN Thành");
    assert_eq!(plan.new_candidates[0].attachments, 1);
    assert!(plan
        .incoming
        .iter()
        .any(|i| i.display_name == "DUPONT-MOREAU Marie-Ève"
            && i.piece == "Curriculum vitae"
            && i.theirs == "Reçue le 17/11/2026"));
    assert!(plan
        .incoming
        .iter()
        .any(|i| i.theirs == "fichier « cni.pdf »"));
    assert_eq!(plan.conflicts.len(), 1);
    let k = &plan.conflicts[0];
    assert_eq!(
        (k.display_name.as_str(), k.piece.as_str()),
        ("LEFÈVRE Zoé", "Relevé d'identité bancaire (RIB)")
    );
    assert_eq!(
        (k.ours.as_str(), k.theirs.as_str()),
        (
            "Non conforme : RIB au nom d'un tiers",
            "Reçue le 19/11/2026"
        )
    );
    assert!(k.theirs_newer);

    // The commission keeps its own decision on the RIB.
    let choice = cesp_core::dossier::merge::MergeChoice {
        key: k.key.clone(),
        take_theirs: false,
    };
    c.merge(&laptop, &[choice], OP).expect("merge");
    let all = c.candidates().expect("list");
    assert_eq!(all.len(), 3);
    let new = all
        .iter()
        .find(|x| x.display_name == "NGUYEN Thành")
        .expect("new")
        .id;
    assert_eq!(
        c.dossier(new).expect("d").eligibility.status,
        Eligibility::Complete
    );
    assert_eq!(status_of(&c, marie, "cv"), "Reçue le 17/11/2026");
    assert_eq!(
        status_of(&c, zoe, "rib"),
        "Non conforme : RIB au nom d'un tiers"
    );
    let blobs: i64 = c
        .conn()
        .query_row("SELECT COUNT(*) FROM blob", [], |r| r.get(0))
        .expect("blobs");
    assert_eq!(blobs, 1, "the same scan is stored once");
    let j = &c.journal(1).expect("journal")[0];
    assert!(
        j.summary
            .starts_with("Fusion de la copie « copie du référent.cesp » : 1 candidat ajouté, "),
        "{}",
        j.summary
    );
    let conflict = j
        .changes
        .iter()
        .find(|ch| ch.field.starts_with("Conflit — LEFÈVRE Zoé"))
        .expect("conflict journaled");
    assert!(
        conflict
            .before
            .contains("autre copie : Reçue le 19/11/2026"),
        "{:?}",
        conflict
    );
    // Merging again brings nothing new.
    let again = c.merge_preview(&laptop).expect("again");
    assert!(again.new_candidates.is_empty() && again.incoming.is_empty());
}

#[test]
fn a_merge_from_another_campaign_or_the_same_file_is_refused() {
    let dir = temp();
    let main = dir.path().join("amiens.cesp");
    let mut c = Campaign::create(&main, &settings(), OP).expect("create");
    student(&mut c, "MARTIN", "Adrien", &[]);
    let other = dir.path().join("tours.cesp");
    {
        let mut s = settings();
        s.ufr_name = "UFR de médecine de Tours".into();
        Campaign::create(&other, &s, OP).expect("other");
    }
    let before = journal_len(&c);
    let e = c.merge(&other, &[], OP).expect_err("other campaign");
    assert!(
        e.to_string()
            .contains("« tours.cesp » est une autre campagne (UFR de médecine de Tours 2026-2027)"),
        "{e}"
    );
    let e = c.merge(&main, &[], OP).expect_err("itself");
    assert!(
        e.to_string()
            .contains("C'est le fichier de la campagne ouverte"),
        "{e}"
    );
    let e = c
        .merge(&dir.path().join("absent.cesp"), &[], OP)
        .expect_err("missing");
    assert_eq!(e.code(), "not_found");
    assert_eq!(journal_len(&c), before);
}

// ----- purging personal data ---------------------------------------------------------

#[test]
fn personal_data_of_candidates_not_retained_is_purged_after_export_and_the_retention_period() {
    let dir = temp();
    let path = dir.path().join("c.cesp");
    let mut c = Campaign::create(&path, &settings(), OP).expect("create");
    let kept = student(&mut c, "MARTIN", "Adrien", &[(Field::StudyYear, "DFASM1")]);
    receive_all(&mut c, kept);
    let out = student(
        &mut c,
        "OKAFOR",
        "Chidi",
        &[
            (Field::StudyYear, "DFGSM2"),
            (Field::Email, "chidi.okafor@etu.fr"),
        ],
    );
    receive_all(&mut c, out);
    let marker = b"SCAN-PASSEPORT-OKAFOR-7f3a9c";
    let mut png = PNG.to_vec();
    png.extend_from_slice(marker);
    let scan = dir.path().join("passeport.png");
    std::fs::write(&scan, &png).expect("scan");
    c.attach(out, piece(&c, "identity"), &scan, OP)
        .expect("attach");

    let r = c
        .retention(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("d"))
        .expect("retention");
    assert_eq!(r.months, 12);
    assert_eq!(r.campaign_end, "mardi 31 août 2027");
    assert_eq!(r.purge_from, "jeudi 31 août 2028");
    assert_eq!(r.purgeable, ["OKAFOR Chidi"]);
    let export = dir.path().join("non-retenus.xlsx");
    let e = c
        .purge(
            &export,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("d"),
            OP,
        )
        .expect_err("too early");
    assert!(
        e.to_string()
            .contains("conservées jusqu'au jeudi 31 août 2028"),
        "{e}"
    );
    assert!(!export.exists());
    let e = c.set_retention(-1, OP).expect_err("negative");
    assert!(e.to_string().contains("entre 0 et 120"), "{e}");

    let later = chrono::NaiveDate::from_ymd_opt(2028, 9, 1).expect("d");
    let report = c.purge(&export, later, OP).expect("purge");
    assert_eq!((report.candidates, report.attachments), (1, 1));
    assert!(export.exists(), "exported first");
    let rows = c.candidates().expect("list");
    let gone = rows.iter().find(|x| x.id == out).expect("line kept");
    assert_eq!(gone.display_name, format!("DONNÉES PURGÉES n° {out}"));
    assert_eq!(gone.data.email, None);
    assert_eq!(
        c.dossier(out).expect("d").eligibility.status,
        Eligibility::NotEligible
    );
    assert!(
        rows.iter().any(|x| x.display_name == "MARTIN Adrien"),
        "the others are untouched"
    );
    assert!(c.journal(1).expect("j")[0]
        .summary
        .starts_with("Purge des données personnelles de 1 candidat non retenu et de "));
    drop(c);
    let bytes = std::fs::read(&path).expect("read");
    assert!(
        !bytes.windows(marker.len()).any(|w| w == marker),
        "the scan is erased from the file, not just unlinked"
    );
}

#[test]
fn a_refused_piece_can_be_replaced_until_the_deadline() {
    let dir = temp();
    let mut s = settings();
    s.academic_year = "2099-2100".into();
    s.dossier_deadline = "01/12/2099".into();
    let mut c = Campaign::create(&dir.path().join("c.cesp"), &s, OP).expect("create");
    let id = student(&mut c, "LAURENT", "Lucas", &[(Field::StudyYear, "DFASM1")]);
    receive_all(&mut c, id);
    let cv = piece(&c, "cv");
    let rib = piece(&c, "rib");
    c.set_piece(
        id,
        rib,
        &PieceUpdate {
            status: Some(PieceStatus::Missing),
            received_on: String::new(),
            reason: String::new(),
        },
        OP,
    )
    .expect("rib");
    let d = c
        .set_piece(
            id,
            cv,
            &PieceUpdate {
                status: Some(PieceStatus::NotCompliant),
                received_on: String::new(),
                reason: "copie illisible".into(),
            },
            OP,
        )
        .expect("cv");
    assert_eq!(d.eligibility.status, Eligibility::Incomplete);
    assert_eq!(
        d.eligibility.reasons,
        [
            "1 pièce manquante : Relevé d'identité bancaire (RIB)",
            "pièce non conforme, à remplacer : Curriculum vitae (copie illisible)"
        ]
    );
    // The missing-pieces letter asks for both.
    let day = chrono::NaiveDate::from_ymd_opt(2099, 11, 2).expect("day");
    let (_, each) = c
        .dossier_letters(LetterKind::MissingPieces, &[id], day, "12/11/2099")
        .expect("letter");
    assert_eq!(each.len(), 1);
}

#[test]
fn several_pieces_are_saved_together_in_one_transaction_and_one_journal_entry() {
    use cesp_core::dossier::PieceChange;
    let dir = temp();
    let mut c = Campaign::create(&dir.path().join("c.cesp"), &settings(), OP).expect("create");
    let id = student(&mut c, "MARTIN", "Adrien", &[]);
    let (cv, rib, letter) = (piece(&c, "cv"), piece(&c, "rib"), piece(&c, "motivation"));
    let change = |piece: i64, status: Option<PieceStatus>, on: &str, reason: &str| PieceChange {
        piece,
        update: PieceUpdate {
            status,
            received_on: on.into(),
            reason: reason.into(),
        },
    };
    let before = journal_len(&c);
    let d = c
        .set_pieces(
            id,
            &[
                change(cv, Some(PieceStatus::Received), "18/11/2026", ""),
                change(
                    rib,
                    Some(PieceStatus::NotCompliant),
                    "",
                    "RIB au nom d'un tiers",
                ),
                change(letter, Some(PieceStatus::Missing), "", ""),
            ],
            OP,
        )
        .expect("saved together");
    let shown = |d: &cesp_core::dossier::Dossier, p: i64| {
        d.pieces
            .iter()
            .find(|x| x.piece_id == p)
            .expect("piece")
            .status_display
            .clone()
    };
    assert_eq!(shown(&d, cv), "Reçue le 18/11/2026");
    assert!(
        shown(&d, rib).contains("RIB au nom d'un tiers"),
        "{}",
        shown(&d, rib)
    );
    // One entry for the three, each piece with its value before and after.
    assert_eq!(journal_len(&c), before + 1);
    let entry = &c.journal(1).expect("journal")[0];
    assert_eq!(entry.action, "piece.set");
    assert_eq!(
        entry.summary,
        "Dossier de MARTIN Adrien : 3 pièces mises à jour (Curriculum vitae, Relevé d'identité bancaire (RIB), Lettre de motivation dactylographiée (projet professionnel))."
    );
    let changes: Vec<(&str, &str, &str)> = entry
        .changes
        .iter()
        .map(|ch| (ch.field.as_str(), ch.before.as_str(), ch.after.as_str()))
        .collect();
    assert_eq!(changes.len(), 3);
    assert_eq!(changes[0], ("Curriculum vitae", "", "Reçue le 18/11/2026"));
    assert_eq!(entry.reference, Some(id));

    // One change refused: none is written, and every problem is said at its piece.
    let e = c
        .set_pieces(
            id,
            &[
                change(cv, Some(PieceStatus::Missing), "", ""),
                change(rib, Some(PieceStatus::Received), "31/12/2099", ""),
                change(letter, Some(PieceStatus::NotCompliant), "", "  "),
            ],
            OP,
        )
        .expect_err("refused");
    let fields: Vec<String> = e.details().into_iter().map(|i| i.field).collect();
    assert_eq!(
        fields,
        vec![format!("{rib}.received_on"), format!("{letter}.reason")]
    );
    assert!(
        e.to_string().contains(
            "Relevé d'identité bancaire (RIB) — « Reçue le » : le 31/12/2099 est dans le futur"
        ),
        "{e}"
    );
    assert_eq!(status_of(&c, id, "cv"), "Reçue le 18/11/2026");
    assert_eq!(journal_len(&c), before + 1);

    // A failure met while writing rolls back the changes already made in the batch.
    let e = c
        .set_pieces(
            id,
            &[
                change(cv, Some(PieceStatus::Missing), "", ""),
                change(9_999, Some(PieceStatus::Received), "", ""),
            ],
            OP,
        )
        .expect_err("unknown piece");
    assert!(e.to_string().contains("9999"), "{e}");
    assert_eq!(
        status_of(&c, id, "cv"),
        "Reçue le 18/11/2026",
        "rolled back"
    );
    assert_eq!(journal_len(&c), before + 1);

    // Unchanged pieces are not journaled; one change reads as before.
    c.set_pieces(
        id,
        &[
            change(cv, Some(PieceStatus::Received), "18/11/2026", ""),
            change(letter, Some(PieceStatus::Received), "19/11/2026", ""),
        ],
        OP,
    )
    .expect("one changed");
    assert_eq!(journal_len(&c), before + 2);
    let entry = &c.journal(1).expect("journal")[0];
    assert_eq!(entry.changes.len(), 1);
    assert_eq!(
        entry.summary,
        "Dossier de MARTIN Adrien — Lettre de motivation dactylographiée (projet professionnel) : reçue le 19/11/2026."
    );
}

/// The dossiers are worked out once and kept between calls (the dashboard reads them after
/// every action): after any change, whatever its path, the app must see them at once as
/// a fresh computation does.
#[test]
fn the_dossiers_kept_between_calls_follow_every_change_at_once() {
    use cesp_core::backup::{Backups, Reason};
    use cesp_core::cipher::Passphrase;
    let dir = temp();
    let path = dir.path().join("Amiens 2026.cesp");
    let backups = Backups {
        base: dir.path().join("sauvegardes"),
    };
    let mut c = Campaign::create(&path, &settings(), OP).expect("campaign");
    let zoe = student(
        &mut c,
        "LEFÈVRE",
        "Zoé",
        &[(Field::BirthDate, "16/01/2001")],
    );
    let hugo = student(
        &mut c,
        "MARTIN",
        "Hugo",
        &[(Field::BirthDate, "03/05/2000")],
    );
    // What the app shows is what a fresh computation gives, in the list and the summary.
    let shows_the_truth = |c: &Campaign, step: &str| -> Vec<cesp_core::dossier::Dossier> {
        let fresh = cesp_core::dossier::dossiers(c.conn(), None).expect("fresh");
        assert_eq!(c.dossiers().expect("kept"), fresh, "{step}: the list");
        let counts = cesp_core::dossier::counts(&fresh);
        let summary = c.summary().expect("summary");
        for n in &counts {
            let cell = summary
                .counts
                .iter()
                .find(|s| s.category == n.category && s.discipline == n.discipline)
                .expect("cell");
            assert_eq!(
                (
                    cell.dossiers_complete,
                    cell.dossiers_incomplete,
                    cell.dossiers_not_eligible
                ),
                (n.complete, n.incomplete, n.not_eligible),
                "{step}: the summary's {}",
                n.label
            );
        }
        fresh
    };
    let first = shows_the_truth(&c, "at first");
    c.backup(&backups, Reason::Opening).expect("backup");
    let backup = backups.list(&path)[0].file_name.clone();

    receive_all(&mut c, zoe);
    let now = shows_the_truth(&c, "Zoé's pieces received");
    assert_ne!(now, first, "receiving her pieces changes her dossier");

    let ines = student(&mut c, "BENOÎT", "Inès", &[]);
    assert_eq!(shows_the_truth(&c, "a candidate added").len(), 3);

    c.delete_candidates(&[hugo], OP).expect("delete");
    let now = shows_the_truth(&c, "a candidate deleted");
    assert!(now.iter().all(|d| d.candidate_id != hugo));

    // A write through any path of the store, not only the use cases above.
    let before = shows_the_truth(&c, "before a direct write");
    c.store()
        .write(OP, |tx| {
            tx.execute(
                "UPDATE candidate SET category = 'intern' WHERE id = ?1",
                [ines],
            )?;
            Ok(((), None))
        })
        .expect("write");
    assert_ne!(shows_the_truth(&c, "a direct write"), before);

    let mut next = c.settings().expect("settings");
    next.dossier_deadline = "01/12/2026".into();
    c.update_settings(&next, OP).expect("settings");
    shows_the_truth(&c, "the deadline changed");

    // A restore replaces the whole content without a statement on this connection.
    c.restore_backup(&backups, &backup, OP).expect("restore");
    assert_eq!(shows_the_truth(&c, "restored"), first);

    // So does a new key: the connection itself is replaced.
    let key = Passphrase::chosen("marée basse à Cayeux", "marée basse à Cayeux").expect("key");
    c.change_passphrase(None, Some(&key), OP).expect("encrypt");
    receive_all(&mut c, zoe);
    shows_the_truth(&c, "encrypted, then Zoé's pieces received again");
}

/// The list's rows are the dossiers without their pieces, in the same order; one dossier,
/// with its pieces, is asked for alone (the demo: complete, incomplete and not eligible).
#[test]
fn the_list_shows_each_dossier_but_its_pieces_and_one_dossier_comes_whole() {
    let dir = temp();
    let c = cesp_core::demo::create_at(
        &dir.path().join("démo.cesp"),
        cesp_core::demo::STORY_SIGNING_DAY,
    )
    .expect("demo");
    let whole = c.dossiers().expect("dossiers");
    let list = c.dossier_list().expect("list");
    assert_eq!(list.dossiers.len(), whole.len());
    assert!(whole.iter().all(|d| !d.pieces.is_empty()));
    for (row, d) in list.dossiers.iter().zip(&whole) {
        assert_eq!(*row, cesp_core::dossier::DossierRow::from(d));
        assert_eq!(row.eligibility, d.eligibility);
        assert_eq!(c.dossier(row.candidate_id).expect("one"), *d);
    }
    let statuses: std::collections::BTreeSet<_> = list
        .dossiers
        .iter()
        .map(|d| format!("{:?}", d.eligibility.status))
        .collect();
    assert!(statuses.len() >= 3, "{statuses:?}");
}
