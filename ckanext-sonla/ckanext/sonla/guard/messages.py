"""The guard's user-facing messages: Vietnamese first, then English, in one string.

API clients send no language, so both are given at once (as the search backend's errors do).
"""
from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "nul_byte": {
        "vi": "Tham số {name} chứa ký tự NUL (\\x00), không được chấp nhận",
        "en": "Parameter {name} contains a NUL character (\\x00), which is not accepted",
    },
    "too_deep": {
        "vi": "Tham số {name} lồng nhau quá sâu (tối đa {limit} tầng)",
        "en": "Parameter {name} is nested too deep (at most {limit} levels)",
    },
    "bad_json": {
        "vi": "Nội dung yêu cầu không phải JSON hợp lệ",
        "en": "The request body is not valid JSON",
    },
    "rate_limited": {
        "vi": "Quá nhiều yêu cầu ({limit}); vui lòng thử lại sau {seconds} giây",
        "en": "Too many requests ({limit}); please try again in {seconds} seconds",
    },
    "dump_format": {
        "vi": "Định dạng tải về không hợp lệ: {value}; chọn một trong: {choices}",
        "en": "Unknown download format: {value}; use one of: {choices}",
    },
    "duplicate": {
        "vi": "Đã có một bản ghi cùng tên hoặc mã (vừa được tạo bởi một yêu cầu khác): {detail}",
        "en": "A record with this name or id already exists (just created by another request): {detail}",
    },
    "datastore_timeout": {
        "vi": "Truy vấn DataStore chạy quá {seconds} giây và đã bị dừng; hãy thu hẹp truy vấn",
        "en": "The DataStore query ran longer than {seconds} seconds and was stopped; narrow it down",
    },
}


def text(message_id: str, **values: object) -> str:
    """``vi / en`` for ``message_id`` with ``values`` filled in."""
    message = MESSAGES[message_id]
    return f"{message['vi'].format(**values)} / {message['en'].format(**values)}"


MESSAGES.update({
    "busy": {
        "vi": "Máy chủ đang chạy nhiều truy vấn SQL khác; vui lòng thử lại sau {seconds} giây",
        "en": "The server is running other SQL queries; please try again in {seconds} seconds",
    },
    "not_integer": {
        "vi": "{name} phải là một số nguyên, không phải {value}",
        "en": "{name} must be a whole number, not {value}",
    },
})
