//! Protocols: loading a pack (bundled, from disk, from text), its identity, and its
//! indicator catalogue for callers that map their own columns onto it.

use crate::boundary::{
    self, guard, guard_void, guard_with_diagnostic, out_arg, ref_arg, text_arg, write_text, Fail, Outcome,
};
use crate::diagnostic::putokaz_diagnostic;
use crate::result::putokaz_result;
use crate::vocabulary::Vocabulary;
use putokaz::Protocol;
use std::ffi::c_char;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// A loaded, checked protocol pack. Shared ownership (Arc): immutable once loaded, so
/// one protocol may be used from any number of threads at once without locking (every
/// function that takes a `const putokaz_protocol *` only reads it). Each protocol
/// returned by a `putokaz_protocol_*` function, including `putokaz_protocol_clone`, is
/// released once with `putokaz_protocol_free`; the memory goes when the last is
/// released. Texts it lends (the vocabulary) stay valid until then.
#[derive(Debug)]
pub struct putokaz_protocol {
    pub(crate) protocol: Protocol,
    /// The pack's lists as C strings, made on the first call that needs them.
    vocabulary: OnceLock<Vocabulary>,
}

impl putokaz_protocol {
    fn share(protocol: Protocol) -> *const putokaz_protocol {
        Arc::into_raw(Arc::new(putokaz_protocol { protocol, vocabulary: OnceLock::new() }))
    }

    pub(crate) fn vocabulary(&self) -> &Vocabulary {
        self.vocabulary.get_or_init(|| Vocabulary::of(&self.protocol))
    }
}

/// Hands a new protocol to the caller through `out`.
fn give(out: &mut std::mem::MaybeUninit<*const putokaz_protocol>, p: Protocol) -> Outcome {
    out.write(putokaz_protocol::share(p));
    Ok(())
}

/// Writes to `*count` how many packs are bundled into the library.
///
/// # Safety
/// `count` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_bundled_pack_count(count: *mut usize) -> putokaz_result {
    guard(|| {
        // SAFETY: forwarded.
        unsafe { out_arg(count, "count") }?.write(Protocol::bundled_ids().len());
        Ok(())
    })
}

/// Copies the id of the bundled pack at `index` into `buf` (see "Strings out"). Index 0
/// is the default pack, `"bih"`; `"ilo-2009"` follows.
///
/// # Safety
/// See "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_bundled_pack_id(
    index: usize,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    guard(|| {
        let id = boundary::index(Protocol::bundled_ids(), index)?;
        // SAFETY: forwarded.
        unsafe { write_text(id, buf, len, written) }
    })
}

/// Loads a pack bundled into the library by its id (`"bih"`, `"ilo-2009"`; see
/// `putokaz_bundled_pack_id`). On success `*out` is a new protocol the caller releases
/// with `putokaz_protocol_free`. An unknown id is `PUTOKAZ_RESULT_USAGE`.
///
/// # Safety
/// `id` is NULL or a NUL-terminated string; `out` is NULL or writable; `diagnostic` is
/// NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_bundled(
    id: *const c_char,
    out: *mut *const putokaz_protocol,
    diagnostic: *mut *mut putokaz_diagnostic,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        guard_with_diagnostic(diagnostic, || {
            let id = text_arg(id, "id")?;
            let out = out_arg(out, "out")?;
            give(out, Protocol::bundled(id)?)
        })
    }
}

/// Loads a pack from disk: `path` is a pack directory (holding `pack.toml`) or a pack's
/// main TOML file (the files it lists are read relative to the file's directory). On
/// success `*out` is a new protocol the caller releases with `putokaz_protocol_free`.
/// A path that cannot be opened is `PUTOKAZ_RESULT_IO`; a listed file that cannot be read
/// is `PUTOKAZ_RESULT_PACK_MISSING_FILE`; any problem in the pack is its
/// `PUTOKAZ_RESULT_PACK_*` code, and the diagnostic lists every problem with its file,
/// line and column. The path must be UTF-8.
///
/// # Safety
/// `path` is NULL or a NUL-terminated string; `out` and `diagnostic` are NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_from_path(
    path: *const c_char,
    out: *mut *const putokaz_protocol,
    diagnostic: *mut *mut putokaz_diagnostic,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        guard_with_diagnostic(diagnostic, || {
            let path = text_arg(path, "path")?;
            let out = out_arg(out, "out")?;
            let p = Path::new(path);
            // A path that cannot be opened at all is an I/O failure, not a pack problem.
            std::fs::metadata(p)
                .map_err(|e| Fail::new(putokaz_result::Io, format!("cannot open the pack at `{path}`: {e}")))?;
            let protocol = Protocol::from_path(p)?;
            give(out, protocol)
        })
    }
}

