//! A small client: sign with [`sign`](crate::sign), send, decode with [`http`](crate::http),
//! retrying what is safe to retry. Cargo feature `ureq` for the blocking `Client`,
//! `reqwest` for the async `AsyncClient` (and streamed responses as a `futures_core::Stream`).
//!
//! ```no_run
//! use tencent_action::prelude::*;
//! use tencent_action::client::Client;
//!
//! #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
//! #[derive(Debug)]
//! pub struct DescribeZones {
//!     pub total_count: u64,
//! }
//!
//! #[tencent_request(DescribeZones, service = "cvm", version = "2017-03-12")]
//! pub struct DescribeZonesRequest {}
//!
//! // Credentials from the standard chain (environment, profile file, CVM role).
//! let client = Client::builder().region("ap-guangzhou").build()?;
//! let zones = client.call(&DescribeZonesRequest {})?;
//! println!("{} zones", zones.total_count);
//! # Ok::<(), tencent_action::Error>(())
//! ```
//!
//! Every failure is a [`crate::Error`]: [`ErrorKind::Sign`](crate::ErrorKind::Sign) when the
//! request could not be signed (credentials missing: the message says which),
//! [`ErrorKind::Transport`](crate::ErrorKind::Transport) when nothing was answered (with the
//! URL tried), and the decoding kinds otherwise. Retries: see [`RetryPolicy`].

mod answer;
mod builder;
pub mod credentials;
pub mod endpoint;
mod operation;
mod pages;
mod paging;
pub mod proxy;
#[cfg(feature = "ureq")]
mod resolver;
mod retry;
mod settings;
mod trace;

#[cfg(feature = "reqwest")]
mod asynchronous;
#[cfg(feature = "ureq")]
mod blocking;

pub use builder::Builder;
#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub use pages::{ItemStream, PageStream};
#[cfg(feature = "ureq")]
#[cfg_attr(docsrs, doc(cfg(feature = "ureq")))]
pub use pages::{Items, Pages};
pub use retry::RetryPolicy;
pub use settings::DEFAULT_MAX_BODY_SIZE;

pub(crate) use crate::CodeOf;

#[cfg(feature = "ureq")]
#[cfg_attr(docsrs, doc(cfg(feature = "ureq")))]
#[allow(deprecated)]
pub use blocking::{Client, Events, EventsOf};

#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub use asynchronous::{AsyncClient, EventStream};
