#!/usr/bin/env python3
# REST runs side by side: two CLI jars (e.g. a base build's and this one's), each serving
# `baton serve --no-auth` on its own fresh SQLite store in a scratch project whose ensemble `pair`
# runs two agents on an instant scripted model. Per round, N runs from C client threads, each:
# POST /api/v1/runs, GET .../result?wait=30, read the run's whole SSE stream. Rounds alternate
# between the jars; the server's CPU time per run comes from /proc/<pid>/stat, which load moves
# much less than the runs/s. Nothing asserts on time: it prints figures.
#
# Usage: baton-bench/rest-runs.py BASE_JAR NEW_JAR [runs=300] [clients=8] [rounds=3]   (JAVA_HOME: a JDK 25)
import json, os, re, subprocess, sys, tempfile, threading, time, urllib.request, shutil
from concurrent.futures import ThreadPoolExecutor

def cpu_ms(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000 / os.sysconf("SC_CLK_TCK")

def serve(jar, home):
    if os.path.exists(home): shutil.rmtree(home)
    os.makedirs(home)
    env = dict(os.environ, HOME=home, BATON_CONFIG_HOME=home + "/.config/baton", BATON_DATA_HOME=home + "/.local/share/baton")
    java = os.environ["JAVA_HOME"] + "/bin/java"
    p = subprocess.Popen([java, "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "-jar", jar, "serve", "--port", "0",
                          "--no-auth", "--no-mcp", "--no-worker"], cwd=PROJECT, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in p.stdout:
        m = re.search(r"baton: serving (http://\S+?)[;\s]", line + " ")
        if m:
            threading.Thread(target=lambda: [None for _ in p.stdout], daemon=True).start()
            return p, m.group(1)
    raise SystemExit("serve did not start")

def one(url):
    req = urllib.request.Request(url + "/api/v1/runs", data=b'{"ensemble":"pair","input":"x"}',
                                 headers={"Content-Type": "application/json"}, method="POST")
    rid = json.load(urllib.request.urlopen(req))["run_id"]
    r = json.load(urllib.request.urlopen(url + f"/api/v1/runs/{rid}/result?wait=30"))
    assert r["status"] == "completed", r
    # the run's whole event stream, as a client would read it
    urllib.request.urlopen(url + f"/api/v1/runs/{rid}/events").read()

def round_(jar, label, n, conc):
    p, url = serve(jar, f"{SCRATCH}/home-{label}")
    try:
        with ThreadPoolExecutor(conc) as ex: list(ex.map(lambda _: one(url), range(50)))  # warm-up
        c0, t0 = cpu_ms(p.pid), time.time()
        with ThreadPoolExecutor(conc) as ex: list(ex.map(lambda _: one(url), range(n)))
        wall, cpu = time.time() - t0, cpu_ms(p.pid) - c0
        return wall, cpu
    finally:
        p.terminate(); p.wait(30)

SCRATCH = tempfile.mkdtemp(prefix="baton-rest-runs-")
PROJECT = os.path.join(SCRATCH, "project")
os.makedirs(os.path.join(PROJECT, ".baton", "ensembles"))
with open(os.path.join(PROJECT, ".baton", "config.yaml"), "w") as f:
    f.write("default_profile: quick\nproviders:\n  upstream:\n    kind: scripted\n    options:\n      script:\n"
            "        fallback:\n          text: \"A quick answer.\"\nprofiles:\n  quick: {provider: upstream, model: quick-1}\n")
with open(os.path.join(PROJECT, ".baton", "ensembles", "pair.yaml"), "w") as f:
    f.write("name: pair\nagents:\n  - name: first\n    model_profile: quick\n"
            "  - name: second\n    model_profile: quick\n    depends_on: [first]\n")
if len(sys.argv) < 3: raise SystemExit(__doc__ or "usage: rest-runs.py BASE_JAR NEW_JAR [runs] [clients] [rounds]")
base, new = sys.argv[1], sys.argv[2]
n, conc, rounds = (int(a) for a in (sys.argv[3:] + ["300", "8", "3"][len(sys.argv) - 3:])[:3])
res = {"base": [], "new": []}
for i in range(rounds):
    for label, jar in (("base", base), ("new", new)):
        wall, cpu = round_(jar, label, n, conc)
        res[label].append((wall, cpu))
        print(f"round {i} {label}: {n} runs in {wall:.2f} s = {n/wall:.0f} runs/s; server CPU {cpu/n:.2f} ms/run; load {open('/proc/loadavg').read().split()[0]}", flush=True)
for label in res:
    ws = sorted(n / w for w, _ in res[label]); cs = sorted(c / n for _, c in res[label])
    print(f"{label}: runs/s median {ws[len(ws)//2]:.0f} (min {ws[0]:.0f}, max {ws[-1]:.0f}); CPU ms/run median {cs[len(cs)//2]:.2f} (min {cs[0]:.2f}, max {cs[-1]:.2f})")
