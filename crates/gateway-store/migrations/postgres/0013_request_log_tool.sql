-- MCP (issue 15): the MCP tool a request was made for. A tool call of the `/mcp` endpoint runs
-- the REST route in process; its request-log row carries the tool's name (NULL for REST calls).
ALTER TABLE request_log ADD COLUMN tool TEXT;
