//! C ABI for putokaz (being written).
