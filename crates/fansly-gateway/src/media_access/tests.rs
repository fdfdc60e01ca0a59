use serde_json::{Value, json};

use super::resolve::{Plan, plan};
use super::*;

fn spec(v: Value) -> Result<MediaSpec, ApiError> {
    MediaSpec::parse(v.as_object().unwrap())
}

fn err(v: Value) -> String {
    spec(v).unwrap_err().message
}

fn tiers() -> Vec<Tier> {
    vec![
        Tier {
            id: "11".into(),
            name: "Basic".into(),
        },
        Tier {
            id: "12".into(),
            name: "VIP".into(),
        },
    ]
}

#[test]
fn media_ids_in_every_shape() {
    let s = spec(json!({
        "mediaIds": ["1", {"mediaId": "2", "previewId": "3"}, {"mediaId": 4, "previewId": null}],
        "mediaId": "5",
    }))
    .unwrap();
    let ids: Vec<(&str, Option<&str>)> = s
        .media
        .iter()
        .map(|m| (m.id.as_str(), m.preview_id.as_deref()))
        .collect();
    assert_eq!(
        ids,
        [("1", None), ("2", Some("3")), ("4", None), ("5", None)]
    );
    assert!(s.is_free());
    assert!(err(json!({"mediaIds": "1"})).contains("mediaIds must be an array"));
    assert!(err(json!({"mediaIds": [true]})).contains("mediaIds[0]"));
    assert!(err(json!({"mediaIds": [{"previewId": "1"}]})).contains("mediaIds[0].mediaId"));
    assert!(err(json!({"mediaIds": ["abc"]})).contains("numeric"));
}

#[test]
fn access_type_as_string_or_array() {
    let a = spec(json!({"mediaId": "1", "access_type": "ppv", "price": 4})).unwrap();
    let b = spec(json!({"mediaIds": ["1"], "access_type": ["ppv"], "price": "4"})).unwrap();
    assert_eq!(a.rules, b.rules);
    assert_eq!(a.ppv_price_mills(), Some(4000));
    assert!(a.is_ppv());
    let e = a.entries(&[]).unwrap();
    assert_eq!(
        e,
        vec![json!({"type": 0, "flags": 1, "price": 4000,
            "metadata": "{\"1\":\"{\\\"price\\\":4000}\"}",
            "validAfter": null, "validBefore": null})]
    );
}

#[test]
fn price_rules() {
    assert!(err(json!({"mediaId": "1", "access_type": "ppv"})).contains("price is required"));
    assert!(
        err(json!({"mediaId": "1", "access_type": "ppv", "price": 0.5}))
            .contains("between 1 and 500")
    );
    assert!(
        err(json!({"mediaId": "1", "access_type": "ppv", "price": 500.01}))
            .contains("between 1 and 500")
    );
    assert!(err(json!({"mediaId": "1", "price": 5})).contains("only allowed with access_type ppv"));
    assert!(
        err(json!({"mediaId": "1", "access_type": "follow", "price": 5}))
            .contains("only allowed with access_type ppv")
    );
    assert!(err(json!({"price": 5, "access_type": "ppv"})).contains("needs media"));
    assert!(
        err(json!({"mediaId": "1", "access_type": "ppv", "price": "x"}))
            .contains("number of dollars")
    );
    // A zero price without ppv is "free"; 1 and 500 are in range; cents round.
    assert!(spec(json!({"mediaId": "1", "price": 0})).unwrap().is_free());
    assert_eq!(
        spec(json!({"mediaId": "1", "access_type": "ppv", "price": 500}))
            .unwrap()
            .ppv_price_mills(),
        Some(500_000)
    );
    assert_eq!(
        spec(json!({"mediaId": "1", "access_type": "ppv", "price": 9.99}))
            .unwrap()
            .ppv_price_mills(),
        Some(9990)
    );
    // Access without media is ignored.
    assert_eq!(
        spec(json!({"access_type": "follow"})).unwrap(),
        MediaSpec::default()
    );
}

#[test]
fn unknown_access_types_are_named() {
    let m = err(json!({"mediaId": "1", "access_type": ["ppv", "vip"], "price": 3}));
    assert!(m.contains("unknown access type `vip`"), "{m}");
    let m = err(json!({"mediaId": "1", "permissions": [{"access_type": "gold"}]}));
    assert!(m.contains("permissions[0].access_type"), "{m}");
    assert!(err(json!({"mediaId": "1", "access_type": 3})).contains("access_type must be"));
}

#[test]
fn root_types_or_into_one_entry_and_any_tier_expands() {
    let s = spec(json!({"mediaId": "1", "access_type": ["follow", "subscription"]})).unwrap();
    assert!(s.needs_tiers());
    let e = s.entries(&tiers()).unwrap();
    assert_eq!(e.len(), 2);
    assert_eq!(e[0]["flags"], 6);
    assert_eq!(
        e[0]["metadata"],
        "{\"4\":\"{\\\"subscriptionTierId\\\":\\\"11\\\"}\"}"
    );
    assert_eq!(
        e[1]["metadata"],
        "{\"4\":\"{\\\"subscriptionTierId\\\":\\\"12\\\"}\"}"
    );
    assert!(
        s.entries(&[])
            .unwrap_err()
            .message
            .contains("no subscription tiers")
    );

    let named =
        spec(json!({"mediaId": "1", "access_type": "subscription", "subscriptionTierName": "vip"}))
            .unwrap();
    assert_eq!(
        named.entries(&tiers()).unwrap()[0]["metadata"],
        "{\"4\":\"{\\\"subscriptionTierId\\\":\\\"12\\\"}\"}"
    );
    let unknown = spec(
        json!({"mediaId": "1", "access_type": "subscription", "subscriptionTierName": "Gold"}),
    )
    .unwrap();
    assert!(
        unknown
            .entries(&tiers())
            .unwrap_err()
            .message
            .contains("Gold")
    );
    let by_id =
        spec(json!({"mediaId": "1", "access_type": "subscription", "subscriptionTierId": "77"}))
            .unwrap();
    assert!(!by_id.needs_tiers());
    assert_eq!(by_id.entries(&[]).unwrap().len(), 1);
}

