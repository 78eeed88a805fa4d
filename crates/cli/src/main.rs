//! `cesp`: the headless command line of CESP Commission. This file parses the command line
//! and dispatches: each subcommand runs in `commands/` (one file per family), opens its
//! campaign through `open.rs` and prints through `output.rs`.
//!
//! Exit codes: 0 success, 1 a user error (French message on stderr), 2 bad usage.

mod commands;
mod open;
mod output;

use std::process::ExitCode;

use cesp_core::Error;

use commands::{
    allocation, backups, campaign, commission, dossier, import, journal, mail, minutes, room,
    schedule, scoring, Ctx,
};

include!("args.rs");

fn main() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    let parsed = french(Cli::command())
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => return output::print_usage_error(&e),
    };
    let json = cli.json;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            output::print_error(&e, json);
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    let ctx = &Ctx {
        json: cli.json,
        operator_given: cli.operator.clone(),
    };
    match cli.command {
        Command::New(args) => campaign::new(ctx, args),
        Command::Demo { file, reset } => campaign::demo(ctx, file, reset),
        Command::Info { file } => campaign::info(ctx, file),
        Command::Passphrase { file, remove } => campaign::passphrase(ctx, file, remove),
        Command::Import(args) => import::import(ctx, args),
        Command::Candidates { file, csv } => import::candidates(ctx, file, csv),
        Command::Imports { file } => import::imports(ctx, file),
        Command::UndoImport { file, batch } => import::undo_import(ctx, file, batch),
        Command::Backups { file } => backups::list(ctx, file),
        Command::Restore { file, backup } => backups::restore(ctx, file, backup),
        Command::Serve {
            file,
            sitting,
            bind,
            candidate,
        } => room::serve(ctx, file, sitting, bind, candidate),
        Command::Scores {
            file,
            export_sheets,
            import,
        } => scoring::scores(ctx, file, export_sheets, import),
        Command::Ranking { file } => scoring::ranking(ctx, file),
        Command::Dossier {
            file,
            candidate,
            letters,
            receipts,
            return_by,
        } => dossier::dossier(ctx, file, candidate, letters, receipts, return_by),
        Command::Attach {
            file,
            candidate,
            piece,
            path,
        } => dossier::attach(ctx, file, candidate, piece, path),
        Command::Merge {
            file,
            other,
            dry_run,
            keep_ours,
            take_theirs,
        } => dossier::merge(ctx, file, other, dry_run, keep_ours, take_theirs),
        Command::Schedule {
            file,
            setup,
            dry_run,
            replan,
        } => schedule::schedule(ctx, file, setup, dry_run, replan),
        Command::Convocations { file, out, amended } => {
            schedule::convocations(ctx, file, out, amended)
        }
        Command::Timetable { file, out, xlsx } => schedule::timetable(ctx, file, out, xlsx),
        Command::Bilan { file, out, xlsx } => campaign::bilan(ctx, file, out, xlsx),
        Command::Allocate {
            file,
            what_if,
            seuil,
            record,
            xlsx,
        } => allocation::allocate(ctx, file, what_if, seuil, record, xlsx),
        Command::Specialties { file, set } => allocation::specialties(ctx, file, set),
        Command::Withdraw {
            file,
            candidate,
            reason,
            date,
            not_returned,
        } => allocation::withdraw(ctx, file, candidate, reason, date, not_returned),
        Command::Letters { file, out } => allocation::letters(ctx, file, out),
        Command::Mail {
            file,
            convocations,
            letters,
            missing_pieces,
            receipts: _,
            return_by,
            dry_run,
            yes,
            print_unreachable,
            server,
            starttls: _,
            tls,
            plain,
            user,
            from,
            from_name,
            reply_to,
        } => mail::mail(
            ctx,
            mail::Args {
                file,
                kind: if convocations {
                    cesp_core::mail::MailKind::Convocations
                } else if letters {
                    cesp_core::mail::MailKind::Letters
                } else if missing_pieces {
                    cesp_core::mail::MailKind::MissingPieces
                } else {
                    cesp_core::mail::MailKind::Receipts
                },
                return_by: return_by.unwrap_or_default(),
                dry_run,
                yes,
                print_unreachable,
                server,
                security: if tls {
                    cesp_core::mail::Security::Tls
                } else if plain {
                    cesp_core::mail::Security::Plain
                } else {
                    cesp_core::mail::Security::Starttls
                },
                user,
                from,
                from_name,
                reply_to,
            },
        ),
        Command::Minutes { file, out, version } => minutes::minutes(ctx, file, out, version),
        Command::Seal {
            file,
            date,
            acknowledge,
            on_behalf,
        } => minutes::seal(ctx, file, date, acknowledge, on_behalf),
        Command::Reopen { file, reason } => minutes::reopen(ctx, file, reason),
        Command::Sign {
            file,
            member,
            p12,
            out,
        } => minutes::sign(ctx, file, member, p12, out),
        Command::Verify { file, pdf } => minutes::verify(ctx, file, pdf),
        Command::Commission { file, action } => commission::commission(ctx, file, action),
        Command::Seances { file, action } => commission::sittings(ctx, file, action),
        Command::Deports { file, action } => commission::recusals(ctx, file, action),
        Command::Grille { file, set } => scoring::grid(ctx, file, set),
        Command::Note {
            file,
            membre,
            candidat,
            critere,
            valeur,
        } => scoring::score(ctx, file, membre, candidat, critere, valeur),
        Command::Notes { file, lot } => scoring::scores_batch(ctx, file, lot),
        Command::Valider { file, candidats } => scoring::lock(ctx, file, candidats),
        Command::Deverrouiller {
            file,
            candidat,
            motif,
        } => scoring::unlock(ctx, file, candidat, motif),
        Command::Piece {
            file,
            candidat,
            statut,
            pieces,
            toutes,
            date,
            motif,
        } => dossier::set_pieces(
            ctx,
            file,
            candidat,
            statut,
            (!toutes).then_some(pieces),
            date,
            motif,
        ),
        Command::Pieces { file, action } => dossier::checklist(ctx, file, action),
        Command::Recevabilite {
            file,
            candidat,
            recevable,
            non_recevable,
            annuler: _,
            motif,
        } => dossier::eligibility(
            ctx,
            file,
            candidat,
            (recevable || non_recevable).then_some(recevable),
            motif,
        ),
        Command::ReglesAttribution {
            file,
            seuil,
            recevable,
            entendu,
            accord_ars,
            complementaire,
            departage,
        } => allocation::rules(
            ctx,
            file,
            allocation::RulesChange {
                seuil,
                recevable,
                entendu,
                accord_ars,
                complementaire,
                departage,
            },
        ),
        Command::Vote {
            file,
            candidats,
            motif,
        } => allocation::tie_vote(ctx, file, candidats, motif),
        Command::Decision {
            file,
            candidat,
            issue,
            motif,
        } => allocation::decision(ctx, file, candidat, issue, motif),
        Command::Approuver { file, membre } => minutes::approve(ctx, file, membre),
        Command::Attributions { file } => allocation::runs(ctx, file),
        Command::Detacher { file, attachment } => dossier::detach(ctx, file, attachment),
        Command::Conservation { file, mois } => dossier::retention(ctx, file, mois),
        Command::Purge { file, out } => dossier::purge(ctx, file, out),
        Command::CourrielParametres { file, set, test } => mail::settings(ctx, file, set, test),
        Command::Candidat { file, action } => import::candidate(ctx, file, action),
        Command::Parametres { file, set } => campaign::settings(ctx, file, set),
        Command::Entretien { file, action } => schedule::interview(ctx, file, action),
        Command::Signature {
            file,
            membre,
            image,
        } => minutes::signature(ctx, file, membre, image),
        Command::Correction {
            file,
            candidat,
            critere,
            valeur,
            motif,
        } => scoring::academic_override(ctx, file, candidat, critere, valeur, motif),
        Command::ReinitialiserNotes { file, motif } => scoring::reset(ctx, file, motif),
        Command::Journal {
            file, verify: true, ..
        } => journal::verify(ctx, file),
        Command::Journal {
            file,
            limit,
            from,
            to,
            person,
            kind,
            export,
            ..
        } => journal::show(
            ctx,
            file,
            journal::Selection {
                limit,
                from,
                to,
                person,
                kind,
                export,
            },
        ),
    }
}
