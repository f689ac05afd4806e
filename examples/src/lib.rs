//! Shared code of the example clients.
