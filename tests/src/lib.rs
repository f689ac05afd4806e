//! Shared fixtures of the integration tests (see `tests/tests/`).
