// The command line's arguments: clap definitions only, shared by `main.rs` and by
// `build.rs`, which generates the manual page and the shell completions from them.
// Included (not a module) so that both see the same items.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "cesp",
    version,
    about = "CESP Commission en ligne de commande : campagnes, candidats, commission.",
    disable_help_subcommand = true
)]
pub(crate) struct Cli {
    /// Affiche le résultat en JSON (pour les scripts).
    #[arg(long, global = true)]
    json: bool,
    /// Nom de la personne qui agit, inscrit au journal (par défaut : l'utilisateur du système).
    #[arg(long, global = true, env = "CESP_OPERATOR")]
    operator: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Crée une nouvelle campagne dans FILE (.cesp).
    New(NewArgs),
    /// Crée la campagne de démonstration dans FILE.
    Demo {
        /// Fichier à créer.
        file: PathBuf,
        /// Recrée la démonstration à la place de celle qui existe déjà dans ce fichier : ses
        /// modifications sont perdues (refusé si ce n'est pas une campagne de démonstration).
        #[arg(long)]
        reset: bool,
    },
    /// Affiche les paramètres et les chiffres d'une campagne.
    Info {
        /// Fichier de campagne.
        file: PathBuf,
    },
    /// Importe des candidats depuis un tableur (xlsx, xls, ods ou csv).
    Import(ImportArgs),
    /// Liste les candidats de la campagne.
    Candidates {
        /// Fichier de campagne.
        file: PathBuf,
        /// Écrit la liste en CSV (séparateur point-virgule, pour Excel).
        #[arg(long, conflicts_with = "json")]
        csv: bool,
    },
    /// Liste les imports de la campagne.
    Imports {
        /// Fichier de campagne.
        file: PathBuf,
    },
    /// Annule un import (par défaut le dernier) : ses candidats sont retirés et les
    /// candidats qu'il avait modifiés retrouvent leurs valeurs.
    UndoImport {
        /// Fichier de campagne.
        file: PathBuf,
        /// Numéro de l'import (voir `cesp imports`).
        batch: Option<i64>,
    },
    /// Liste les sauvegardes de la campagne (prises à l'ouverture et avant chaque action
    /// destructrice).
    Backups {
        /// Fichier de campagne.
        file: PathBuf,
    },
    /// Restaure une sauvegarde (l'état actuel est d'abord sauvegardé lui aussi).
    Restore {
        /// Fichier de campagne.
        file: PathBuf,
        /// Nom de la sauvegarde (voir `cesp backups`).
        backup: String,
    },
    /// Feuilles de notation hors ligne : exporte une feuille (xlsx) par membre votant, ou
    /// importe des feuilles remplies (chacune acceptée entière ou refusée avec ses motifs).
    #[command(group(clap::ArgGroup::new("action").required(true).args(["export_sheets", "import"])))]
    Scores {
        /// Fichier de campagne.
        file: PathBuf,
        /// Dossier où écrire une feuille par membre.
        #[arg(long, value_name = "DOSSIER")]
        export_sheets: Option<PathBuf>,
        /// Feuille remplie à importer (option répétable).
        #[arg(long, value_name = "FEUILLE.xlsx")]
        import: Vec<PathBuf>,
    },
    /// Séance connectée sans fenêtre : chaque membre présent avec voix délibérative note
    /// depuis son téléphone ou son ordinateur, sur le réseau de la salle. Affiche le lien
    /// (à ouvrir ou à scanner) et le code de chaque membre, puis lit des commandes sur
    /// l'entrée standard : `candidat N|NOM` met un candidat en délibération, `aucun` l'en
    /// retire, `nouveau MEMBRE` donne un nouveau lien, `revoquer APPAREIL` révoque un
    /// appareil, `etat` affiche la séance, `fin` la ferme (Ctrl+C aussi).
    Serve {
        /// Fichier de campagne.
        file: PathBuf,
        /// La séance : son numéro ou sa date (16/01/2025).
        #[arg(long, value_name = "SÉANCE")]
        sitting: String,
        /// Adresse et port servis (par défaut : l'adresse Wi-Fi, sinon filaire, port 8765).
        #[arg(long, value_name = "ADRESSE:PORT")]
        bind: Option<String>,
        /// Candidat mis en délibération dès l'ouverture : numéro ou nom.
        #[arg(long, value_name = "CANDIDAT")]
        candidate: Option<String>,
    },
    /// Dossiers : recevabilité de chaque candidat et, pour un candidat, ses pièces ;
    /// `--letters DOSSIER` écrit les lettres de pièces manquantes (une par candidat et le lot).
    Dossier {
        /// Fichier de campagne.
        file: PathBuf,
        /// Candidat : numéro ou nom (sans accents possible).
        candidate: Option<String>,
        /// Écrit les lettres « pièces manquantes » des dossiers incomplets dans ce dossier.
        #[arg(long, value_name = "DOSSIER", conflicts_with = "receipts")]
        letters: Option<PathBuf>,
        /// Écrit les accusés de réception dans ce dossier.
        #[arg(long, value_name = "DOSSIER")]
        receipts: Option<PathBuf>,
        /// Date limite de retour des pièces manquantes, après aujourd'hui (par défaut :
        /// dans 10 jours).
        #[arg(long, value_name = "JJ/MM/AAAA", requires = "letters")]
        return_by: Option<String>,
    },
    /// Joint un fichier (PDF, JPEG ou PNG) à une pièce du dossier d'un candidat.
    Attach {
        /// Fichier de campagne.
        file: PathBuf,
        /// Candidat : numéro ou nom.
        candidate: String,
        /// Pièce : son code (rib, cv, motivation…), son numéro ou le début de son intitulé.
        piece: String,
        /// Fichier à joindre.
        path: PathBuf,
    },
    /// Fusionne une autre copie de la campagne (celle du portable du référent) : nouveaux
    /// candidats, pièces et fichiers ; en cas de conflit, la version la plus récente.
    Merge {
        /// Fichier de campagne (celui de la commission).
        file: PathBuf,
        /// L'autre copie.
        other: PathBuf,
        /// Montre ce que la fusion ferait, sans rien modifier.
        #[arg(long)]
        dry_run: bool,
        /// En cas de conflit, garde toujours la valeur de ce fichier.
        #[arg(long, conflicts_with = "take_theirs")]
        keep_ours: bool,
        /// En cas de conflit, prend toujours la valeur de l'autre copie.
        #[arg(long)]
        take_theirs: bool,
    },
    /// Attribution des contrats : liste principale, liste complémentaire et non retenus,
    /// chacun avec son motif ; `--what-if` et `--seuil` essaient d'autres contingents ou
    /// un autre seuil sans rien modifier.
    Allocate {
        /// Fichier de campagne.
        file: PathBuf,
        /// Contingents à essayer (JSON, même forme que `cesp info --json` : student,
        /// intern, padhue × medicine, odontology ; ou {"quotas": {…}, "seuil": "12"}).
        #[arg(long, value_name = "CONTINGENTS.json")]
        what_if: Option<PathBuf>,
        /// Seuil (total minimal) à essayer, par exemple 12 ou 12,5 ; vide : aucun.
        #[arg(long, value_name = "TOTAL")]
        seuil: Option<String>,
        /// Arrête les listes et les inscrit à l'historique, avec ce motif.
        #[arg(long, value_name = "MOTIF", conflicts_with_all = ["what_if", "seuil"])]
        record: Option<String>,
        /// Écrit les listes dans ce classeur (xlsx), pour l'organisme gestionnaire.
        #[arg(long, value_name = "LISTES.xlsx", conflicts_with_all = ["what_if", "seuil"])]
        xlsx: Option<PathBuf>,
    },
    /// Places par spécialité ouvertes par l'ARS : les affiche, ou les remplace par celles
    /// d'un fichier JSON (`--set`, liste vide : plus de restriction).
    Specialties {
        /// Fichier de campagne.
        file: PathBuf,
        /// JSON : [{"category": "intern", "discipline": "medicine", "specialty":
        /// "Médecine générale", "places": 3}, …].
        #[arg(long, value_name = "SPECIALITES.json")]
        set: Option<PathBuf>,
    },
    /// Planifie les entretiens (les entretiens fixés sont gardés) et affiche le planning, ou
    /// explique pourquoi aucun planning n'est possible ; `--setup` remplace d'abord
    /// l'organisation (journées, horaires, pauses, jurys) par celle d'un fichier JSON.
    /// Objectif, dans l'ordre : tous les candidats placés ; populations séparées si
    /// demandé ; le moins de journées, les plus tôt ; des jurys équilibrés ; le moins
    /// d'attente ; le plus de préférences respectées.
    Schedule {
        /// Fichier de campagne.
        file: PathBuf,
        /// Organisation des entretiens (JSON, même forme que `cesp schedule --json`
        /// → "setup").
        #[arg(long, value_name = "ORGANISATION.json")]
        setup: Option<PathBuf>,
        /// Calcule le planning sans l'enregistrer.
        #[arg(long)]
        dry_run: bool,
        /// Replanifie en déplaçant le moins d'entretiens possible (obligatoire une fois
        /// les convocations parties) et affiche qui est déplacé.
        #[arg(long)]
        replan: bool,
    },
    /// Écrit les convocations (PDF : une par candidat et un fichier qui les regroupe) et les
    /// agendas (.ics : un par candidat et un par membre du jury), et les note comme parties.
    Convocations {
        /// Fichier de campagne.
        file: PathBuf,
        /// Dossier où les écrire.
        #[arg(long, value_name = "DOSSIER")]
        out: PathBuf,
        /// Seulement ce qui a changé depuis l'envoi : convocations rectificatives,
        /// premières convocations des candidats ajoutés, annulations (.ics), et les
        /// agendas des membres.
        #[arg(long)]
        amended: bool,
    },
    /// Bilan de campagne pour l'organisme gestionnaire et le conseil de faculté : dossiers
    /// reçus, complets, recevables ; candidats entendus ; contrats offerts, attribués,
    /// désistements, promus, non attribués ; répartition des totaux ; séances ; comparé à
    /// l'année précédente quand la campagne en a été reprise. `--out` en PDF, `--xlsx` en
    /// classeur.
    Bilan {
        /// Fichier de campagne.
        file: PathBuf,
        /// Fichier PDF à écrire.
        #[arg(long, value_name = "BILAN.pdf")]
        out: Option<PathBuf>,
        /// Classeur (xlsx) à écrire.
        #[arg(long, value_name = "BILAN.xlsx")]
        xlsx: Option<PathBuf>,
    },
    /// Écrit le planning de la commission en PDF (et, avec `--xlsx`, en classeur).
    Timetable {
        /// Fichier de campagne.
        file: PathBuf,
        /// Fichier PDF à écrire.
        #[arg(long, value_name = "PLANNING.pdf")]
        out: PathBuf,
        /// Le planning aussi en classeur (xlsx).
        #[arg(long, value_name = "PLANNING.xlsx")]
        xlsx: Option<PathBuf>,
    },
    /// Écrit le procès-verbal en PDF : la version scellée en vigueur (ou `--version`), sinon
    /// un projet marqué comme tel.
    Minutes {
        /// Fichier de campagne.
        file: PathBuf,
        /// Fichier PDF à écrire.
        #[arg(long, value_name = "PV.pdf")]
        out: PathBuf,
        /// Une version scellée antérieure.
        #[arg(long, value_name = "N")]
        version: Option<i64>,
    },
    /// Scelle le procès-verbal (le président) : les décisions sont figées et l'empreinte
    /// SHA-256 imprimée sur chaque page.
    Seal {
        /// Fichier de campagne.
        file: PathBuf,
        /// Date de signature (JJ/MM/AAAA ; aujourd'hui par défaut) : ni avant la dernière
        /// séance, ni dans le futur.
        #[arg(long, value_name = "JJ/MM/AAAA")]
        date: Option<String>,
        /// Scelle en connaissance des points non bloquants de la vérification (notes non
        /// validées, contrats non attribués…), pour ce motif, inscrit au procès-verbal.
        #[arg(long, value_name = "MOTIF")]
        acknowledge: Option<String>,
        /// Scelle au nom du président (sans cette option, vous déclarez être le président).
        #[arg(long)]
        on_behalf: bool,
    },
    /// Signe le procès-verbal scellé avec le certificat d'un membre présent (signature
    /// électronique PAdES, ajoutée au PDF sans réécrire les signatures précédentes ; le
    /// président signe en dernier). La phrase de passe du certificat est lue dans
    /// CESP_P12_PASSPHRASE, à défaut demandée dans le terminal.
    Sign {
        /// Fichier de campagne.
        file: PathBuf,
        /// Le membre qui signe : son numéro, ou une partie de son nom.
        #[arg(long, value_name = "MEMBRE")]
        member: String,
        /// Son certificat de signature (fichier « .p12 » ou « .pfx », avec sa clé privée).
        #[arg(long, value_name = "CERTIFICAT.p12")]
        p12: PathBuf,
        /// Écrit aussi le procès-verbal tel que signé jusqu'ici dans ce fichier PDF.
        #[arg(long, value_name = "PV-signé.pdf")]
        out: Option<PathBuf>,
    },
    /// Rouvre le procès-verbal scellé, avec un motif (une nouvelle version devra être scellée).
    Reopen {
        /// Fichier de campagne.
        file: PathBuf,
        /// Motif de la réouverture.
        #[arg(long, value_name = "MOTIF")]
        reason: String,
    },
    /// Vérifie qu'un PDF est un procès-verbal scellé de cette campagne, inchangé, que les
    /// données disent toujours ce qu'il dit, et chacune de ses signatures électroniques
    /// (code de sortie 1 sinon).
    Verify {
        /// Fichier de campagne.
        file: PathBuf,
        /// Le PDF à vérifier.
        pdf: PathBuf,
    },
    /// Écrit les lettres de décision (retenu, liste complémentaire, non retenu) en PDF :
    /// une par candidat et un fichier qui les regroupe.
    Letters {
        /// Fichier de campagne.
        file: PathBuf,
        /// Dossier où écrire les lettres.
        #[arg(long, value_name = "DOSSIER")]
        out: PathBuf,
    },
    /// Envoie par courriel, par le serveur de la faculté, les convocations, les lettres de
    /// décision, les lettres de pièces manquantes ou les accusés de réception : chaque
    /// candidat reçoit la lettre (PDF) que l'application écrit ; une lettre déjà envoyée à
    /// une personne ne lui est pas renvoyée. Sans --server, le serveur des paramètres de la
    /// campagne et le mot de passe du trousseau ; avec --server, le mot de passe est lu dans
    /// CESP_SMTP_PASSWORD, à défaut demandé dans le terminal.
    #[command(group = clap::ArgGroup::new("what").required(true).args(["convocations", "letters", "missing_pieces", "receipts"]))]
    #[command(group = clap::ArgGroup::new("security").args(["starttls", "tls", "plain"]))]
    Mail {
        /// Fichier de campagne.
        file: PathBuf,
        /// Les convocations à l'entretien (avec leur agenda .ics).
        #[arg(long)]
        convocations: bool,
        /// Les lettres de décision.
        #[arg(long)]
        letters: bool,
        /// Les lettres de pièces manquantes (dossiers incomplets).
        #[arg(long)]
        missing_pieces: bool,
        /// Les accusés de réception des dossiers.
        #[arg(long)]
        receipts: bool,
        /// Pièces manquantes : date limite de retour (JJ/MM/AAAA ; par défaut, celle
        /// proposée pour les lettres imprimées).
        #[arg(long, value_name = "JJ/MM/AAAA")]
        return_by: Option<String>,
        /// Montre ce qui serait envoyé, sans rien envoyer.
        #[arg(long)]
        dry_run: bool,
        /// Confirme l'envoi sans le demander (pour les scripts).
        #[arg(long)]
        yes: bool,
        /// Écrit dans ce PDF les lettres des candidats sans adresse valable, à imprimer.
        #[arg(long, value_name = "A-IMPRIMER.pdf")]
        print_unreachable: Option<PathBuf>,
        /// Serveur d'envoi pour cette fois (sinon celui des paramètres de la campagne).
        #[arg(long, value_name = "SERVEUR:PORT")]
        server: Option<String>,
        /// STARTTLS (par défaut).
        #[arg(long)]
        starttls: bool,
        /// TLS dès la connexion (SMTPS, port 465 le plus souvent).
        #[arg(long)]
        tls: bool,
        /// Sans chiffrement : seulement pour un serveur de cette machine (essais).
        #[arg(long)]
        plain: bool,
        /// Identifiant du compte sur le serveur.
        #[arg(long, value_name = "IDENTIFIANT")]
        user: Option<String>,
        /// Adresse de l'expéditeur (obligatoire avec --server).
        #[arg(long, value_name = "ADRESSE")]
        from: Option<String>,
        /// Nom de l'expéditeur (par défaut, l'UFR).
        #[arg(long, value_name = "NOM")]
        from_name: Option<String>,
        /// Adresse de réponse.
        #[arg(long, value_name = "ADRESSE")]
        reply_to: Option<String>,
    },
    /// Enregistre le désistement d'un candidat de la liste principale (ou un contrat non
    /// retourné) : le premier de la liste complémentaire prend sa place.
    Withdraw {
        /// Fichier de campagne.
        file: PathBuf,
        /// Candidat : numéro ou nom.
        candidate: String,
        /// Motif.
        #[arg(long)]
        reason: String,
        /// Date (JJ/MM/AAAA), par défaut aujourd'hui.
        #[arg(long)]
        date: Option<String>,
        /// Contrat non retourné dans les 30 jours (au lieu d'un désistement).
        #[arg(long)]
        not_returned: bool,
    },
    /// Classement par catégorie : totaux par bloc, dispersion entre membres, signalements.
    Ranking {
        /// Fichier de campagne.
        file: PathBuf,
    },
    /// Chiffre le fichier de campagne avec une phrase de passe, change sa phrase de passe,
    /// ou retire son chiffrement (ses sauvegardes suivent). La phrase actuelle est lue dans
    /// CESP_PASSPHRASE, la nouvelle dans CESP_NEW_PASSPHRASE ; à défaut, elles sont
    /// demandées dans le terminal.
    Passphrase {
        /// Fichier de campagne.
        file: PathBuf,
        /// Retire le chiffrement : le fichier redevient lisible sans phrase de passe.
        #[arg(long)]
        remove: bool,
    },
    /// Affiche le journal des modifications (ou l'exporte), filtré par dates, personne et
    /// type d'action, ou vérifie qu'il n'a pas été altéré.
    Journal {
        /// Fichier de campagne.
        file: PathBuf,
        /// Nombre de lignes affichées (les plus récentes ; un export les prend toutes).
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Premier jour (inclus).
        #[arg(long, value_name = "JJ/MM/AAAA")]
        from: Option<String>,
        /// Dernier jour (inclus).
        #[arg(long, value_name = "JJ/MM/AAAA")]
        to: Option<String>,
        /// Personne : son nom tel que le journal l'inscrit, ou des mots de ce nom.
        #[arg(long, value_name = "NOM")]
        person: Option<String>,
        /// Type d'action : campaign, import, candidates, dossiers, commission, schedule,
        /// scoring, allocation, minutes, backups, other (ou son nom : « Notation »…).
        #[arg(long, value_name = "TYPE")]
        kind: Option<String>,
        /// Écrit les entrées choisies dans ce fichier au lieu de les afficher : classeur
        /// xlsx, ou CSV pour Excel si son nom finit par .csv.
        #[arg(long, value_name = "FICHIER")]
        export: Option<PathBuf>,
        /// Vérifie la chaîne de sceaux du journal (code de sortie 1 s'il a été altéré).
        #[arg(long)]
        verify: bool,
    },
    /// Commission : liste ses membres (par défaut), ajoute, modifie ou retire un membre,
    /// affiche ou change ses règles de délibération.
    Commission {
        /// Fichier de campagne.
        file: PathBuf,
        #[command(subcommand)]
        action: Option<CommissionAction>,
    },
    /// Séances de la commission : les liste (par défaut), en ajoute, en retire, et note la
    /// présence des membres.
    #[command(alias = "séances")]
    Seances {
        /// Fichier de campagne.
        file: PathBuf,
        #[command(subcommand)]
        action: Option<SittingAction>,
    },
    /// Déports (un membre ne note pas un candidat) : les liste (par défaut), en déclare, en
    /// lève.
    #[command(alias = "déports")]
    Deports {
        /// Fichier de campagne.
        file: PathBuf,
        #[command(subcommand)]
        action: Option<RecusalAction>,
    },
    /// Grille de notation : l'affiche, ou la remplace par celle d'un fichier JSON (`--set`,
    /// même forme que `cesp grille FICHIER --json` → "blocks").
    Grille {
        /// Fichier de campagne.
        file: PathBuf,
        /// Grille à enregistrer (JSON).
        #[arg(long, value_name = "GRILLE.json")]
        set: Option<PathBuf>,
    },
    /// Enregistre une note d'un membre pour un candidat (une note vide, "", l'efface).
    Note {
        /// Fichier de campagne.
        file: PathBuf,
        /// Le membre qui note : numéro ou nom.
        membre: String,
        /// Candidat : numéro ou nom.
        candidat: String,
        /// Critère : numéro ou début de son intitulé (voir `cesp grille`).
        critere: String,
        /// La note, par exemple 3,5.
        valeur: String,
    },
    /// Enregistre un lot de notes lu dans un fichier CSV (UTF-8, séparateur point-virgule ;
    /// avec la virgule, les notes décimales entre guillemets : "3,5") dont la première ligne
    /// nomme les colonnes « membre;candidat;critère;note », dans n'importe quel ordre ;
    /// membre, candidat et critère par leur numéro ou leur nom. Le lot entier est vérifié,
    /// puis enregistré d'un bloc : une seule ligne refusée et rien n'est enregistré, chaque
    /// ligne refusée étant citée (fichier, ligne, colonne) avec son motif.
    Notes {
        /// Fichier de campagne.
        file: PathBuf,
        /// Le lot de notes (CSV).
        #[arg(value_name = "NOTES.csv")]
        lot: PathBuf,
    },
    /// Valide les notes des candidats (tous les candidats entendus dont les notes sont
    /// complètes, sans candidat donné) : elles ne peuvent plus changer.
    Valider {
        /// Fichier de campagne.
        file: PathBuf,
        /// Candidats : numéros ou noms.
        candidats: Vec<String>,
    },
    /// Déverrouille les notes validées d'un candidat, avec un motif.
    #[command(alias = "déverrouiller")]
    Deverrouiller {
        /// Fichier de campagne.
        file: PathBuf,
        /// Candidat : numéro ou nom.
        candidat: String,
        /// Motif.
        #[arg(long)]
        motif: String,
    },
    /// Corrige un résultat universitaire calculé, avec un motif (valeur vide « » : revient
    /// à la valeur calculée).
    Correction {
        /// Fichier de campagne.
        file: PathBuf,
        /// Candidat : numéro ou nom.
        candidat: String,
        /// Critère calculé : numéro ou début de son intitulé.
        critere: String,
        /// La valeur retenue, par exemple 3,5.
        valeur: String,
        /// Motif.
        #[arg(long, default_value = "", hide_default_value = true)]
        motif: String,
    },
    /// Efface toutes les notes, corrections et validations (pour changer la grille), avec
    /// un motif ; une sauvegarde est faite avant.
    #[command(alias = "réinitialiser-notes")]
    ReinitialiserNotes {
        /// Fichier de campagne.
        file: PathBuf,
        /// Motif.
        #[arg(long)]
        motif: String,
    },
    /// Enregistre l'état de pièces du dossier d'un candidat.
    #[command(alias = "pièce")]
    Piece {
        /// Fichier de campagne.
        file: PathBuf,
        /// Candidat : numéro ou nom.
        candidat: String,
        /// L'état des pièces.
        statut: PieceStatusArg,
        /// Pièces : code (rib, cv…), numéro ou début de l'intitulé.
        #[arg(required_unless_present = "toutes")]
        pieces: Vec<String>,
        /// Toutes les pièces demandées à ce candidat.
        #[arg(long, conflicts_with = "pieces")]
        toutes: bool,
        /// Pièce reçue : date de réception (JJ/MM/AAAA ; aujourd'hui par défaut).
        #[arg(long, value_name = "JJ/MM/AAAA")]
        date: Option<String>,
        /// Pièce non conforme : pourquoi.
        #[arg(long)]
        motif: Option<String>,
    },
    /// Liste des pièces demandées : l'affiche (par défaut), y ajoute ou en retire une pièce.
    #[command(alias = "pièces")]
    Pieces {
        /// Fichier de campagne.
        file: PathBuf,
        #[command(subcommand)]
        action: Option<PieceAction>,
    },
    /// La commission déclare un dossier recevable ou non, avec un motif, ou revient à la
    /// recevabilité calculée (`--annuler`).
    #[command(alias = "recevabilité")]
    #[command(group(clap::ArgGroup::new("verdict").required(true).args(["recevable", "non_recevable", "annuler"])))]
    Recevabilite {
        /// Fichier de campagne.
        file: PathBuf,
        /// Candidat : numéro ou nom.
        candidat: String,
        /// Déclare le dossier recevable.
        #[arg(long)]
        recevable: bool,
        /// Déclare le dossier non recevable.
        #[arg(long)]
        non_recevable: bool,
        /// Revient à la recevabilité calculée d'après les pièces.
        #[arg(long)]
        annuler: bool,
        /// Motif de la décision de la commission.
        #[arg(long, default_value = "", hide_default_value = true)]
        motif: String,
    },
    /// Règles d'attribution : les affiche, ou en change certaines (seuil, conditions,
    /// taille de la liste complémentaire, départage des égalités).
    #[command(alias = "règles-attribution")]
    ReglesAttribution {
        /// Fichier de campagne.
        file: PathBuf,
        /// Total minimal pour être retenu (12 ou 12,5 ; vide : aucun).
        #[arg(long, value_name = "TOTAL")]
        seuil: Option<String>,
        /// Le dossier doit être recevable.
        #[arg(long, value_name = "oui|non")]
        recevable: Option<YesNo>,
        /// Le candidat doit avoir été entendu.
        #[arg(long, value_name = "oui|non")]
        entendu: Option<YesNo>,
        /// L'accord écrit de l'ARS doit avoir été reçu.
        #[arg(long, value_name = "oui|non")]
        accord_ars: Option<YesNo>,
        /// Taille de la liste complémentaire (vide : tous les candidats recevables).
        #[arg(long, value_name = "N")]
        complementaire: Option<String>,
        /// Blocs qui départagent les égalités, dans l'ordre, séparés par des virgules :
        /// projet, academique, entretien.
        #[arg(long, value_name = "BLOCS")]
        departage: Option<String>,
    },
    /// Enregistre l'ordre voté par la commission pour départager des candidats à égalité
    /// (le premier cité passe devant).
    Vote {
        /// Fichier de campagne.
        file: PathBuf,
        /// Les candidats à égalité, dans l'ordre voté : numéros ou noms.
        #[arg(required = true, num_args = 2..)]
        candidats: Vec<String>,
        /// Motif (le résultat du vote).
        #[arg(long)]
        motif: String,
    },
    /// La commission change la décision calculée pour un candidat, avec un motif ;
    /// `calculee` revient à la décision tirée du classement.
    #[command(alias = "décision")]
    Decision {
        /// Fichier de campagne.
        file: PathBuf,
        /// Candidat : numéro ou nom.
        candidat: String,
        /// La décision.
        issue: DecisionArg,
        /// Motif.
        #[arg(long, default_value = "", hide_default_value = true)]
        motif: String,
    },
    /// Historique des attributions arrêtées (`cesp allocate --record`), la plus récente
    /// d'abord.
    Attributions {
        /// Fichier de campagne.
        file: PathBuf,
    },
    /// Enregistre l'image (PNG) de la signature d'un membre, placée dans son cadre du
    /// procès-verbal quand il l'approuve.
    Signature {
        /// Fichier de campagne.
        file: PathBuf,
        /// Le membre : son numéro, ou une partie de son nom.
        membre: String,
        /// L'image de la signature.
        #[arg(value_name = "SIGNATURE.png")]
        image: PathBuf,
    },
    /// Candidats saisis à la main : en ajoute un, modifie ses champs, en supprime.
    Candidat {
        /// Fichier de campagne.
        file: PathBuf,
        #[command(subcommand)]
        action: CandidateAction,
    },
    /// Paramètres de la campagne : les remplace par ceux d'un fichier JSON (même forme que
    /// `cesp info FICHIER --json` → "settings").
    Parametres {
        /// Fichier de campagne.
        file: PathBuf,
        /// Paramètres à enregistrer (JSON).
        #[arg(long, value_name = "PARAMETRES.json")]
        set: PathBuf,
    },
    /// Un entretien du planning : le déplacer (il est alors fixé), le fixer ou le libérer,
    /// ou enregistrer le désistement d'un candidat avant son entretien.
    Entretien {
        /// Fichier de campagne.
        file: PathBuf,
        #[command(subcommand)]
        action: InterviewAction,
    },
    /// Retire un fichier joint à une pièce (son numéro : voir `cesp dossier FICHIER
    /// CANDIDAT --json`, « attachments »).
    #[command(alias = "détacher")]
    Detacher {
        /// Fichier de campagne.
        file: PathBuf,
        /// Numéro du fichier joint.
        #[arg(value_name = "N")]
        attachment: i64,
    },
    /// Conservation des données des candidats non retenus : la durée et la date à partir
    /// de laquelle elles peuvent être purgées, ou une nouvelle durée (`--mois`).
    Conservation {
        /// Fichier de campagne.
        file: PathBuf,
        /// Durée de conservation, en mois après la fin de la campagne.
        #[arg(long, value_name = "N")]
        mois: Option<String>,
    },
    /// Exporte puis efface les données des candidats non retenus, la durée de
    /// conservation passée (une sauvegarde est faite avant).
    Purge {
        /// Fichier de campagne.
        file: PathBuf,
        /// Classeur (xlsx) où exporter les données effacées.
        #[arg(long, value_name = "EXPORT.xlsx")]
        out: PathBuf,
    },
    /// Paramètres d'envoi des courriels : les affiche, les remplace par ceux d'un fichier
    /// JSON (`--set`, même forme que `--json` → "settings" ; le mot de passe, s'il est
    /// donné dans CESP_SMTP_PASSWORD, va au trousseau du système), ou envoie un courriel
    /// d'essai (`--test ADRESSE`).
    CourrielParametres {
        /// Fichier de campagne.
        file: PathBuf,
        /// Paramètres à enregistrer (JSON).
        #[arg(long, value_name = "COURRIEL.json", conflicts_with = "test")]
        set: Option<PathBuf>,
        /// Envoie un courriel d'essai à cette adresse.
        #[arg(long, value_name = "ADRESSE")]
        test: Option<String>,
    },
    /// Un membre présent approuve le procès-verbal scellé.
    Approuver {
        /// Fichier de campagne.
        file: PathBuf,
        /// Le membre : son numéro, ou une partie de son nom.
        membre: String,
    },
}

