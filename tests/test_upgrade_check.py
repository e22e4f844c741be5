# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""tools/upgrade_check.py tells every kind of loss it looks for, and nothing else.

The upgrade itself needs a database of the previous version (`make upgrade-check`, see the
README); this checks only the comparison of two snapshots, which needs no database.
"""

import copy
import importlib.util
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("upgrade_check", ROOT / "tools" / "upgrade_check.py")
upgrade_check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(upgrade_check)

VERSIONS = {
    "tenant_relations": "18.0.1.6.0",
    "tenant_relations_survey": "18.0.1.0.0",
    "tenant_relations_dispute": "18.0.1.0.0",
}
MOVED = "tenant_relations.selection__tenant_points_wizard__reason__survey"
MOVED_TO = "tenant_relations_survey.selection__tenant_points_wizard__reason__survey"
BEFORE = {
    "params": {"tenant_relations.followup_days": "7", "auth_signup.invitation_scope": "b2c"},
    "company": {"1": {"id": 1, "tenant_portal_ticket_without_unit": True, "phone": "0571", "write_uid": 1}},
    "company_ours": ["tenant_portal_ticket_without_unit"],
    "campaigns": {
        "tenant_notice": {
            "3": {"state": "published", "logs": {"first": {"rows": 59, "sent": 10, "read_date": 5}}},
        },
        "tenant_greeting_campaign": {"1": {"state": "done", "logs": {"first": {"rows": 6}}}},
    },
    "xmlids": {
        "tenant_relations.tenant_notice_demo": ["tenant.notice", 3],
        MOVED: ["ir.model.fields.selection", 812],
    },
    "modules": {name: {"state": "installed", "version": "18.0.1.0.0"} for name in VERSIONS},
}


def upgraded():
    """BEFORE as a good upgrade leaves it: new versions, the moved XML id, a new log column."""
    after = copy.deepcopy(BEFORE)
    after["modules"] = {
        name: {"state": "installed", "version": version} for name, version in VERSIONS.items()
    }
    del after["xmlids"][MOVED]
    after["xmlids"][MOVED_TO] = BEFORE["xmlids"][MOVED]
    after["xmlids"]["tenant_relations.field_tenant_notice_recipient__wave"] = ["ir.model.fields", 9000]
    after["campaigns"]["tenant_notice"]["3"]["logs"]["first"]["acknowledged_date"] = 0
    after["company"]["1"]["write_uid"] = 2
    return after


def test_a_good_upgrade_has_no_difference():
    assert upgrade_check.compare(BEFORE, upgraded(), VERSIONS) == []


def test_every_loss_is_told():
    after = upgraded()
    del after["params"]["auth_signup.invitation_scope"]
    after["params"]["tenant_relations.followup_days"] = "3"
    after["company"]["1"]["tenant_portal_ticket_without_unit"] = False
    del after["company"]["1"]["phone"]
    after["campaigns"]["tenant_notice"]["3"]["state"] = "expired"
    after["campaigns"]["tenant_notice"]["3"]["logs"]["first"]["sent"] = 0
    after["campaigns"]["tenant_greeting_campaign"]["1"]["logs"]["reminder"] = {"rows": 2}
    del after["xmlids"]["tenant_relations.tenant_notice_demo"]
    after["modules"]["tenant_relations_dispute"]["version"] = "18.0.1.0.0-old"
    assert upgrade_check.compare(BEFORE, after, VERSIONS) == [
        "setting lost: ir_config_parameter 'auth_signup.invitation_scope' (was 'b2c')",
        "setting changed: ir_config_parameter 'tenant_relations.followup_days': '7' -> '3'",
        "company value res_company[1].phone lost (was '0571')",
        "setting res_company[1].tenant_portal_ticket_without_unit changed: True -> False",
        "campaign log changed: tenant_greeting_campaign id 1, wave 'reminder', rows: 0 -> 2",
        "campaign state changed: tenant_notice id 3: 'published' -> 'expired'",
        "campaign log changed: tenant_notice id 3, wave 'first', sent: 10 -> 0",
        "XML id lost: tenant_relations.tenant_notice_demo (tenant.notice, id 3)",
        "addon tenant_relations_dispute: installed version 18.0.1.0.0-old, manifest 18.0.1.0.0",
    ]


def test_a_campaign_or_its_log_gone_and_an_xml_id_moved_elsewhere():
    after = upgraded()
    del after["campaigns"]["tenant_greeting_campaign"]["1"]
    del after["campaigns"]["tenant_notice"]["3"]["logs"]["first"]
    after["xmlids"][MOVED_TO] = ["ir.model.fields.selection", 1]
    after["modules"]["tenant_relations_survey"]["state"] = "to upgrade"
    found = upgrade_check.compare(BEFORE, after, VERSIONS)
    assert found[0] == "campaign lost: tenant_greeting_campaign id 1 (state 'done')"
    assert [line.split(":")[0] for line in found[1:4]] == ["campaign log changed"] * 3
    assert found[4].startswith(f"XML id {MOVED} was to move")
    assert found[5] == "addon tenant_relations_survey is not installed after the update (to upgrade)"
    assert len(found) == 6


def test_the_xml_id_whitelist_and_the_log_reader():
    # Each expected change says what happens to the XML id and why.
    for kind, target, reason in upgrade_check.EXPECTED_XMLID_CHANGES.values():
        assert kind in ("moved", "removed") and reason
        assert kind != "moved" or target in upgrade_check.ADDONS
    line = "2026-12-07 13:08:01,776 8869 ERROR u14_up15 odoo.modules.loading: Failed to load"
    assert upgrade_check.LOG_ERROR.match(line)
    assert not upgrade_check.LOG_ERROR.match(line.replace("ERROR", "INFO"))
    assert set(upgrade_check.manifest_versions()) == set(upgrade_check.ADDONS)