/// Loads a pack given as one self-contained TOML text (everything in one `pack.toml`;
/// it cannot list other files). On success `*out` is a new protocol the caller releases
/// with `putokaz_protocol_free`; otherwise the code of the pack's first problem, and the
/// diagnostic lists them all with line and column.
///
/// # Safety
/// `toml` is NULL or a NUL-terminated string; `out` and `diagnostic` are NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_from_toml(
    toml: *const c_char,
    out: *mut *const putokaz_protocol,
    diagnostic: *mut *mut putokaz_diagnostic,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        guard_with_diagnostic(diagnostic, || {
            let text = text_arg(toml, "toml")?;
            let out = out_arg(out, "out")?;
            give(out, Protocol::from_toml(text)?)
        })
    }
}

/// A new protocol like `protocol` with a `local_policy` parameter set to `value`
/// (written as in a pack: a decimal such as `"2.5"`, a whole number, a duration such as
/// `"3bd"`, `true` or `false`). `protocol` is not changed or consumed. Assessments made
/// with the new protocol list the value under `local_parameters`. An unknown parameter,
/// one that is not `local_policy`, or a malformed value is `PUTOKAZ_RESULT_USAGE`.
/// On success `*out` is released with `putokaz_protocol_free`.
///
/// # Safety
/// `protocol` is NULL or live; `name` and `value` are NULL or NUL-terminated; `out` and
/// `diagnostic` are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_with_local_parameter(
    protocol: *const putokaz_protocol,
    name: *const c_char,
    value: *const c_char,
    out: *mut *const putokaz_protocol,
    diagnostic: *mut *mut putokaz_diagnostic,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        guard_with_diagnostic(diagnostic, || {
            let p = ref_arg(protocol, "protocol")?;
            let name = text_arg(name, "name")?;
            let value = text_arg(value, "value")?;
            let out = out_arg(out, "out")?;
            give(out, p.protocol.with_local_parameter(name, value)?)
        })
    }
}

/// Another reference to the same protocol (no copy is made), for a thread or component
/// that releases it on its own schedule. `*out` is released with `putokaz_protocol_free`.
///
/// # Safety
/// `protocol` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_clone(
    protocol: *const putokaz_protocol,
    out: *mut *const putokaz_protocol,
) -> putokaz_result {
    guard(|| {
        // SAFETY: forwarded; a live protocol came from Arc::into_raw.
        unsafe { ref_arg(protocol, "protocol") }?;
        let out = unsafe { out_arg(out, "out") }?;
        unsafe { Arc::increment_strong_count(protocol) };
        out.write(protocol);
        Ok(())
    })
}

/// Releases a protocol. NULL does nothing. Assessments made with it stay valid (they
/// hold no reference to it).
///
/// # Safety
/// `protocol` is NULL or a protocol from this library, released at most once per time
/// it was returned.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_free(protocol: *const putokaz_protocol) {
    guard_void(|| {
        if !protocol.is_null() {
            // SAFETY: the pointer came from Arc::into_raw and this reference is given up.
            drop(unsafe { Arc::from_raw(protocol) });
        }
    })
}

/// Copies the pack's id (such as `"bih"`) into `buf` (see "Strings out").
///
/// # Safety
/// `protocol` is NULL or live; see "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_id(
    protocol: *const putokaz_protocol,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    guard(|| {
        // SAFETY: forwarded.
        let p = unsafe { ref_arg(protocol, "protocol") }?;
        unsafe { write_text(p.protocol.id(), buf, len, written) }
    })
}

/// Copies the pack's semver version into `buf` (see "Strings out").
///
/// # Safety
/// `protocol` is NULL or live; see "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_version(
    protocol: *const putokaz_protocol,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    guard(|| {
        // SAFETY: forwarded.
        let p = unsafe { ref_arg(protocol, "protocol") }?;
        unsafe { write_text(p.protocol.version(), buf, len, written) }
    })
}

/// Copies the digest of the pack's content (`"sha256:<64 hex digits>"`, 71 bytes) into
/// `buf` (see "Strings out"). Every assessment names it, so a result can be replayed
/// against the same pack.
///
/// # Safety
/// `protocol` is NULL or live; see "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_digest(
    protocol: *const putokaz_protocol,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    guard(|| {
        // SAFETY: forwarded.
        let p = unsafe { ref_arg(protocol, "protocol") }?;
        unsafe { write_text(p.protocol.digest(), buf, len, written) }
    })
}
