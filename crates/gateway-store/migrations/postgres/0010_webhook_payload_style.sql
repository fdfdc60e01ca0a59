-- Webhook payload styles (issue 10, client-compat §5.6): each endpoint chooses the body it
-- receives. 'envelope' (the default, every endpoint created before) is {event, accountId,
-- timestamp, data}; 'event_type' is {event_type, timestamp, data:{account_id, …}}. An event
-- with an event_type mapping stores that body too, built once when the event is recorded;
-- NULL when it has none (it is then not delivered to 'event_type' endpoints).
ALTER TABLE webhook_endpoints ADD COLUMN payload_style TEXT NOT NULL DEFAULT 'envelope'
    CHECK (payload_style IN ('envelope', 'event_type'));
ALTER TABLE webhook_events ADD COLUMN event_type_body TEXT;