/// `cesp candidat FILE …`.
#[derive(Subcommand)]
enum CandidateAction {
    /// Ajoute un candidat : CHAMP=VALEUR pour chaque champ, le champ nommé comme une
    /// colonne d'import (« Nom=DUPONT » « Prénom=Zoé » « Catégorie=Étudiant »
    /// « Discipline=Médecine »…).
    Ajouter {
        /// CHAMP=VALEUR.
        #[arg(required = true, value_name = "CHAMP=VALEUR")]
        champs: Vec<String>,
    },
    /// Modifie des champs d'un candidat.
    Modifier {
        /// Candidat : numéro ou nom.
        candidat: String,
        /// CHAMP=VALEUR (valeur vide : champ effacé).
        #[arg(required = true, value_name = "CHAMP=VALEUR")]
        champs: Vec<String>,
    },
    /// Supprime des candidats (refusé pour un candidat qui a un dossier, des notes ou un
    /// déport).
    Supprimer {
        /// Candidats : numéros ou noms.
        #[arg(required = true)]
        candidats: Vec<String>,
    },
}

/// `cesp entretien FILE …`.
#[derive(Subcommand)]
enum InterviewAction {
    /// Déplace l'entretien d'un candidat (il est fixé à sa nouvelle place).
    #[command(alias = "déplacer")]
    Deplacer {
        /// Candidat : numéro ou nom.
        candidat: String,
        /// Le jury (son numéro, voir `cesp schedule FICHIER --json`).
        #[arg(long)]
        jury: i64,
        /// Le jour (JJ/MM/AAAA).
        #[arg(long, value_name = "JJ/MM/AAAA")]
        date: String,
        /// L'heure (9 h 30…).
        #[arg(long, value_name = "HEURE")]
        heure: String,
    },
    /// Fixe l'entretien à sa place : une replanification ne le déplace pas.
    #[command(alias = "épingler")]
    Fixer {
        /// Candidat : numéro ou nom.
        candidat: String,
    },
    /// Libère un entretien fixé.
    #[command(alias = "libérer")]
    Liberer {
        /// Candidat : numéro ou nom.
        candidat: String,
    },
    /// Le candidat se désiste avant d'être entendu (son entretien est retiré).
    Desistement {
        /// Candidat : numéro ou nom.
        candidat: String,
        /// Motif.
        #[arg(long)]
        motif: String,
    },
}

