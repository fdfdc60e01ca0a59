//! The tools, one file per resource family; each `#[tool_router]` block makes one router,
//! and `server::Gateway::new` adds them up. Every tool resolves `account`, calls the REST
//! route(s) behind it in process and answers through `output::finish`.

mod accounts;
mod audience;
mod content;
mod messaging;

/// Money in Fansly mills (1000 = US$1) as dollars.
fn dollars(mills: i64) -> f64 {
    mills as f64 / 1000.0
}
