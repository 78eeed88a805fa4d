//! `cesp schedule`, `convocations` and `timetable`: the interviews planned, and what is
//! printed from the plan.

use cesp_core::Refusal;
use std::path::PathBuf;

use cesp_core::schedule::plan::ConvocationAction;
use cesp_core::{fr, Error};

use super::{find_candidate, Ctx};
use crate::open::{backups, read, write};
use crate::output::output;

/// `cesp schedule`: plans the interviews (after replacing their setup, with `--setup`).
pub(crate) fn schedule(
    ctx: &Ctx,
    file: PathBuf,
    setup: Option<PathBuf>,
    dry_run: bool,
    replan: bool,
) -> Result<(), Error> {
    let mut campaign = if dry_run && setup.is_none() {
        read(&file)?
    } else {
        write(&file, &backups())?
    };
    if let Some(p) = &setup {
        let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
        let s: cesp_core::schedule::plan::ScheduleSetup = serde_json::from_str(&text).map_err(|e| {
            Error::Refused(Refusal::UnreadableScheduleSetup, format!("Le fichier « {} » n'est pas une organisation des entretiens lisible ({e}) : partez de la sortie de « cesp schedule FICHIER --json » (clé \"setup\").", p.display()))
        })?;
        campaign.set_schedule_setup(&s, &ctx.operator()?)?;
    }
    let (plan, shown, changes) = campaign.plan_interviews(dry_run, replan, &ctx.operator()?)?;
    let setup = campaign.schedule_setup()?;
    output(
        ctx.json,
        &serde_json::json!({ "setup": setup, "plan": shown, "quality": plan.quality, "exact": plan.exact, "notes": plan.notes, "changes": changes }),
        || {
            let mut out = Vec::new();
            let mut day = String::new();
            let mut jury = String::new();
            let mut by_room = shown.interviews.clone();
            by_room.sort_by(|a, b| {
                (&a.date, &a.jury_label, a.start).cmp(&(&b.date, &b.jury_label, b.start))
            });
            for i in &by_room {
                if i.date_display != day {
                    day = i.date_display.clone();
                    jury.clear();
                    out.push(String::new());
                    out.push(cesp_core::fr::tidy(&day).to_uppercase());
                }
                if i.jury_label != jury {
                    jury = i.jury_label.clone();
                    out.push(format!("  {jury}"));
                }
                out.push(format!(
                    "    {:>8}  {}{}",
                    i.start_display,
                    i.candidate_name,
                    if i.pinned { "  (fixé)" } else { "" }
                ));
            }
            out.push(String::new());
            out.push(format!("Qualité : {}.", shown.quality));
            out.extend(plan.notes.iter().cloned());
            if replan {
                out.push(String::new());
                if changes.is_empty() {
                    out.push("Aucun entretien ne change.".to_owned());
                } else {
                    out.push(format!(
                        "{} :",
                        fr::count(changes.len(), "changement", "changements")
                    ));
                }
                for c in &changes {
                    out.push(format!(
                        "  {} : {} → {}{}",
                        c.name,
                        c.before.as_deref().unwrap_or("non planifié"),
                        c.after.as_deref().unwrap_or("plus d'entretien"),
                        match c.sends {
                            ConvocationAction::Amended => "  (convocation rectificative à envoyer)",
                            ConvocationAction::Cancellation => "  (annulation à envoyer)",
                            ConvocationAction::First => "  (première convocation à envoyer)",
                            ConvocationAction::Nothing => "",
                        }
                    ));
                }
            }
            out.push(if dry_run {
                "Simulation : rien n'a été enregistré.".to_owned()
            } else {
                "Planning enregistré.".to_owned()
            });
            out.join("\n")
        },
    );
    Ok(())
}

/// `cesp convocations`: the convocations (PDF) and calendars (.ics), recorded as gone
/// out; with `amended`, only what changed since.
pub(crate) fn convocations(
    ctx: &Ctx,
    file: PathBuf,
    out: PathBuf,
    amended: bool,
) -> Result<(), Error> {
    let mut campaign = write(&file, &backups())?;
    std::fs::create_dir_all(&out).map_err(|e| Error::io(&out, e))?;
    let written = campaign
        .write_convocations(&out, cesp_core::clock::today(), amended, &ctx.operator()?)?
        .files;
    output(ctx.json, &written, || {
        let mut lines = vec![format!(
            "{} (convocations et agendas) :",
            fr::count(written.len(), "fichier écrit", "fichiers écrits")
        )];
        lines.extend(written.iter().map(|w| format!("  {w}")));
        lines.join("\n")
    });
    Ok(())
}

/// `cesp timetable`: the commission's timetable in PDF (and in a workbook).
pub(crate) fn timetable(
    ctx: &Ctx,
    file: PathBuf,
    out: PathBuf,
    xlsx: Option<PathBuf>,
) -> Result<(), Error> {
    let campaign = read(&file)?;
    campaign.write_timetable(&out)?;
    let lines = match &xlsx {
        Some(p) => Some(campaign.export_plan_xlsx(p)?),
        None => None,
    };
    output(
        ctx.json,
        &serde_json::json!({ "pdf": out, "xlsx": xlsx, "lines": lines }),
        || {
            let mut text = format!("Planning écrit dans « {} ».", out.display());
            if let (Some(p), Some(n)) = (&xlsx, lines) {
                text.push_str(&format!(
                    "\n{} dans « {} ».",
                    fr::count(n, "entretien écrit", "entretiens écrits"),
                    p.display()
                ));
            }
            text
        },
    );
    Ok(())
}

/// `cesp entretien FILE …`: one interview moved, pinned, freed, or withdrawn before it.
pub(crate) fn interview(
    ctx: &Ctx,
    file: PathBuf,
    action: crate::InterviewAction,
) -> Result<(), Error> {
    use crate::InterviewAction;
    let mut campaign = write(&file, &backups())?;
    let operator = ctx.operator()?;
    let view = match action {
        InterviewAction::Deplacer {
            candidat,
            jury,
            date,
            heure,
        } => {
            let id = find_candidate(&campaign, &candidat)?;
            campaign.move_interview(id, jury, &date, &heure, &operator)?
        }
        InterviewAction::Fixer { candidat } => {
            let id = find_candidate(&campaign, &candidat)?;
            campaign.pin_interview(id, true, &operator)?
        }
        InterviewAction::Liberer { candidat } => {
            let id = find_candidate(&campaign, &candidat)?;
            campaign.pin_interview(id, false, &operator)?
        }
        InterviewAction::Desistement { candidat, motif } => {
            let id = find_candidate(&campaign, &candidat)?;
            campaign.withdraw_before_interview(id, &motif, &operator)?
        }
    };
    let summary = campaign
        .journal(1)?
        .first()
        .map(|j| j.summary.clone())
        .unwrap_or_default();
    output(ctx.json, &view, || summary);
    Ok(())
}
