//! Shell completions and manual pages, generated from the command's own definitions, so
//! that they say what `--help` says. `putokaz completions SHELL` writes a script to
//! standard output; `putokaz man` writes the page of the command, and `putokaz man --dir
//! DIR` writes `putokaz.1` and a `putokaz-SUBCOMMAND.1` for each subcommand
//! (`bindings/cli/install.sh` puts them where `man` and the shells look).

use crate::output::Out;
use crate::Failure;
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn completions(shell: clap_complete::Shell, command: &mut clap::Command) -> Result<ExitCode, Failure> {
    let mut script = Vec::new();
    clap_complete::generate(shell, command, "putokaz", &mut script);
    let mut out = Out::new();
    out.bytes(&script)?;
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

fn page(command: clap::Command) -> Result<Vec<u8>, Failure> {
    let mut roff = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut roff)
        .map_err(|e| Failure::Io(format!("cannot write the manual page: {e}")))?;
    Ok(roff)
}

pub(crate) fn man(command: &clap::Command, dir: Option<&Path>) -> Result<ExitCode, Failure> {
    let Some(dir) = dir else {
        let mut out = Out::new();
        out.bytes(&page(command.clone())?)?;
        out.finish()?;
        return Ok(ExitCode::SUCCESS);
    };
    let write = |name: &str, roff: Vec<u8>| {
        let path = dir.join(name);
        std::fs::write(&path, roff).map_err(|e| Failure::Io(format!("cannot write {}: {e}", path.display())))
    };
    std::fs::create_dir_all(dir).map_err(|e| Failure::Io(format!("cannot create {}: {e}", dir.display())))?;
    write("putokaz.1", page(command.clone())?)?;
    for sub in command.get_subcommands() {
        let name = format!("putokaz-{}", sub.get_name());
        write(&format!("{name}.1"), page(sub.clone().name(name).version(env!("CARGO_PKG_VERSION")))?)?;
    }
    Ok(ExitCode::SUCCESS)
}
