#!/usr/bin/env python3
"""Turns BenchmarkDotNet's JSON reports (--exporters json) into the RESULTS.md table: each case with
the client, the hand-written Newtonsoft baseline (plain classes), the generated-model baseline and the
STJ floor, and each row's ratios (ratio of means, and of allocated bytes per operation) against the
hand-written baseline. Usage: results-table.py <report.json>..."""
import json
import sys

CASES = [
    ("List", "list 1,000 users (one page)"),
    ("Get", "get one user"),
    ("Update", "update one user (PATCH)"),
    ("Walk", "walk 100,000 users, pages of 1,000"),
    ("LoopbackList", "loopback: list 1,000 users"),
    ("LoopbackGet", "loopback: get one user"),
]
VARIANTS = [("Client", "client"), ("HandWritten", "hand-written baseline"), ("Generated", "generated-model baseline"), ("Stj", "STJ floor")]


def time(ns):
    if not isinstance(ns, (int, float)) or ns != ns:
        return "n/a"
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:,.2f} {unit}"
    return f"{ns:,.0f} ns"


def size(b):
    return f"{b / 1024:,.1f} KB" if b >= 1024 else f"{b:,.0f} B"


rows = {}
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        for b in json.load(f)["Benchmarks"]:
            rows[b["Method"]] = b

print("| case | variant | mean | ± 99.9% CI | allocated/op | ÷ hand-written: time | alloc |")
print("|---|---|--:|--:|--:|--:|--:|")
for key, title in CASES:
    found = {v: rows.get(f"{key}_{v}") for v, _ in VARIANTS}
    if not all(found.values()):
        continue
    mean = {v: b["Statistics"]["Mean"] for v, b in found.items()}
    alloc = {v: b["Memory"]["BytesAllocatedPerOperation"] for v, b in found.items()}
    for v, label in VARIANTS:
        b = found[v]
        ratios = ["", ""]
        if v != "HandWritten":
            bold = "**" if v == "Client" else ""
            ratios = [f"{bold}{mean[v] / mean['HandWritten']:.3f}{bold}", f"{bold}{alloc[v] / alloc['HandWritten']:.3f}{bold}"]
        margin = b["Statistics"].get("ConfidenceInterval", {}).get("Margin", 0.0)
        print(f"| {title if v == 'Client' else ''} | {label} | {time(mean[v])} | {time(margin)} | {size(alloc[v])} | " + " | ".join(ratios) + " |")

# The get, layer by layer (LayerBenchmarks): each row with what it adds to the row above it.
LAYERS = [
    ("HandWritten", "hand-written baseline"),
    ("Bare", "generated UsersClient, no handlers"),
    ("NoRetriesNoTimeouts", "client, no retries, no timeouts"),
    ("NoTimeouts", "client, no timeouts (retries on)"),
    ("NoRetries", "client, no retries (timeouts on)"),
    ("Client", "client (retries and both timeouts)"),
]
found = {v: rows.get(f"Layers_{v}") for v, _ in LAYERS}
if all(found.values()):
    mean = {v: b["Statistics"]["Mean"] for v, b in found.items()}
    alloc = {v: b["Memory"]["BytesAllocatedPerOperation"] for v, b in found.items()}
    above = {"Bare": "HandWritten", "NoRetriesNoTimeouts": "Bare", "NoTimeouts": "NoRetriesNoTimeouts", "NoRetries": "NoRetriesNoTimeouts", "Client": "NoRetriesNoTimeouts"}
    print()
    print("| get one user, layer by layer | mean | ± 99.9% CI | allocated/op | ÷ hand-written: time | alloc | compared with | + time | + bytes |")
    print("|---|--:|--:|--:|--:|--:|---|--:|--:|")
    for v, label in LAYERS:
        b = found[v]
        margin = b["Statistics"].get("ConfidenceInterval", {}).get("Margin", 0.0)
        ratios = f"{mean[v] / mean['HandWritten']:.3f} | {alloc[v] / alloc['HandWritten']:.3f}"
        if v in above:
            a = above[v]
            diff = f"{dict(LAYERS)[a]} | {(mean[v] - mean[a]) / 1000:+,.2f} µs | {alloc[v] - alloc[a]:+,.0f} B"
        else:
            diff = " | | "
        print(f"| {label} | {time(mean[v])} | {time(margin)} | {size(alloc[v])} | {ratios} | {diff} |")
