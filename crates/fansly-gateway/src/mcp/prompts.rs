//! Prompts for the two most common jobs: replying to unread chats, and summarising today's
//! earnings. Each is a user message that tells the assistant which tools to use, in order.

use rmcp::ErrorData as McpError;
use rmcp::model::{
    GetPromptRequestParams, GetPromptResult, Prompt, PromptArgument, PromptMessage, Role,
};

pub const REPLY_TO_UNREAD: &str = "reply_to_unread_chats";
pub const SUMMARISE_EARNINGS: &str = "summarise_todays_earnings";

fn account_argument() -> PromptArgument {
    PromptArgument::new("account")
        .with_description("The account id or username (list_accounts shows them)")
        .with_required(true)
}

pub fn list() -> Vec<Prompt> {
    vec![
        Prompt::new(
            REPLY_TO_UNREAD,
            Some("Read every unread chat of an account and draft (or send) a reply to each"),
            Some(vec![
                account_argument(),
                PromptArgument::new("tone")
                    .with_description("How the replies should sound, e.g. `warm and playful`"),
            ]),
        ),
        Prompt::new(
            SUMMARISE_EARNINGS,
            Some("Summarise what an account earned today, by source"),
            Some(vec![account_argument()]),
        ),
    ]
}

pub fn get(request: &GetPromptRequestParams) -> Result<GetPromptResult, McpError> {
    let arg = |name: &str| {
        request
            .arguments
            .as_ref()
            .and_then(|a| a.get(name))
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let account = arg("account").ok_or_else(|| {
        McpError::invalid_params(
            "the argument `account` is required (an account id or username)",
            None,
        )
    })?;
    let text = match request.name.as_str() {
        REPLY_TO_UNREAD => {
            let tone = arg("tone").unwrap_or_else(|| "friendly and personal".to_owned());
            format!(
                "For the Fansly account `{account}`: call list_chats with filter `unread`. For \
                 each chat, call read_messages to read the latest messages, then write a reply \
                 that answers what the fan said, in a {tone} tone. Show me every draft first; \
                 send one with send_message (pass an idempotency_key) only after I approve it, \
                 then call mark_chat_read for that chat."
            )
        }
        SUMMARISE_EARNINGS => format!(
            "For the Fansly account `{account}`: call earnings_summary with period `today` and \
             summarise what was earned today in US dollars, split into subscriptions, tips and \
             media sales, in two or three sentences. Mention anything unusual."
        ),
        other => {
            return Err(McpError::invalid_params(
                format!("unknown prompt `{other}`; prompts/list names them"),
                None,
            ));
        }
    };
    Ok(GetPromptResult::new(vec![PromptMessage::new_text(
        Role::User,
        text,
    )]))
}
