"""Benchmark sonla_search: package_search latency and index build time at several catalogue sizes.

    make bench-search            # or, with a portal config of your own:
    python benchmarks/search_benchmark.py --ini .run/bench/portal.ini --sizes 805 10000 100000

Datasets are generated (seeded, realistic Vietnamese metadata: 12 themes, ~97 agencies and
communes, tags, resources) as CKAN's package_show would return them, and written straight into
the search index with the extension's own row builder (`index_row`) in batches: that is the
"index build" time. Queries go through CKAN's real `package_search` action in-process, as an
anonymous user (permission filter on), with 6 facets and 20 rows, mixing free text (accented,
unaccented, typo), filters and sorts, once with the count/facet cache off and once on.
Figures are appended to benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from revision import describe  # benchmarks/revision.py

THEMES = [("y-te", "Y tế"), ("lao-dong", "Lao động"), ("cong-nghe", "Công nghệ"),
          ("nong-nghiep", "Nông nghiệp"), ("kinh-te-thuong-mai", "Kinh tế - Thương mại"),
          ("co-so-ha-tang", "Cơ sở hạ tầng"), ("tai-chinh", "Tài chính"), ("nang-luong", "Năng lượng"),
          ("giao-duc-dao-tao", "Giáo dục đào tạo"), ("xa-hoi", "Xã hội"), ("moi-truong", "Môi trường"),
          ("dia-phuong", "Địa phương")]
TOPICS = ["Danh sách trường học", "Danh sách cơ sở khám chữa bệnh", "Bảng giá đất", "Dân số và diện tích",
          "Hộ nghèo và cận nghèo", "Sản lượng cây trồng", "Giá nông sản tại chợ", "Dự án đầu tư công",
          "Di tích lịch sử văn hóa", "Tuyến xe buýt", "Sản phẩm OCOP", "Lượng mưa tại trạm quan trắc",
          "Doanh nghiệp đăng ký thành lập", "Thủ tục hành chính", "Cơ sở lưu trú du lịch", "Độ che phủ rừng",
          "Công trình cấp nước sinh hoạt", "Công trình thủy lợi", "Tai nạn giao thông", "Thu chi ngân sách",
          "Giấy phép khai thác khoáng sản", "Đối tượng bảo trợ xã hội", "Thư viện và điểm bưu điện văn hóa",
          "Vùng phủ sóng băng rộng", "Chợ và trung tâm thương mại", "Hợp tác xã nông nghiệp"]
PLACES = ["Tô Hiệu", "Chiềng An", "Chiềng Cơi", "Chiềng Sinh", "Mộc Châu", "Thảo Nguyên", "Vân Hồ",
          "Mường La", "Quỳnh Nhai", "Thuận Châu", "Mai Sơn", "Yên Châu", "Phù Yên", "Bắc Yên", "Sông Mã",
          "Sốp Cộp", "Mường Giàng", "Chiềng Khương", "Tà Xùa", "Lóng Sập"]
TAGS = ["y tế", "giáo dục", "đất đai", "dân số", "nông nghiệp", "giá cả", "du lịch", "giao thông",
        "môi trường", "ngân sách", "doanh nghiệp", "lao động", "rừng", "nước sạch", "khí tượng",
        "văn hóa", "xã hội", "năng lượng", "công nghệ", "hành chính"]
FREQUENCIES = ["daily", "weekly", "monthly", "quarterly", "semiannual", "annual", "irregular", "on_change"]
FORMATS = ["CSV", "XLSX", "JSON", "PDF"]
LICENCES = ["vn-open-data-1.0", "cc-by-4.0", "odc-by-1.0"]
FACETS = ["organization", "groups", "tags", "res_format", "license_id", "update_frequency"]
QUERIES = [
    {}, {"q": "trường học"}, {"q": "truong hoc"}, {"q": "TRƯỜNG HỌC"}, {"q": "giá đất"},
    {"q": "dan so"}, {"q": "bệnh viện Mộc Châu"}, {"q": "du lich", "fq": "groups:dia-phuong"},
    {"q": "nông nghiệp", "sort": "metadata_modified desc"}, {"fq": "update_frequency:(monthly OR annual)"},
    {"fq": "res_format:CSV", "sort": "title_string asc"}, {"q": "truonh hocc"},
    {"fq": "metadata_modified:[2025-01-01T00:00:00Z TO *]"}, {"q": "sản phẩm OCOP", "fq": "tags:\"nông nghiệp\""},
]


def organizations(rng: random.Random, count: int = 97) -> list[dict]:
    orgs = [{"id": str(uuid.UUID(int=rng.getrandbits(128))), "name": f"co-quan-{i:03d}",
             "title": f"{'Sở' if i < 22 else 'UBND xã'} {PLACES[i % len(PLACES)]} {i}"} for i in range(count)]
    return orgs


def make_dataset(rng: random.Random, i: int, orgs: list[dict]) -> dict:
    org = rng.choice(orgs)
    topic = rng.choice(TOPICS)
    place = rng.choice(PLACES)
    year = rng.randint(2018, 2026)
    title = f"{topic} {place} năm {year}"
    themes = rng.sample(THEMES, rng.randint(1, 2))
    modified = datetime(2026, 11, 1) - timedelta(days=rng.randint(0, 2000), seconds=rng.randint(0, 86400))
    pkg_id = str(uuid.UUID(int=rng.getrandbits(128)))
    resources = [{"id": str(uuid.UUID(int=rng.getrandbits(128))), "name": f"{topic} ({fmt})",
                  "description": f"Tệp {fmt} của bộ dữ liệu {topic.lower()}", "format": fmt,
                  "url": f"https://data.sonla.gov.vn/dataset/{pkg_id}/resource/{n}.{fmt.lower()}"}
                 for n, fmt in enumerate(rng.sample(FORMATS, rng.randint(1, 3)))]
    return {
        "id": pkg_id, "name": f"bo-du-lieu-{i:06d}", "title": title, "type": "dataset", "state": "active",
        "private": rng.random() < 0.05, "owner_org": org["id"],
        "organization": {"id": org["id"], "name": org["name"], "title": org["title"]},
        "notes": f"{topic} trên địa bàn {place}, tỉnh Sơn La, số liệu năm {year}. "
                 f"Dữ liệu do {org['title']} cung cấp và cập nhật định kỳ.",
        "groups": [{"name": slug, "title": title_} for slug, title_ in themes],
        "tags": [{"name": t} for t in rng.sample(TAGS, rng.randint(1, 4))],
        "resources": resources, "num_resources": len(resources),
        "license_id": rng.choice(LICENCES), "update_frequency": rng.choice(FREQUENCIES),
        "data_last_updated": modified.date().isoformat(),
        "legal_basis": "Quyết định 978/QĐ-UBND ngày 21/4/2026 của UBND tỉnh Sơn La",
        "metadata_created": (modified - timedelta(days=30)).isoformat(),
        "metadata_modified": modified.isoformat(),
    }


def load(first: int, last: int, orgs: list[dict], rng: random.Random) -> float:
    """Index datasets first..last-1; return the seconds it took."""
    import ckan.model as model
    from ckanext.sonla.search.index import index_row, remember_words, upsert_statement
    from ckanext.sonla.search.table import facet_summary, search_index, search_words, summary_class

    statement = upsert_statement()
    started = time.perf_counter()
    batch: list[dict] = []
    for i in range(first, last):
        pkg = make_dataset(rng, i, orgs)
        labels = [f"member-{pkg['owner_org']}"] if pkg["private"] else ["public"]
        batch.append(index_row(pkg, pkg, labels))
        if len(batch) == 1000:
            model.Session.execute(statement, batch)
            remember_words(batch)
            batch = []
    if batch:
        model.Session.execute(statement, batch)
        remember_words(batch)
    model.Session.commit()
    elapsed = time.perf_counter() - started
    # What autovacuum does on a live server after a bulk load (statistics, visibility map), and
    # what `ckan sonla search-index rebuild` does at its end (ANALYZE): on every search table, or
    # the plans depend on whether autovacuum happened to pass by before the queries.
    connection = model.meta.engine.raw_connection()
    connection.set_isolation_level(0)
    for table in (search_index, search_words, summary_class, facet_summary):
        connection.cursor().execute(f"VACUUM ANALYZE {table.name}")
    connection.close()
    return elapsed


def measure(app, rounds: int, cache: bool) -> dict:
    """Time ``rounds`` package_search calls after one warm-up pass over the query shapes.

    cache=False turns the per-process count/facet cache off: every call counts its total and
    facets afresh (the cost of a query never seen since the last index write). cache=True is
    the steady state of a portal between writes: after the warm-up every shape is a cache hit.
    """
    from ckan.common import config
    from ckan.logic import get_action
    from ckanext.sonla.search.tally_cache import CACHE

    CACHE.clear()
    config["ckanext.sonla.search.count_cache_size"] = 512 if cache else 0
    timings: list[float] = []
    by_shape: dict[int, list[float]] = {}
    with app._wsgi_app.test_request_context():
        for r in range(rounds + len(QUERIES)):
            params = dict(QUERIES[r % len(QUERIES)], rows=20, **{"facet.field": json.dumps(FACETS)})
            started = time.perf_counter()
            result = get_action("package_search")({"user": "", "auth_user_obj": None}, params)
            elapsed = time.perf_counter() - started
            if r >= len(QUERIES):  # the first pass warms caches
                timings.append(elapsed * 1000)
                by_shape.setdefault(r % len(QUERIES), []).append(elapsed * 1000)
            assert set(result["facets"]) == set(FACETS)
    timings.sort()
    return {"p50": statistics.median(timings), "p95": timings[int(len(timings) * 0.95) - 1],
            "max": timings[-1], "n": len(timings),
            "shapes": {i: statistics.median(v) for i, v in sorted(by_shape.items())}}


def load_average() -> str:
    try:
        return " / ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ini", required=True)
    parser.add_argument("--sizes", type=int, nargs="+", default=[805, 10000, 100000])
    parser.add_argument("--rounds", type=int, default=280, help="timed queries per size")
    parser.add_argument("--results", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    args = parser.parse_args()

    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    app = make_app(load_config(args.ini))
    import ckan.model as model
    from ckanext.sonla.search.table import search_index, search_words

    model.Session.execute(search_index.delete())
    model.Session.execute(search_words.delete())
    model.Session.commit()
    rng = random.Random(805)
    orgs = organizations(rng)
    rows, loaded = [], 0
    for size in sorted(args.sizes):
        seconds = load(loaded, size, orgs, rng)
        rate = (size - loaded) / seconds
        loaded = size
        before = load_average()
        cold = measure(app, args.rounds, cache=False)
        warm = measure(app, args.rounds, cache=True)
        rows.append((size, seconds, rate, cold, warm, f"{before} → {load_average()}"))
        print(f"{size:>7} datasets: indexed +{seconds:.1f} s ({rate:,.0f}/s); package_search "
              f"uncached p50 {cold['p50']:.1f} ms, p95 {cold['p95']:.1f} ms, max {cold['max']:.1f} ms; "
              f"cached p50 {warm['p50']:.1f} ms, p95 {warm['p95']:.1f} ms over {cold['n']} queries each",
              flush=True)

    command = "python benchmarks/search_benchmark.py " + " ".join(sys.argv[1:])
    lines = [f"\n## Search (sonla_search) — {datetime.now():%Y-%m-%d %H:%M}, commit {describe()}\n",
             f"Command: `{command}` (`make bench-search` runs it). Machine: {os.cpu_count()} cores, shared; "
             "PostgreSQL 18 embedded.",
             f"Each size: {args.rounds} timed `package_search` calls per mode (anonymous, 6 facets, 20 rows, "
             f"{len(QUERIES)} query shapes in turn) after one warm-up pass. *Uncached*: the count/facet cache "
             "off, every call counts afresh (a query not seen since the last index write). *Cached*: the "
             "cache on, so after the warm-up every shape is a hit (a portal between writes). "
             "Index build: generate + `index_row` + batched upsert, per added dataset.\n",
             "| datasets | index build (added) | index rate | uncached p50 | uncached p95 | uncached max "
             "| cached p50 | cached p95 | load average (1/5/15 min) before → after |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    previous = 0
    for size, seconds, rate, cold, warm, load_note in rows:
        lines.append(f"| {size:,} | {seconds:.1f} s (+{size - previous:,}) | {rate:,.0f}/s | "
                     f"{cold['p50']:.1f} ms | {cold['p95']:.1f} ms | {cold['max']:.1f} ms | "
                     f"{warm['p50']:.1f} ms | {warm['p95']:.1f} ms | {load_note} |")
        previous = size
    size, _, _, cold, warm, _ = rows[-1]
    lines += [f"\nMedian per query shape at {size:,} datasets (uncached / cached):\n",
              "| query | uncached | cached |", "|---|---:|---:|"]
    for i, shape in enumerate(QUERIES):
        text = json.dumps(shape, ensure_ascii=False) if shape else "`*:*` (no q, no fq)"
        lines.append(f"| {text.replace('|', '/')} | {cold['shapes'][i]:.1f} ms | {warm['shapes'][i]:.1f} ms |")
    with args.results.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
