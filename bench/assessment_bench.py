"""Fiscal-discipline assessment at national scale: `.venv/bin/python bench/assessment_bench.py`
(`make bench` runs it after the directory benchmark).

1. A fresh database (SQLite under var/bench/, or a scratch database on the DATABASE_URL server):
   migrate, load_demo_data, then 25,000 generated assessments (about three per LAO, realistic
   answers and cost lines, evaluated by the product's own evaluator; thongthin/demo/assessments.py).
2. gunicorn with production settings (bench/bench_settings.py, plain HTTP on loopback).
3. The auditor dashboard for the whole country (an auditor granted all 77 provinces): each page
   requested sequentially, warm, N times; median and slowest.
4. `POST /api/v1/assessments/evaluate` under load with wrk (50 connections): requests/s, p50, p99.
5. Results into docs/benchmarks.md, section "Fiscal-discipline assessment" (one block per database).

Aims (issue 3): the national dashboard under one second; evaluate above 200 requests per second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import sys
import time
import urllib.request
from pathlib import Path

from directory_bench import (
    DOCS,
    LUA_REPORT,
    ROOT,
    VAR,
    Result,
    ScratchPostgres,
    Server,
    bench_env,
    default_workers,
    ensure_wrk,
    ms,
    run_quiet,
    venv_bin,
    write_docs_section,
    wrk_result,
)

SQLITE_PATH = VAR / "assessment.sqlite3"
SECTION = "## Fiscal-discipline assessment"
AIM_DASHBOARD_S = 1.0
AIM_EVALUATE_RPS = 200
DASHBOARD_PATHS = [
    ("national dashboard, every fiscal year", "/assessments/dashboard"),
    ("national dashboard, FY 2568", "/assessments/dashboard?fiscal_year=2568"),
    ("national dashboard, festivals of SAOs", "/assessments/dashboard?kind=festival&lao_type=sao"),
    ("national dashboard, page 100 of the list", "/assessments/dashboard?page=100"),
    ("export of one province (CSV)", "/assessments/dashboard.csv?province=30"),
]
EVALUATE_BODY = {
    "kind": "festival",
    "lao_type": "subdistrict_municipality",
    "fiscal_year": 2568,
    "answers": {
        "F1.1": "yes",
        "F1.2": "yes",
        "F1.3": "yes",
        "F1.4": "yes",
        "F2.1": "yes",
        "F3.1": "yes",
        "F3.1a": "200000",
        "F4.1": "yes",
        "F4.4": "no",
        "F4.5": "na",
        "G2": "yes",
        "G3": "yes",
        "G4": "yes",
        "G5": "yes",
        "G6": "yes",
        "P-27": "15/10/2567",
    },
    "facts": {
        "amount": "150000",
        "funding_source": "annual_budget",
        "budget_announced_on": "2024-09-20",
    },
    "cost_lines": [
        {
            "category": "food_workers",
            "description": "อาหารกลางวัน",
            "unit_cost": "120",
            "persons": 40,
            "days": 2,
        },
        {"category": "stage_sound_light", "description": "เวทีและเครื่องเสียง", "unit_cost": "35000"},
        {"category": "souvenirs", "description": "ผ้าขนหนูแจก", "quantity": "500", "unit_cost": "60"},
    ],
}

LUA = (
    """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [==[__BODY__]==]
