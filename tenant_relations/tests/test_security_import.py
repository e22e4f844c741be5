# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The residents' import (issue 13) attacked as each persona would over RPC: what a row of a sheet
may do to a person another property, or another company, already knows.

Found by the red team on the demo database: a Tenant Relations manager of one company imported a
row with the name and mobile of another company's resident and a new e-mail; the contact was
reused, linked to a unit of the manager's company at once and its e-mail overwritten (the key to
the resident's portal account: a password reset goes to it). Managers are company-level: they act
for every property of their companies and for no other company's.
"""

from markupsafe import Markup

from odoo.tests import tagged

from .common import TenantRelationsCase
from .test_words import load_migration


@tagged("post_install", "-at_install")
class TestSecurityImportMigration(TenantRelationsCase):
    def test_migration_writes_names_as_they_were_written(self):
        """The 18.0.1.6.0 migration reads the names of the English occupancy lines from their HTML,
        where ``&`` is escaped, and wrote them escaped twice ("King's &amp; Queen's" on the screen)."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["tenant_relations"], ["zh_CN"], overwrite=True)
        self.env.company.partner_id.lang = "zh_CN"
        body = Markup("<p>%s</p>") % "Recorded as Owner of King's 1-101 (King's & Queen's) from 2019-08-18."
        log = self.env["mail.message"].create(
            {"model": "res.partner", "res_id": self.tenant.id, "message_type": "notification", "body": body}
        )
        self.assertIn("&amp;", str(log.body), "stored as 18.0.1.5.0 stored it: escaped once")
        load_migration()._occupancy_logs(self.env)
        log.invalidate_recordset()
        self.assertNotIn("Recorded as", str(log.body))
        self.assertIn("1-101", str(log.body))
        self.assertIn("&amp; Queen", str(log.body), "escaped once, as any text of a message")
        self.assertNotIn("&amp;amp;", str(log.body))
        self.assertNotIn("&amp;#39;", str(log.body))
