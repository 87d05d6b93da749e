"""Auth functions of the subscription actions: all public; the e-mailed signed links are the right."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as toolkit

__all__ = ["sonla_subscription_confirm", "sonla_subscription_create", "sonla_subscription_unsubscribe"]


@toolkit.auth_allow_anonymous_access
def sonla_subscription_create(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, bool]:
    # Anyone: the action's form checks, rate limit and e-mail confirmation bound it.
    return {"success": True}


@toolkit.auth_allow_anonymous_access
def sonla_subscription_confirm(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, bool]:
    return {"success": True}


@toolkit.auth_allow_anonymous_access
def sonla_subscription_unsubscribe(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, bool]:
    return {"success": True}
