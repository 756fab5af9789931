#!/usr/bin/env python3
"""Where the server's CPU went, from a JFR recording: execution samples grouped by layer.

Usage: python3 bench/jfr-breakdown.py recording.jfr [--top N] [--window HH:MM:SS-HH:MM:SS]

Each execution sample is attributed to the layer of the topmost frame on its stack that belongs to a known
package (so a HashMap.get called by jose4j counts as auth, the JDK's RSA code called by the JWT library counts as
auth too). --window keeps only the samples of one benchmark run: bench/run.mjs prints the UTC start and end of
each measured run (times of day, UTC).
The layers are the ones bench/README.md reports: HTTP (Vert.x, Netty), REST framework (Quarkus REST, CDI), auth
(JWT parsing and verification, security), Redis, SQL (Hibernate, Agroal, the PostgreSQL driver, transactions),
mapping (the application's own code), JSON (Jackson), logging, other.
"""
import collections
import json
import re
import subprocess
import sys

LAYERS = [
    ("JSON", ("com.fasterxml.jackson.",)),
    ("auth", ("org.jose4j.", "io.smallrye.jwt.", "io.quarkus.smallrye.jwt.", "io.quarkus.security.",
              "io.quarkus.vertx.http.runtime.security.", "sun.security.rsa.", "sun.security.provider.",
              "java.security.", "javax.crypto.", "com.sun.crypto.", "io.smallrye.jwt", "org.eclipse.microprofile.jwt",
              "jakarta.json.", "org.eclipse.parsson.", "org.glassfish.json.")),
    ("Redis", ("io.quarkus.redis.", "io.vertx.redis.")),
    ("SQL", ("org.hibernate.", "org.postgresql.", "io.agroal.", "io.quarkus.hibernate.", "io.quarkus.agroal.",
             "com.arjuna.", "io.quarkus.narayana.", "jakarta.persistence.", "io.quarkus.panache.")),
    ("logging", ("org.jboss.logmanager.", "org.jboss.logging.")),
    ("app", ("com.fitnesscrm.",)),
    ("REST framework", ("org.jboss.resteasy.reactive.", "io.quarkus.resteasy.reactive.", "io.quarkus.arc.",
                        "io.quarkus.rest.", "io.smallrye.mutiny.", "io.quarkus.vertx.http.runtime.",
                        "io.smallrye.context.", "io.quarkus.vertx.core.", "org.jboss.threads.")),
    ("HTTP (Vert.x/Netty)", ("io.vertx.", "io.netty.")),
]


def layer_of(frames):
    for frame in frames:
        for name, prefixes in LAYERS:
            if frame.startswith(prefixes):
                return name
    return "other"


def samples(path):
    out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    for event in events:
        values = event["values"]
        stack = values.get("stackTrace") or {}
        frames = []
        for frame in stack.get("frames", []):
            method = frame["method"]
            frames.append(method["type"]["name"].replace("/", ".") + "." + method["name"])
        yield values["startTime"], frames


def seconds(timestamp):
    # 2026-12-01T19:40:00.123456789Z -> seconds of the day (enough to cut runs of a few minutes)
    match = re.search(r"T(\d+):(\d+):(\d+(?:\.\d+)?)", timestamp)
    h, m, s = match.groups()
    return int(h) * 3600 + int(m) * 60 + float(s)


def main(argv):
    path = argv[1]
    top = int(argv[argv.index("--top") + 1]) if "--top" in argv else 15
    since = until = None
    if "--window" in argv:
        since, until = (seconds("T" + part) for part in argv[argv.index("--window") + 1].split("-"))
    by_layer = collections.Counter()
    by_frame = collections.Counter()
    total = 0
    for start, frames in samples(path):
        t = seconds(start)
        if since is not None and not since <= t <= until:
            continue
        total += 1
        by_layer[layer_of(frames)] += 1
        if frames:
            by_frame[frames[0]] += 1
    if not total:
        print("no execution samples")
        return
    print(f"{total} execution samples")
    print("| layer | share of samples |")
    print("|---|---:|")
    for name, count in by_layer.most_common():
        print(f"| {name} | {100 * count / total:.1f}% |")
    print()
    print(f"top {top} frames (self time):")
    for frame, count in by_frame.most_common(top):
        print(f"  {100 * count / total:5.1f}%  {frame}")


if __name__ == "__main__":
    main(sys.argv)
