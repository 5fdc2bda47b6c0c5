//! Python bindings for putokaz (being written).