/// `cesp commission FILE …`.
#[derive(Subcommand)]
enum CommissionAction {
    /// Liste les membres (par défaut).
    Membres,
    /// Ajoute, modifie ou retire un membre.
    Membre {
        #[command(subcommand)]
        action: MemberAction,
    },
    /// Affiche les règles de délibération, ou change celles données.
    #[command(alias = "règles")]
    Regles(RulesArgs),
}

/// `cesp commission FILE membre …`.
#[derive(Subcommand)]
enum MemberAction {
    /// Ajoute un membre.
    Ajouter {
        /// Nom, tel qu'il figurera au procès-verbal (« Pr Jean MARTIN »).
        nom: String,
        /// Rôle dans la commission.
        #[arg(long)]
        role: RoleArg,
        /// Voix délibérative (par défaut : oui, sauf pour le secrétaire).
        #[arg(long, value_name = "oui|non")]
        vote: Option<YesNo>,
        /// Adresse électronique.
        #[arg(long, default_value = "", hide_default_value = true)]
        courriel: String,
    },
    /// Modifie un membre (seules les valeurs données changent).
    Modifier {
        /// Le membre : numéro ou nom.
        membre: String,
        /// Nouveau nom.
        #[arg(long)]
        nom: Option<String>,
        /// Nouveau rôle.
        #[arg(long)]
        role: Option<RoleArg>,
        /// Voix délibérative.
        #[arg(long, value_name = "oui|non")]
        vote: Option<YesNo>,
        /// Adresse électronique (vide : aucune).
        #[arg(long)]
        courriel: Option<String>,
    },
    /// Retire un membre (refusé s'il a noté).
    Retirer {
        /// Le membre : numéro ou nom.
        membre: String,
    },
}

