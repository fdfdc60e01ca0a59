//! Resources (each connected account's profile and recent events) and prompts.

use std::time::Duration;

use fansly_sim::TwofaMode;
use rmcp::model::{GetPromptRequestParams, ReadResourceRequestParams, ResourceContents};
use serde_json::{Value, json};

use super::{client, object};
use crate::common::{Options, TestApp, eventually};

fn text(contents: &[ResourceContents]) -> Value {
    match &contents[0] {
        ResourceContents::TextResourceContents { text, .. } => {
            serde_json::from_str(text).expect("JSON resource")
        }
        other => panic!("not text: {other:?}"),
    }
}

#[tokio::test]
async fn account_profiles_and_recent_events_are_resources() {
    let app = TestApp::spawn_with(Options {
        events: true,
        ..Options::default()
    })
    .await;
    let creator = app.creator("mia", TwofaMode::None);
    let acct = app.connect(&app.key_a, "mia").await;
    let c = client(&app, &app.key_a).await;

    let list = c.list_resources(None).await.expect("resources/list");
    let uris: Vec<&str> = list.resources.iter().map(|r| r.uri.as_str()).collect();
    let profile_uri = format!("fansly://accounts/{acct}/profile");
    let events_uri = format!("fansly://accounts/{acct}/events");
    assert_eq!(uris, vec![profile_uri.as_str(), events_uri.as_str()]);

    let profile = c
        .read_resource(ReadResourceRequestParams::new(profile_uri.clone()))
        .await
        .expect("profile");
    let p = text(&profile.contents);
    let me = p.get("account").unwrap_or(&p);
    assert_eq!(me["id"], creator.id.as_str(), "{p}");

    // A fan writes; event ingestion records messages.received, and the resource shows it.
    let fan = crate::messaging_support::new_fan(&app, "fan_one");
    let chat = app.sim.dm_group(&creator.id, &fan);
    crate::common::eventually(Duration::from_secs(5), || async {
        app.sim.has_live_socket(&creator.id)
    })
    .await;
    let msg = app.sim.send_message(&fan, &chat, "hello creator").unwrap();
    eventually(Duration::from_secs(10), || async {
        let r = c
            .read_resource(ReadResourceRequestParams::new(events_uri.clone()))
            .await
            .expect("events");
        let v = text(&r.contents);
        v["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["event"] == "messages.received" && e.to_string().contains(msg.as_str()))
    })
    .await;

    // Another key sees neither resource.
    let b = client(&app, &app.key_b).await;
    assert!(b.list_resources(None).await.unwrap().resources.is_empty());
    for uri in [&profile_uri, &events_uri] {
        assert!(
            b.read_resource(ReadResourceRequestParams::new(uri.clone()))
                .await
                .is_err(),
            "{uri}"
        );
    }
    assert!(
        c.read_resource(ReadResourceRequestParams::new("fansly://nope"))
            .await
            .is_err()
    );
}

#[tokio::test]
async fn prompts_for_common_jobs() {
    let app = TestApp::spawn().await;
    let c = client(&app, &app.key_a).await;
    let prompts = c.list_prompts(None).await.expect("prompts/list").prompts;
    let names: Vec<&str> = prompts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["reply_to_unread_chats", "summarise_todays_earnings"]
    );
    let p = c
        .get_prompt(
            GetPromptRequestParams::new("reply_to_unread_chats")
                .with_arguments(object(json!({"account": "mia", "tone": "cheerful"}))),
        )
        .await
        .expect("prompt");
    let text = serde_json::to_string(&p.messages).unwrap();
    for needle in [
        "mia",
        "cheerful",
        "list_chats",
        "read_messages",
        "send_message",
    ] {
        assert!(text.contains(needle), "{needle}: {text}");
    }
    let p = c
        .get_prompt(
            GetPromptRequestParams::new("summarise_todays_earnings")
                .with_arguments(object(json!({"account": "mia"}))),
        )
        .await
        .expect("prompt");
    assert!(
        serde_json::to_string(&p.messages)
            .unwrap()
            .contains("earnings_summary")
    );
    assert!(
        c.get_prompt(GetPromptRequestParams::new("summarise_todays_earnings"))
            .await
            .is_err(),
        "account is required"
    );
}
