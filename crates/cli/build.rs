//! Generates, from the same clap definitions as the binary, the manual pages (`cesp.1` and
//! one page per subcommand, `cesp-import.1`…) and the completions for bash, zsh and fish.
//! They are written under `$OUT_DIR/docs/`; `scripts/package.sh` puts them in the packages.

use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

// Only the definitions are needed here: their fields are read by the binary.
#[allow(dead_code)]
mod args {
    include!("src/args.rs");
}
use args::Cli;

fn main() -> std::io::Result<()> {
    println!("cargo:rerun-if-changed=src/args.rs");
    let out = std::env::var_os("OUT_DIR").ok_or_else(|| std::io::Error::other("OUT_DIR unset"))?;
    let docs = Path::new(&out).join("docs");
    let man = docs.join("man");
    let completions = docs.join("completions");
    std::fs::create_dir_all(&man)?;
    std::fs::create_dir_all(&completions)?;
    let mut cmd = args::french(Cli::command());
    clap_mangen::generate_to(cmd.clone(), &man)?;
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        clap_complete::generate_to(shell, &mut cmd, "cesp", &completions)?;
    }
    Ok(())
}
