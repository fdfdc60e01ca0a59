"""Adapts docs/openapi.json to what openapi-python-client accepts, changing no meaning.

OpenAPI 3.1 (JSON Schema 2020-12) allows `{"type": "array"}` without `items` ("any items");
openapi-python-client refuses such schemas and drops every operation that uses them. This
adds the equivalent `"items": {}`. Run by scripts/gen-sdks; reads argv[1], writes argv[2].
"""

import json
import sys


def fix(node: object) -> None:
    if isinstance(node, dict):
        types = node.get("type")
        is_array = types == "array" or (isinstance(types, list) and "array" in types)
        if is_array and "items" not in node and "prefixItems" not in node:
            node["items"] = {}
        for value in node.values():
            fix(value)
    elif isinstance(node, list):
        for value in node:
            fix(value)


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    fix(doc)
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
