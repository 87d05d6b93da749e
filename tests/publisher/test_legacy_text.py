"""TCVN3 and VNI text: detected, converted, and ordinary Unicode left alone."""

from __future__ import annotations

import pytest
from sonla_publisher.reading.legacy_text import TCVN3, VNI, convert, detect, fix_legacy

# Encoders built from the tables (the inverse mapping), to produce legacy text from Unicode.
_TO_TCVN3 = {letter: code for code, letter in TCVN3.items() if not (letter.isupper() and ord(code) > 0xA7)}
_TO_VNI = {letter: code for code, letter in VNI.items()}


def to_tcvn3(text: str) -> str:
    return "".join(_TO_TCVN3.get(char, char) for char in text)


def to_vni(text: str) -> str:
    return "".join(_TO_VNI.get(char, char) for char in text)


SENTENCES = [
    "Sở Y tế tỉnh Sơn La",
    "Người lập biểu",
    "Trạm y tế xã Chiềng Cơi",
    "Bệnh viện đa khoa huyện Mường La",
    "Phường Tô Hiệu, thành phố Sơn La",
    "Hoà bình, khoá học, ngoan ngoãn, xuân, quê hương",
    "Đường Lê Duẩn, số nhà 12",
]


def test_known_tcvn3_text() -> None:
    assert detect("Së Y tÕ") == "tcvn3"
    assert convert("Së Y tÕ", "tcvn3") == "Sở Y tế"


def test_known_vni_text() -> None:
    assert detect("Sôû Y teá") == "vni"
    assert convert("Sôû Y teá", "vni") == "Sở Y tế"


@pytest.mark.parametrize("text", SENTENCES)
def test_tcvn3_round_trip(text: str) -> None:
    legacy = to_tcvn3(text)  # TCVN3 has no toned capitals: only plain capitals survive
    assert fix_legacy(legacy) == (text, "tcvn3")


@pytest.mark.parametrize("text", SENTENCES)
def test_vni_round_trip(text: str) -> None:
    assert fix_legacy(to_vni(text)) == (text, "vni")


@pytest.mark.parametrize(
    "text",
    [
        *SENTENCES,
        "Xã Phù Yên",
        "Homestay Cao Nguyên",
        "Hoà",
        "Khoá",
        "Thuý",
        "café au lait",
        "Zürich",
        "12.500",
        "",
    ],
)
def test_unicode_text_is_left_alone(text: str) -> None:
    assert fix_legacy(text) == (text, None)
