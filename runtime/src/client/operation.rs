//! One call's request, serialized once, and what every attempt of it signs.

use std::borrow::Cow;

use super::builder::Config;
use super::CodeOf;
use crate::sign::{Credential, Method, Request, SignedRequest};
use crate::{Action, ActionRequest, Error};

/// A call's action and parameters: the body is serialized once per call and signed again for
/// each attempt (fresh timestamp, fresh credentials).
pub(crate) struct Operation {
    pub(crate) service: Cow<'static, str>,
    pub(crate) version: Cow<'static, str>,
    /// The action's name as errors carry it: the response type's, or `""` for a raw call
    /// (whose errors are renamed by [`Operation::finish`]).
    pub(crate) action: &'static str,
    /// A raw call's action, named at run time.
    raw_action: Option<String>,
    pub(crate) body: Vec<u8>,
    pub(crate) idempotent: bool,
}

impl Operation {
    /// A typed request's operation.
    pub(crate) fn typed<R: ActionRequest>(request: &R) -> Result<Operation, Error<CodeOf<R>>> {
        let action = <R::Response as Action>::ACTION;
        let body = serde_json::to_vec(request).map_err(|e| {
            Error::sign(format!("cannot serialize the request payload: {e}"), action)
        })?;
        Ok(Operation {
            service: Cow::Borrowed(<R::Response as Action>::SERVICE),
            version: Cow::Borrowed(<R::Response as Action>::VERSION),
            action,
            raw_action: None,
            body: empty_as_object(body),
            idempotent: R::IDEMPOTENT,
        })
    }

    /// A page of a typed request: its parameters as the paginator moved them.
    pub(crate) fn page<R: ActionRequest>(body: Vec<u8>) -> Operation {
        Operation {
            service: Cow::Borrowed(<R::Response as Action>::SERVICE),
            version: Cow::Borrowed(<R::Response as Action>::VERSION),
            action: <R::Response as Action>::ACTION,
            raw_action: None,
            body,
            idempotent: R::IDEMPOTENT,
        }
    }

    /// A raw call's operation: names given at run time, parameters as JSON.
    pub(crate) fn raw(
        service: &str,
        version: &str,
        action: &str,
        params: &serde_json::Value,
        idempotent: bool,
    ) -> Result<Operation, Error> {
        let body = serde_json::to_vec(params).map_err(|e| {
            Error::sign(format!("cannot serialize the request payload: {e}"), "")
                .with_action(action)
        })?;
        Ok(Operation {
            service: Cow::Owned(service.to_owned()),
            version: Cow::Owned(version.to_owned()),
            action: "",
            raw_action: Some(action.to_owned()),
            body: empty_as_object(body),
            idempotent,
        })
    }

    /// The action's name.
    pub(crate) fn action_name(&self) -> &str {
        self.raw_action.as_deref().unwrap_or(self.action)
    }

    /// An error of this call as the caller gets it: named after the action.
    pub(crate) fn finish<C>(&self, error: Error<C>) -> Error<C> {
        match &self.raw_action {
            Some(action) => error.with_action(action),
            None => error,
        }
    }
}

/// `null` (a unit request) is sent as `{}`, as the SDKs send no parameters.
fn empty_as_object(body: Vec<u8>) -> Vec<u8> {
    if body == b"null" {
        b"{}".to_vec()
    } else {
        body
    }
}

impl Config {
    /// `operation` signed with `credential` for one attempt, to the service's endpoint.
    pub(crate) fn sign<C>(
        &self,
        operation: &Operation,
        credential: &Credential,
    ) -> Result<SignedRequest, Error<C>> {
        let settings = &self.settings;
        let mut request = Request::new(
            Method::Post,
            operation.service.as_ref(),
            operation.version.as_ref(),
            operation.action_name(),
        )
        .raw_body(operation.body.clone())
        .endpoint(
            settings
                .endpoints
                .url_for(&operation.service, settings.region.as_deref()),
        );
        if let Some(region) = &settings.region {
            request = request.region(region);
        }
        if let Some(language) = &settings.language {
            request = request.language(language);
        }
        request
            .sign(credential)
            .map_err(|e| Error::sign(e.to_string(), operation.action))
    }
}
