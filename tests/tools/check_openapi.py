#!/usr/bin/env python3
"""Validates the committed OpenAPI document (openapi/openapi.json) with openapi-spec-validator,
and checks that every schema it references is defined: the contract districts generate
clients from must be valid.

    python3 tests/tools/check_openapi.py [path]
"""
import json
import re
import sys

from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

path = sys.argv[1] if len(sys.argv) > 1 else "openapi/openapi.json"
spec, _ = read_from_filename(path)
refs = set(re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', json.dumps(spec)))
missing = sorted(refs - set(spec.get("components", {}).get("schemas", {})))
if missing:
    sys.exit(f"{path}: references undefined schemas: {', '.join(missing)}")
validate(spec)
print(f"{path}: valid OpenAPI {spec['openapi']}, {len(spec['paths'])} paths, "
      f"{len(spec['components']['schemas'])} schemas")
