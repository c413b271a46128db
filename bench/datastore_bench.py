"""DataStore at a million rows: `.venv/bin/python bench/datastore_bench.py` (SQLite) or with
`DATABASE_URL=postgres://…` (a scratch database is created on that server and dropped).

1. A fresh database (SQLite under var/bench/, or a scratch PostgreSQL database): `migrate`.
2. A generated CSV of 1,000,000 rows (year, province, district, category, amount, date, note;
   about 190 MB, kept under var/bench/ between runs) uploaded as a resource and loaded by the
   product's own loader, run by the worker (`jobs.work`): load time, rows per second, peak memory.
3. `datastore_search` through the whole Django stack (test client: middleware, the CKAN
   dispatcher, JSON), each request warm and repeated: p50, p95 and the slowest, for filters on one
   column, a list filter, sorts, and full-text `q`.
4. Results into docs/benchmarks.md, section "Open data datastore" (one block per database).

Aim (issue): a filtered page (`filters` on one column, limit 100) from a one-million-row resource
in under 200 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource as rlimit
import statistics
import sys
import time
from pathlib import Path

from directory_bench import (
    DOCS,
    ROOT,
    VAR,
    ScratchPostgres,
    bench_env,
    ms,
    run_quiet,
    venv_bin,
    write_docs_section,
)

SQLITE_PATH = VAR / "datastore.sqlite3"
MEDIA = VAR / "media"
SECTION = "## Open data datastore"
AIM_MS = 200.0
PROVINCES = [f"จังหวัดที่ {n}" for n in range(1, 78)]
CATEGORIES = [
    "งบกลาง", "เงินเดือน", "ค่าจ้าง", "ค่าตอบแทน", "ค่าใช้สอย", "ค่าวัสดุ", "ค่าสาธารณูปโภค",
    "เงินอุดหนุน", "ครุภัณฑ์", "ที่ดินและสิ่งก่อสร้าง", "รายจ่ายอื่น", "เงินสำรองจ่าย",
]  # fmt: skip
WORDS = [
    "ถนน", "ประปา", "ไฟฟ้า", "โรงเรียน", "ศูนย์เด็กเล็ก", "ผู้สูงอายุ", "ขยะ", "สะพาน",
    "คลอง", "ตลาด", "กีฬา", "อนามัย", "บ่อบาดาล", "ฝาย", "ไฟส่องสว่าง", "รางระบายน้ำ",
]  # fmt: skip


def district(n: int) -> str:
    return f"อำเภอ{n:03d}"


def generate_csv(path: Path, rows: int, seed: int = 2568) -> int:
    """The benchmark file, written in chunks; returns its size."""
    rng = random.Random(seed)
    start = dt.date(2017, 10, 1)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("year,province,district,category,amount,recorded,note\n")
        chunk = []
        for i in range(rows):
            p = rng.randrange(77)
            year = 2560 + rng.randrange(10)
            where = f"{PROVINCES[p]},{district(p * 12 + rng.randrange(12))}"
            category = CATEGORIES[rng.randrange(12)]
            amount = f"{rng.randrange(100, 5_000_000)}.{rng.randrange(100):02d}"
            chunk.append(
                f"{year},{where},{category},{amount},"
                f"{start + dt.timedelta(days=rng.randrange(3650))},"
                f"โครงการ{WORDS[rng.randrange(16)]}หมู่ที่ {rng.randrange(1, 20)} รายการ {i}\n"
            )
            if len(chunk) == 10_000:
                out.write("".join(chunk))
                chunk = []
        out.write("".join(chunk))
    return path.stat().st_size


# --- Inside the Django process ------------------------------------------------------------------


def _percentiles(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": statistics.median(ordered) * 1000, "p95": p95 * 1000, "max": ordered[-1] * 1000}


def _run_here(csv_path: str, rows: int, runs: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction
    from django.test import Client

    from thongthin.accounts.models import User
    from thongthin.core import jobs
    from thongthin.opendata.datastore.models import DatastoreTable
    from thongthin.opendata.datastore.services import datastore_schedule_load
    from thongthin.opendata.models import Dataset, Organization, Resource

    media = Path(settings.MEDIA_ROOT) / "opendata" / "bench"
    media.mkdir(parents=True, exist_ok=True)
    link = media / "budget_1m.csv"
    link.unlink(missing_ok=True)
    link.symlink_to(Path(csv_path).resolve())
    user = User.objects.create_superuser("datastore.bench@example.go.th", "Bench")
    org = Organization.objects.create(name="datastore-bench", title="Bench", kind="agency")
    dataset = Dataset.objects.create(name="budget-1m", title="งบประมาณ", owner_org=org, thai={})
    resource = Resource.objects.create(
        dataset=dataset,
        name="budget_1m.csv",
        format="CSV",
        url_type="upload",
        upload="opendata/bench/budget_1m.csv",
    )
    with transaction.atomic():
        datastore_schedule_load(resource=resource, actor=user)
    before_rss = rlimit.getrusage(rlimit.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    jobs.work(once=True)
    load_seconds = time.perf_counter() - started
    table = DatastoreTable.objects.get(resource=resource)
    if table.status != "active" or table.row_count != rows:
        raise SystemExit(f"bench: load ended {table.status}: {table.error_detail}")
    peak_rss_mb = rlimit.getrusage(rlimit.RUSAGE_SELF).ru_maxrss / 1024
    rid = resource.pk
    rng = random.Random(7)
    districts = [district(n) for n in range(77 * 12)]

    client = Client()  # one handler, built once, as in a server process

    def search(**params: object) -> dict:
        query = {"resource_id": rid}
        for key, value in params.items():
            query[key] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        response = client.get("/api/3/action/datastore_search", query)
        body = response.json()
        if response.status_code != 200 or not body.get("success"):
            raise SystemExit(f"bench: datastore_search {params} answered {response.status_code}")
        return body["result"]

    scenarios = [
        (
            "filters on one column (`district`, about 1,100 matches), limit 100",
            "filters",
            lambda: {"filters": {"district": rng.choice(districts)}, "limit": "100"},
        ),
        (
            "filters on one column (`year`, about 100,000 matches), limit 100",
            "filters",
            lambda: {"filters": {"year": str(2560 + rng.randrange(10))}, "limit": "100"},
        ),
        (
            "filters on two columns, a list of 3 provinces and a category",
            "filters",
            lambda: {
                "filters": {
                    "province": rng.sample(PROVINCES, 3),
                    "category": rng.choice(CATEGORIES),
                },
                "limit": "100",
            },
        ),
        (
            "filters + sort (`district`, sort `amount desc`)",
            "filters",
            lambda: {
                "filters": {"district": rng.choice(districts)},
                "sort": "amount desc",
                "limit": "100",
            },
        ),
        ("first page, no filter", "page", lambda: {"limit": "100"}),
        (
            "deep page (offset 500,000)",
            "page",
            lambda: {"limit": "100", "offset": str(500_000 + rng.randrange(1000))},
        ),
        ("sort `amount desc`, no filter", "sort", lambda: {"sort": "amount desc"}),
        (
            "sort `recorded, year desc`, no filter",
            "sort",
            lambda: {"sort": "recorded, year desc"},
        ),
        (
            "`q` over every column (two terms, e.g. `ถนนหมู่ที่ 7`)",
            "q",
            lambda: {"q": rng.choice(WORDS) + "หมู่ที่ 7"},
        ),
        (
            '`q` on one column (`{"note": "รายการ 123456"}`)',
            "q",
            lambda: {"q": {"note": f"รายการ {rng.randrange(rows)}"}},
        ),
    ]
    results = []
    for label, kind, make in scenarios:
        count = runs if kind != "q" else max(3, runs // 10)
        times = []
        total = 0
        for attempt in range(count + 2):
            params = make()
            started = time.perf_counter()
            result = search(**params)
            elapsed = time.perf_counter() - started
            if attempt >= 2:  # two warm-up requests
                times.append(elapsed)
            total = result.get("total", 0)
        if kind in ("filters", "q") and not total:
            raise SystemExit(f"bench: {label} found nothing")
        stats = _percentiles(times)
        results.append({"label": label, "kind": kind, "runs": count, "total": total, **stats})
        print(
            f"  {label:70} p50 {ms(stats['p50']):>9}  p95 {ms(stats['p95']):>9}  "
            f"max {ms(stats['max']):>9}",
            file=sys.stderr,
            flush=True,
        )
    versions = {"django": django.get_version()}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()"
        )
        versions["database"] = (
            str(cursor.fetchone()[0]).split(" on ")[0].removeprefix("PostgreSQL ")
        )
    print(
        json.dumps(
            {
                "rows": table.row_count,
                "columns": len(table.fields),
                "types": {f["id"]: f["type"] for f in table.fields},
                "load_seconds": load_seconds,
                "peak_rss_mb": peak_rss_mb,
                "rss_before_mb": before_rss / 1024,
                "searches": results,
                "versions": versions,
            }
        )
    )


# --- The report ---------------------------------------------------------------------------------


def render_block(vendor: str, command: str, data: dict, file_mb: float, load: float) -> str:
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    name = "SQLite" if vendor == "sqlite" else "PostgreSQL"
    filtered = [s for s in data["searches"] if s["kind"] == "filters"]
    worst = max(s["p95"] for s in filtered)
    lines = [
        f"<!-- datastore_bench:{vendor} -->",
        f"### {name}, measured {when}",
        "",
        f"`{command}` — {data['rows']:,} rows × {data['columns']} columns ({file_mb:,.0f} MB CSV).",
        "",
        f"- Load (two streaming passes, COPY/executemany in batches, one index per column, "
        f"ANALYZE): **{data['load_seconds']:,.0f} s** "
        f"({data['rows'] / data['load_seconds']:,.0f} rows/s); peak RSS of the worker "
        f"{data['peak_rss_mb']:,.0f} MB ({data['rss_before_mb']:,.0f} MB before the load).",
        f"- Types found: {', '.join(f'`{k}` {v}' for k, v in data['types'].items())}.",
        "",
        "| `datastore_search` (GET through the whole Django stack) | runs | total | p50 | p95 "
        "| slowest |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for s in data["searches"]:
        lines.append(
            f"| {s['label']} | {s['runs']} | {s['total']:,} | {ms(s['p50'])} | {ms(s['p95'])} | "
            f"{ms(s['max'])} |"
        )
    lines += [
        "",
        f"- Filtered pages, worst p95: **{ms(worst)}**. Aim < {AIM_MS:.0f} ms: "
        + ("**met**." if worst < AIM_MS else "**not met**."),
        "",
        "Machine:",
        "",
        f"- {os.cpu_count()} cores; one process (the worker's load, then the requests through "
        f"django.test.Client, production settings); Django {data['versions']['django']}; "
        f"load average when the run started: {load:.2f} (other work shares the machine).",
        f"- Database: {name} {data['versions']['database']}"
        + (" (WAL, file under var/bench/)." if vendor == "sqlite" else " (scratch database)."),
        f"<!-- /datastore_bench:{vendor} -->",
    ]
    return "\n".join(lines) + "\n"


SECTION_INTRO = """## Open data datastore

