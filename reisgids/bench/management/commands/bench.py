"""``make bench``: seed databases at two scales, time the main pages against a floor view, load
test them with gunicorn and locust, time the kompas draft, and write docs/benchmarks.md."""

import csv
import datetime
import json
import logging
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.test import Client
from django.test.utils import override_settings

from atlas.models import Area, Organisation, Theme
from deals.models import Deal
from reisgids.bench.seed import PASSWORD, Seeder
from schouw.models import Participant, SchouwRound

BENCH_URLCONF = "reisgids.bench.urls"
DOC = Path(settings.BASE_DIR) / "docs" / "benchmarks.md"
# What follows this line in docs/benchmarks.md is written by hand (what changed, why targets are
# missed); a new run replaces the tables above it and keeps the rest.
NOTES_MARKER = "<!-- Written by hand below this line; make bench keeps it. -->"


def with_notes_kept(report: str, existing: str) -> str:
    """The new tables, followed by the hand-written part of the existing document (if any)."""
    if NOTES_MARKER not in existing:
        return report
    return report.rstrip("\n") + "\n\n" + NOTES_MARKER + existing.split(NOTES_MARKER, 1)[1]


PAGINATED = "paginated"
FLOOR = "Vloer (minimale view)"  # the page the others are measured against


def _server_dsn(dbname="postgres"):
    db = settings.DATABASES["default"]
    return psycopg.conninfo.make_conninfo(
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        dbname=dbname,
    )


def _percentile(values, p):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


