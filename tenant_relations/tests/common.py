# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, new_test_user


class TenantRelationsCase(TransactionCase):
    """Two properties with their own staff, a few units and residents; no demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.manager = new_test_user(
            cls.env, "tr_manager", groups="tenant_relations.group_tenant_relations_manager"
        )
        cls.staff_a = new_test_user(
            cls.env, "tr_staff_a", groups="tenant_relations.group_tenant_relations_user"
        )
        cls.staff_b = new_test_user(
            cls.env, "tr_staff_b", groups="tenant_relations.group_tenant_relations_user"
        )
        Property = cls.env["tenant.property"]
        cls.property_a = Property.create(
            {"name": "Green Lake Gardens", "code": "GLG", "manager_id": cls.staff_a.id}
        )
        cls.property_b = Property.create(
            {"name": "Cloud Apartments", "code": "CLA", "user_ids": [cls.staff_b.id]}
        )
        Unit = cls.env["tenant.unit"]
        cls.unit_a1, cls.unit_a2 = Unit.create(
            [
                {
                    "property_id": cls.property_a.id,
                    "building": "1",
                    "floor": 12,
                    "number": "1201",
                    "code": "1-1201",
                },
                {
                    "property_id": cls.property_a.id,
                    "building": "1",
                    "floor": 12,
                    "number": "1202",
                    "code": "1-1202",
                },
            ]
        )
        cls.unit_b1 = Unit.create({"property_id": cls.property_b.id, "number": "0801", "code": "A-0801"})
        Partner = cls.env["res.partner"]
        cls.owner = Partner.create({"name": "王建国", "email": "wang@example.com"})
        cls.tenant = Partner.create({"name": "李秀英", "email": "li@example.com"})

    @classmethod
    def occupy(cls, unit, partner, role="owner", move_in="2024-01-01", move_out=False, **vals):
        return cls.env["tenant.occupancy"].create(
            {
                "unit_id": unit.id,
                "partner_id": partner.id,
                "role": role,
                "move_in_date": move_in,
                "move_out_date": move_out,
                **vals,
            }
        )

    @contextmanager
    def assertRefused(self, text, exception=ValidationError):
        """Like assertRaises (which rolls back what was written), and the message says ``text``."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertIn(text, str(caught.exception))
