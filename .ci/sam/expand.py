#!/usr/bin/env python3
"""template.yaml as CloudFormation receives it from `sam deploy`, then cfn-lint on the result.

What `sam package` does first: every `Fn::Transform: {Name: AWS::Include, Parameters: {Location: file}}`
is replaced by that file's content (CloudFormation's AWS::Include inlines the uploaded copy the same
way), and each local `CodeUri` becomes an S3 location. Then the SAM transform, run by the installed
aws-sam-translator exactly as CloudFormation's AWS::Serverless-2016-10-31 macro runs it
(`samtranslator.translator.transform.transform(template, parameter_values, policy_loader)`).

Usage: expand.py JOBS.json
JOBS.json: {"template": path, "out": dir, "codeUri": "s3://...",
            "jobs": [{"name": n, "parameters": {...}, "lint": true|false}, ...]}
Writes out/<name>.json for each job, out/<name>.lint.txt for each linted one, and out/schema.json
(the create-only properties of the resource types the tests reason about, from cfn-lint's schemas).
Exit status: 0 when every job expanded and every linted one has no finding; 1 otherwise;
3 when aws-sam-translator or cfn-lint cannot be imported (the caller decides whether that fails).
"""
import copy
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-3")

try:
    import yaml
    from samtranslator.translator.transform import transform
    from cfnlint.api import lint_file
    from cfnlint.schema import PROVIDER_SCHEMA_MANAGER
except ImportError as missing:  # noqa: F841
    print(f"MISSING TOOL: {missing} (aws-sam-translator and cfn-lint are expected in this python3: {sys.executable})")
    sys.exit(3)


def inline_includes(node, base):
    if isinstance(node, dict):
        include = node.get("Fn::Transform")
        if len(node) == 1 and isinstance(include, dict) and include.get("Name") == "AWS::Include":
            location = include["Parameters"]["Location"]
            with open(os.path.join(base, location), encoding="utf-8") as f:
                return yaml.safe_load(f)
        return {k: inline_includes(v, base) for k, v in node.items()}
    if isinstance(node, list):
        return [inline_includes(v, base) for v in node]
    return node


def package_code(template, code_uri):
    """Every local CodeUri (Globals and functions) becomes the S3 location `sam package` would upload it to."""
    places = [template.get("Globals", {}).get("Function", {})]
    places += [r.get("Properties", {}) for r in template.get("Resources", {}).values()
               if r.get("Type") == "AWS::Serverless::Function"]
    for props in places:
        uri = props.get("CodeUri")
        if isinstance(uri, str) and not uri.startswith("s3://"):
            props["CodeUri"] = code_uri


class NoManagedPolicies:
    """The template names no managed policy by name; a lookup would mean it started to."""

    def load(self):
        raise RuntimeError("the template asked the translator to look up a managed policy by name")


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    template_path = spec["template"]
    out = spec["out"]
    os.makedirs(out, exist_ok=True)
    with open(template_path, encoding="utf-8") as f:
        source = yaml.safe_load(f)
    source = inline_includes(source, os.path.dirname(os.path.abspath(template_path)))
    package_code(source, spec["codeUri"])

    failed = False
    for job in spec["jobs"]:
        name = job["name"]
        try:
            expanded = transform(copy.deepcopy(source), dict(job["parameters"]), NoManagedPolicies())
        except Exception as e:  # the translator's InvalidDocumentException lists every problem
            failed = True
            print(f"{name}: TRANSFORM FAILED: {e}")
            for cause in getattr(e, "causes", []) or []:
                print(f"{name}:   {getattr(cause, 'message', cause)}")
            continue
        path = os.path.join(out, name + ".json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(expanded, f, indent=1, sort_keys=True)
        if job.get("lint"):
            matches = lint_file(Path(path))
            report = "\n".join(f"{m.rule.id} {m.message} ({m.filename}:{m.linenumber})" for m in matches)
            with open(os.path.join(out, name + ".lint.txt"), "w", encoding="utf-8") as f:
                f.write(report)
            print(f"{name}: cfn-lint {len(matches)} finding(s)")
            if matches:
                failed = True
                print(report)

    schema = {}
    for resource_type in spec.get("schemaTypes", []):
        s = PROVIDER_SCHEMA_MANAGER.get_resource_schema("us-east-1", resource_type).schema
        schema[resource_type] = {"createOnlyProperties": s.get("createOnlyProperties", [])}
    with open(os.path.join(out, "schema.json"), "w", encoding="utf-8") as f:
        json.dump(schema, f, indent=1)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