class QueryCounter:
    """Counts the SQL statements a request runs (a database execute wrapper)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _log_in(client, user):
    """A session for ``user`` without the login signal (the login throttle wants a real address)."""
    from importlib import import_module

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "reisgids.core.backends.StaffModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Command(BaseCommand):
    help = "Meet de snelheid op schaal (factor 1 en 20) en schrijf docs/benchmarks.md."

    def add_arguments(self, parser):
        parser.add_argument("--factors", default="1,20", help="Schaalfactoren, komma-gescheiden.")
        parser.add_argument(
            "--requests", type=int, default=30, help="Verzoeken per pagina (na opwarmen)."
        )
        parser.add_argument("--skip-load", action="store_true", help="Sla de belastingtest over.")
        parser.add_argument(
            "--skip-draft", action="store_true", help="Sla het meten van het kompasconcept over."
        )
        parser.add_argument("--keep", action="store_true", help="Laat de meetdatabases staan.")
        parser.add_argument(
            "--reuse", action="store_true", help="Gebruik een bestaande, gevulde meetdatabase."
        )
        parser.add_argument("--load-seconds", type=int, default=20)
        parser.add_argument(
            "--no-doc", action="store_true", help="Schrijf docs/benchmarks.md niet."
        )

    def handle(
        self,
        *args,
        factors,
        requests,
        skip_load,
        skip_draft,
        keep,
        reuse,
        load_seconds,
        no_doc,
        **opts,
    ):
        try:
            factor_list = [float(f) for f in factors.split(",") if f.strip()]
        except ValueError as exc:
            raise CommandError("--factors is een lijst getallen, zoals 1,20.") from exc
        if requests < 5:
            raise CommandError("--requests moet minstens 5 zijn.")
        self.original_db = dict(settings.DATABASES["default"])
        logging.getLogger("weasyprint").setLevel(logging.WARNING)
        logging.getLogger("fontTools").setLevel(logging.WARNING)
        results = {}
        for factor in factor_list:
            name = f"reisgids_bench_f{str(factor).replace('.', '_').removesuffix('_0')}"
            results[factor] = self.run_factor(
                factor,
                name,
                requests,
                skip_load or factor != factor_list[-1],
                skip_draft,
                keep,
                reuse,
                load_seconds,
            )
        report = self.report(results, factor_list, requests)
        self.stdout.write(report)
        if not no_doc:
            existing = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
            DOC.write_text(with_notes_kept(report, existing), encoding="utf-8")
            self.stdout.write(
                self.style.SUCCESS(f"Geschreven: {DOC.relative_to(settings.BASE_DIR)}")
            )

    # --- One database per factor -------------------------------------------------------------

    def use_database(self, name):
        connections.close_all()
        settings.DATABASES["default"]["NAME"] = name
        connections["default"].settings_dict["NAME"] = name

    def run_factor(self, factor, name, requests, skip_load, skip_draft, keep, reuse, load_seconds):
        result = {"db": name}
        with psycopg.connect(_server_dsn(), autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if exists and not reuse:
                conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            if not exists or not reuse:
                conn.execute(f'CREATE DATABASE "{name}"')
        self.use_database(name)
        try:
            self.stdout.write(f"Factor {factor:g}: database {name}")
            call_command("migrate", verbosity=0)
            if reuse and Organisation.objects.exists():
                result["seed_seconds"] = None
            else:
                start = time.perf_counter()
                seeder = Seeder(factor=factor, log=self.stdout.write)
                counts = seeder.run_all()
                result["seed_seconds"] = time.perf_counter() - start
                result["rows"] = sum(counts.values())
                self.stdout.write(
                    f"  gevuld: {result['rows']} rijen in {result['seed_seconds']:.1f} s"
                )
            fixtures = self.fixtures()
            result["pages"] = self.measure(fixtures, requests)
            if not skip_draft:
                result["draft"] = self.draft(name)
            if not skip_load:
                result["load"] = self.load(name, fixtures, load_seconds)
        finally:
            connections.close_all()
            self.use_database(self.original_db["NAME"])
            if not keep:
                with psycopg.connect(_server_dsn(), autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return result

    # --- What to measure ----------------------------------------------------------------------

    def fixtures(self):
        """Accounts in the right role and typical objects to look at, picked the same way at every scale."""
        from django.contrib.auth import get_user_model

        User = get_user_model()
        theme = Theme.objects.order_by("pk").first()
        gebied = Area.objects.filter(kind=Area.Kind.GEBIED).order_by("pk").first()
        report_round = (
            SchouwRound.objects.filter(
                status=SchouwRound.Status.AFGEROND, participants__kind="partner"
            )
            .order_by("pk")
            .first()
        )
        participant = (
            report_round.participants.filter(kind=Participant.Kind.PARTNER).order_by("pk").first()
        )
        deal = Deal.objects.filter(pk=report_round.deal_id).get()
        return {
            "theme": theme.slug,
            "gebied": gebied.slug,
            "deal": deal.pk,
            "round": report_round.pk,
            "insider": participant.user,
            "ambtenaar": User.objects.filter(groups__name="ambtenaar").order_by("pk").first(),
            "bestuurder": User.objects.filter(groups__name="bestuurder").order_by("pk").first(),
        }

    def pages(self, f):
        t, g = f["theme"], f["gebied"]
        return [
            ("Vloer (minimale view)", "/bench/vloer/", None, "floor"),
            ("Atlas: zoeken met typefout", "/atlas/zoeken/?q=mantelzrg", None, "search"),
            (
                "Atlas: organisaties met filters",
                f"/atlas/organisaties/?type=initiatief&theme={t}&area={g}",
                None,
                PAGINATED,
            ),
            (
                "Atlas: kaartlaag (GeoJSON)",
                f"/api/v1/atlas.geojson?theme={t}&area={g}",
                None,
                "layer",
            ),
            ("Deals: register", "/deals/", f["ambtenaar"], PAGINATED),
            ("Deals: deal met tijdlijn", f"/deals/{f['deal']}/", f["insider"], "detail"),
            ("Schouw: rapport", f"/schouw/{f['round']}/rapport/", f["insider"], "detail"),
            ("Schouw: rapport (PDF)", f"/schouw/{f['round']}/rapport.pdf", f["insider"], "detail"),
            ("Kennisbank: zoeken", "/atlas/lessen/?q=vrijwilligers", None, "search"),
            ("Kompas: bestuursdashboard", "/kompas/bestuur/", f["bestuurder"], "dashboard"),
            ("API: organisaties", "/api/v1/organisations/", f["ambtenaar"], PAGINATED),
            ("API: deals", "/api/v1/deals/", f["ambtenaar"], PAGINATED),
            ("API: lessen", "/api/v1/lessons/", f["ambtenaar"], PAGINATED),
            ("API: vraag en aanbod", "/api/v1/listings/", f["ambtenaar"], PAGINATED),
            ("API: verhalen", "/api/v1/stories/", f["ambtenaar"], PAGINATED),
            ("API: schouwrondes", "/api/v1/schouw/rounds/", f["ambtenaar"], PAGINATED),
            ("API: kompasedities", "/api/v1/kompas/editions/", f["ambtenaar"], PAGINATED),
        ]

    def measure(self, fixtures, requests):
        from rest_framework.throttling import SimpleRateThrottle

        SimpleRateThrottle.THROTTLE_RATES = defaultdict(
            lambda: None
        )  # speed is measured, not the rate limits
        out = {}
        with override_settings(ROOT_URLCONF=BENCH_URLCONF, DEBUG=False, ALLOWED_HOSTS=["*"]):
            clients = {}
            for label, url, user, kind in self.pages(fixtures):
                key = user.pk if user else None
                if key not in clients:
                    clients[key] = Client()
                    if user:
                        _log_in(clients[key], user)
                client = clients[key]
                for _ in range(3):  # warm up: templates, caches, connection
                    response = client.get(url)
                if response.status_code != 200:
                    raise CommandError(f"{url} gaf {response.status_code}; de meting stopt.")
                ctx = QueryCounter()
                with connection.execute_wrapper(ctx):
                    client.get(url)
                timings = []
                for _ in range(requests):
                    start = time.perf_counter()
                    client.get(url)
                    timings.append((time.perf_counter() - start) * 1000)
                out[label] = {
                    "url": url,
                    "kind": kind,
                    "median": statistics.median(timings),
                    "p95": _percentile(timings, 95),
                    "queries": ctx.count,
                }
                self.stdout.write(
                    f"  {label:<36} {out[label]['median']:8.1f} ms  p95 {out[label]['p95']:8.1f} ms  "
                    f"{out[label]['queries']:3d} queries"
                )
        return out

    def subprocess_env(self, name):
        env = dict(os.environ)
        # The same server as this process (a TCP host or the embedded server's socket), another database.
        url = urllib.parse.urlsplit(
            env.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/reisgids"
        )
        env["DATABASE_URL"] = urllib.parse.urlunsplit(url._replace(path=f"/{name}"))
        env["API_THROTTLE_ANON"] = env["API_THROTTLE_USER"] = "1000000/second"
        return env

    def draft(self, name):
        """The kompas draft task's work, in a fresh process: wall time and peak memory."""
        proc = subprocess.run(
            [sys.executable, "-m", "reisgids.bench.draft_probe"],
            env=self.subprocess_env(name),
            capture_output=True,
            text=True,
            cwd=settings.BASE_DIR,
            timeout=1800,
        )
        if proc.returncode != 0:
            raise CommandError(f"Het kompasconcept faalde:\n{proc.stderr[-2000:]}")
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        self.stdout.write(
            f"  kompasconcept: {result['seconds']:.1f} s, RSS {result['rss_peak_mb']:.0f} MB, "
            f"Python-heap {result['python_peak_mb']:.0f} MB"
        )
        return result

    def load(self, name, fixtures, seconds):
        """gunicorn (2 sync workers) and locust headless, one page at a time; requests per second."""
        if not shutil.which("gunicorn", path=str(Path(sys.executable).parent)):
            return {}
        port = _free_port()
        env = self.subprocess_env(name)
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "reisgids.bench.wsgi",
                "--workers",
                "2",
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=settings.BASE_DIR,
        )
        host = f"http://127.0.0.1:{port}"
        out = {}
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(host + "/bench/vloer/", timeout=2)  # noqa: S310 (our own local server)
                    break
                except OSError:
                    time.sleep(0.2)
            targets = [
                ("Vloer (minimale view)", "/bench/vloer/", None),
                ("Atlas: zoeken met typefout", "/atlas/zoeken/?q=mantelzrg", None),
                ("Deals: register", "/deals/", fixtures["ambtenaar"]),
            ]
            for label, path, user in targets:
                with tempfile.TemporaryDirectory() as tmp:
                    run_env = dict(env, BENCH_PATH=path)
                    if user:
                        run_env.update(BENCH_EMAIL=user.email, BENCH_PASSWORD=PASSWORD)
                    subprocess.run(
                        [
                            str(Path(sys.executable).parent / "locust"),
                            "-f",
                            str(Path(__file__).resolve().parents[2] / "locustfile.py"),
                            "--headless",
                            "-u",
                            "20",
                            "-r",
                            "20",
                            "-t",
                            f"{seconds}s",
                            "--host",
                            host,
                            "--csv",
                            f"{tmp}/run",
                            "--only-summary",
                        ],
                        env=run_env,
                        capture_output=True,
                        cwd=settings.BASE_DIR,
                        timeout=seconds + 60,
                    )
                    with open(f"{tmp}/run_stats.csv", newline="") as stats:
                        values = next(
                            row for row in csv.DictReader(stats) if row["Name"] == "Aggregated"
                        )
                    out[label] = {
                        "rps": float(values["Requests/s"]),
                        "failures": int(values["Failure Count"]),
                        "requests": int(values["Request Count"]),
                        "median": float(values["Median Response Time"]),
                    }
                    self.stdout.write(
                        f"  belasting {label:<30} {out[label]['rps']:7.1f} verzoeken/s"
                    )
        finally:
            server.terminate()
            server.wait(timeout=30)
        return out

    # --- The report ---------------------------------------------------------------------------

    def report(self, results, factors, requests):
        lo, hi = factors[0], factors[-1]
        lines = _report_header(results, factors, requests)
        page_lines, missed = _report_pages(results, lo, hi)
        lines += page_lines
        load = results[hi].get("load")
        if load:
            lines += _report_load(load, hi)
        drafts = {f: results[f]["draft"] for f in factors if results[f].get("draft")}
        if drafts:
            draft_lines, draft_missed = _report_drafts(drafts, hi)
            lines += draft_lines
            missed += draft_missed
        lines += ["", "## Targets missed in this run", ""]
        lines += [f"- {m}" for m in missed] or ["- None."]
        lines.append("")
        return "\n".join(lines)