/// `cesp commission FILE regles …`: only the rules given change.
#[derive(Args)]
struct RulesArgs {
    /// Quorum : « moitie » (la moitié des membres votants) ou un nombre de membres votants
    /// présents.
    #[arg(long, value_name = "moitie|N")]
    quorum: Option<String>,
    /// Majorité : des membres votants présents, ou de tous les membres votants.
    #[arg(long)]
    majorite: Option<MajorityArg>,
    /// Voix prépondérante du président en cas de partage.
    #[arg(long, value_name = "oui|non")]
    voix_preponderante: Option<YesNo>,
    /// Agrégation des notes des membres.
    #[arg(long)]
    agregation: Option<AggregationArg>,
    /// Seuil de désaccord entre membres, en pourcentage du maximum.
    #[arg(long, value_name = "POURCENTAGE")]
    desaccord: Option<String>,
    /// Totaux normalisés (sévérité de chaque membre corrigée) affichés à côté des totaux.
    #[arg(long, value_name = "oui|non")]
    normalisation: Option<YesNo>,
    /// Bloc universitaire des candidats PADHUE.
    #[arg(long)]
    padhue: Option<PadhueArg>,
}

/// `cesp seances FILE …`.
#[derive(Subcommand)]
enum SittingAction {
    /// Ajoute une séance.
    Ajouter {
        /// Date (JJ/MM/AAAA).
        #[arg(long, value_name = "JJ/MM/AAAA")]
        date: String,
        /// Heure de début (9 h, 14 h 30…).
        #[arg(long, value_name = "HEURE")]
        heure: String,
        /// Lieu.
        #[arg(long)]
        lieu: String,
    },
    /// Modifie une séance (seules les valeurs données changent).
    Modifier {
        /// La séance : numéro ou date.
        seance: String,
        /// Nouvelle date (JJ/MM/AAAA).
        #[arg(long, value_name = "JJ/MM/AAAA")]
        date: Option<String>,
        /// Nouvelle heure de début.
        #[arg(long, value_name = "HEURE")]
        heure: Option<String>,
        /// Nouveau lieu.
        #[arg(long)]
        lieu: Option<String>,
    },
    /// Retire une séance où personne n'a été entendu.
    Retirer {
        /// La séance : numéro ou date.
        seance: String,
    },
    /// Rattache des candidats à la séance où ils sont entendus (« aucune » : les en détache).
    Audition {
        /// La séance : numéro ou date, ou « aucune ».
        seance: String,
        /// Candidats : numéros ou noms.
        #[arg(required = true)]
        candidats: Vec<String>,
    },
    /// Note la présence de membres à une séance.
    #[command(alias = "présence")]
    Presence {
        /// La séance : numéro ou date.
        seance: String,
        /// Présent, excusé, absent, ou aucun (rien de noté).
        statut: AttendanceArg,
        /// Les membres : numéros ou noms.
        #[arg(required = true)]
        membres: Vec<String>,
    },
}

