//! The minutes as PDF: A4, letterhead, « page X / Y », the fingerprint and its QR code on
//! every page once sealed, signature blocks with the approvals; and the seal read back
//! from a PDF's information dictionary.

use crate::documents::{self, Align, Block, Column, Meta, Picture, Section, Signatory, Style};
use crate::fr;

use super::Minutes;

/// What sealing adds to the minutes.
#[derive(Debug, Clone, PartialEq)]
pub struct Seal {
    /// Version number.
    pub version: i64,
    /// SHA-256 of the snapshot.
    pub fingerprint: String,
    /// When (RFC 3339).
    pub sealed_at: String,
    /// Members who approved: (member, when, signature PNG).
    pub approvals: Vec<super::Approval>,
}

/// The seal as written in a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identifier {
    /// The campaign.
    pub campaign_uid: String,
    /// The version.
    pub version: i64,
    /// The snapshot's fingerprint.
    pub fingerprint: String,
}

const MARK: &str = "CESP-PV;";

/// Finds the seal in a PDF's bytes (`/Identifier`), if any.
pub fn read_identifier(pdf: &[u8]) -> Option<Identifier> {
    let at = pdf
        .windows(MARK.len())
        .rposition(|w| w == MARK.as_bytes())?;
    let rest = &pdf[at..];
    let end = rest.iter().position(|b| *b == b')' || *b == b'\n')?;
    let text = std::str::from_utf8(&rest[..end]).ok()?;
    let mut uid = None;
    let mut version = None;
    let mut fingerprint = None;
    for part in text.split(';') {
        match part.split_once('=') {
            Some(("uid", v)) => uid = Some(v.to_owned()),
            Some(("v", v)) => version = v.parse().ok(),
            Some(("sha256", v)) => fingerprint = Some(v.to_owned()),
            _ => {}
        }
    }
    Some(Identifier {
        campaign_uid: uid?,
        version: version?,
        fingerprint: fingerprint?,
    })
}

/// A PNG decoded to RGB on white (transparency flattened), if readable.
pub fn decode_png(bytes: &[u8]) -> Option<(usize, usize, Vec<u8>)> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().ok()?;
    let (w, h) = {
        let info = reader.info();
        (info.width as usize, info.height as usize)
    };
    if w == 0 || h == 0 || w > 4000 || h > 4000 {
        return None;
    }
    let mut buf = vec![0; reader.output_buffer_size()?];
    let frame = reader.next_frame(&mut buf).ok()?;
    let data = &buf[..frame.buffer_size()];
    let channels = match frame.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => return None,
    };
    let mut rgb = Vec::with_capacity(w * h * 3);
    for px in data.chunks(channels).take(w * h) {
        let (r, g, b, a) = match channels {
            1 => (px[0], px[0], px[0], 255),
            2 => (px[0], px[0], px[0], px[1]),
            3 => (px[0], px[1], px[2], 255),
            _ => (px[0], px[1], px[2], px[3]),
        };
        let over = |c: u8| ((c as u32 * a as u32 + 255 * (255 - a as u32)) / 255) as u8;
        rgb.extend([over(r), over(g), over(b)]);
    }
    (rgb.len() == w * h * 3).then_some((w, h, rgb))
}

fn table(columns: &[(&str, f32, Align)], rows: Vec<Vec<String>>) -> Block {
    Block::Table {
        columns: columns
            .iter()
            .map(|(t, w, a)| Column {
                title: (*t).to_owned(),
                width: *w,
                align: *a,
            })
            .collect(),
        rows,
    }
}

fn heading(blocks: &mut Vec<Block>, text: &str) {
    blocks.push(Block::KeepTogether(30.0));
    blocks.push(Block::Space(3.0));
    blocks.push(Block::styled(text, Style::HEADING));
}

fn bullets(blocks: &mut Vec<Block>, lines: &[String], empty: &str) {
    if lines.is_empty() {
        blocks.push(Block::text(empty));
    }
    for l in lines {
        blocks.push(Block::Bullet(l.clone()));
    }
}

