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

fn main() -> Result<(), XlsxError> {
    let mut args = std::env::args().skip(1);
    let n: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let out = args.next().unwrap_or_else(|| "candidats.xlsx".into());
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = wb.add_worksheet();
    let headers = [
        "NOM",
        "Prénom(s)",
        "Date de naissance",
        "N° INE",
        "Année d'études",
        "Courriel",
        "Téléphone",
        "Rang EDN",
        "Moyenne N-1",
        "Moyenne N-2",
        "Spécialité envisagée",
        "Nationalité",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    for i in 0..n {
        let r = i + 1;
        let k = i as usize;
        sheet.write_string(r, 0, LAST[k % 12])?;
        sheet.write_string(r, 1, format!("{} {}", FIRST[(k / 12) % 12], i))?;
        let d = ExcelDateTime::from_ymd(
            1995 + (k % 8) as u16,
            1 + (k % 12) as u8,
            1 + (k % 28) as u8,
        )?;
        sheet.write_date_with_format(r, 2, &d, &date)?;
        sheet.write_string(r, 3, format!("0904{i:07}AB"))?;
        let year = YEARS[k % 5];
        sheet.write_string(r, 4, year)?;
        sheet.write_string(r, 5, format!("candidat.{i}@etu.univ.fr"))?;
        sheet.write_string(
            r,
            6,
            format!(
                "06 {:02} {:02} {:02} {:02}",
                k % 100,
                (k / 7) % 100,
                (k / 13) % 100,
                (k / 17) % 100
            ),
        )?;
        if year.starts_with("DES") {
            sheet.write_string(r, 7, format!("{}/8791", 1 + k % 8791))?;
        }
        sheet.write_number(r, 8, 10.0 + (k % 900) as f64 / 100.0)?;
        sheet.write_number(r, 9, 9.5 + (k % 800) as f64 / 100.0)?;
        sheet.write_string(
            r,
            10,
            if k.is_multiple_of(3) {
                "Psychiatrie"
            } else {
                "Médecine générale"
            },
        )?;
        sheet.write_string(r, 11, "Française")?;
    }
    wb.save(&out)?;
    Ok(())
}
