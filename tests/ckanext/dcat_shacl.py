"""Validate DCAT output with pyshacl against the official DCAT-AP 3.0.1 SHACL shapes.

The shapes live in ``../shared/reference-data/dcat-ap-3.0.1/`` beside the clone (CC-BY 4.0,
© European Union, from SEMICeu/DCAT-AP; that folder's README asks projects to read them there,
not to copy them). Tests that need them skip when the folder is missing.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

ROOT = Path(__file__).resolve().parents[2]
SHAPES_DIR = Path(os.environ.get("SONLA_DCAT_SHAPES", ROOT.parent / "shared" / "reference-data" / "dcat-ap-3.0.1"))

# Mandatory constraints, recommended properties (warnings), class ranges, controlled vocabularies,
# and the URIs deprecated since DCAT-AP 1.x (warnings).
SHAPE_FILES = ("shapes.ttl", "shapes_recommended.ttl", "range.ttl", "mdr-vocabularies.shape.ttl",
               "deprecateduris.ttl")
# The single-file SHACL of the 3.0.1 release, generated from the model (checked separately).
RELEASE_SHAPES = "dcat-ap-SHACL.ttl"


@dataclass(frozen=True)
class Finding:
    severity: str  # Violation, Warning, Info
    focus: str
    path: str
    value: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.focus} {self.path} = {self.value}: {self.message}"


def shapes_available() -> bool:
    return all((SHAPES_DIR / name).is_file() for name in (*SHAPE_FILES, RELEASE_SHAPES))


def require_shapes() -> None:
    if not shapes_available():
        pytest.skip(f"DCAT-AP 3.0.1 SHACL shapes not found in {SHAPES_DIR}")


@lru_cache(maxsize=2)
def _shapes(names: tuple[str, ...]) -> Graph:
    graph = Graph()
    for name in names:
        graph.parse(SHAPES_DIR / name, format="turtle")
    return graph


def findings(data: Graph, release: bool = False) -> tuple[list[Finding], str]:
    """Every SHACL result for ``data`` and pyshacl's text report (for assertion messages)."""
    shapes = _shapes((RELEASE_SHAPES,) if release else SHAPE_FILES)
    _conforms, results, text = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    found = []
    # Only the report's own results: nested ones (sh:detail) explain a result already counted.
    report = next(results.subjects(RDF.type, SH.ValidationReport))
    for result in results.objects(report, SH.result):
        found.append(Finding(severity=_value(results, result, SH.resultSeverity).rsplit("#", 1)[-1],
                             focus=_value(results, result, SH.focusNode), path=_value(results, result, SH.resultPath),
                             value=_value(results, result, SH.value),
                             message=_value(results, result, SH.resultMessage)))
    return found, text


def _value(graph: Graph, subject: Node, predicate: URIRef) -> str:
    obj = graph.value(subject, predicate)
    return "" if obj is None else str(obj)
