//! Which pack a command means. A name that is a path here — a pack directory, or its
//! `pack.toml` — means that path, even when a bundled pack has the same id (an edited copy
//! of `bih` in `./bih` is what `putokaz check bih` checks there, and a note says so);
//! otherwise a bundled id. Paths are loaded by `Protocol::from_path`, the one meaning of
//! loading from a path in every language.

use crate::output::warn;
use crate::Failure;
use putokaz::{PackSource, Protocol};
use std::path::{Path, PathBuf};

/// Where a loaded pack came from.
pub(crate) enum Origin {
    Bundled,
    Path(PathBuf),
}

/// A pack, and where it came from.
pub(crate) struct Pack {
    pub protocol: Protocol,
    pub origin: Origin,
}

impl Pack {
    /// Which pack this is: `bih 0.2.0 (sha256:…), bundled` or `…, from ./bih`.
    pub(crate) fn identity(&self) -> String {
        let p = &self.protocol;
        let source = match &self.origin {
            Origin::Bundled => "bundled".to_owned(),
            // A bare name is written `./bih`, so that it cannot be read as the bundled id.
            Origin::Path(path) if path.is_relative() && path.components().count() == 1 => {
                format!("from ./{}", path.display())
            }
            Origin::Path(path) => format!("from {}", path.display()),
        };
        format!("{} {} ({}), {source}", p.id(), p.version(), p.digest())
    }

    /// The pack's files as its test runner reads them (its tests and laws).
    pub(crate) fn source(&self) -> Result<Box<dyn PackSource>, Failure> {
        match &self.origin {
            Origin::Bundled => putokaz::BundledPack::new(self.protocol.id())
                .map(|b| Box::new(b) as Box<dyn PackSource>)
                .ok_or_else(|| Failure::Usage("no bundled pack has that id".into())),
            Origin::Path(path) => putokaz::DirectoryPack::for_path(path)
                .map(|d| Box::new(d) as Box<dyn PackSource>)
                .map_err(|e| Failure::Invalid(e.to_string())),
        }
    }
}

/// The pack `spec` names: a path if one exists, else a bundled pack.
pub(crate) fn load(spec: &str) -> Result<Pack, Failure> {
    let path = Path::new(spec);
    let bundled = Protocol::bundled_ids().contains(&spec);
    if path.exists() {
        if bundled {
            warn(&format!(
                "note: `{spec}` is a path here, so that is the pack used, not the bundled pack `{spec}` \
                 (which is used where no such path exists)"
            ));
        }
        let protocol = Protocol::from_path(path).map_err(|e| Failure::Invalid(e.to_string()))?;
        return Ok(Pack { protocol, origin: Origin::Path(path.to_owned()) });
    }
    if bundled {
        return Ok(Pack { protocol: Protocol::bundled(spec)?, origin: Origin::Bundled });
    }
    Err(Failure::Usage(format!(
        "`{spec}` is neither a pack directory (or its pack.toml) nor a bundled pack ({})",
        Protocol::bundled_ids().join(", ")
    )))
}
