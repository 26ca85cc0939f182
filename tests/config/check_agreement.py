#!/usr/bin/env python3
"""`textbench validate` and `textbench run` share one validation path: for every config in
BROKEN_DIR both exit 2 and print the same errors, and those include each `# expect:` line of the
config ({dir} stands for BROKEN_DIR). `# errors: N` says how many errors validate must report.

usage: check_agreement.py TEXTBENCH BROKEN_DIR
"""
import pathlib
import re
import subprocess
import sys
import tempfile

textbench, broken = sys.argv[1], pathlib.Path(sys.argv[2])
problems = []
configs = sorted(p for p in broken.glob("*.yaml") if not p.name.endswith(".tests.yaml"))
with tempfile.TemporaryDirectory() as tmp:
    document = pathlib.Path(tmp) / "doc.txt"
    document.write_text("In 1999 the mill closed.\n", encoding="utf-8")
    for config in configs:
        header = config.read_text(encoding="utf-8")
        expected = [line.split(":", 1)[1].strip().replace("{dir}", str(broken))
                    for line in header.splitlines() if line.startswith("# expect:")]
        count = re.search(r"^# errors: (\d+)$", header, re.M)
        validate = subprocess.run([textbench, "validate", str(config)], capture_output=True, text=True)
        run = subprocess.run([textbench, "run", str(config), str(document)], capture_output=True, text=True)
        if validate.returncode != 2 or run.returncode != 2:
            problems.append(f"{config}: validate exited {validate.returncode}, run {run.returncode}; both should exit 2")
        if validate.stderr != run.stderr:
            problems.append(f"{config}: validate and run disagree:\n--- validate\n{validate.stderr}--- run\n{run.stderr}")
        if run.stdout:
            problems.append(f"{config}: run wrote output for a broken config:\n{run.stdout}")
        if not expected:
            problems.append(f"{config}: no '# expect:' line")
        for text in expected:
            if text not in validate.stderr:
                problems.append(f"{config}: expected in the errors: {text}\n--- got\n{validate.stderr}")
        if count:
            n = int(count.group(1))
            summary = f"{n} error{'s' if n != 1 else ''} in {config}"
            if summary not in validate.stderr:
                problems.append(f"{config}: expected '{summary}'\n--- got\n{validate.stderr}")
for problem in problems:
    print(problem)
print(f"{len(configs)} broken configs, {len(problems)} problems")
sys.exit(1 if problems or not configs else 0)
