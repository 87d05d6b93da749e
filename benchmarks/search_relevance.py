"""Relevance of the dataset search: MRR@10 and recall@10 over a set of queries with known answers.

Each query is one JSON object a line: ``{"query": "truong hoc", "relevant": ["danh-sach-truong-hoc", ...]}``
(dataset names). The held-out set of issue 20 is kept outside the project: give its path as the argument or in
``SONLA_SEARCH_EVAL``; without one (or if the file is absent) the script says so and exits 0.

    .venv/bin/python benchmarks/search_relevance.py --url http://127.0.0.1:5000 /path/to/queries.jsonl

It asks a running portal (the demo catalogue published, e.g. ``make run`` and ``sonla-publish sync``) with
``package_search?q=…&rows=10``, as a citizen's search would. The project's own dev set, checked in the tests on
the 49 demo datasets, is ``tests/ckanext/search/relevance_dev.jsonl`` (tests/ckanext/search/test_relevance.py
runs this same scoring, and the held-out set too when ``SONLA_SEARCH_EVAL`` names it).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

K = 10
ENV = "SONLA_SEARCH_EVAL"


@dataclass(frozen=True)
class Case:
    query: str
    relevant: frozenset[str]


@dataclass(frozen=True)
class Outcome:
    case: Case
    ranked: tuple[str, ...]

    @property
    def reciprocal_rank(self) -> float:
        return next((1 / i for i, name in enumerate(self.ranked[:K], start=1) if name in self.case.relevant), 0.0)

    @property
    def recall(self) -> float:
        return len(self.case.relevant & set(self.ranked[:K])) / len(self.case.relevant)


@dataclass(frozen=True)
class Scores:
    outcomes: tuple[Outcome, ...]

    @property
    def mrr(self) -> float:
        return sum(o.reciprocal_rank for o in self.outcomes) / len(self.outcomes)

    @property
    def recall(self) -> float:
        return sum(o.recall for o in self.outcomes) / len(self.outcomes)

    def misses(self) -> list[str]:
        """One line per query that is not perfect: its rank, recall and the first results."""
        return [f"{o.case.query!r}: RR {o.reciprocal_rank:.2f} recall {o.recall:.2f} "
                f"want {sorted(o.case.relevant)} got {list(o.ranked[:5])}"
                for o in self.outcomes if o.reciprocal_rank < 1 or o.recall < 1]


def load_cases(path: Path) -> list[Case]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = json.loads(line)
        relevant = item.get("relevant")
        if not isinstance(item.get("query"), str) or not relevant or not isinstance(relevant, list):
            raise ValueError(f"{path}:{number}: needs a string 'query' and a non-empty list 'relevant'")
        cases.append(Case(item["query"], frozenset(relevant)))
    if not cases:
        raise ValueError(f"{path}: no queries")
    return cases


def evaluate(cases: Sequence[Case], search: Callable[[str], list[str]]) -> Scores:
    """Scores of ``search`` (a query -> the names of its first results, best first)."""
    return Scores(tuple(Outcome(case, tuple(search(case.query))) for case in cases))


def held_out_path(argument: str | None) -> Path | None:
    """The held-out set named by the argument or $SONLA_SEARCH_EVAL, None when none is given or it is absent."""
    named = argument or os.environ.get(ENV)
    if not named:
        return None
    path = Path(named)
    return path if path.is_file() else None


def http_search(url: str) -> Callable[[str], list[str]]:
    def search(query: str) -> list[str]:
        address = f"{url.rstrip('/')}/api/3/action/package_search?" + urllib.parse.urlencode(
            {"q": query, "rows": K, "fl": "name"})
        with urllib.request.urlopen(address, timeout=30) as response:
            body = json.load(response)
        return [item["name"] for item in body["result"]["results"]]
    return search


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("queries", nargs="?", help=f"the query set (JSON lines); default ${ENV}")
    parser.add_argument("--url", default="http://127.0.0.1:5000", help="the portal (default %(default)s)")
    parser.add_argument("--verbose", action="store_true", help="list every query that is not perfect")
    args = parser.parse_args(argv)
    path = held_out_path(args.queries)
    if path is None:
        print(f"No query set (argument or ${ENV}, an existing file): nothing to evaluate.")
        return 0
    try:
        scores = evaluate(load_cases(path), http_search(args.url))
    except (OSError, ValueError, KeyError) as error:  # URLError is an OSError
        print(f"Không đánh giá được / cannot evaluate: {error}", file=sys.stderr)
        return 2
    print(f"{path.name}: {len(scores.outcomes)} queries, MRR@{K} {scores.mrr:.3f}, recall@{K} {scores.recall:.3f}")
    if args.verbose:
        print("\n".join(scores.misses()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
