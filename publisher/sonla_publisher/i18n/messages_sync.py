"""Messages of ``sync``, ``status`` and the configuration file (merged into messages.CATALOGUE)."""

from __future__ import annotations

SYNC_MESSAGES: dict[str, dict[str, str]] = {
    # --- command-line help
    "help.sync": {
        "vi": "So sánh danh mục đặc tả và tệp nguồn với cổng, rồi công bố những bộ dữ liệu "
        "mới hoặc đã thay đổi (song song, tự thử lại khi cổng lỗi tạm thời).",
        "en": "Compare the spec catalogue and source files with the portal, then publish the "
        "new and changed datasets (in parallel, retrying when the portal fails for a while).",
    },
    "help.sync_source": {
        "vi": "Thư mục chứa tệp nguồn của các cơ quan (mặc định: <specs>/sources).",
        "en": "Directory holding the agencies' source files (default: <specs>/sources).",
    },
    "help.dry_run": {
        "vi": "Chỉ in kế hoạch, không ghi gì lên cổng.",
        "en": "Only print the plan, write nothing to the portal.",
    },
    "help.prune": {
        "vi": "Xoá (đưa vào thùng rác) các bộ dữ liệu do sonla-publish công bố nhưng không còn "
        "trong danh mục; phải xác nhận.",
        "en": "Delete (move to the trash) datasets published by sonla-publish that are no "
        "longer in the catalogue; asks for confirmation.",
    },
    "help.yes": {
        "vi": "Không hỏi xác nhận khi xoá (--prune).",
        "en": "Do not ask for confirmation before deleting (--prune).",
    },
    "help.sync_org": {
        "vi": "Chỉ đồng bộ các bộ dữ liệu của tổ chức này (tên trên cổng, vd. so-y-te).",
        "en": "Only sync the datasets of this organization (its portal name, e.g. so-y-te).",
    },
    "help.workers": {
        "vi": "Số bộ dữ liệu công bố cùng lúc.",
        "en": "How many datasets are published at the same time.",
    },
    "help.retries": {
        "vi": "Số lần thử lại một bộ dữ liệu khi cổng không trả lời, hết thời gian chờ hoặc "
        "báo lỗi 5xx.",
        "en": "How many times a dataset is tried again when the portal does not answer, "
        "times out or answers 5xx.",
    },
    "help.retry_backoff": {
        "vi": "Số giây chờ trước lần thử lại đầu tiên; mỗi lần sau chờ gấp đôi.",
        "en": "Seconds to wait before the first retry; each further wait is twice as long.",
    },
    "help.config": {
        "vi": "Tệp cấu hình (địa chỉ cổng, mã truy cập, thời gian chờ).",
        "en": "Configuration file (portal address, token, timeout).",
    },
    "help.catalogue_dir": {
        "vi": "Thư mục danh mục đặc tả (thay cho --specs).",
        "en": "Spec catalogue directory (instead of --specs).",
    },
    # --- plan
    "sync.plan_title": {"vi": "Kế hoạch đồng bộ:", "en": "Sync plan:"},
    "sync.plan_counts": {
        "vi": "Tạo mới {create}, cập nhật {update}, không đổi {unchanged}, chưa có tệp nguồn "
        "{no_source}, đặc tả lỗi {bad_spec}, có trên cổng nhưng không có trong danh mục "
        "{not_in_catalogue}.",
        "en": "{create} to create, {update} to update, {unchanged} unchanged, {no_source} "
        "without source file, {bad_spec} broken specs, {not_in_catalogue} on the portal but "
        "not in the catalogue.",
    },
    "sync.action.create": {"vi": "Tạo mới", "en": "Create"},
    "sync.action.update": {"vi": "Cập nhật", "en": "Update"},
    "sync.action.unchanged": {"vi": "Không đổi", "en": "Unchanged"},
    "sync.action.no_source": {"vi": "Chưa có tệp nguồn", "en": "No source file"},
    "sync.action.bad_spec": {"vi": "Đặc tả lỗi", "en": "Broken spec"},
    "sync.action.not_in_catalogue": {
        "vi": "Không có trong danh mục",
        "en": "Not in the catalogue",
    },
    "sync.source_missing": {
        "vi": "không tìm thấy tệp {path}",
        "en": "file {path} not found",
    },
    "sync.source_unnamed": {
        "vi": "đặc tả không ghi tệp nguồn (source.file)",
        "en": "the spec names no source file (source.file)",
    },
    "sync.manual_dataset": {
        "vi": "tạo trên cổng, không do sonla-publish công bố: không bao giờ bị xoá",
        "en": "made on the portal, not by sonla-publish: never deleted",
    },
    "sync.nothing_to_do": {
        "vi": "Cổng đã khớp với danh mục: không có gì để công bố.",
        "en": "The portal matches the catalogue: nothing to publish.",
    },
    # --- prune
    "sync.prune_list": {
        "vi": "Sẽ xoá {count} bộ dữ liệu không còn trong danh mục: {names}",
        "en": "{count} datasets no longer in the catalogue will be deleted: {names}",
    },
    "sync.prune_confirm": {"vi": "Tiếp tục?", "en": "Continue?"},
    "sync.prune_declined": {
        "vi": "Đã huỷ: không ghi, không xoá gì.",
        "en": "Cancelled: nothing written, nothing deleted.",
    },
    "sync.prune_needs_yes": {
        "vi": "--prune cần xác nhận nhưng không có bàn phím (chạy tự động): thêm --yes nếu "
        "thật sự muốn xoá.",
        "en": "--prune needs a confirmation but there is no keyboard (unattended run): add "
        "--yes if you really mean to delete.",
    },
    "sync.prune_refused_bad_specs": {
        "vi": "Không xoá khi danh mục còn đặc tả lỗi (một bộ dữ liệu có thể bị coi nhầm là "
        "không còn trong danh mục). Hãy sửa đặc tả trước (sonla-publish catalogue check).",
        "en": "Not deleting while the catalogue has broken specs (a dataset could be mistaken "
        "for one no longer in it). Fix the specs first (sonla-publish catalogue check).",
    },
    "sync.prune_skipped_portal_down": {
        "vi": "Không xoá gì vì cổng không trả lời.",
        "en": "Nothing deleted: the portal is not answering.",
    },
    # --- run
    "sync.start": {
        "vi": "Công bố {count} bộ dữ liệu ({workers} luồng song song)...",
        "en": "Publishing {count} datasets ({workers} at a time)...",
    },
    "sync.progress": {"vi": "Đang công bố", "en": "Publishing"},
    "sync.outcome.created": {"vi": "Đã tạo", "en": "Created"},
    "sync.outcome.updated": {"vi": "Đã cập nhật", "en": "Updated"},
    "sync.outcome.unchanged": {"vi": "Không đổi", "en": "Unchanged"},
    "sync.outcome.invalid": {"vi": "Dữ liệu có lỗi, chưa công bố", "en": "Invalid, not published"},
    "sync.outcome.failed": {"vi": "Thất bại", "en": "Failed"},
    "sync.outcome.not_attempted": {"vi": "Chưa thực hiện", "en": "Not attempted"},
    "sync.outcome.deleted": {"vi": "Đã xoá", "en": "Deleted"},
    "sync.rows": {"vi": "({rows} dòng)", "en": "({rows} rows)"},
    "sync.invalid_detail": {
        "vi": "{count} lỗi; xem bằng «sonla-publish validate», hoặc dùng --allow-invalid",
        "en": '{count} problems; see them with "sonla-publish validate", or use --allow-invalid',
    },
    "sync.attempts": {"vi": "(sau {attempts} lần thử)", "en": "(after {attempts} attempts)"},
    "sync.plan_retry": {
        "vi": "Chưa đọc được danh sách bộ dữ liệu trên cổng ({reason}); thử lại sau {seconds} giây "
        "(lần {attempt}/{attempts})...",
        "en": "Could not read the portal's datasets ({reason}); trying again in {seconds} s "
        "(attempt {attempt} of {attempts})...",
    },
    "sync.portal_down": {
        "vi": "Cổng dữ liệu không trả lời sau nhiều lần thử: dừng lại. Chạy lại lệnh khi cổng "
        "hoạt động; những gì đã công bố sẽ không bị làm lại.",
        "en": "The portal is not answering after several attempts: stopping. Run the command "
        "again when it is back; what was published will not be redone.",
    },
    "sync.interrupted": {
        "vi": "Đã dừng theo yêu cầu. Chạy lại lệnh để làm tiếp.",
        "en": "Stopped on request. Run the command again to carry on.",
    },
    "sync.summary_title": {"vi": "Kết quả:", "en": "Summary:"},
    "sync.col.result": {"vi": "Kết quả", "en": "Result"},
    "sync.col.count": {"vi": "Số bộ dữ liệu", "en": "Datasets"},
    "sync.totals": {
        "vi": "Thời gian {seconds} giây, {requests} yêu cầu HTTP.",
        "en": "{seconds} seconds, {requests} HTTP requests.",
    },
    # --- configuration file
    "config.unreadable": {
        "vi": "Không đọc được tệp cấu hình {path}: {reason}",
        "en": "Cannot read the configuration file {path}: {reason}",
    },
    "config.malformed": {
        "vi": "Tệp cấu hình {path} sai định dạng (cần mục [portal] với url, token, timeout): "
        "{reason}",
        "en": "The configuration file {path} is malformed (a [portal] section with url, token, "
        "timeout is expected): {reason}",
    },
    "config.unknown_key": {
        "vi": "Tệp cấu hình {path}: không biết khoá «{key}» trong mục [portal] (chỉ có: {known}).",
        "en": 'Configuration file {path}: unknown key "{key}" in [portal] (known: {known}).',
    },
    "config.insecure": {
        "vi": "Cảnh báo: người khác có thể đọc tệp cấu hình {path} chứa mã truy cập. "
        "Hãy chạy: chmod 600 {path}",
        "en": "Warning: others can read the configuration file {path}, which holds a token. "
        "Run: chmod 600 {path}",
    },
    # --- status
    "help.status": {
        "vi": "Tình trạng cập nhật (đúng hạn / sắp đến hạn / quá hạn) các bộ dữ liệu của từng "
        "cơ quan, đọc từ cổng; xuất CSV hoặc XLSX.",
        "en": "Update status (on time / due soon / overdue) of each agency's datasets, read "
        "from the portal; CSV or XLSX export.",
    },
    "help.status_org": {
        "vi": "Chỉ một tổ chức (tên trên cổng, vd. so-y-te).",
        "en": "One organization only (its portal name, e.g. so-y-te).",
    },
    "help.status_filter": {
        "vi": "Chỉ các bộ dữ liệu có tình trạng này.",
        "en": "Only datasets with this status.",
    },
    "help.status_csv": {
        "vi": "Ghi danh sách bộ dữ liệu ra tệp CSV.",
        "en": "Write the list of datasets to a CSV file.",
    },
    "help.status_xlsx": {
        "vi": "Ghi bảng tổng hợp theo cơ quan và danh sách bộ dữ liệu ra tệp Excel.",
        "en": "Write the summary per agency and the list of datasets to an Excel file.",
    },
    "help.status_token": {
        "vi": "Mã truy cập API (không bắt buộc: không có mã thì chỉ thấy bộ dữ liệu công khai).",
        "en": "API token (optional: without one only public datasets are seen).",
    },
    "status.title": {
        "vi": "Tình trạng cập nhật dữ liệu, ngày {today}:",
        "en": "Data update status on {today}:",
    },
    "status.late_title": {
        "vi": "{count} bộ dữ liệu quá hạn hoặc sắp đến hạn cập nhật:",
        "en": "{count} datasets overdue or due soon:",
    },
    "status.empty": {
        "vi": "Không có bộ dữ liệu nào.",
        "en": "No datasets.",
    },
    "status.not_supported": {
        "vi": "Cổng {url} không có chức năng báo cáo tình trạng cập nhật (cần ckanext-sonla).",
        "en": "The portal {url} has no update-status report (ckanext-sonla is needed).",
    },
    "status.unknown_org": {
        "vi": "Không có tổ chức «{org}» trên cổng.",
        "en": 'There is no organization "{org}" on the portal.',
    },
    "status.written": {"vi": "Đã ghi {path}", "en": "Written: {path}"},
    "status.value.on_time": {"vi": "Đúng hạn", "en": "On time"},
    "status.value.due_soon": {"vi": "Sắp đến hạn", "en": "Due soon"},
    "status.value.overdue": {"vi": "Quá hạn", "en": "Overdue"},
    "status.value.no_schedule": {"vi": "Không định kỳ", "en": "No schedule"},
    "status.frequency.daily": {"vi": "Hằng ngày", "en": "Daily"},
    "status.frequency.weekly": {"vi": "Hằng tuần", "en": "Weekly"},
    "status.frequency.monthly": {"vi": "Hằng tháng", "en": "Monthly"},
    "status.frequency.quarterly": {"vi": "Hằng quý", "en": "Quarterly"},
    "status.frequency.semiannual": {"vi": "6 tháng một lần", "en": "Half-yearly"},
    "status.frequency.annual": {"vi": "Hằng năm", "en": "Yearly"},
    "status.frequency.irregular": {"vi": "Không định kỳ", "en": "Irregular"},
    "status.frequency.on_change": {"vi": "Khi có thay đổi", "en": "On change"},
    "status.col.organization": {"vi": "Mã tổ chức", "en": "Organization"},
    "status.col.organization_title": {"vi": "Cơ quan", "en": "Agency"},
    "status.col.name": {"vi": "Mã bộ dữ liệu", "en": "Dataset id"},
    "status.col.title": {"vi": "Bộ dữ liệu", "en": "Dataset"},
    "status.col.update_frequency": {"vi": "Tần suất", "en": "Frequency"},
    "status.col.data_last_updated": {"vi": "Cập nhật lần cuối", "en": "Last updated"},
    "status.col.next_due": {"vi": "Hạn cập nhật", "en": "Next due"},
    "status.col.days_left": {"vi": "Số ngày còn lại", "en": "Days left"},
    "status.col.status": {"vi": "Tình trạng", "en": "Status"},
    "status.agency.name": {"vi": "Mã tổ chức", "en": "Organization"},
    "status.agency.title": {"vi": "Cơ quan", "en": "Agency"},
    "status.agency.total": {"vi": "Số bộ dữ liệu", "en": "Datasets"},
    "status.agency.on_time": {"vi": "Đúng hạn", "en": "On time"},
    "status.agency.due_soon": {"vi": "Sắp đến hạn", "en": "Due soon"},
    "status.agency.overdue": {"vi": "Quá hạn", "en": "Overdue"},
    "status.agency.no_schedule": {"vi": "Không định kỳ", "en": "No schedule"},
    "status.agency.on_time_rate": {"vi": "Tỷ lệ đúng hạn", "en": "On-time rate"},
    "status.sheet.agencies": {"vi": "Tổng hợp", "en": "Summary"},
    "status.sheet.datasets": {"vi": "Bộ dữ liệu", "en": "Datasets"},
}
