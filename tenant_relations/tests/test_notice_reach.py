# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 13: a notice's buildings are those of the units; the sender sees the reach first."""

from odoo.tests import tagged

from .common import TenantRelationsCase
from .test_notice import NoticeMixin


@tagged("post_install", "-at_install")
class TestNoticeReach(NoticeMixin, TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit_a3 = cls.env["tenant.unit"].create(
            {"property_id": cls.property_a.id, "building": "2", "number": "0301"}
        )
        cls.member = cls.env["res.partner"].create({"name": "王小明"})
        cls.occupy(cls.unit_a1, cls.owner)
        cls.occupy(cls.unit_a1, cls.member, role="resident")
        cls.occupy(cls.unit_a3, cls.tenant, role="tenant")

    def test_building_must_be_written_as_on_the_units(self):
        Notice = self.env["tenant.notice"].with_user(self.staff_a)
        with self.assertRefused("1栋 is not a building of the chosen properties"):
            self.notice(env=Notice.env, buildings="1栋")
        notice = self.notice(env=Notice.env, buildings="2")
        self.assertEqual(notice.audience_count, 1)

    def test_reach_counted_before_publishing(self):
        notice = self.notice(env=self.env(user=self.staff_a))
        self.assertEqual(notice.audience_count, 3, "owner, household member and tenant of A")
        notice.for_residents = False
        self.assertEqual(notice.audience_count, 2)
        self.publish(notice)
        self.assertEqual(len(notice.recipient_ids), 2, "the count said whom it reaches")
