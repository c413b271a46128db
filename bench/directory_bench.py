"""LAO directory search under load: `make bench` (or `.venv/bin/python bench/directory_bench.py`).

What it does, in order:

1. Prepares a fresh database: SQLite at var/bench/bench.sqlite3 (deleted and re-created), or,
   with DATABASE_URL=postgres://…, a scratch database created on that server and dropped at the
   end (the account needs CREATEDB; nothing already there is touched).
   `migrate` + `load_demo_data` give all 7,850 LAOs and the demo's verified central e-mails.
2. Starts gunicorn (config.wsgi, sync workers) on a free loopback port with production settings
   (bench/bench_settings.py: config.settings.production over plain HTTP, static files collected
   under var/bench/).
3. Checks that the server answers correctly (7,850 LAOs; "เทศบาลเมืองศิลา" ranks เทศบาลเมืองศิลา
   of Khon Kaen first, with its official e-mail) and counts the SQL queries of each request.
4. Drives each scenario with wrk (50 connections by default; installed with apt-get if missing)
   after a warm-up, and reports requests per second, p50 and p99 latency, and the server's CPU
   time per request. Besides the rotating queries, one row asks every LAO's display name in turn:
   more distinct questions than any cache holds.
5. Writes the results into docs/benchmarks.md, section "LAO directory search" (one block per
   database vendor; the rest of the file is left as it is). --no-docs to skip.

Options: --help. Everything it creates is under var/bench/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
VAR = ROOT / "var" / "bench"
SQLITE_PATH = VAR / "bench.sqlite3"
DOCS = ROOT / "docs" / "benchmarks.md"
SECTION = "## LAO directory search"

# Realistic queries: a bare name, a typed-out municipality, a type word alone, a province, an SAO.
QUERIES = ["แม่เหียะ", "เทศบาลเมืองศิลา", "อบต.", "เชียงใหม่", "ป่าสะแก"]

# Aims (docs/benchmarks.md): the search API at half the trivial view's throughput or more, and a
# p99 under 100 ms with 50 concurrent clients.
AIM_RATIO = 0.5
AIM_P99_MS = 100.0


@dataclass
class Scenario:
    key: str
    label: str
    paths: list[str]


def scenarios(names: list[str] | None = None) -> list[Scenario]:
    """The rows. `names` (every LAO's display name, shuffled) makes the row of distinct
    questions: with thousands of them no answer or response cache can serve a repeat."""

    def search(prefix: str, queries: list[str]) -> list[str]:
        return [f"{prefix}?{urlencode({'q': q}, quote_via=quote)}" for q in queries]

    rows = [
        Scenario("livez", "trivial view `GET /livez` (no database)", ["/livez"]),
        Scenario("api", "search API `GET /api/v1/laos?q=…`", search("/api/v1/laos", QUERIES)),
    ]
    if names:
        rows.append(
            Scenario(
                "api_names",
                f"search API, {len(names):,} distinct names in turn (more than any cache holds)",
                search("/api/v1/laos", names),
            )
        )
    return [
        *rows,
        Scenario("page", "directory page `GET /laos/?q=…`", search("/laos/", QUERIES)),
        Scenario("all", "directory page, all LAOs `GET /laos/`", ["/laos/"]),
    ]


@dataclass
class Result:
    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: dict[str, int] = field(default_factory=dict)
    server_cpu_s: float = 0.0  # CPU time of gunicorn's processes during the run
    wrk_cpu_s: float = 0.0
    busy_s: float = 0.0  # CPU time of the whole machine during the run

    @property
    def others_cores(self) -> float:
        """Cores that processes other than the server and wrk kept busy: noise in the numbers."""
        if not self.seconds:
            return 0.0
        return max(0.0, self.busy_s - self.server_cpu_s - self.wrk_cpu_s) / self.seconds

    @property
    def cpu_ms_per_request(self) -> float:
        return self.server_cpu_s * 1000 / self.requests if self.requests else 0.0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


# --- Environment --------------------------------------------------------------------------------


def bench_env(database_url: str, settings: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=os.pathsep.join([str(BENCH_DIR), str(ROOT)]),
        DJANGO_SETTINGS_MODULE=settings,
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        # Plain HTTP on loopback: no redirect to HTTPS, no HSTS. Everything else is production's.
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=database_url,
        EMAIL_URL="dummymail://",
        DNS_ENABLED="false",
        LOG_LEVEL="WARNING",
    )
    env.pop("DEBUG", None)
    return env


def venv_bin(name: str) -> str:
    candidate = ROOT / ".venv" / "bin" / name
    if candidate.exists():
        return str(candidate)
    return str(Path(sys.executable).with_name(name))


def run_quiet(args: list[str], env: dict[str, str], what: str) -> str:
    proc = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"bench: {what} failed (exit {proc.returncode})")
    return proc.stdout


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if shutil.which("apt-get") and os.geteuid() == 0:
        print("bench: installing wrk with apt-get …", flush=True)
        apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "-qq", "wrk"]
        if subprocess.run(install, env=apt_env, capture_output=True, check=False).returncode:
            subprocess.run(["apt-get", "update", "-qq"], env=apt_env, capture_output=True)
            subprocess.run(install, env=apt_env, capture_output=True, check=False)
        wrk = shutil.which("wrk")
        if wrk:
            return wrk
    raise SystemExit(
        "bench: wrk is needed (Debian: `apt-get install wrk`, macOS: `brew install wrk`)."
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- Database -----------------------------------------------------------------------------------


def prepare_database(env: dict[str, str], *, sqlite: bool) -> None:
    python = venv_bin("python")
    VAR.mkdir(parents=True, exist_ok=True)
    if sqlite:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    print("bench: migrate + load_demo_data + collectstatic …", flush=True)
    started = time.monotonic()
    run_quiet([python, "manage.py", "migrate", "--noinput"], env, "migrate")
    run_quiet([python, "manage.py", "load_demo_data"], env, "load_demo_data")
    run_quiet([python, "manage.py", "collectstatic", "--noinput", "-v", "0"], env, "collectstatic")
    print(f"bench: database ready in {time.monotonic() - started:.1f} s", flush=True)


class ScratchPostgres:
    """A new database on the server DATABASE_URL names, dropped afterwards: every run starts from
    an empty database, and nothing already on the server is touched (needs CREATEDB)."""

    def __init__(self, admin_url: str) -> None:
        from urllib.parse import urlsplit, urlunsplit

        self.admin_url = admin_url
        self.name = f"thongthin_bench_{os.getpid()}"
        parts = urlsplit(admin_url)
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))

    def _execute(self, statement: str) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql.SQL(statement).format(sql.Identifier(self.name)))

    def create(self) -> str:
        try:
            self._execute("CREATE DATABASE {}")
        except Exception as exc:
            raise SystemExit(
                f"bench: cannot create a scratch database on the DATABASE_URL server: {exc}"
            ) from exc
        return self.url

    def drop(self) -> None:
        try:
            self._execute("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        except Exception as exc:
            print(f"bench: could not drop the scratch database {self.name}: {exc}")


# --- Server -------------------------------------------------------------------------------------


class Server:
    def __init__(self, env: dict[str, str], workers: int) -> None:
        self.env = env
        self.workers = workers
        self.port = free_port()
        self.log_path = VAR / "gunicorn.log"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        args = [
            venv_bin("gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--backlog",
            "2048",
            "--log-level",
            "warning",
        ]
        log = self.log_path.open("wb")
        self.proc = subprocess.Popen(args, cwd=ROOT, env=self.env, stdout=log, stderr=log)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"bench: gunicorn exited; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.base}/livez", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise SystemExit(f"bench: gunicorn did not answer in 60 s; see {self.log_path}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def cpu_seconds(self) -> float:
        """User + system CPU time of the gunicorn master and its workers so far (Linux /proc)."""
        if self.proc is None:
            return 0.0
        pids = [self.proc.pid]
        try:
            children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text()
            pids += [int(pid) for pid in children.split()]
        except OSError:
            return 0.0
        ticks = 0
        for pid in pids:
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")

    def get_json(self, path: str) -> dict:
        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            return json.loads(response.read())


def check_answers(server: Server) -> None:
    """The numbers mean nothing if the server answers wrongly: check the data and the ranking."""
    everything = server.get_json("/api/v1/laos?page_size=1")
    if everything["count"] != 7850:
        raise SystemExit(f"bench: expected 7,850 LAOs, the API says {everything['count']}")
    q = urlencode({"q": "เทศบาลเมืองศิลา"}, quote_via=quote)
    first = server.get_json(f"/api/v1/laos?{q}")["results"][0]
    expected = ("เทศบาลเมืองศิลา", "40", "saraban@silacity.go.th")
    got = (first["display_name"], first["province"]["code"], first["official_email"])
    if got != expected:
        raise SystemExit(f"bench: 'เทศบาลเมืองศิลา' ranks {got} first, expected {expected}")
    for scenario in scenarios():
        for path in scenario.paths[:20]:
            with urllib.request.urlopen(server.base + path, timeout=30) as response:
                if response.status != 200:
                    raise SystemExit(f"bench: {path} answered {response.status}")


def count_queries(env: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """SQL queries per request of each scenario (min–max over its paths), in a Django process;
    and every LAO's display name, shuffled, for the row of distinct questions."""
    out = run_quiet(
        [venv_bin("python"), str(Path(__file__).resolve()), "--count-queries"], env, "counting"
    )
    data = json.loads(out.strip().splitlines()[-1])
    counts: dict[str, list[int]] = data["counts"]
    summary = {
        key: str(min(n)) if min(n) == max(n) else f"{min(n)}–{max(n)}" for key, n in counts.items()
    }
    return summary, data["names"]


def _count_queries_here() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from thongthin.directory.models import LAO

    names = sorted(set(LAO.objects.values_list("display_name_th", flat=True)))
    random.Random(7850).shuffle(names)
    client = Client()
    counts: dict[str, list[int]] = {}
    for scenario in scenarios(names):
        distinct = scenario.key == "api_names"
        for path in scenario.paths[:5]:
            if not distinct:  # warm: caches, the Thai word segmenter's dictionary
                client.get(path)
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            counts.setdefault(scenario.key, []).append(len(ctx.captured_queries))
    print(json.dumps({"counts": counts, "names": names}, ensure_ascii=False))


# --- Load ---------------------------------------------------------------------------------------

LUA = """
local paths = {__PATHS__}
local threads = 0
setup = function(thread)
  -- each thread starts elsewhere in the list (golden-ratio steps): no thread repeats another's
  -- recent questions
  thread:set("first", math.floor(#paths * ((threads * 0.618034) % 1)))
  threads = threads + 1
end
local i = 0
init = function(args)
  i = first or 0
end
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
"""
LUA_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  local fields = {
    requests = summary.requests, duration_us = summary.duration,
    p50_us = latency:percentile(50), p90_us = latency:percentile(90),
    p99_us = latency:percentile(99), max_us = latency.max,
    connect = e.connect, read = e.read, write = e.write, status = e.status, timeout = e.timeout,
  }
  local parts = {}
  for k, v in pairs(fields) do parts[#parts + 1] = string.format('"%s": %.1f', k, v) end
  io.write("BENCH_JSON {" .. table.concat(parts, ", ") .. "}\\n")
end
"""
LUA += LUA_REPORT


ERROR_KINDS = ("connect", "read", "write", "status", "timeout")


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy since boot, all cores (Linux /proc/stat)."""
    try:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        return 0.0
    idle, iowait = values[3], values[4]
    return (sum(values) - idle - iowait) / os.sysconf("SC_CLK_TCK")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_wrk(
    wrk: str, server: Server, scenario: Scenario, *, seconds: float, connections: int, threads: int
) -> Result:
    script = VAR / f"{scenario.key}.lua"
    script.write_text(LUA.replace("__PATHS__", ", ".join(json.dumps(p) for p in scenario.paths)))
    return wrk_result(
        wrk,
        server,
        script,
        server.base,
        seconds=seconds,
        connections=connections,
        threads=threads,
        what=scenario.key,
    )


def wrk_result(
    wrk: str,
    server: Server,
    script: Path,
    url: str,
    *,
    seconds: float,
    connections: int,
    threads: int,
    what: str,
) -> Result:
    """Run wrk with a script ending in LUA_REPORT, measuring CPU time around it."""
    args = [wrk, f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s"]
    args += ["--timeout", "10s", "-s", str(script), url]
    cpu_before, busy_before, wrk_before = server.cpu_seconds(), machine_busy(), children_cpu()
    proc = subprocess.run(args, capture_output=True, text=True, check=False)
    server_cpu_s = server.cpu_seconds() - cpu_before
    busy_s, wrk_cpu_s = machine_busy() - busy_before, children_cpu() - wrk_before
    match = re.search(r"^BENCH_JSON (.*)$", proc.stdout, re.MULTILINE)
    if proc.returncode != 0 or not match:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"bench: wrk failed on {what}")
    data = json.loads(match.group(1))
    return Result(
        requests=int(data["requests"]),
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p90_ms=data["p90_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        max_ms=data["max_us"] / 1000,
        errors={k: int(data[k]) for k in ERROR_KINDS if data[k]},
        server_cpu_s=server_cpu_s,
        wrk_cpu_s=wrk_cpu_s,
        busy_s=busy_s,
    )


# --- Report -------------------------------------------------------------------------------------


def machine_notes(
    env: dict[str, str],
    results: dict[str, Result],
    *,
    vendor: str,
    workers: int,
    wrk: str,
    load: float,
    settings: str,
) -> list[str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = run_quiet(
        [
            venv_bin("python"),
            "-c",
            "import django, gunicorn, sqlite3, ninja; "
            "print(django.get_version(), gunicorn.__version__, sqlite3.sqlite_version, "
            "ninja.__version__)",
        ],
        env,
        "versions",
    ).split()
    db = f"SQLite {versions[2]} (WAL, file under var/bench/)"
    if vendor == "postgresql":
        db = (
            "PostgreSQL "
            + run_quiet(
                [
                    venv_bin("python"),
                    "-c",
                    "import django; django.setup(); from django.db import connection; "
                    "c = connection.cursor(); c.execute('SHOW server_version'); "
                    "print(c.fetchone()[0])",
                ],
                env,
                "PostgreSQL version",
            )
            .strip()
            .splitlines()[-1]
            .split()[0]
            + " (a scratch database on the DATABASE_URL server, CONN_MAX_AGE=60)"
        )
    wrk_version = subprocess.run([wrk, "--version"], capture_output=True, text=True, check=False)
    others = max((r.others_cores for r in results.values()), default=0.0)
    if vendor == "postgresql":
        outside = (
            f"CPU used outside gunicorn and wrk during a measured row, the PostgreSQL server's "
            f"included: up to {others:.2f} cores."
        )
    else:
        outside = (
            f"CPU used outside gunicorn and wrk (other processes, the kernel) during a measured "
            f"row: up to {others:.2f} cores"
            + (
                " — a busy machine: the numbers are lower than on a quiet one."
                if others >= 0.1
                else "."
            )
        )
    settings_note = "production settings over plain HTTP (bench/bench_settings.py)"
    if settings != "bench_settings":
        settings_note = f"settings `{settings}`"
    return [
        f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}; the load "
        f"generator runs on the same cores. Load average when the run started: {load:.2f}. "
        + outside,
        f"gunicorn {versions[1]}, {workers} sync workers; {settings_note}; Python "
        f"{platform.python_version()}, Django {versions[0]}, django-ninja {versions[3]}.",
        f"Database: {db}; demo data (7,850 LAOs, 6 verified e-mails).",
        "Load: " + (wrk_version.stdout.splitlines() or ["wrk"])[0].split(" Copyright")[0] + ".",
    ]


def ms(value: float) -> str:
    return f"{value:,.1f} ms" if value < 1000 else f"{value / 1000:,.2f} s"


def render_block(
    rows: list[Scenario],
    results: dict[str, Result],
    queries: dict[str, str],
    notes: list[str],
    *,
    vendor: str,
    command: str,
    seconds: float,
    connections: int,
    threads: int,
    repeat: int,
) -> str:
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"<!-- directory_bench:{vendor} (generated by bench/directory_bench.py; rewritten on "
        "every run) -->",
        f"### {'SQLite' if vendor == 'sqlite' else 'PostgreSQL'}, measured {when}",
        "",
        f"{command} — {connections} concurrent connections ({threads} wrk threads), "
        f"{seconds:g} s per row after a warm-up"
        + (f", the fastest of {repeat} runs" if repeat > 1 else "")
        + "; queries rotate through "
        + ", ".join(QUERIES)
        + ".",
        "",
        "| endpoint | requests/s | p50 | p99 | errors | SQL queries/request | server CPU/request |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for scenario in rows:
        r = results[scenario.key]
        lines.append(
            f"| {scenario.label} | {r.rps:,.0f} | {ms(r.p50_ms)} | {ms(r.p99_ms)} | "
            f"{r.error_count} | {queries.get(scenario.key, '?')} | "
            f"{r.cpu_ms_per_request:.2f} ms |"
        )
    api, livez = results["api"], results["livez"]
    ratio = api.rps / livez.rps if livez.rps else 0.0
    met_ratio = ratio >= AIM_RATIO
    met_p99 = api.p99_ms < AIM_P99_MS
    lines += [
        "",
        f"- Search API throughput / trivial view's: **{ratio:.3f}** "
        f"({api.rps:,.0f} / {livez.rps:,.0f} requests/s). Aim ≥ {AIM_RATIO}: "
        + ("**met**." if met_ratio else "**not met**."),
        f"- Search API p99 with {connections} clients: **{ms(api.p99_ms)}**. Aim < "
        f"{AIM_P99_MS:.0f} ms: " + ("**met**." if met_p99 else "**not met**."),
    ]
    if "api_names" in results:
        cold = results["api_names"]
        lines.append(
            f"- With distinct questions (more than the caches hold): "
            f"**{cold.rps / livez.rps:.3f}** of the trivial view's throughput, p99 "
            f"**{ms(cold.p99_ms)}**."
        )
    slow_pages = [
        f"{s.label.split(' `')[0]} ({ms(results[s.key].p99_ms)})"
        for s in rows
        if s.key in {"page", "all"} and results[s.key].p99_ms >= AIM_P99_MS
    ]
    if slow_pages:
        lines.append("- HTML pages over 100 ms at p99: " + ", ".join(slow_pages) + ".")
    lines += ["", "Machine:", ""] + [f"- {note}" for note in notes]
    lines.append(f"<!-- /directory_bench:{vendor} -->")
    return "\n".join(lines) + "\n"


SECTION_INTRO = """## LAO directory search

How fast the public LAO search answers under load, next to the framework's ceiling: `GET /livez`,
a view that touches no database. `make bench` measures it on SQLite (a fresh file under
var/bench/); `DATABASE_URL=postgres://… make bench` on PostgreSQL (the script creates a scratch
database on that server and drops it afterwards, so the account needs CREATEDB). See
`bench/directory_bench.py` for what it does and its options (`--help`).

Aims:

- the search API (`GET /api/v1/laos?q=…`) at **half or more of the trivial view's throughput**;
- **p99 under 100 ms with 50 concurrent clients**.

The blocks below are rewritten by each run (one per database); the analysis after them is not.
"""


def write_docs_section(*, mark: str, vendor: str, block: str, section: str, intro: str) -> None:
    """Put one benchmark's block (between `<!-- {mark}:{vendor} … -->` and
    `<!-- /{mark}:{vendor} -->`) into docs/benchmarks.md: in place of the previous run's block,
    else in its section after the other database's block (or before the section's first "### "
    heading), else as a new section at the end. Re-reads the file right before writing: other
    benchmarks write their own sections."""
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n"
    found = re.search(
        rf"^<!-- {re.escape(mark)}:{vendor}[ -].*?^<!-- /{re.escape(mark)}:{vendor} -->\n",
        text,
        re.MULTILINE | re.DOTALL,
    )
    if found:
        text = text[: found.start()] + block + text[found.end() :]
    elif section in text:
        head, tail = text.split(section, 1)
        next_section = re.search(r"^## ", tail, re.MULTILINE)
        own = tail[: next_section.start()] if next_section else tail
        ends = list(re.finditer(rf"^<!-- /{re.escape(mark)}:\w+ -->\n", own, re.MULTILINE))
        if ends:
            cut = ends[-1].end()
        else:
            heading = re.search(r"^### ", own, re.MULTILINE)
            cut = heading.start() if heading else len(own)
        rest = tail[cut:].lstrip("\n")
        text = head + section + tail[:cut].rstrip("\n") + "\n\n" + block
        text += "\n" + rest if rest else ""
    else:
        text = text.rstrip("\n") + "\n\n" + intro + "\n" + block
    DOCS.parent.mkdir(exist_ok=True)
    DOCS.write_text(text, encoding="utf-8")


# --- Main ---------------------------------------------------------------------------------------


def default_workers() -> int:
    # Sync workers, one per core: the work is CPU-bound (SQLite runs inside the worker) and wrk
    # shares the cores. On 2 cores, 2 workers measured best (docs/benchmarks.md); more only add
    # context switches.
    return os.cpu_count() or 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--seconds", type=float, default=20, help="measured seconds per row")
    parser.add_argument("--warmup", type=float, default=5, help="warm-up seconds per row")
    parser.add_argument(
        "--repeat", type=int, default=1, help="measure each row N times and keep the fastest"
    )
    parser.add_argument("--only", nargs="*", help="scenarios: livez api api_names page all")
    parser.add_argument("--settings", default="bench_settings", help="Django settings module")
    parser.add_argument("--no-docs", action="store_true", help="do not write docs/benchmarks.md")
    parser.add_argument("--count-queries", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count_queries:
        _count_queries_here()
        return

    load = os.getloadavg()[0]
    database_url = os.environ.get("DATABASE_URL", "")
    sqlite = not database_url or database_url.startswith("sqlite")
    vendor = "sqlite" if sqlite else "postgresql"
    wrk = ensure_wrk()
    scratch = None if sqlite else ScratchPostgres(database_url)
    database_url = f"sqlite:///{SQLITE_PATH}" if scratch is None else scratch.create()
    env = bench_env(database_url, args.settings)
    server = Server(env, args.workers)
    results: dict[str, Result] = {}
    try:
        prepare_database(env, sqlite=sqlite)
        queries, names = count_queries(env)
        rows = scenarios(names)
        chosen = [s for s in rows if not args.only or s.key in args.only]
        server.start()
        check_answers(server)
        print(
            f"bench: gunicorn with {args.workers} workers at {server.base}; "
            f"{args.connections} connections, {args.seconds:g} s per row",
            flush=True,
        )
        opts = {"connections": args.connections, "threads": args.threads}
        for scenario in chosen:
            if args.warmup > 0:
                run_wrk(wrk, server, scenario, seconds=args.warmup, **opts)
            runs = [
                run_wrk(wrk, server, scenario, seconds=args.seconds, **opts)
                for _ in range(max(1, args.repeat))
            ]
            result = results[scenario.key] = max(runs, key=lambda r: r.rps)
            errors = f", errors {result.errors}" if result.errors else ""
            print(
                f"  {scenario.key:9} {result.rps:9,.0f} req/s   p50 {ms(result.p50_ms):>9}   "
                f"p99 {ms(result.p99_ms):>9}   server CPU {result.cpu_ms_per_request:5.2f} ms/req"
                f"   queries {queries.get(scenario.key, '?')}   "
                f"others {result.others_cores:.2f} cores{errors}",
                flush=True,
            )
        notes = machine_notes(
            env,
            results,
            vendor=vendor,
            workers=args.workers,
            wrk=wrk,
            load=load,
            settings=args.settings,
        )
    finally:
        server.stop()
        if scratch is not None:
            scratch.drop()

    if "api" in results and "livez" in results:
        ratio = results["api"].rps / results["livez"].rps
        print(f"bench: search API / trivial view = {ratio:.3f} (aim ≥ {AIM_RATIO})")
    if args.no_docs or len(results) < len(rows):
        return
    invocation = " ".join([".venv/bin/python bench/directory_bench.py", *sys.argv[1:]])
    prefix = "" if sqlite else "DATABASE_URL=postgres://… "
    command = f"`{prefix}{invocation}`"
    if not sys.argv[1:]:
        command = f"`{prefix}make bench` (runs `{prefix}{invocation}`)"
    block = render_block(
        rows,
        results,
        queries,
        notes,
        vendor=vendor,
        command=command,
        seconds=args.seconds,
        connections=args.connections,
        threads=args.threads,
        repeat=args.repeat,
    )
    write_docs_section(
        mark="directory_bench", vendor=vendor, block=block, section=SECTION, intro=SECTION_INTRO
    )
    print(f"bench: wrote {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
