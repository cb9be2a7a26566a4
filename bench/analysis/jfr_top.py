#!/usr/bin/env python3
"""Aggregates a JFR recording's execution samples (no async-profiler here):

    python3 bench/analysis/jfr_top.py RECORDING.jfr [--thread SUBSTRING] [--top 25] [--include PATTERN ...]

--under PATTERN keeps only the samples with a frame containing PATTERN. Prints: samples per thread (top 10); the top frames by self samples (the method running when sampled);
the top methods by inclusive samples (anywhere on the stack, counted once per sample); the first
org.hsgcds frame below each sample (which of our steps the time was spent under); and for each
--include PATTERN the share of samples with a frame containing it. Needs the JDK's `jfr` tool.
Record with e.g. -XX:StartFlightRecording=filename=x.jfr,settings=profile (20 ms sampling) or
jcmd PID JFR.start settings=profile duration=30s filename=x.jfr.
"""
import argparse
import collections
import re
import subprocess

FRAME = re.compile(r"^\s+(\S+)\(.*\)\s+line:")


def samples(path):
    text = subprocess.run(["jfr", "print", "--stack-depth", "200", "--events", "jdk.ExecutionSample", path],
                          capture_output=True, text=True, check=True).stdout
    thread, frames, in_stack = None, [], False
    for line in text.splitlines():
        if line.startswith("jdk.ExecutionSample"):
            thread, frames, in_stack = None, [], False
        elif "sampledThread = " in line:
            thread = line.split('"')[1] if '"' in line else line.split("=", 1)[1].strip()
        elif "stackTrace = [" in line:
            in_stack = True
        elif in_stack and line.strip() == "]":
            in_stack = False
            yield thread, frames
        elif in_stack:
            m = FRAME.match(line)
            if m:
                frames.append(m.group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("recording")
    ap.add_argument("--thread", default=None, help="only threads whose name contains this")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--include", nargs="*", default=[])
    ap.add_argument("--under", default=None, help="only samples with a frame containing this")
    args = ap.parse_args()
    per_thread = collections.Counter()
    self_frames, inclusive, ours = collections.Counter(), collections.Counter(), collections.Counter()
    patterns = collections.Counter()
    total = 0
    for thread, frames in samples(args.recording):
        per_thread[re.sub(r"\d+", "#", thread or "?")] += 1
        if args.thread and (thread is None or args.thread not in thread):
            continue
        if not frames or (args.under and not any(args.under in f for f in frames)):
            continue
        total += 1
        self_frames[frames[0]] += 1
        for f in set(frames):
            inclusive[f] += 1
        first_ours = next((f for f in frames if f.startswith("org.hsgcds.")), "(no org.hsgcds frame)")
        ours[first_ours] += 1
        for p in args.include:
            if any(p in f for f in frames):
                patterns[p] += 1
    print("samples per thread (all): " + ", ".join("%s %d" % kv for kv in per_thread.most_common(10)))
    print("samples counted%s: %d\n" % (" (threads with '%s')" % args.thread if args.thread else "", total))
    if not total:
        return

    def table(title, counter, n):
        print(title)
        for name, count in counter.most_common(n):
            print("  %5.1f%%  %6d  %s" % (100.0 * count / total, count, name))
        print()

    table("top frames, self", self_frames, args.top)
    table("top methods, inclusive", inclusive, args.top)
    table("first org.hsgcds frame on the stack", ours, args.top)
    if args.include:
        table("samples with a frame containing", patterns, len(args.include))


if __name__ == "__main__":
    main()