"""
    + LUA_REPORT
)


def _prepare_here(count: int) -> None:
    """Inside a Django process: generate the assessments and an auditor of the whole country;
    print the generation time and a session key for that auditor."""
    import django

    django.setup()
    from django.contrib.sessions.backends.db import SessionStore

    from thongthin.accounts.models import PlatformRole, RoleGrant, User
    from thongthin.demo.assessments import generate_assessments
    from thongthin.directory.models import Province

    started = time.monotonic()
    made = generate_assessments(count=count, seed=2568)
    seconds = time.monotonic() - started
    # A database in service has statistics; one just bulk-loaded does not until autovacuum runs.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    user, _ = User.objects.get_or_create(email="national.auditor@oag.example")
    grant, _ = RoleGrant.objects.get_or_create(
        user=user, role=PlatformRole.AUDITOR, revoked_at=None
    )
    grant.provinces.set(Province.objects.all())
    session = SessionStore()
    session.update(
        {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
            "_auth_user_hash": user.get_session_auth_hash(),
        }
    )
    session.create()
    print(json.dumps({"generated": made, "seconds": seconds, "session": session.session_key}))


def time_pages(
    server: Server, session: str, runs: int, expected: int
) -> list[tuple[str, str, float, float, int]]:
    rows = []
    for label, path in DASHBOARD_PATHS:
        request = urllib.request.Request(
            server.base + path, headers={"Cookie": f"thongthin_session={session}"}
        )
        times = []
        size = 0
        for attempt in range(runs + 2):
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=60) as response:
                body = response.read()
                if response.status != 200:
                    raise SystemExit(f"bench: {path} answered {response.status}")
            if attempt >= 2:  # two warm-up requests
                times.append(time.perf_counter() - started)
            size = len(body)
        if path == "/assessments/dashboard":
            # The page must really count them all (generated + the demo's), or the timing lies.
            shown = re.search(r"([\d,]+)\s*ฉบับ".encode(), body)
            total = int(shown.group(1).replace(b",", b"")) if shown else 0
            if total < expected:
                raise SystemExit(f"bench: the national dashboard shows {total} assessments")
        rows.append((label, path, statistics.median(times), max(times), size))
        print(
            f"  {label:45} median {ms(statistics.median(times) * 1000):>9}  "
            f"slowest {ms(max(times) * 1000):>9}",
            flush=True,
        )
    return rows


def run_evaluate(
    wrk: str, server: Server, *, seconds: float, connections: int, threads: int
) -> Result:
    script = VAR / "evaluate.lua"
    script.write_text(LUA.replace("__BODY__", json.dumps(EVALUATE_BODY)), encoding="utf-8")
    url = server.base + "/api/v1/assessments/evaluate"
    return wrk_result(
        wrk,
        server,
        script,
        url,
        seconds=seconds,
        connections=connections,
        threads=threads,
        what="evaluate",
    )


def check_evaluate(server: Server) -> None:
    request = urllib.request.Request(
        server.base + "/api/v1/assessments/evaluate",
        data=json.dumps(EVALUATE_BODY).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = json.loads(response.read())
    failed = {f["check_id"] for f in body["findings"] if f["result"] == "fail"}
    if body["level"] != "suspend" or "F4.3" not in failed:
        raise SystemExit(f"bench: evaluate answered {body['level']} with {sorted(failed)}")


def render_block(
    vendor: str,
    command: str,
    generation: dict,
    pages: list,
    evaluate: Result,
    notes: list[str],
    connections: int,
) -> str:
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    name = "SQLite" if vendor == "sqlite" else "PostgreSQL"
    slowest_dashboard = max(
        p[3] for p in pages if "dashboard?" in p[1] or p[1].endswith("dashboard")
    )
    lines = [
        f"<!-- assessment_bench:{vendor} (generated by bench/assessment_bench.py; "
        "rewritten on every run) -->",
        f"### {name}, measured {when}",
        "",
        f"`{command}` — {generation['generated']:,} generated assessments (made in "
        f"{generation['seconds']:.0f} s); pages requested one at a time, warm, the median and the "
        "slowest of the timed runs; evaluate driven by wrk.",
        "",
        "| what | median | slowest | response |",
        "|---|---:|---:|---:|",
    ]
    for label, path, median, slowest, size in pages:
        lines.append(
            f"| {label} (`{path}`) | {ms(median * 1000)} | {ms(slowest * 1000)} | "
            f"{size / 1024:,.0f} KiB |"
        )
    lines += [
        "",
        "| endpoint | requests/s | p50 | p99 | errors | server CPU/request |",
        "|---|---:|---:|---:|---:|---:|",
        f"| `POST /api/v1/assessments/evaluate` ({connections} connections) | "
        f"{evaluate.rps:,.0f} | "
        f"{ms(evaluate.p50_ms)} | {ms(evaluate.p99_ms)} | {evaluate.error_count} | "
        f"{evaluate.cpu_ms_per_request:.2f} ms |",
        "",
        f"- National dashboard, slowest page: **{ms(slowest_dashboard * 1000)}**. Aim < 1 s: "
        + ("**met**." if slowest_dashboard < AIM_DASHBOARD_S else "**not met**."),
        f"- Evaluate: **{evaluate.rps:,.0f} requests/s**. Aim > {AIM_EVALUATE_RPS}: "
        + ("**met**." if evaluate.rps > AIM_EVALUATE_RPS else "**not met**."),
        "",
        "Machine:",
        "",
        *[f"- {note}" for note in notes],
        f"<!-- /assessment_bench:{vendor} -->",
    ]
    return "\n".join(lines) + "\n"


SECTION_INTRO = """## Fiscal-discipline assessment

