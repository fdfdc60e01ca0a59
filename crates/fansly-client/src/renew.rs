//! Session renewal: when Fansly answers 401 for a session, the caller's [`Renew`] (installed
//! for a scope with [`scope`]) may log the account in again; the call is then sent once more
//! with the new session. A 401 means Fansly did not act, so writes are retried too. Without
//! a renewer in scope (or when it declines) the 401 surfaces as
//! [`crate::FanslyError::SessionExpired`].

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::SessionCreds;

/// Renews a dead session: `Some(new credentials)`, or `None` when it cannot.
pub trait Renew: Send + Sync {
    fn renew<'a>(
        &'a self,
        dead: &'a SessionCreds,
    ) -> Pin<Box<dyn Future<Output = Option<SessionCreds>> + Send + 'a>>;
}

tokio::task_local! {
    static RENEWER: Arc<dyn Renew>;
}

/// Runs `f` with `renewer` answering the 401s of its calls.
pub async fn scope<F: Future>(renewer: Arc<dyn Renew>, f: F) -> F::Output {
    RENEWER.scope(renewer, f).await
}

/// New credentials for `dead` from the renewer in scope, if any.
pub(crate) async fn renewed(dead: &SessionCreds) -> Option<SessionCreds> {
    let renewer = RENEWER.try_with(Arc::clone).ok()?;
    renewer.renew(dead).await
}