/// `cesp deports FILE …`.
#[derive(Subcommand)]
enum RecusalAction {
    /// Déclare un déport : les notes du membre pour ce candidat sont retirées.
    Ajouter {
        /// Le membre : numéro ou nom.
        membre: String,
        /// Candidat : numéro ou nom.
        candidat: String,
        /// Motif (lien avec le candidat).
        #[arg(long)]
        motif: String,
    },
    /// Lève un déport.
    Retirer {
        /// Le membre : numéro ou nom.
        membre: String,
        /// Candidat : numéro ou nom.
        candidat: String,
    },
}

/// `cesp pieces FILE …`.
#[derive(Subcommand)]
enum PieceAction {
    /// Ajoute une pièce à la liste.
    Ajouter {
        /// Intitulé.
        libelle: String,
        /// Pièce facultative (par défaut : obligatoire).
        #[arg(long)]
        facultative: bool,
        /// Catégories qui la fournissent, séparées par des virgules : etudiant, interne,
        /// padhue (par défaut : toutes).
        #[arg(long, value_name = "CATÉGORIES")]
        categories: Option<String>,
        /// Demandée seulement aux candidats de nationalité étrangère.
        #[arg(long)]
        etrangers: bool,
    },
    /// Retire une pièce de la liste (refusé si un candidat a un état ou un fichier pour elle).
    Retirer {
        /// Pièce : code, numéro ou début de l'intitulé.
        piece: String,
    },
}

