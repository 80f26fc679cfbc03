"""The procedure catalogue from Python: seeded misconfigurations (tests/vectors/catalog/checks.json),
search cases (search.json) and input cases (inputs.json), the same vectors as the Rust, C and JVM
suites."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest

from motcua import Catalog, CatalogError, ErrorCode, SearchHit

#: How the levels of search.json read in `cap_thuc_hien`.
LEVEL_TEXT = {"bo": "cấp bộ", "tinh": "cấp tỉnh", "xa": "cấp xã"}
VEC = Path(__file__).resolve().parents[1] / "vectors" / "catalog"


def _text(name: str) -> str:
    return (VEC / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def national() -> Catalog:
    return Catalog.from_csv(_text("procedures.csv"))


def test_seeded_misconfigurations_are_all_caught() -> None:
    want = json.loads(_text("checks.json"))
    report = Catalog(_text(want["catalog"])).check()
    got = [(p.line, p.ma_thu_tuc, p.code, p.field) for p in report.problems]
    assert got == [(p["line"], p["ma_thu_tuc"], p["code"], p["field"]) for p in want["problems"]]
    assert report.procedures == want["procedures"]
    assert report.procedures_with_problems == want["procedures_with_problems"]
    assert sum(report.counts.values()) == len(report.problems)
    assert report.not_checked == {}
    for p in report.problems:
        assert ErrorCode(p.code).name.lower() == p.name
        assert p.message.startswith(p.field)


def test_search_vectors(national: Catalog) -> None:
    cases = json.loads(_text("search.json"))["cases"]
    for case in cases:
        limit = case.get("limit", 10)
        if "error" in case:
            with pytest.raises(CatalogError) as e:
                national.search(case["query"], limit=limit, level=case.get("level"))
            assert e.value.code == case["error"]
            continue
        hits = national.search(case["query"], limit=limit, level=case.get("level"))
        codes = [h.code for h in hits]
        if "top" in case:
            assert codes[:1] == [case["top"]], (case, codes)
        if "score" in case:
            assert hits[0].score == case["score"]
        if "matched" in case:
            assert hits[0].matched == case["matched"]
        if "in_top" in case:
            code, k = case["in_top"]
            assert code in codes[:k], (case, codes)
        if "same_as" in case:
            other = [h.code for h in national.search(case["same_as"], limit=limit)]
            assert codes == other and codes, case
        if "all_levels" in case:
            assert hits
            for h in hits:
                assert LEVEL_TEXT[case["all_levels"]] in h.levels.lower(), h
        if "count" in case:
            assert len(hits) == case["count"]
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        for h in hits:
            assert all(0 <= a < b <= len(h.name) for a, b in h.spans), h


def test_spans_point_at_the_matched_words(national: Catalog) -> None:
    hit = national.search("the can cuoc", limit=1)[0]
    parts = [hit.name[a:b].lower() for a, b in hit.spans]
    assert any("thẻ căn cước" in p for p in parts), (hit.name, hit.spans)


def test_batch_equals_one_by_one_and_threads_share_the_index(national: Catalog) -> None:
    queries = ["cap lai cccd", "1.000757", "dkks", "", "so do", "giay phep xay dung"]
    batch = national.search_many(queries, limit=5)
    assert batch == [national.search(q, limit=5) for q in queries]
    results: list[list[list[SearchHit]]] = []

    def run() -> None:
        results.append(national.search_many(queries, limit=5))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == batch for r in results)


def test_filters_and_synonyms(national: Catalog) -> None:
    for h in national.search("dang ky", limit=20, field="Hộ tịch"):
        assert h.field == "Hộ tịch"
    for h in national.search("cap giay phep", limit=20, agency="bo quoc phong"):
        assert "Quốc phòng" in h.agency
    small = "ma_thu_tuc,ten_thu_tuc\n1.000001,Cấp giấy phép khai thác khoáng sản\n2.000002,Đăng ký xe\n"
    assert all(h.code != "1.000001" for h in Catalog(small).search("gpks"))
    extended = Catalog(small, synonyms="tu_go,thay_bang\ngpks,giấy phép khai thác khoáng sản\n")
    assert extended.search("gpks", limit=1)[0].code == "1.000001"
    with pytest.raises(CatalogError) as e:
        Catalog(small, synonyms="abc\n")
    assert e.value.code == ErrorCode.SEARCH_SYNONYMS


def test_unreadable_catalogues_raise_with_the_field() -> None:
    with pytest.raises(CatalogError) as e:
        Catalog.from_csv("ma_thu_tuc,linh_vuc\n1.000757,x\n")
    assert e.value.code == ErrorCode.CATALOG_INPUT and e.value.field == "ten_thu_tuc"
    with pytest.raises(CatalogError):
        Catalog.from_json('{"ma_thu_tuc": "1"}')
    c = Catalog.from_json('[{"ma_thu_tuc": "1.000757", "ten_thu_tuc": "Cấp lại thẻ căn cước"}]')
    assert len(c) == 1 and c.search("1000757")[0].name == "Cấp lại thẻ căn cước"


INPUTS = json.loads(_text("inputs.json"))["cases"]


@pytest.mark.parametrize("case", INPUTS, ids=[c["name"] for c in INPUTS])
def test_input_vectors(case: dict[str, Any]) -> None:
    load = Catalog.from_csv if case["format"] == "csv" else Catalog.from_json
    want = case["expect"]
    if "error" in want:
        with pytest.raises(CatalogError) as e:
            load(case["text"])
        assert (e.value.code, e.value.field) == (want["error"]["code"], want["error"]["field"])
    else:
        assert len(load(case["text"])) == want["procedures"]
