#!/usr/bin/env python3
"""What a new user does: add a failing test to a shipped config, read the diff from
`textbench test`, fix the config, see the test pass. Also checks folders, -k and exit codes.

usage: check_test_command.py TEXTBENCH CONFIG   (CONFIG: configs/regex-demo.yaml)
"""
import pathlib
import shutil
import subprocess
import sys
import tempfile

textbench, shipped = sys.argv[1], pathlib.Path(sys.argv[2])
problems = []


def test(*args, expect_code):
    out = subprocess.run([textbench, "test", *map(str, args)], capture_output=True, text=True)
    if out.returncode != expect_code:
        problems.append(f"textbench test {' '.join(map(str, args))}: exit {out.returncode}, expected {expect_code}\n"
                        f"{out.stdout}{out.stderr}")
    return out


def expect_in(text, *parts):
    for part in parts:
        if part not in text:
            problems.append(f"expected {part!r} in:\n{text}")


with tempfile.TemporaryDirectory() as tmp:
    folder = pathlib.Path(tmp)
    config = folder / "regex-demo.yaml"
    shutil.copy(shipped, config)
    (folder / "regex-demo.tests.yaml").write_text('''tests:
  - name: marks a modern year
    input: "Opened in 1999."
    expect: {annotations: [{type: year, text: "1999"}]}
  - name: marks a 19th-century year
    input: "Built in 1850, rebuilt in 1999."
    expect:
      annotations:
        - {type: year, text: "1850"}
''', encoding="utf-8")

    failing = test(config, expect_code=1)
    expect_in(failing.stdout,
              "  ok    marks a modern year\n",
              "  FAIL  marks a 19th-century year (",
              "regex-demo.tests.yaml:9:11: expected annotation not found:\n          year \"1850\"\n",
              "closest year annotations (1 of 1):\n          year [26,30) \"1999\"\n            differs: text is \"1999\"",
              "Built in [[1850]], rebuilt in 1999.")
    if not failing.stdout.endswith("\n1 passed, 1 failed\n"):
        problems.append(f"last line should be '1 passed, 1 failed':\n{failing.stdout}")

    only = test(config, "-k", "modern", expect_code=0)
    if not only.stdout.endswith("\n1 passed, 0 failed\n"):
        problems.append(f"-k modern should run one test:\n{only.stdout}")

    # The fix: let the year pattern cover the 1800s.
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("(19|20)", "(18|19|20)"), encoding="utf-8")
    fixed = test(folder, expect_code=0)
    expect_in(fixed.stdout, "  ok    marks a 19th-century year\n")
    if not fixed.stdout.endswith("\n2 passed, 0 failed\n"):
        problems.append(f"after the fix the last line should be '2 passed, 0 failed':\n{fixed.stdout}")

    untested = folder / "untested.yaml"
    untested.write_text(text.replace("name: regex-demo", "name: untested"), encoding="utf-8")
    none = test(untested, expect_code=1)
    expect_in(none.stdout, "untested.yaml: FAIL: no tests; add a 'tests:' section or")

    broken = folder / "broken.yaml"
    broken.write_text(text + "tests:\n  - name: x\n    input: a\n    expect: {cuont: {year: 1}}\n", encoding="utf-8")
    bad = test(broken, config, expect_code=2)
    expect_in(bad.stderr, f"{broken}:", "unknown key 'cuont' in expect; did you mean 'count'?")
    expect_in(bad.stdout, "1 config could not be loaded (errors on stderr)\n2 passed, 0 failed\n")

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
