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
        let body = empty_as_object(body);
        let body = if R::CLIENT_TOKEN {
            with_client_token(body)
        } else {
            body
        };
        Ok(Operation {
            service: Cow::Borrowed(<R::Response as Action>::SERVICE),
            version: Cow::Borrowed(<R::Response as Action>::VERSION),
            action,
            raw_action: None,
            body,
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

/// The member a service deduplicates writes by.
const CLIENT_TOKEN: &str = "ClientToken";

/// `body` with a fresh `ClientToken` when it has none (absent, `null` or `""`). Once per call:
/// every attempt of the call then sends the same token, and the service applies the write once.
fn with_client_token(body: Vec<u8>) -> Vec<u8> {
    let Ok(serde_json::Value::Object(mut params)) = serde_json::from_slice(&body) else {
        return body;
    };
    let empty = match params.get(CLIENT_TOKEN) {
        None | Some(serde_json::Value::Null) => true,
        Some(serde_json::Value::String(s)) => s.is_empty(),
        Some(_) => false,
    };
    if !empty {
        return body;
    }
    params.insert(
        CLIENT_TOKEN.into(),
        serde_json::Value::String(fresh_token()),
    );
    serde_json::to_vec(&params).unwrap_or(body)
}

/// A fresh token: a random UUID, as the official SDKs make them.
fn fresh_token() -> String {
    crate::random::uuid()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_client_token_is_filled_and_a_given_one_kept() {
        for body in [
            &b"{}"[..],
            br#"{"ClientToken": null}"#,
            br#"{"ClientToken": ""}"#,
        ] {
            let filled: serde_json::Value =
                serde_json::from_slice(&with_client_token(body.to_vec())).unwrap();
            assert_eq!(
                filled["ClientToken"].as_str().unwrap().len(),
                36,
                "{filled}"
            );
        }
        let given = br#"{"ClientToken":"mine","A":1}"#.to_vec();
        assert_eq!(with_client_token(given.clone()), given);
    }

    #[test]
    fn tokens_differ() {
        let tokens: std::collections::HashSet<String> = (0..1000).map(|_| fresh_token()).collect();
        assert_eq!(tokens.len(), 1000);
    }
}