fn names(list: &[super::MemberLine]) -> String {
    if list.is_empty() {
        return "aucun".into();
    }
    list.iter()
        .map(|m| format!("{} ({})", m.name, m.role))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The minutes as sections of the document layer.
pub fn sections(m: &Minutes, seal: Option<&Seal>) -> Vec<Section> {
    let mut b = Vec::new();
    b.push(Block::styled(m.title.clone(), Style::TITLE));
    b.push(Block::text(format!(
        "Organisme gestionnaire des contrats : {}.",
        m.managing_body
    )));
    if seal.is_none() {
        b.push(Block::styled(
            "PROJET — document non scellé : il ne vaut pas procès-verbal tant que le président ne l'a pas scellé.",
            Style::STRONG,
        ));
    }
    heading(&mut b, "1. Textes applicables");
    bullets(&mut b, &m.legal_basis, "");
    heading(&mut b, "2. Contrats ouverts pour l'année");
    bullets(&mut b, &m.quotas, "Aucun contrat n'est ouvert.");
    heading(&mut b, "3. Séances de la commission");
    b.push(Block::text(m.commission_rules.clone()));
    if m.sittings.is_empty() {
        b.push(Block::text("Aucune séance enregistrée."));
    }
    for s in &m.sittings {
        b.push(Block::KeepTogether(35.0));
        b.push(Block::styled(
            format!("Séance du {} — {}", s.when, s.place),
            Style::STRONG,
        ));
        b.push(Block::Bullet(format!("Présents : {}.", names(&s.present))));
        b.push(Block::Bullet(format!("Excusés : {}.", names(&s.excused))));
        b.push(Block::Bullet(format!("Absents : {}.", names(&s.absent))));
        b.push(Block::Bullet(s.quorum.clone()));
        b.push(Block::Bullet(format!(
            "Candidats entendus lors de cette séance : {}.",
            s.heard
        )));
    }
    heading(&mut b, "4. Grille de notation");
    for g in &m.grid {
        b.push(Block::styled(g.block.clone(), Style::STRONG));
        for c in &g.criteria {
            b.push(Block::Bullet(c.clone()));
        }
    }
    b.push(Block::text(format!("{}.", m.grid_total)));
    if !m.padhue.is_empty() {
        b.push(Block::text(m.padhue.clone()));
    }
    heading(&mut b, "5. Récusations");
    bullets(&mut b, &m.recusals, "Aucun membre ne s'est récusé.");
    heading(&mut b, "6. Candidats entendus et notes");
    if m.heard.is_empty() {
        b.push(Block::text("Aucun candidat n'a été entendu."));
    }
    for g in &m.heard {
        b.push(Block::KeepTogether(30.0));
        b.push(Block::styled(g.label.clone(), Style::STRONG));
        let mut cols: Vec<(&str, f32, Align)> = vec![("Candidat", 3.0, Align::Left)];
        for t in &g.blocks {
            cols.push((t.as_str(), 1.6, Align::Right));
        }
        cols.push(("Total", 1.2, Align::Right));
        let rows = g
            .rows
            .iter()
            .map(|r| {
                let mut row = vec![r.name.clone()];
                row.extend(r.blocks.iter().cloned());
                row.push(r.total.clone());
                row
            })
            .collect();
        b.push(table(&cols, rows));
    }
    heading(&mut b, "7. Attribution des contrats");
    b.push(Block::text(m.allocation_rules.clone()));
    for n in &m.notices {
        b.push(Block::Bullet(n.clone()));
    }
    let decision_cols = [
        ("N°", 0.6, Align::Right),
        ("Candidat", 2.6, Align::Left),
        ("Total", 1.0, Align::Right),
        ("Motif", 4.6, Align::Left),
    ];
    for g in &m.lists {
        b.push(Block::KeepTogether(40.0));
        b.push(Block::styled(
            format!("{} — {}", g.label, g.quota),
            Style::STRONG,
        ));
        for (title, list, empty) in [
            (
                "Liste principale",
                &g.main,
                "Liste principale : aucun candidat.",
            ),
            (
                "Liste complémentaire",
                &g.complementary,
                "Liste complémentaire : aucun candidat.",
            ),
            ("Non retenus", &g.not_retained, ""),
        ] {
            if list.is_empty() {
                if !empty.is_empty() {
                    b.push(Block::text(empty));
                }
                continue;
            }
            b.push(Block::KeepTogether(20.0));
            b.push(Block::text(format!("{title} :")));
            b.push(table(
                &decision_cols,
                list.iter()
                    .map(|d| {
                        vec![
                            d.position.clone(),
                            d.name.clone(),
                            d.total.clone(),
                            d.reason.clone(),
                        ]
                    })
                    .collect(),
            ));
        }
        if g.unused > 0 {
            b.push(Block::text(format!(
                "Contrats non attribués : {}.",
                g.unused
            )));
        }
    }
    heading(
        &mut b,
        "8. Votes de départage et décisions motivées de la commission",
    );
    bullets(
        &mut b,
        &m.votes,
        "Aucun vote de départage n'a été nécessaire.",
    );
    bullets(
        &mut b,
        &m.overrides,
        "La commission n'a modifié aucune décision issue du classement.",
    );
    if !m.withdrawals.is_empty() {
        heading(&mut b, "9. Désistements et promotions");
        bullets(&mut b, &m.withdrawals, "");
    }
    if let Some((first, rest)) = m.sealing.split_first() {
        let n = if m.withdrawals.is_empty() { 9 } else { 10 };
        heading(&mut b, &format!("{n}. Scellement"));
        b.push(Block::text(first.clone()));
        // Then, when points were acknowledged: the reason, and the points one by one.
        if let Some((reason, points)) = rest.split_first() {
            b.push(Block::text(reason.clone()));
            for p in points {
                b.push(Block::Bullet(p.clone()));
            }
        }
    }
    b.push(Block::Space(6.0));
    b.push(Block::KeepTogether(60.0));
    b.push(Block::right(m.place_date.clone()));
    b.push(Block::Space(3.0));
    let signatories = m
        .signatories
        .iter()
        .map(|s| {
            let approved = seal.and_then(|x| x.approvals.iter().find(|a| a.0 == s.id));
            Signatory {
                name: s.name.clone(),
                role: s.role.clone(),
                note: match approved {
                    Some((_, at, _)) => {
                        format!("Approuvé électroniquement le {}", fr::timestamp(at))
                    }
                    None => "Signature :".into(),
                },
                area: seal.map(|_| field_name(s.id)),
                image: approved.and_then(|a| a.2.as_deref()).and_then(|png| {
                    decode_png(png).map(|(width, height, rgb)| Picture {
                        key: format!("Sig{}", s.id),
                        width,
                        height,
                        rgb,
                    })
                }),
            }
        })
        .collect();
    b.push(Block::Signatures(signatories));

    let footer = match seal {
        Some(s) => format!(
            "{} — version {} scellée le {} — empreinte SHA-256 : {}",
            m.title,
            s.version,
            fr::timestamp(&s.sealed_at)
                .split(" à ")
                .next()
                .unwrap_or_default(),
            s.fingerprint
        ),
        None => format!("{} — PROJET NON SCELLÉ", m.title),
    };
    let qr = seal
        .map(|s| documents::qr_modules(&format!("{MARK}v={};sha256={}", s.version, s.fingerprint)));
    let main = Section {
        letterhead: m.letterhead.clone(),
        footer: footer.clone(),
        qr: qr.clone(),
        blocks: b,
    };
    let mut annex = vec![
        Block::styled(
            "Annexe — journal des décisions de la campagne",
            Style::TITLE,
        ),
        Block::text(
            "Qui a fait quoi, et quand (heure de Paris), tel qu'inscrit au journal de la campagne.",
        ),
    ];
    if m.annex.is_empty() {
        annex.push(Block::text("Le journal ne contient aucune décision."));
    } else {
        annex.push(table(
            &[
                ("Date", 1.6, Align::Left),
                ("Par", 1.8, Align::Left),
                ("Décision", 5.0, Align::Left),
            ],
            m.annex
                .iter()
                .map(|a| vec![a.at.clone(), a.operator.clone(), a.summary.clone()])
                .collect(),
        ));
    }
    vec![
        main,
        Section {
            letterhead: m.letterhead.clone(),
            footer: format!("{footer} — annexe"),
            qr,
            blocks: annex,
        },
    ]
}

/// The name of a member's signature field in the sealed minutes.
pub fn field_name(member: i64) -> String {
    format!("Signature-membre-{member}")
}

/// Where each member's signature field goes in the PDF of `m` sealed with `seal`.
pub fn signature_areas(m: &Minutes, seal: &Seal) -> Vec<documents::Area> {
    documents::areas(&sections(m, Some(seal)))
}

/// The minutes as PDF bytes (the same minutes and seal, the same bytes).
pub fn pdf(m: &Minutes, seal: Option<&Seal>) -> Vec<u8> {
    let meta = Meta {
        title: m.title.clone(),
        subject: match seal {
            Some(s) => format!("Procès-verbal scellé, version {}", s.version),
            None => "Projet de procès-verbal (non scellé)".into(),
        },
        identifier: seal
            .map(|s| {
                format!(
                    "{MARK}uid={};v={};sha256={}",
                    m.campaign_uid, s.version, s.fingerprint
                )
            })
            .unwrap_or_default(),
        date: seal
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(&s.sealed_at).ok())
            .map(|d| d.timestamp()),
    };
    documents::render_with(&meta, &sections(m, seal))
}