/// Oui ou non.
#[derive(Clone, Copy, clap::ValueEnum)]
enum YesNo {
    Oui,
    Non,
}

/// A member's role.
#[derive(Clone, Copy, clap::ValueEnum)]
enum RoleArg {
    /// Président(e) : directeur de l'UFR ou son représentant.
    #[value(alias = "président")]
    President,
    /// Représentant(e) de l'ARS.
    Ars,
    /// Médecin en exercice.
    #[value(alias = "médecin")]
    Medecin,
    /// Chirurgien-dentiste en exercice.
    Dentiste,
    /// Représentant(e) des étudiants.
    #[value(alias = "étudiants")]
    Etudiants,
    /// Représentant(e) des internes.
    Internes,
    /// Secrétaire (référent de la faculté).
    #[value(alias = "secrétaire")]
    Secretaire,
}

/// Whose majority decides.
#[derive(Clone, Copy, clap::ValueEnum)]
enum MajorityArg {
    /// Des membres votants présents.
    #[value(alias = "présents")]
    Presents,
    /// De tous les membres votants.
    Votants,
}

/// How members' scores are combined.
#[derive(Clone, Copy, clap::ValueEnum)]
enum AggregationArg {
    /// Moyenne.
    Moyenne,
    /// Médiane.
    #[value(alias = "médiane")]
    Mediane,
    /// Moyenne sans la note la plus haute ni la plus basse.
    #[value(alias = "tronquée")]
    Tronquee,
}