#[test]
fn list_and_limited_time() {
    let s = spec(
        json!({"mediaId": "1", "access_type": ["list", "limited_time"],
        "listId": "55", "listLabel": "Best", "validAfter": 10, "validBefore": 20}),
    )
    .unwrap();
    let e = &s.entries(&[]).unwrap()[0];
    assert_eq!(e["flags"], 128);
    assert_eq!(e["validAfter"], 10);
    assert_eq!(e["validBefore"], 20);
    assert_eq!(
        e["metadata"],
        "{\"128\":\"{\\\"label\\\":\\\"Best\\\",\\\"listId\\\":\\\"55\\\"}\"}"
    );
    assert!(err(json!({"mediaId": "1", "access_type": "list"})).contains("listId is required"));
    assert!(err(json!({"mediaId": "1", "access_type": "limited_time"})).contains("validAfter or"));
    assert!(
        err(json!({"mediaId": "1", "access_type": "limited_time", "validAfter": 5, "validBefore": 5}))
            .contains("before")
    );
    assert!(
        err(json!({"mediaId": "1", "access_type": "limited_time", "validAfter": "x"}))
            .contains("milliseconds")
    );
}

#[test]
fn permissions_rules_each_become_entries_and_override_the_root() {
    let s = spec(json!({
        "mediaIds": ["1", "2"],
        "access_type": "ppv", "price": 3,
        "permissions": [
            {"access_type": "follow"},
            {"type": ["ppv"], "price": 7},
            {"accessType": "subscription", "subscriptionTierId": "11"},
        ],
    }))
    .unwrap();
    assert_eq!(s.rules.len(), 3);
    assert_eq!(s.ppv_price_mills(), Some(7000));
    let e = s.entries(&[]).unwrap();
    let flags: Vec<i64> = e.iter().map(|x| x["flags"].as_i64().unwrap()).collect();
    assert_eq!(flags, [2, 1, 4]);
    assert!(
        err(json!({"mediaId": "1", "permissions": [{}]}))
            .contains("permissions[0].access_type is required")
    );
    assert!(
        err(json!({"mediaId": "1", "permissions": {}})).contains("permissions must be an array")
    );
    assert!(
        err(json!({"mediaId": "1", "permissions": [{"access_type": "ppv"}]}))
            .contains("permissions[0].price")
    );
    // An empty permissions array means free, whatever the root says.
    assert!(
        spec(json!({"mediaId": "1", "access_type": "ppv", "permissions": []}))
            .unwrap()
            .is_free()
    );
    assert!(
        err(json!({"permissions": [{"access_type": "ppv", "price": 4}]}))
            .contains("permissions[0].price needs media")
    );
}

#[test]
fn tiers_are_read_from_any_wrapper_in_pos_order() {
    let bare = json!([{"id": "2", "name": "B", "pos": 1}, {"id": "1", "name": "A", "pos": 0}]);
    let t = tiers_from(&bare);
    assert_eq!(t[0].id, "1");
    assert_eq!(
        tiers_from(&json!({"subscriptionTiers": bare.clone()})).len(),
        2
    );
    assert_eq!(tiers_from(&json!({"tiers": bare})).len(), 2);
    assert!(tiers_from(&json!(null)).is_empty());
}

#[test]
fn planning_reuses_free_offers_and_remints_otherwise() {
    let known = vec![
        json!({"id": "100", "accountId": "9", "mediaId": "200", "previewId": "300"}),
        json!({"id": "101", "accountId": "8", "mediaId": "201"}),
    ];
    let free = spec(json!({"mediaIds": ["100", "101", "5"]})).unwrap();
    assert_eq!(
        plan(&free, &known, "9", false),
        vec![
            Plan::Existing("100".into()),
            Plan::Mint {
                media_id: "101".into(),
                preview_id: None
            },
            Plan::Mint {
                media_id: "5".into(),
                preview_id: None
            },
        ]
    );
    let priced = spec(json!({"mediaIds": ["100"], "access_type": "ppv", "price": 2})).unwrap();
    assert_eq!(
        plan(&priced, &known, "9", false),
        vec![Plan::Mint {
            media_id: "200".into(),
            preview_id: Some("300".into())
        }]
    );
    let preview = spec(json!({"mediaIds": [{"mediaId": "100", "previewId": "7"}]})).unwrap();
    assert_eq!(
        plan(&preview, &known, "9", false),
        vec![Plan::Mint {
            media_id: "200".into(),
            preview_id: Some("7".into())
        }]
    );
}

#[test]
fn attachment_forms() {
    assert_eq!(
        attachment(AttachmentForm::Message, 1, CONTENT_BUNDLE, "5"),
        json!({"messageId": null, "pos": 1, "contentType": 2, "contentId": "5"})
    );
    assert_eq!(
        attachment(AttachmentForm::Post, 0, CONTENT_OFFER, "5"),
        json!({"pos": 0, "contentType": 1, "contentId": "5"})
    );
}
