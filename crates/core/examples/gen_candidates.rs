//! Writes a realistic candidates workbook of N rows, for the import benchmark:
//! `cargo run --release -p cesp-core --example gen_candidates -- 100000 candidats.xlsx`

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

const LAST: [&str; 12] = [
    "MARTIN",
    "LEFÈVRE",
    "DUPONT-MOREAU",
    "N'DIAYE",
    "GUÉRIN",
    "BENOÎT",
    "LE GALL",
    "ROUSSEL",
    "OUÉDRAOGO",
    "DE LA FONTAINE",
    "MÜLLER",
    "FRANÇOIS",
];
const FIRST: [&str; 12] = [
    "Zoé",
    "Marie-Ève",
    "Loïc",
    "Anaïs",
    "Jérôme",
    "Maëlys",
    "Hugo",
    "Chloé",
    "Noé",
    "Inès",
    "Jean-Baptiste",
    "Héloïse",
];
const YEARS: [&str; 5] = ["DFASM1", "DFASM2", "DFASM3", "DES — 2e année", "DFASO1"];

const REGIONS: [&str; 6] = [
    "Hauts-de-France",
    "Grand Est",
    "Normandie",
    "Centre-Val de Loire",
    "Bourgogne-Franche-Comté",
    "Guyane",
];
const NOTES: [&str; 4] = [
    "",
    "Dossier complet, reçu en main propre",
    "Attestation de stage à joindre",
    "Souhaite exercer en maison de santé pluriprofessionnelle",
];

fn main() -> Result<(), XlsxError> {
    let mut args = std::env::args().skip(1);
    let n: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let out = args.next().unwrap_or_else(|| "candidats.xlsx".into());
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = wb.add_worksheet();
    // The 20 usual columns of a faculty's or an ARS's list.
    let headers = [
        "N° INE",
        "NOM",
        "Prénom(s)",
        "Nom de naissance",
        "Date de naissance",
        "Sexe",
        "Courriel",
        "Téléphone",
        "Catégorie",
        "Discipline",
        "Année d'études",
        "Spécialité envisagée",
        "Mode d'exercice envisagé",
        "Région envisagée",
        "Rang EDN",
        "Moyenne N-1",
        "Moyenne N-2",
        "Accord de l'ARS",
        "Nationalité",
        "Observations",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    for i in 0..n {
        let r = i + 1;
        let k = i as usize;
        let year = YEARS[k % 5];
        let intern = year.starts_with("DES");
        let dentist = year.starts_with("DFASO");
        sheet.write_string(r, 0, format!("0904{i:07}AB"))?;
        sheet.write_string(r, 1, LAST[k % 12])?;
        sheet.write_string(r, 2, format!("{} {}", FIRST[(k / 12) % 12], i))?;
        if k % 7 == 3 {
            sheet.write_string(r, 3, LAST[(k / 7) % 12])?;
        }
        let d = ExcelDateTime::from_ymd(
            1995 + (k % 8) as u16,
            1 + (k % 12) as u8,
            1 + (k % 28) as u8,
        )?;
        sheet.write_date_with_format(r, 4, &d, &date)?;
        sheet.write_string(r, 5, if k.is_multiple_of(2) { "F" } else { "M" })?;
        sheet.write_string(r, 6, format!("candidat.{i}@etu.univ.fr"))?;
        sheet.write_string(
            r,
            7,
            format!(
                "06 {:02} {:02} {:02} {:02}",
                k % 100,
                (k / 7) % 100,
                (k / 13) % 100,
                (k / 17) % 100
            ),
        )?;
        sheet.write_string(r, 8, if intern { "Interne" } else { "Étudiant" })?;
        sheet.write_string(r, 9, if dentist { "Odontologie" } else { "Médecine" })?;
        sheet.write_string(r, 10, year)?;
        sheet.write_string(
            r,
            11,
            if k.is_multiple_of(3) {
                "Psychiatrie"
            } else {
                "Médecine générale"
            },
        )?;
        sheet.write_string(
            r,
            12,
            if k.is_multiple_of(4) {
                "Exercice salarié en centre de santé"
            } else {
                "Exercice libéral"
            },
        )?;
        sheet.write_string(r, 13, REGIONS[k % REGIONS.len()])?;
        if intern {
            sheet.write_string(r, 14, format!("{}/8791", 1 + k % 8791))?;
        }
        sheet.write_number(r, 15, 10.0 + (k % 900) as f64 / 100.0)?;
        sheet.write_number(r, 16, 9.5 + (k % 800) as f64 / 100.0)?;
        sheet.write_string(
            r,
            17,
            if k.is_multiple_of(5) {
                "En attente"
            } else {
                "Oui"
            },
        )?;
        sheet.write_string(r, 18, "Française")?;
        let note = NOTES[k % NOTES.len()];
        if !note.is_empty() {
            sheet.write_string(r, 19, note)?;
        }
    }
    wb.save(&out)?;
    Ok(())
}
