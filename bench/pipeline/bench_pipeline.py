#!/usr/bin/env python3
"""Throughput, scaling, framework cost and peak memory of `textbench run` on a large corpus.

Builds corpora of at least --sizes gigabytes by repeating the news corpus (ids made unique per
copy) under --work, then runs the CLI as a child process and measures it from outside:
wall time, CPU time and peak RSS come from os.wait4 (getrusage of that child alone).

  1. bare pass (--no-plugins): read + parse + write JSONL, no step, one worker
  2. the pipeline with -j 1, then -j 2, on the largest corpus
  3. the pipeline with -j 2 on each smaller corpus (peak memory must not grow with the input)

Prints every figure; asserts nothing (speed is not a test). Use a Release build:
  cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release && cmake --build build/release -j2
  python3 bench/pipeline/bench_pipeline.py --build build/release [--repeat 3]
"""
import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def make_corpus(source, path, gigabytes):
    """Repeats `source` until the file holds at least `gigabytes` GB; each copy gets its own ids."""
    target = int(gigabytes * 1e9)
    if os.path.exists(path) and os.path.getsize(path) >= target:
        return
    with open(source, "rb") as f:
        original = f.read()
    written = 0
    copy = 0
    with open(path + ".tmp", "wb") as out:
        while written < target:
            chunk = original.replace(b'{"id": "', b'{"id": "r%d-' % copy)
            out.write(chunk)
            written += len(chunk)
            copy += 1
    os.replace(path + ".tmp", path)


