"""Search that ranks what people mean (issue 20, part 5), against real CKAN and PostgreSQL.

The publisher's own resource texts are not content, fields weigh title/tags > notes > resources,
words side by side rank first, and swapped letters are corrected.
"""
from __future__ import annotations

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
import sonla_publisher.portal.resources as publisher_resources
import sonla_publisher.resource_names as resource_names
from search_datasets import dataset as _dataset  # tests/ is on sys.path
from search_datasets import names as _names
from sonla_publisher.resource_names import (
    CSV_DESCRIPTION,
    DICTIONARY_DESCRIPTION,
    DICTIONARY_NAME,
    ORIGINAL_DESCRIPTION,
    ORIGINAL_NAME,
)

PLUGINS = "sonla_search sonla scheming_datasets"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]


def _published_resources(csv_name: str, csv_description: str = CSV_DESCRIPTION) -> list[dict[str, str]]:
    """The three resources sonla-publish gives a dataset, with its own names and descriptions."""
    return [
        {"name": csv_name, "format": "CSV", "description": csv_description, "url": ""},
        {"name": ORIGINAL_NAME.format(format="XLSX"), "format": "XLSX", "description": ORIGINAL_DESCRIPTION, "url": ""},
        {"name": DICTIONARY_NAME, "format": "JSON", "description": DICTIONARY_DESCRIPTION, "url": ""},
    ]


def _ranked(q: str) -> list[str]:
    return [d["name"] for d in helpers.call_action("package_search", q=q, rows=20)["results"]]


def test_the_publishers_own_resource_texts_are_not_searched() -> None:
    science = factories.Organization(title="Sở Khoa học và Công nghệ")
    education = factories.Organization(title="Sở Giáo dục và Đào tạo")
    _dataset(education, name="truong-hoc", title="Danh sách trường học",
             resources=_published_resources("Danh sách trường học (CSV)"))
    _dataset(science, name="vien-thong", title="Hạ tầng viễn thông", notes="Trạm phát sóng theo xã",
             resources=_published_resources("Hạ tầng viễn thông (CSV)"))
    _dataset(science, name="buu-chinh", title="Điểm phục vụ bưu chính", notes="Bưu cục",
             resources=_published_resources("Bưu cục (CSV)"))
    # "tên trường" is in every CSV's description: it made "trường" match every dataset, and
    # "truong hoc" the agency of "khoa học" too.
    assert _ranked("trường") == ["truong-hoc"]
    assert _ranked("truong hoc") == ["truong-hoc"]
    for generated in ("tệp gốc", "từ điển dữ liệu", "frictionless", "làm sạch", "cơ quan cung cấp"):
        assert _ranked(generated) == [], generated
    # What an agency or editor writes in a resource is content, even beside the templates.
    _dataset(science, name="tram", title="Trạm quan trắc",
             resources=_published_resources("Trạm (CSV)", csv_description="Mỗi dòng là một trạm đo mưa"))
    assert _ranked("do mua") == ["tram"]
    assert _ranked("trạm") == ["tram", "vien-thong"]  # in the title, then in the notes


def test_every_resource_text_the_publisher_writes_is_known_to_the_search() -> None:
    """A new generated description or name must be added to resource_names (the one shared list)."""
    from ckanext.sonla.search import boilerplate

    for module in (publisher_resources, resource_names):
        for key, value in vars(module).items():
            if key.isupper() and isinstance(value, str) and key.endswith("_DESCRIPTION"):
                assert boilerplate.is_generated("res_description", value), key
            if key.isupper() and isinstance(value, str) and key.endswith("_NAME"):
                assert boilerplate.is_generated("res_name", value.format(format="CSV")), key
    assert not boilerplate.is_generated("res_name", "Danh sách trường học (CSV)")
    assert not boilerplate.is_generated("notes", CSV_DESCRIPTION)


def test_title_and_tags_outrank_notes_and_notes_outrank_resources() -> None:
    org = factories.Organization()
    # Created from the most to the least relevant: on equal scores, the newest would come first.
    _dataset(org, name="in-title", title="Trạm quan trắc")
    _dataset(org, name="in-tags", title="Bảng số liệu", tags=[{"name": "quan trắc"}])
    _dataset(org, name="in-notes", title="Bảng số liệu", notes="Số liệu về quan trắc")
    _dataset(org, name="in-resource", title="Bảng số liệu",
             resources=[{"name": "Bảng", "description": "Số liệu về quan trắc", "url": ""}])
    ranked = _ranked("quan trac")
    assert ranked[-2:] == ["in-notes", "in-resource"], ranked
    assert set(ranked[:2]) == {"in-title", "in-tags"}, ranked


def test_words_side_by_side_rank_above_the_same_words_apart() -> None:
    org = factories.Organization()
    _dataset(org, name="truong-hoc", title="Danh sách", notes="Trường học phổ thông")
    # The same two syllables, apart: "môi trường" (environment), "khoa học" (science).
    _dataset(org, name="apart", title="Danh sách", notes="Trường, lớp và học viện", tags=[{"name": "trường"}])
    _dataset(org, name="moi-truong", title="Khoa học môi trường")
    assert _ranked("truong hoc")[0] == "truong-hoc"
    assert _ranked("trường học")[0] == "truong-hoc"


@pytest.mark.parametrize("typed, meant", [("truong hco", "truong hoc"), ("benh vein", "benh vien"),
                                          ("tiem chugn", "tiem chung"), ("thu tcu", "thu tuc")])
def test_swapped_letters_are_corrected(typed: str, meant: str) -> None:
    org = factories.Organization()
    _dataset(org, name="truong-hoc", title="Danh sách trường học phổ thông")
    _dataset(org, name="benh-vien", title="Danh sách bệnh viện")
    _dataset(org, name="tiem-chung", title="Tỷ lệ tiêm chủng")
    _dataset(org, name="thu-tuc", title="Thủ tục hành chính")
    # Other indexed words one edit away from the typo: "cho" (swap in "hco"), "ven", "co".
    _dataset(org, name="cho", title="Danh sách chợ ven đường", notes="Có cho thuê")
    result = helpers.call_action("package_search", q=typed)
    assert _names(result) == [meant.replace(" ", "-")]
    assert result["sonla_corrected_query"] == meant


def test_a_correction_goes_with_the_other_words() -> None:
    """Two swaps give indexed words ("hco": "hoc", "cho"): the one found with the other words wins."""
    org = factories.Organization()
    _dataset(org, name="truong-hoc", title="Trường học")
    _dataset(org, name="cho", title="Chợ", notes="Chợ, chợ, chợ")
    _dataset(org, name="cho-2", title="Chợ phiên")
    assert _names(helpers.call_action("package_search", q="truong hco")) == ["truong-hoc"]
    assert _names(helpers.call_action("package_search", q="phien hco")) == ["cho-2"]