def _memory() -> str:
    """The machine's memory in GiB, or empty where /proc/meminfo does not tell."""
    try:
        kb = next(
            int(x.split()[1])
            for x in Path("/proc/meminfo").read_text().splitlines()
            if x.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        return ""
    return f"{kb / 2**20:.0f} GiB"


def _report_header(results, factors, requests) -> list[str]:
    """What was measured, on what, and how long seeding took."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    mem = _memory()
    lines = [
        "# Benchmarks",
        "",
        "Speed at the scale of Rotterdam (factor 1) and twenty times that (factor 20), measured by",
        "`make bench` (`python manage.py bench`). Each page is requested in-process with Django's test",
        f"client, logged in with the role that uses it: three warm-up requests, then {requests} timed ones",
        "(server time for the full request, median and 95th percentile) and the SQL queries of one request.",
        "The floor is a trivial view (one indexed query, a minimal template) served through the same",
        "middleware and settings, measured in the same run. The machine is shared, so absolute times are",
        "noisy; the ratios against the floor and between the two scales are what counts.",
        "",
        f"- Machine: {os.cpu_count()} cores, {mem} memory, {platform.system()} {platform.machine()}",
        f"- PostgreSQL {pg_version}, Python {platform.python_version()}, Django {__import__('django').__version__}",
        f"- Date: {datetime.date.today().isoformat()}",
        f"- Command: `make bench` (or `python manage.py bench --factors {','.join(f'{f:g}' for f in factors)}`)",
        "",
    ]
    for factor in factors:
        seed = results[factor].get("seed_seconds")
        if seed is not None:
            lines.append(
                f"- Seeding factor {factor:g}: {results[factor]['rows']} rows in {seed:.0f} s"
            )
    return lines


def _page_misses(label, row, base, *, vs_floor, growth, lo, hi) -> list[str]:
    """The targets one page misses: its query budget, its ratio to the floor, its growth."""
    missed = []
    if row["queries"] > 15 or row["queries"] > base["queries"]:
        missed.append(
            f"{label}: {base['queries']} / {row['queries']} queries at f{lo:g} / f{hi:g} (budget 15)"
        )
    if vs_floor > 4:
        missed.append(f"{label}: page / floor {vs_floor:.1f} > 4")
    if row["kind"] in (PAGINATED, "search") and growth > 1.5:
        missed.append(f"{label}: f{hi:g} / f{lo:g} {growth:.2f} > 1.5")
    return missed


def _report_pages(results, lo, hi) -> tuple[list[str], list[str]]:
    """The table of pages at both scales, and the targets they miss."""
    r_lo, r_hi = results[lo]["pages"], results[hi]["pages"]
    lines = [
        "",
        "## Pages (milliseconds; queries per request)",
        "",
        f"| Page | f{lo:g} median | f{lo:g} p95 | f{hi:g} median | f{hi:g} p95 | queries f{lo:g} / f{hi:g} "
        f"| page / floor (f{hi:g}) | f{hi:g} / f{lo:g} |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    missed = []
    floor_hi = r_hi[FLOOR]["median"]
    for label, row in r_hi.items():
        base = r_lo[label]
        vs_floor = row["median"] / floor_hi
        growth = row["median"] / base["median"]
        lines.append(
            f"| {label} (`{row['url']}`) | {base['median']:.1f} | {base['p95']:.1f} | {row['median']:.1f} | "
            f"{row['p95']:.1f} | {base['queries']} / {row['queries']} | {vs_floor:.1f} | {growth:.2f} |"
        )
        if label != FLOOR:
            missed += _page_misses(label, row, base, vs_floor=vs_floor, growth=growth, lo=lo, hi=hi)
    return lines, missed


def _report_load(load, hi) -> list[str]:
    """The load test's table, against the floor."""
    lines = [
        "",
        f"## Load test (factor {hi:g}): gunicorn, 2 sync workers; locust, 20 users, headless",
        "",
        "| Page | requests/s | median ms | failures | requests/s as share of floor |",
        "|---|---:|---:|---:|---:|",
    ]
    floor_rps = load[FLOOR]["rps"]
    for label, row in load.items():
        lines.append(
            f"| {label} | {row['rps']:.1f} | {row['median']:.0f} | {row['failures']} | "
            f"{row['rps'] / floor_rps:.2f} |"
        )
    return lines


def _report_drafts(drafts, hi) -> tuple[list[str], list[str]]:
    """The kompas draft's table per factor, and the targets it misses at the highest."""
    lines = [
        "",
        "## Kompas draft (the drafting task's service, in a fresh process)",
        "",
        "| Factor | seconds | peak RSS MB | peak Python heap MB (tracemalloc) | evidence found |",
        "|---:|---:|---:|---:|---:|",
    ]
    for factor, d in drafts.items():
        lines.append(
            f"| {factor:g} | {d['seconds']:.1f} | {d['rss_peak_mb']:.0f} | {d['python_peak_mb']:.0f} | "
            f"{d['counts'].get('signalen', '')} |"
        )
    missed = []
    d_hi = drafts.get(hi)
    if d_hi and d_hi["seconds"] > 60:
        missed.append(f"kompas draft at f{hi:g}: {d_hi['seconds']:.0f} s > 60 s")
    if d_hi and d_hi["rss_peak_mb"] > 500:
        missed.append(f"kompas draft at f{hi:g}: {d_hi['rss_peak_mb']:.0f} MB > 500 MB")
    return lines, missed