A one-million-row CSV loaded into the DataStore by the worker, then `datastore_search` timed.
Run `.venv/bin/python bench/datastore_bench.py` (SQLite) or with `DATABASE_URL=postgres://…` (a
scratch database is created on that server and dropped). The generated CSV is kept under
var/bench/ between runs.

Aim: a filtered page (`filters` on one column, limit 100) from a one-million-row resource in under
200 ms. Every column of a loaded table gets an index (B-tree; hash on PostgreSQL for text columns
too long for a B-tree), so filters and sorts on any column are answered from an index; `q`
(substring match over every column, so Thai words match inside unsegmented text) reads the whole
table and is not covered by the aim.
"""


def write_docs(block: str, vendor: str) -> None:
    write_docs_section(
        mark="datastore_bench", vendor=vendor, block=block, section=SECTION, intro=SECTION_INTRO
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=50, help="timed requests per search")
    parser.add_argument("--no-docs", action="store_true")
    parser.add_argument("--run-here", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_here:
        _run_here(args.run_here[0], int(args.run_here[1]), int(args.run_here[2]))
        return

    load = os.getloadavg()[0]
    VAR.mkdir(parents=True, exist_ok=True)
    csv_path = VAR / f"datastore_{args.rows}.csv"
    if not csv_path.exists():
        print(f"bench: generating {args.rows:,} rows …", flush=True)
        started = time.monotonic()
        generate_csv(csv_path, args.rows)
        print(f"bench: {csv_path.name} in {time.monotonic() - started:.0f} s", flush=True)
    file_mb = csv_path.stat().st_size / 1024 / 1024

    database_url = os.environ.get("DATABASE_URL", "")
    sqlite = not database_url or database_url.startswith("sqlite")
    vendor = "sqlite" if sqlite else "postgresql"
    scratch = None
    if sqlite:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        database_url = f"sqlite:///{SQLITE_PATH}"
    else:
        scratch = ScratchPostgres(database_url)
        database_url = scratch.create()
    env = bench_env(database_url, "bench_settings")
    env["MEDIA_ROOT"] = str(MEDIA)
    env["JOBS_EAGER"] = "false"
    python = venv_bin("python")
    try:
        print("bench: migrate …", flush=True)
        run_quiet([python, "manage.py", "migrate", "--noinput"], env, "migrate")
        print("bench: loading and searching …", flush=True)
        import subprocess

        proc = subprocess.run(
            [
                python,
                str(Path(__file__).resolve()),
                "--run-here",
                str(csv_path),
                str(args.rows),
                str(args.runs),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            raise SystemExit(f"bench: the run failed (exit {proc.returncode})")
        data = json.loads(proc.stdout.strip().splitlines()[-1])
    finally:
        if scratch is not None:
            scratch.drop()
    print(
        f"bench: loaded {data['rows']:,} rows in {data['load_seconds']:.1f} s, "
        f"peak RSS {data['peak_rss_mb']:.0f} MB",
        flush=True,
    )
    if args.no_docs:
        return
    command = ".venv/bin/python bench/datastore_bench.py" + (
        " " + " ".join(sys.argv[1:]) if sys.argv[1:] else ""
    )
    if not sqlite:
        command = "DATABASE_URL=postgres://… " + command
    write_docs(render_block(vendor, command, data, file_mb, load), vendor)
    print(f"bench: wrote {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
