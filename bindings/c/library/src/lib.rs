//! libputokaz: the C library of putokaz. Every exported function is defined in
//! `putokaz-ffi` (bindings/c/src); this crate only gives the shared and static libraries
//! their name. A dependency's `#[no_mangle] extern "C"` functions are exported from a
//! cdylib and carried in a staticlib, so nothing is wrapped here.
pub use putokaz_ffi::*;
