#!/usr/bin/env python3
"""One line per role for scripts/fuzz, read from the schemathesis run's text output: operations
tested (of those in the document), test cases generated, failures and errors, and then each
failing operation. Exits 1 when the run failed, had errors, or left an operation untested.

Standard library only; the output format is that of the schemathesis version scripts/fuzz pins.
"""
import argparse, re, sys

parser = argparse.ArgumentParser()
parser.add_argument("--role", required=True)
parser.add_argument("--log", required=True, help="schemathesis' output")
parser.add_argument("--exit-code", type=int, required=True, help="schemathesis' exit code")
parser.add_argument("--seconds", type=int, required=True)
args = parser.parse_args()

text = open(args.log, encoding="utf-8", errors="replace").read()
summary = text[text.rfind("SUMMARY"):] if "SUMMARY" in text else ""

def number(pattern, default=0):
    match = re.search(pattern, summary)
    return int(match.group(1)) if match else default

selected = number(r"Selected: \d+/(\d+)", -1)
tested = number(r"Tested: (\d+)", -1)
cases = number(r"Test cases:\s+(\d+) generated", -1)
failures = number(r"found (\d+) unique failures?")
errors = sum(int(n) for n in re.findall(r"🚫 [^:\n]+: (\d+)", summary[summary.find("Errors:"):]) ) if "Errors:" in summary else 0
failing = sorted(set(re.findall(r"^_+ ((?:GET|POST|PUT|PATCH|DELETE) \S+) _+$", text, re.MULTILINE)))

ok = args.exit_code == 0 and failures == 0 and errors == 0 and selected > 0 and tested == selected and cases > 0
print(f"fuzz: {args.role}: {tested} of {selected} operations, {cases} cases, {failures} failures, {errors} errors, "
      f"{args.seconds} s{'' if ok else ' — FAILED'}")
for operation in failing:
    print(f"fuzz: {args.role}:   {operation}")
if not ok and not failing and not summary:
    print(f"fuzz: {args.role}: schemathesis ended without a summary (exit {args.exit_code}); see {args.log}")
sys.exit(0 if ok else 1)
