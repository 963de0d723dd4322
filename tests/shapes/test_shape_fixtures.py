"""Every shape against its fixtures: the valid graph gives no result from the shape, the
invalid graph gives each result it declares (focus node, source shape, severity, path and
offending value). SHACL-SPARQL rules are checked on both engines (the .rq mirror on Oxigraph,
and SHACL-SPARQL in pySHACL), so the two stay equivalent."""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import SH
from shape_fixtures import Fixture, fixtures, matches, shape_family

from kg import validation

FIXTURES = fixtures()


def _engines(fx: Fixture) -> list[str]:
    is_rule = (fx.shape, SH.sparql, None) in validation.shapes_graph()
    return ["oxigraph", "pyshacl"] if is_rule else ["oxigraph"]


CASES = [pytest.param(fx, eng, id=f"{fx.id}-{eng}") for fx in FIXTURES for eng in _engines(fx)]


def _validate(fx: Fixture, engine: str) -> validation.ValidationResult:
    data, _ = fx.load()
    if fx.kind == "letter":
        return validation.validate_letter(data, sparql_engine=engine)  # type: ignore[arg-type]
    return validation.validate_graph(data, fx.kind)  # type: ignore[arg-type]


@pytest.mark.parametrize(("fx", "engine"), CASES)
def test_fixture(fx: Fixture, engine: str) -> None:
    result = _validate(fx, engine)
    family = shape_family(fx.shape)
    ours = [r for r in result.results if r.source_shape in family]
    _, expected = fx.load()
    if fx.valid:
        assert not expected, f"{fx.path}: a valid fixture declares no results"
        assert not ours, f"{fx.path}: unexpected results:\n" + "\n".join(
            f"  {r.severity} {r.source_shape} {r.focus_node} {r.message}" for r in ours
        )
    else:
        assert expected, f"{fx.path}: an invalid fixture must declare the results it expects"
        for exp in expected:
            assert exp.shape in family, (
                f"{fx.path}: expects a result of {exp.shape}, not of {fx.shape}"
            )
            assert any(matches(r, exp) for r in ours), (
                f"{fx.path}: missing {exp}\n got:\n"
                + "\n".join(
                    f"  {r.severity} {r.source_shape} {r.focus_node} {r.path} {r.value}"
                    for r in ours
                )
            )


def test_each_targeted_shape_has_a_valid_and_an_invalid_fixture() -> None:
    sg = validation.shapes_graph()
    targeted = {s for s in sg.subjects(validation.FSH.validates, None)}
    have: dict[str, set[bool]] = {}
    for fx in FIXTURES:
        have.setdefault(str(fx.shape), set()).add(fx.valid)
    missing = sorted(str(s) for s in targeted if have.get(str(s)) != {True, False})
    assert not missing, "shapes without both a valid and an invalid fixture: " + ", ".join(missing)
    unknown = sorted(k for k in have if validation.FSH[k.split("#")[-1]] not in targeted)
    assert not unknown, f"fixture folders naming no targeted shape: {unknown}"


def test_every_property_shape_fails_on_some_fixture() -> None:
    """No check that cannot fail: each property shape is the source of an expected result
    of some invalid fixture (and the fixture test proves it is produced)."""
    sg = validation.shapes_graph()
    exercised = {exp.shape for fx in FIXTURES if not fx.valid for exp in fx.load()[1]}
    targeted = set(sg.subjects(validation.FSH.validates, None))
    props = {
        p for shape in targeted for p in sg.objects(shape, SH.property) if isinstance(p, URIRef)
    }
    missing = sorted(str(p) for p in props if p not in exercised)
    assert not missing, "property shapes no invalid fixture exercises: " + ", ".join(missing)


def test_every_helper_shape_is_reached_from_an_exercised_property_shape() -> None:
    """Helper shapes (sh:node targets) report through the property shape that uses them, so
    each must be used by a property shape that some invalid fixture makes fail."""
    sg = validation.shapes_graph()
    exercised = {exp.shape for fx in FIXTURES if not fx.valid for exp in fx.load()[1]}
    helpers = {o for o in sg.objects(None, SH.node)}
    unreached = sorted(
        str(h) for h in helpers if not any(p in exercised for p in sg.subjects(SH.node, h))
    )
    assert not unreached, f"helper shapes never made to fail: {unreached}"
