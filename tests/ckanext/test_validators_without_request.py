"""sonla_required builds its message without a web request (CLI, background jobs): issue 19."""
from __future__ import annotations

import flask
import pytest
from ckan.lib.navl.dictization_functions import StopOnError

PLUGINS = "sonla scheming_datasets"
pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), pytest.mark.usefixtures("with_plugins")]

FIELD = {"field_name": "update_frequency", "label": {"vi": "Tần suất cập nhật", "en": "Update frequency"}}


def test_sonla_required_outside_a_request_names_the_field_in_the_site_language(app):
    from ckanext.sonla.validators import sonla_required

    check = sonla_required(FIELD, {})
    with app.flask_app.app_context():  # as `ckan` CLI commands and background jobs run
        assert not flask.has_request_context()
        errors: dict = {("update_frequency",): []}
        with pytest.raises(StopOnError):
            check(("update_frequency",), {("update_frequency",): ""}, errors, {})
    [message] = errors[("update_frequency",)]
    # The label and the sentence in the site's language (ckan.locale_default = vi).
    assert message.startswith("\"Tần suất cập nhật\"") and "bắt buộc" in message
