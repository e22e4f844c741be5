# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 13, the smaller findings of the desk walk-through, each at its cause."""

import base64

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.misc import file_open

from .common import TenantRelationsCase


@tagged("post_install", "-at_install")
class TestDeskDetails(TenantRelationsCase):
    def arch(self, model, view_type, user):
        views = self.env[model].with_user(user).get_views([(False, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def test_resident_profile_tab_right_after_contacts(self):
        arch = self.arch("res.partner", "form", self.staff_a)
        pages = [page.get("name") for page in arch.xpath("//sheet/notebook/page")]
        self.assertIn("tenant_profile", pages)
        self.assertEqual(pages.index("tenant_profile"), pages.index("contact_addresses") + 1, pages)

    def test_ticket_secrets_not_offered_to_group_filter_or_export(self):
        admin = self.env.ref("base.user_admin")
        attributes = ["groupable", "searchable", "sortable", "exportable"]
        described = self.env["tenant.ticket"].with_user(admin).fields_get(attributes=attributes)
        for name in ("access_token", "anonymous_code_hash"):
            with self.subTest(field=name):
                self.assertIn(name, described, "administrators hold the field's group")
                self.assertEqual(
                    {key: described[name][key] for key in attributes}, dict.fromkeys(attributes, False)
                )
        self.assertTrue(described["name"]["groupable"] or described["name"]["searchable"])

    def test_ticket_header_closed_visible_and_assign_to_me_hidden_when_mine(self):
        arch = self.arch("tenant.ticket", "form", self.staff_a)
        [statusbar] = arch.xpath("//header/field[@name='stage_id']")
        self.assertNotIn("fold_field", statusbar.get("options", ""), "folded stages (Closed) hide under …")
        [assign] = arch.xpath("//header/button[@name='action_assign_to_me']")
        self.assertEqual(assign.get("invisible"), "user_id == uid")

    def test_property_manager_reads_sla_policies(self):
        menu = self.env.ref("tenant_relations.tenant_sla_policy_menu")
        self.assertTrue(
            menu.with_user(self.staff_a)._filter_visible_menus(), "staff see the SLA Policies menu"
        )
        Policy = self.env["tenant.sla.policy"].with_user(self.staff_a)
        policies = Policy.search([])
        self.assertTrue(policies)
        policies[0].read(["name", "duration"])
        with self.assertRaises(AccessError):
            policies[0].write({"duration": 1})

    def test_sla_list_columns_wide_enough_for_chinese(self):
        arch = self.arch("tenant.sla.policy", "list", self.manager)
        for name in ("target", "duration", "duration_unit", "around_the_clock", "urgency", "kind"):
            with self.subTest(field=name):
                [field] = arch.xpath(f"//list/field[@name='{name}']")
                self.assertTrue(field.get("width"), "a width the zh_CN header fits in")


@tagged("post_install", "-at_install")
class TestProfileReviewLanguage(TenantRelationsCase):
    def test_review_activity_summary_in_the_assignee_language(self):
        """The cron (en_US) copied the English summary onto a Chinese manager's activities."""
        self.env["res.lang"]._activate_lang("zh_CN")
        activity_type = self.env.ref("tenant_relations.mail_activity_type_profile_review")
        activity_type.with_context(lang="zh_CN").summary = "住户档案季度复核"
        self.staff_a.lang = "zh_CN"
        self.occupy(self.unit_a1, self.owner)
        profiles = self.env["tenant.profile"].with_context(lang="en_US")._cron_plan_profile_reviews()
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "tenant.profile"), ("res_id", "in", profiles.ids)]
        )
        self.assertEqual(activity.user_id, self.staff_a)
        self.assertEqual(activity.summary, "住户档案季度复核")

    def test_urgent_ticket_is_high_priority_unless_set_by_hand(self):
        Ticket = self.env["tenant.ticket"].with_user(self.staff_a)
        urgent = Ticket.create({"name": "燃气味", "partner_id": self.owner.id, "urgency": "urgent"})
        normal = Ticket.create({"name": "灯不亮", "partner_id": self.owner.id, "urgency": "normal"})
        chosen = Ticket.create(
            {"name": "漏水", "partner_id": self.owner.id, "urgency": "urgent", "priority": "3"}
        )
        self.assertEqual((urgent.priority, normal.priority, chosen.priority), ("2", "1", "3"))
        normal.urgency = "urgent"
        self.assertEqual(normal.priority, "2", "made urgent on the phone: up the list at once")

    def test_firm_without_logo_signs_with_its_initial(self):
        company = self.env.company
        company.logo = company._get_logo()
        self.assertTrue(company.uses_default_logo)
        avatar = base64.b64decode(company.partner_id.avatar_128)
        self.assertTrue(avatar.startswith(b"<?xml"), "an initial, not Odoo's 'Your logo' picture")
        logo = base64.b64encode(file_open("tenant_relations/static/description/icon.png", "rb").read())
        company.logo = logo
        self.assertFalse(company.uses_default_logo)
        self.assertFalse(base64.b64decode(company.partner_id.avatar_128).startswith(b"<?xml"))
