//! Helpers shared by the unit tests of the typed-call modules.

use secrecy::SecretString;

use crate::{NativeRequest, SessionCreds};

pub(crate) fn creds() -> SessionCreds {
    SessionCreds {
        device_id: "1".into(),
        session_id: "2".into(),
        token: SecretString::from("t"),
    }
}

/// A request's query as owned pairs, for comparing.
pub(crate) fn query(req: &NativeRequest<'_>) -> Vec<(String, String)> {
    req.query
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}
