"""The published CKAN actions are exactly these, each with its permission check and its HTTP
method (GET only for side-effect-free ones). Adding or removing an action is a decision: change
this table with it."""

from __future__ import annotations

import json

import pytest

from thongthin.opendata.ckan.registry import actions

PUBLIC_READ = "public"
PUBLISHED = {
    # CKAN core, read (GET or POST)
    "package_list": (PUBLIC_READ, True),
    "package_show": (PUBLIC_READ, True),
    "package_search": (PUBLIC_READ, True),
    "current_package_list_with_resources": (PUBLIC_READ, True),
    "resource_show": (PUBLIC_READ, True),
    "organization_list": (PUBLIC_READ, True),
    "organization_show": (PUBLIC_READ, True),
    "group_list": (PUBLIC_READ, True),
    "group_show": (PUBLIC_READ, True),
    "tag_list": (PUBLIC_READ, True),
    "license_list": (PUBLIC_READ, True),
    "status_show": (PUBLIC_READ, True),
    "help_show": (PUBLIC_READ, True),
    "site_read": (PUBLIC_READ, True),
    # CKAN core, write (POST with an API token)
    "package_create": ("signed_in", False),
    "package_update": ("signed_in", False),
    "package_patch": ("signed_in", False),
    "package_delete": ("signed_in", False),
    "resource_create": ("signed_in", False),
    "resource_update": ("signed_in", False),
    "resource_patch": ("signed_in", False),
    "resource_delete": ("signed_in", False),
    "organization_create": ("sysadmin", False),
    "organization_member_create": ("signed_in", False),
    # DataStore
    "datastore_search": ("auth_read", True),
    "datastore_info": ("auth_read", True),
    "datastore_create": ("auth_write", False),
    "datastore_delete": ("auth_write", False),
    # ckanext-datarequests (and our votes)
    "create_datarequest": ("signed_in", False),
    "show_datarequest": (PUBLIC_READ, True),
    "update_datarequest": ("signed_in", False),
    "list_datarequests": (PUBLIC_READ, True),
    "delete_datarequest": ("signed_in", False),
    "close_datarequest": ("signed_in", False),
    "comment_datarequest": ("signed_in", False),
    "show_datarequest_comment": (PUBLIC_READ, True),
    "list_datarequest_comments": (PUBLIC_READ, True),
    "update_datarequest_comment": ("signed_in", False),
    "delete_datarequest_comment": ("signed_in", False),
    "follow_datarequest": ("signed_in", False),
    "unfollow_datarequest": ("signed_in", False),
    "vote_datarequest": ("signed_in", False),
    "unvote_datarequest": ("signed_in", False),
}


def test_the_published_set_of_actions():
    published = {name: (a.auth.__name__, a.side_effect_free) for name, a in actions().items()}
    assert published == PUBLISHED


def test_every_action_is_documented():
    undocumented = [name for name, a in actions().items() if len(a.doc) < 20]
    assert undocumented == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(n for n, (_auth, free) in PUBLISHED.items() if not free))
def test_every_write_action_refuses_anonymous_callers_and_get(client, name):
    assert client.get(f"/api/3/action/{name}").status_code == 400
    response = client.post(f"/api/3/action/{name}", json.dumps({}), content_type="application/json")
    assert response.status_code == 403
    assert response.json()["error"]["__type"] == "Authorization Error"
