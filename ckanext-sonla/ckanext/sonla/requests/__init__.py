"""Data requests ("Yêu cầu dữ liệu") and problem reports ("Báo lỗi dữ liệu"): one table, two kinds."""