def machine_busy_seconds():
    """CPU time all cores spent on anything but idling (every process and the kernel), from /proc/stat.

    A run's own CPU (getrusage) leaves out kernel work done for it on other cores (writeback of its
    output, I/O completions), which an idle second core absorbs under -j1 but not under -j2.
    """
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq = fields[:7]
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def run(cli, args, label):
    """Runs the CLI once; returns wall seconds, CPU seconds, peak RSS (MB) and the --stats JSON.

    Peak RSS comes from /usr/bin/time: Linux keeps a process's maximum RSS across exec, so a child
    forked straight from this (large) Python process would report Python's own peak.
    """
    stats_path = os.path.join(os.path.dirname(args[-1]), "stats.json")
    usage_path = os.path.join(os.path.dirname(args[-1]), "usage.txt")
    command = [cli, "-q", "run"] + args + ["--stats", stats_path, "--no-progress"]
    # The previous run's output is removed first: truncating a large file inside the timed run
    # would charge the kernel's cleanup of the last run to this one.
    output = args[args.index("-o") + 1]
    if os.path.exists(output):
        os.remove(output)
    start = time.monotonic()
    busy_before = machine_busy_seconds()
    code = subprocess.call(["/usr/bin/time", "-f", "%M %U %S", "-o", usage_path] + command, stdout=subprocess.DEVNULL)
    wall = time.monotonic() - start
    machine_cpu = machine_busy_seconds() - busy_before
    if code not in (0, 1):
        sys.exit(f"{label}: textbench exited with {code}: {' '.join(command)}")
    with open(usage_path) as f:
        rss_kb, user, system = f.read().split()[-3:]
    with open(stats_path) as f:
        stats = json.load(f)
    result = {
        "wall": wall,
        "cpu": float(user) + float(system),
        "rss_mb": int(rss_kb) / 1024.0,
        "machine_cpu": machine_cpu,
        "stats": stats,
        "input_mb": stats["input_bytes"] / 1e6,
    }
    print(f"  {label:<34} {result['input_mb']:8.0f} MB in {wall:7.2f} s = {result['input_mb'] / wall:7.1f} MB/s, "
          f"CPU {result['cpu']:7.2f} s (machine {machine_cpu:6.2f} s), peak RSS {result['rss_mb']:6.1f} MB, {stats['documents']} docs",
          flush=True)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build", "release"), help="build folder (Release)")
    parser.add_argument("--config", default=os.path.join(ROOT, "configs", "news.yaml"))
    parser.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "news.jsonl"))
    parser.add_argument("--sizes", default="0.5,1.0", help="corpus sizes in GB, comma-separated")
    parser.add_argument("--work", default="/tmp/textbench-bench-pipeline", help="folder for corpora and outputs")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each main measurement (the fastest counts)")
    options = parser.parse_args()

    cli = os.path.join(options.build, "bin", "textbench")
    if not os.path.exists(cli):
        sys.exit(f"no {cli}: build textbench first (see the top of this file)")
    os.makedirs(options.work, exist_ok=True)
    sizes = sorted(float(size) for size in options.sizes.split(","))
    corpora = {}
    for size in sizes:
        path = os.path.join(options.work, f"news-{size:g}GB.jsonl")
        make_corpus(options.corpus, path, size)
        corpora[size] = path
    out = os.path.join(options.work, "out.jsonl")
    largest = corpora[sizes[-1]]
    with open(options.config) as f:
        config_text = f.read()
    print(f"textbench run benchmark: config {options.config}, build {options.build}, {os.cpu_count()} cores")
    print(f"command: {cli} run {options.config} CORPUS -o {out} -j N --stats FILE")

    # On a shared or virtual machine the CPU's speed drifts between runs; the three main runs are
    # interleaved and repeated, and the fastest of each is kept.
    def fastest(results):
        return min(results, key=lambda result: result["wall"])

    bare_runs, one_runs, two_runs = [], [], []
    for _ in range(options.repeat):
        bare_runs.append(run(cli, [options.config, largest, "-j", "1", "--no-plugins", "-o", out],
                             "bare pass (--no-plugins) -j1"))
        one_runs.append(run(cli, [options.config, largest, "-j", "1", "-o", out], "pipeline -j1"))
        two_runs.append(run(cli, [options.config, largest, "-j", "2", "-o", out], "pipeline -j2"))
    bare, one, two = fastest(bare_runs), fastest(one_runs), fastest(two_runs)
    if options.repeat > 1:
        print(f"(fastest of {options.repeat} interleaved runs each below)")
    smaller = [run(cli, [options.config, corpora[size], "-j", "2", "-o", out], f"pipeline -j2, {size:g} GB corpus")
               for size in sizes[:-1]]
    os.remove(out)
    if not options.keep:
        for path in corpora.values():
            os.remove(path)

    steps = one["stats"]["steps"]
    step_seconds = sum(step["seconds"] for step in steps)
    documents = one["stats"]["documents"]
    # CPU the framework spends on the steps beyond the plugins' own time (making the Document,
    # the call through the plugin ABI, timing, writing annotations): the pipeline's CPU minus the
    # bare pass's CPU minus the time measured inside the steps. The step timers measure wall
    # time, so on a loaded machine (threads waiting for a core inside a step) this comes out
    # too small or negative: then it is printed as not measurable.
    overhead = one["cpu"] - bare["cpu"] - step_seconds
    print()
    print(f"config steps: {', '.join(step['label'] for step in steps) or '(none)'}")
    # -j1 runs everything (reading, parsing, the steps, writing) on one thread.
    print(f"throughput per core (pipeline -j1):     {one['input_mb'] / one['wall']:8.1f} MB/s"
          f"  (per CPU-second: {one['input_mb'] / one['cpu']:.1f} MB/s)")
    print(f"throughput with -j2:                    {two['input_mb'] / two['wall']:8.1f} MB/s"
          f"  (CPU {two['cpu']:.2f} s against {one['cpu']:.2f} s for -j1)")
    print(f"scaling -j2 / -j1:                      {one['wall'] / two['wall']:8.2f} x"
          f"  (machine CPU, all processes and the kernel: {one['machine_cpu']:.2f} s for -j1, "
          f"{two['machine_cpu']:.2f} s for -j2)")
    print(f"bare pass (read+parse+write, -j1):      {bare['input_mb'] / bare['wall']:8.1f} MB/s")
    print(f"pipeline cost / bare pass (wall, -j1):  {one['wall'] / bare['wall']:8.2f} x")
    print(f"time inside the steps (-j1):            {step_seconds:8.2f} s of {one['wall']:.2f} s; "
          + ", ".join(f"{step['label']} {step['seconds']:.2f} s" for step in steps))
    if steps:
        figure = f"{overhead / documents / len(steps) * 1e6:6.2f} us" if overhead > 0 else "not measurable here"
        print(f"framework overhead per document per step: {figure} "
              f"(CPU: pipeline - bare - steps = {overhead:.2f} s over {documents} docs x {len(steps)} steps)")
    for result, size in zip(smaller + [two], sizes):
        print(f"peak RSS, pipeline -j2, {size:g} GB corpus:  {result['rss_mb']:8.1f} MB")
    print(f"peak RSS, pipeline -j1 / bare -j1, {sizes[-1]:g} GB: {one['rss_mb']:.1f} MB / {bare['rss_mb']:.1f} MB")
    if "boilerplate_stripper" not in config_text:
        print("note: not the default pipeline (configs/news.yaml)")


if __name__ == "__main__":
    main()