/// How PADHUE candidates' academic block is assessed.
#[derive(Clone, Copy, clap::ValueEnum)]
enum PadhueArg {
    /// Neutralisé : les autres blocs sont ramenés au total.
    #[value(alias = "neutralisé")]
    Neutralise,
    /// Noté par la commission (une note motivée par candidat).
    Commission,
}

/// A member's attendance at a sitting.
#[derive(Clone, Copy, clap::ValueEnum)]
enum AttendanceArg {
    /// Présent(e).
    #[value(alias = "présent")]
    Present,
    /// Excusé(e).
    #[value(alias = "excusé")]
    Excuse,
    /// Absent(e).
    Absent,
    /// Rien de noté.
    Aucun,
}

/// Where a piece stands.
#[derive(Clone, Copy, clap::ValueEnum)]
enum PieceStatusArg {
    /// Reçue.
    #[value(alias = "reçue")]
    Recue,
    /// Demandée, non reçue.
    Manquante,
    /// Reçue mais non conforme (avec --motif).
    NonConforme,
    /// Non requise pour ce candidat.
    NonRequise,
    /// Rien de noté.
    Aucun,
}

/// The commission's decision for a candidate.
#[derive(Clone, Copy, clap::ValueEnum)]
enum DecisionArg {
    /// Liste principale.
    Principale,
    /// Liste complémentaire.
    #[value(alias = "complémentaire")]
    Complementaire,
    /// Non retenu.
    NonRetenu,
    /// Revient à la décision tirée du classement.
    #[value(alias = "calculée")]
    Calculee,
}

