#!/usr/bin/env python3
"""`textbench schema` checks: the schema is valid draft-07, accepts every shipped config (and its
tests file) and the configs in schema/accept, and rejects those in schema/reject, which
`textbench validate` must reject too.

usage: check_schema.py TEXTBENCH SCHEMA_CASES_DIR [CONFIG...]
"""
import json
import pathlib
import subprocess
import sys

try:
    import jsonschema
    import yaml
except ImportError as error:
    sys.exit(f"missing Python module ({error}); install python3-jsonschema python3-yaml "
             "(scripts/install-deps.sh)")

textbench, cases = sys.argv[1], pathlib.Path(sys.argv[2])
configs = [pathlib.Path(p) for p in sys.argv[3:]]
problems = []


def schema(*flags):
    out = subprocess.run([textbench, "schema", *flags], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"textbench schema {' '.join(flags)} exited {out.returncode}: {out.stderr}")
    document = json.loads(out.stdout)
    jsonschema.Draft7Validator.check_schema(document)
    return jsonschema.Draft7Validator(document)


def errors(validator, path):
    with open(path, encoding="utf-8") as stream:
        return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
                for e in validator.iter_errors(yaml.safe_load(stream))]


def validate_exit(path):
    return subprocess.run([textbench, "validate", str(path)], capture_output=True, text=True).returncode


config_schema = schema()
tests_schema = schema("--tests-file")

accepted = configs + sorted((cases / "accept").glob("*.yaml"))
for path in accepted:
    found = errors(config_schema, path)
    if found:
        problems.append(f"{path}: rejected by the schema:\n  " + "\n  ".join(found))
    sibling = path.with_name(path.stem + ".tests" + path.suffix)
    if sibling.exists() and (found := errors(tests_schema, sibling)):
        problems.append(f"{sibling}: rejected by the tests-file schema:\n  " + "\n  ".join(found))

for path in sorted((cases / "accept").glob("*.yaml")):
    if (code := validate_exit(path)) != 0:
        problems.append(f"{path}: the schema accepts it, so textbench validate should too (exit {code})")

rejected = sorted((cases / "reject").glob("*.yaml"))
for path in rejected:
    if not errors(config_schema, path):
        problems.append(f"{path}: accepted by the schema, should be rejected")
    if (code := validate_exit(path)) != 2:
        problems.append(f"{path}: textbench validate exited {code}, expected 2")

if not configs:
    problems.append("no shipped config to check (none had all its plugins built)")
for problem in problems:
    print(problem)
print(f"{len(accepted)} accepted, {len(rejected)} rejected, {len(problems)} problems")
sys.exit(1 if problems else 0)
