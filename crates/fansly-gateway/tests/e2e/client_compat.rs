//! Issue 10, client-facing half: what real ApiFansly client code needed
//! (spec/client-compat.md §5 items 1–4 and 6), each checked the way those clients read it.

mod attachments;
mod connect_secrets;
mod limits;
mod subscribers;
mod webhook_style;