#[derive(Args)]
struct ImportArgs {
    /// Fichier de campagne.
    file: PathBuf,
    /// Tableur à importer.
    data: PathBuf,
    /// Feuille du classeur (par défaut la première non vide).
    #[arg(long)]
    sheet: Option<String>,
    /// Correspondance des colonnes enregistrée (JSON), par exemple celle de l'an dernier.
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// Enregistre la correspondance des colonnes utilisée dans ce fichier JSON.
    #[arg(long)]
    save_mapping: Option<PathBuf>,
    /// Numéro de la ligne d'en-têtes (par défaut détectée).
    #[arg(long)]
    header_row: Option<u32>,
    /// Montre ce que l'import ferait, sans rien modifier.
    #[arg(long)]
    dry_run: bool,
    /// En cas de conflit avec une valeur modifiée dans l'application, prend celle du fichier.
    #[arg(long)]
    prefer_file: bool,
    /// Écrit les lignes rejetées, avec le motif du rejet, dans ce classeur xlsx : à
    /// corriger, puis à importer à nouveau.
    #[arg(long, value_name = "FICHIER")]
    rejected: Option<PathBuf>,
}

#[derive(Args)]
struct NewArgs {
    /// Fichier à créer.
    file: PathBuf,
    /// Nom de l'UFR (avec --from : celui de la campagne de départ).
    #[arg(long)]
    ufr: Option<String>,
    /// Année universitaire, par exemple 2026-2027 (avec --from : l'année suivante).
    #[arg(long)]
    year: Option<String>,
    /// Université.
    #[arg(long)]
    university: Option<String>,
    /// Ville où siège la commission.
    #[arg(long)]
    city: Option<String>,
    /// Disciplines, séparées par des virgules : medecine, odontologie (par défaut les deux).
    #[arg(long)]
    disciplines: Option<String>,
    /// Date limite de dépôt des dossiers (JJ/MM/AAAA).
    #[arg(long)]
    deadline: Option<String>,
    /// Organisme gestionnaire des contrats (par défaut le Centre national de gestion).
    #[arg(long)]
    managing_body: Option<String>,
    /// Contingents : six nombres entiers dans l'ordre étudiants médecine, étudiants
    /// odontologie, internes médecine, internes odontologie, PADHUE médecine, PADHUE
    /// odontologie (par exemple 10,2,8,1,1,0 ; par défaut 0 partout, ou ceux de --from).
    #[arg(long)]
    quotas: Option<String>,
    /// Chiffre le fichier avec une phrase de passe (lue dans CESP_NEW_PASSPHRASE, ou
    /// demandée deux fois dans le terminal).
    #[arg(long)]
    encrypt: bool,
    /// Part de la campagne d'une année précédente (sa phrase de passe, si elle est
    /// chiffrée, dans CESP_PASSPHRASE) : ses paramètres, et ce que --carry reprend.
    #[arg(long, value_name = "CAMPAGNE.cesp")]
    from: Option<PathBuf>,
    /// Avec --from, ce qui est repris, séparé par des virgules : commission, grille,
    /// pieces, attribution, entretiens, courriel, ou tout (par défaut : tout ce que la
    /// campagne de départ contient), ou rien.
    #[arg(long, value_name = "PARTIES", requires = "from")]
    carry: Option<String>,
    /// Avec les entretiens repris : la nouvelle date d'une journée, ANCIENNE=NOUVELLE
    /// (par exemple 26/11/2026=24/11/2027) ; sans elle, le même jour de la semaine
    /// 52 semaines plus tard.
    #[arg(long, value_name = "JJ/MM/AAAA=JJ/MM/AAAA", requires = "from")]
    day: Vec<String>,
    /// Avec --from : affiche ce qui serait repris, sans rien créer.
    #[arg(long, requires = "from")]
    dry_run: bool,
}

/// The names clap shows for values without one of their own, in French (« <FICHIER> »).
const VALUE_NAMES: [(&str, &str); 12] = [
    ("file", "FICHIER"),
    ("data", "TABLEUR"),
    ("other", "AUTRE_FICHIER"),
    ("out", "SORTIE"),
    ("sheet", "FEUILLE"),
    ("mapping", "CORRESPONDANCE.json"),
    ("save_mapping", "CORRESPONDANCE.json"),
    ("header_row", "LIGNE"),
    ("operator", "NOM"),
    ("candidate", "CANDIDAT"),
    ("reason", "MOTIF"),
    ("backup", "SAUVEGARDE"),
];

/// The command line as its users read it, in French: clap writes its usage line, its
/// headings and its help and version flags in English. Applied to every subcommand, by the
/// binary and by `build.rs` (so the manual pages say the same).
pub(crate) fn french(cmd: clap::Command) -> clap::Command {
    use clap::{Arg, ArgAction};
    fn each(cmd: clap::Command) -> clap::Command {
        cmd.help_template(
            "{before-help}{about-with-newline}\nUtilisation\u{a0}: {usage}\n\n{all-args}{after-help}",
        )
        .subcommand_help_heading("Commandes\u{a0}")
        .subcommand_value_name("COMMANDE")
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Affiche cette aide"),
        )
        .mut_args(|a| {
            // clap's own name is the field's, in capitals; a name given in French stays.
            let own = a.get_id().as_str().to_uppercase();
            let default = a.get_value_names().is_none_or(|n| n.iter().all(|v| v.as_str() == own));
            // The options' heading, with the space French puts before « : » (the arguments'
            // keep clap's heading, which keeps their order).
            let a = if a.is_positional() { a } else { a.help_heading("Options\u{a0}") };
            match VALUE_NAMES.iter().find(|(id, _)| a.get_id() == *id) {
                Some((_, name)) if default && a.get_action().takes_values() => a.value_name(*name),
                _ => a,
            }
        })
        .mut_subcommands(each)
    }
    each(cmd).disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("Affiche la version")
            .help_heading("Options\u{a0}"),
    )
}
