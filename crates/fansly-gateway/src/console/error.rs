//! The console's error answers: an HTML page with the status and a message that names the
//! problem (never an internal cause), or a redirect to the sign-in page.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;

use super::layout;

#[derive(Debug)]
pub enum ConsoleError {
    /// No live session: to the sign-in page.
    SignIn,
    BadRequest(String),
    Forbidden(String),
    NotFound(String),
    TooManyRequests(String),
    /// An answer of the REST API that was not a success, shown with its status and message.
    Rest {
        status: StatusCode,
        message: String,
    },
    /// Logged with its cause; the page says only that something failed.
    Internal(String),
}

impl From<gateway_store::StoreError> for ConsoleError {
    fn from(e: gateway_store::StoreError) -> Self {
        Self::Internal(format!("store: {e}"))
    }
}

impl ConsoleError {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::SignIn => StatusCode::SEE_OTHER,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            Self::Rest { status, .. } => *status,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn message(&self) -> &str {
        match self {
            Self::SignIn => "Sign in first",
            Self::BadRequest(m)
            | Self::Forbidden(m)
            | Self::NotFound(m)
            | Self::TooManyRequests(m)
            | Self::Rest { message: m, .. } => m,
            Self::Internal(_) => "Something went wrong on the gateway; the log has the details",
        }
    }
}

impl IntoResponse for ConsoleError {
    fn into_response(self) -> Response {
        if let Self::SignIn = self {
            return Redirect::to("/console/sign-in").into_response();
        }
        if let Self::Internal(cause) = &self {
            tracing::error!(cause = %cause, "console request failed");
        }
        let status = self.status();
        let title = status.canonical_reason().unwrap_or("Error");
        let body = html! {
            h1 { (status.as_u16()) " " (title) }
            p.error role="alert" { (self.message()) }
            p { a href="/console" { "Back to the console" } }
        };
        layout::respond(status, layout::bare(title, body))
    }
}
