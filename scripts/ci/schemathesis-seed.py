#!/usr/bin/env python3
"""Seeds the schemathesis run (scripts/ci/schemathesis): connects the simulator world's creator
through the gateway, reads back real ids for every path parameter of the OpenAPI document, and
writes a schemathesis.toml that fixes them, so fuzzed operations reach their handlers.

Usage: schemathesis-seed.py GATEWAY_URL SIM_URL API_KEY OUT_TOML (appended to)
Standard library only. Fails (exit 1) when the creator cannot be connected or an id that the
world is known to have cannot be found.
"""

import json
import re
import sys
import time
import urllib.error
import urllib.request

GW, SIM, KEY, OUT = sys.argv[1:5]
API = f"{GW}/api/fansly"


def call(method, path, body=None, headers=None, raw=None):
    url = path if path.startswith("http") else f"{API}{path}"
    h = {"x-api-key": KEY}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h["content-type"] = "application/json"
    if raw is not None:
        data = raw
    h.update(headers or {})
    req = urllib.request.Request(url, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return res.status, json.load(res)
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def wait_ready():
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{GW}/readyz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit("gateway did not become ready")


def first(value, key):
    """The first string/number value of `key` anywhere in `value` (depth first)."""
    if isinstance(value, dict):
        if key in value and isinstance(value[key], (str, int)) and value[key] is not None:
            return str(value[key])
        for v in value.values():
            found = first(v, key)
            if found is not None:
                return found
    elif isinstance(value, list):
        for v in value:
            found = first(v, key)
            if found is not None:
                return found
    return None


def response(path):
    status, body = call("GET", path)
    if status != 200:
        sys.exit(f"GET {path}: {status} {body}")
    return body["data"]["data"]["response"]


wait_ready()
status, body = call(
    "POST",
    "/connect",
    {"username": "creator", "password": "creator-password", "name": "fuzz", "countryCode": "US"},
)
if status != 200:
    sys.exit(f"connect: {status} {body}")
a = body["data"]["account_id"]

ids = {"account_id": a}
chats = response(f"/{a}/chats?limit=5")
ids["chat_id"] = first(chats.get("data"), "groupId")
ids["fan_id"] = first(chats.get("data"), "partnerAccountId")
messages = response(f"/{a}/chats/{ids['chat_id']}/messages?limit=5")
ids["message_id"] = first(messages.get("messages"), "id")
followers = response(f"/{a}/followers?limit=5")
ids["target_user_id"] = first(followers, "id")
ids["username"] = first(followers, "username")
ids["list_id"] = first(response(f"/{a}/lists").get("lists"), "id")
posts = response(f"/{a}/posts?limit=5")
ids["post_id"] = first(posts.get("posts"), "id")
ids["wall_id"] = first(response(f"/{a}/posts/walls").get("walls"), "id")
ids["link_id"] = first(response(f"/{a}/tracking-links"), "id")
ids["album_id"] = first(response(f"/{a}/vault/albums").get("albums"), "id")
ids["tag_id"] = first(response(f"/{a}/discover/search/accounts?query=a"), "id") or "1"

# A scheduled broadcast and an automated message, so their routes have something to edit.
send_at = int(time.time() * 1000) + 7 * 24 * 3600 * 1000
status, body = call(
    "POST",
    f"/{a}/mass-messaging",
    {"content": "fuzz", "listIds": [ids["list_id"]], "scheduledFor": send_at},
)
scheduled = response(f"/{a}/mass-messaging/scheduled")
ids["broadcast_id"] = first(scheduled.get("scheduledBroadcastMessages"), "id") or "1"
status, body = call("POST", f"/{a}/automated-messages", {"content": "fuzz", "type": 1})
ids["automated_message_id"] = first(response(f"/{a}/automated-messages"), "id") or "1"

# An upload job.
boundary = "fuzzboundary"
raw = (
    f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n"
    f"Content-Type: image/jpeg\r\n\r\nnot really a jpeg\r\n--{boundary}--\r\n"
).encode()
status, body = call(
    "POST",
    f"/{a}/media/upload",
    raw=raw,
    headers={"content-type": f"multipart/form-data; boundary={boundary}"},
)
if status != 202:
    sys.exit(f"upload: {status} {body}")
ids["job_id"] = body["data"]["jobId"]

# A webhook endpoint with one delivery.
status, body = call(
    "POST",
    "/webhooks",
    {"url": "http://127.0.0.1:9/fuzz", "events": ["messages.received"]},
)
if status not in (200, 201):
    sys.exit(f"webhook: {status} {body}")
ids["id"] = body["data"]["id"]
call("POST", f"/webhooks/{ids['id']}/test", {})
status, body = call("GET", f"/webhooks/{ids['id']}/deliveries")
ids["delivery_id"] = first(body.get("data"), "id") or "msg_none"

missing = [k for k, v in ids.items() if not v]
if missing:
    sys.exit(f"no ids found for {missing}: {ids}")

# Every path parameter of the document must be covered.
with urllib.request.urlopen(f"{GW}/openapi.json", timeout=10) as r:
    doc = json.load(r)
names = {n for p in doc["paths"] for n in re.findall(r"\{(\w+)\}", p)}
uncovered = names - set(ids)
if uncovered:
    sys.exit(f"path parameters without a seeded id: {sorted(uncovered)}")

with open(OUT, "a") as f:
    f.write("# Appended by scripts/ci/schemathesis-seed.py: real ids for the path parameters.\n")
    f.write("[parameters]\n")
    for k, v in sorted(ids.items()):
        f.write(f"{json.dumps('path.' + k)} = {json.dumps(v)}\n")
print(f"seeded {len(ids)} path parameters")