The auditor dashboard for the whole country and the evaluation API, over 25,000 generated
assessments (about three per LAO). Run `.venv/bin/python bench/assessment_bench.py` (SQLite) or
with `DATABASE_URL=postgres://…` (a scratch database is created on that server and dropped).

Aims: the national dashboard under one second; evaluate above 200 requests per second.
"""


def write_docs(block: str, vendor: str) -> None:
    write_docs_section(
        mark="assessment_bench", vendor=vendor, block=block, section=SECTION, intro=SECTION_INTRO
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assessments", type=int, default=25_000)
    parser.add_argument("--runs", type=int, default=10, help="timed requests per dashboard page")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--no-docs", action="store_true")
    parser.add_argument("--prepare-here", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare_here is not None:
        _prepare_here(args.prepare_here)
        return

    database_url = os.environ.get("DATABASE_URL", "")
    sqlite = not database_url or database_url.startswith("sqlite")
    vendor = "sqlite" if sqlite else "postgresql"
    scratch = None
    if sqlite:
        VAR.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        database_url = f"sqlite:///{SQLITE_PATH}"
    else:
        scratch = ScratchPostgres(database_url)
        database_url = scratch.create()
    wrk = ensure_wrk()
    env = bench_env(database_url, "bench_settings")
    server = Server(env, args.workers)
    try:
        python = venv_bin("python")
        print("bench: migrate + load_demo_data + collectstatic …", flush=True)
        run_quiet([python, "manage.py", "migrate", "--noinput"], env, "migrate")
        run_quiet([python, "manage.py", "load_demo_data"], env, "load_demo_data")
        run_quiet(
            [python, "manage.py", "collectstatic", "--noinput", "-v", "0"], env, "collectstatic"
        )
        print(f"bench: generating {args.assessments:,} assessments …", flush=True)
        out = run_quiet(
            [python, str(Path(__file__).resolve()), "--prepare-here", str(args.assessments)],
            env,
            "generating assessments",
        )
        generation = json.loads(out.strip().splitlines()[-1])
        print(
            f"bench: {generation['generated']:,} assessments in {generation['seconds']:.0f} s",
            flush=True,
        )
        server.start()
        check_evaluate(server)
        pages = time_pages(server, generation["session"], args.runs, generation["generated"])
        run_evaluate(wrk, server, seconds=5, connections=args.connections, threads=args.threads)
        evaluate = run_evaluate(
            wrk, server, seconds=args.seconds, connections=args.connections, threads=args.threads
        )
        if evaluate.error_count:
            raise SystemExit(f"bench: evaluate answered with errors: {evaluate.errors}")
        print(
            f"  evaluate {evaluate.rps:,.0f} req/s  p50 {ms(evaluate.p50_ms)}  "
            f"p99 {ms(evaluate.p99_ms)}"
            f"  errors {evaluate.error_count}",
            flush=True,
        )
    finally:
        server.stop()
        if scratch is not None:
            scratch.drop()
    if args.no_docs:
        return
    command = ".venv/bin/python bench/assessment_bench.py" + (
        " " + " ".join(sys.argv[1:]) if sys.argv[1:] else ""
    )
    if not sqlite:
        command = "DATABASE_URL=postgres://… " + command
    versions = run_quiet(
        [
            python,
            "-c",
            "import django, sqlite3; print(django.get_version(), sqlite3.sqlite_version)",
        ],
        env,
        "versions",
    ).split()
    database = (
        f"SQLite {versions[1]} (WAL)"
        if sqlite
        else "PostgreSQL (scratch database on the DATABASE_URL server)"
    )
    notes = [
        f"{os.cpu_count()} cores; gunicorn {args.workers} sync workers, production settings "
        "over plain HTTP; "
        f"Django {versions[0]}; the load generator shares the cores.",
        f"Database: {database}.",
    ]
    write_docs(
        render_block(vendor, command, generation, pages, evaluate, notes, args.connections), vendor
    )
    print(f"bench: wrote {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
