# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The column mappings of the residents' import that we ship are the firm's (issue 14): every
employee's import uses them, only Tenant Relations managers and administrators change or delete
them; everyone keeps the mappings they made themselves, as in Odoo."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import TenantRelationsCase
from .test_resident_import import OPTIONS, csv_sheet

SHIPPED = "tenant_relations.base_import_mapping_resident_email_zh"
STAFF = "tenant_relations.group_tenant_relations_user"


@tagged("post_install", "-at_install")
class TestSecurityImportMapping(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The hotline agent is staff of property A; the plain employee has no Tenant Relations
        # right; each may create contacts, as Odoo lets every new user do by default.
        contacts = "base.group_partner_manager"
        cls.agent = new_test_user(cls.env, "tr_mapping_agent", groups=f"{STAFF},{contacts}")
        cls.property_a.user_ids = [Command.link(cls.agent.id)]
        cls.internal = new_test_user(cls.env, "tr_mapping_internal", groups=f"base.group_user,{contacts}")
        cls.manager.groups_id = [Command.link(cls.env.ref(contacts).id)]
        cls.admin = new_test_user(cls.env, "tr_mapping_admin", groups="base.group_system")
        cls.shipped = cls.env.ref(SHIPPED)
        cls.Mapping = cls.env["base_import.mapping"]

    def own_mapping(self, user):
        return self.Mapping.with_user(user).create(
            {"res_model": "res.partner", "column_name": f"column of {user.login}", "field_name": "comment"}
        )

    def test_shipped_mappings_are_known_by_their_xml_ids(self):
        shipped = self.Mapping.search([("tenant_shipped", "=", True)])
        self.assertIn(self.shipped, shipped)
        self.assertEqual(len(shipped), 7, "the residents' columns, in Chinese and in English")
        self.assertTrue(self.shipped.tenant_shipped)
        mine = self.own_mapping(self.internal)
        self.assertFalse(mine.tenant_shipped)
        self.assertIn(mine, self.Mapping.search([("tenant_shipped", "!=", True)]))
        self.assertNotIn(mine, self.Mapping.search([("tenant_shipped", "=", True)]))

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_agent_and_employee_keep_their_own_and_only_read_the_shipped(self):
        for user in (self.agent, self.internal):
            with self.subTest(user=user.login):
                shipped = self.shipped.with_user(user)
                self.assertEqual(shipped.field_name, "email", "every import reads them")
                with self.assertRaises(AccessError):
                    shipped.write({"field_name": "comment"})
                with self.assertRaises(AccessError):
                    shipped.unlink()
                mine = self.own_mapping(user)
                mine.write({"field_name": "function"})
                self.assertEqual(mine.field_name, "function")
                mine.unlink()
                self.assertFalse(mine.exists())
        self.assertEqual(self.shipped.field_name, "email")
        # Another employee's own mapping stays shared, as in Odoo.
        theirs = self.own_mapping(self.internal)
        theirs.with_user(self.agent).write({"field_name": "function"})
        self.assertEqual(theirs.field_name, "function")

    def test_managers_and_administrators_change_the_shipped(self):
        for user in (self.manager, self.admin):
            with self.subTest(user=user.login):
                self.shipped.with_user(user).write({"field_name": "comment"})
                self.assertEqual(self.shipped.field_name, "comment")
                self.shipped.field_name = "email"
        self.shipped.with_user(self.manager).unlink()
        self.assertFalse(self.shipped.exists())

    def import_remapped(self, user):
        """Import a sheet whose 邮箱 column the user sends to the contact's notes instead."""
        wizard = (
            self.env["base_import.import"]
            .with_user(user)
            .create(
                {
                    "res_model": "res.partner",
                    "file": csv_sheet([("赵六", "zhao6@example.com")], headers=("姓名", "邮箱")),
                    "file_name": "住户.csv",
                    "file_type": "text/csv",
                }
            )
        )
        result = wizard.execute_import(["name", "comment"], ["姓名", "邮箱"], dict(OPTIONS))
        self.assertFalse(result["messages"], result)
        partner = self.env["res.partner"].browse(result["ids"])
        self.assertEqual(partner.name, "赵六")
        self.assertIn("zhao6@example.com", partner.comment)
        return partner

    def test_an_agents_import_with_a_column_mapped_otherwise_goes_through_and_keeps_the_mapping(self):
        """Odoo remembers the columns' fields after an import, as the importing user: a write the
        agent may not make must not refuse the import it follows."""
        self.import_remapped(self.agent)
        self.assertEqual(self.shipped.field_name, "email", "the firm's mapping is not the agent's to change")
        self.assertEqual(
            self.Mapping.search([("column_name", "=", "姓名"), ("res_model", "=", "res.partner")]).field_name,
            "name",
        )
        # A manager's choice is remembered, as Odoo does.
        self.import_remapped(self.manager)
        self.assertEqual(self.shipped.field_name, "comment")

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_nobody_but_managers_shadows_a_shipped_mapping_with_a_new_one(self):
        """Odoo suggests the newest mapping of a column: a second mapping of 邮箱 made by an agent
        would change every import of the firm as surely as editing ours."""
        for user in (self.agent, self.internal):
            for column in (self.shipped.column_name, "Resident Role"):  # Odoo reads columns in lower case
                with self.subTest(user=user.login, column=column), self.assertRaises(AccessError):
                    self.Mapping.with_user(user).create(
                        {"res_model": "res.partner", "column_name": column, "field_name": "comment"}
                    )
        for column in (self.shipped.column_name, "resident role"):
            self.assertEqual(self.Mapping.search_count([("column_name", "=ilike", column)]), 1)
        preview = (
            self.env["base_import.import"]
            .with_user(self.agent)
            .create(
                {
                    "res_model": "res.partner",
                    "file": csv_sheet([("赵六", "zhao6@example.com")], headers=("姓名", "邮箱")),
                    "file_type": "text/csv",
                }
            )
            .parse_preview(dict(OPTIONS, limit=5))
        )
        self.assertEqual(preview["matches"][1], ["email"], "the firm's mapping still reads the column")
        # A manager may, as they may change ours.
        self.Mapping.with_user(self.manager).create(
            {"res_model": "res.partner", "column_name": self.shipped.column_name, "field_name": "comment"}
        )

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.sql_db")
    def test_an_import_of_the_mappings_themselves_is_refused_not_silently_ignored(self):
        wizard = (
            self.env["base_import.import"]
            .with_user(self.agent)
            .create(
                {
                    "res_model": "base_import.mapping",
                    "file": f"id,field_name\n{SHIPPED},comment\n".encode(),
                    "file_type": "text/csv",
                }
            )
        )
        result = wizard.execute_import(["id", "field_name"], ["id", "field_name"], dict(OPTIONS))
        self.assertTrue(result["messages"], "the agent is told the import was refused")
        self.assertEqual(self.shipped.field_name, "email")
