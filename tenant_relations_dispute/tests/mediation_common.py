# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A committee of property A with staff, an owner representative and neutral members, and a
dispute between two residents of the property that it hears."""

from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.tenant_relations.tests.common import STAFF, TenantRelationsCase

OFFICER = "tenant_relations_dispute.group_tenant_dispute_officer"
COMMITTEE = "tenant_relations_dispute.group_tenant_dispute_committee"


class MediationCase(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = new_test_user(
            cls.env, "se_officer", groups=f"{STAFF},{OFFICER}", email="officer@example.com"
        )
        cls.secretary_user = new_test_user(
            cls.env, "se_secretary", groups=STAFF, email="sec@example.com", name="Secretary Zhao"
        )
        cls.staff_user = new_test_user(
            cls.env, "se_staffm", groups=STAFF, email="staffm@example.com", name="Staff Sun"
        )
        # They work for property A (the dispute rules of the skeleton follow the property).
        cls.property_a.user_ids = [
            Command.link(user.id) for user in cls.officer | cls.secretary_user | cls.staff_user
        ]
        Partner = cls.env["res.partner"]
        cls.neighbourhood = Partner.create({"name": "居委会 张主任", "email": "zhang@example.com"})
        cls.lawyer = Partner.create({"name": "Lawyer Chen", "email": "chen@example.com"})
        cls.owner_rep = Partner.create({"name": "业主代表 刘", "email": "liu@example.com"})
        cls.committee = cls.env["tenant.mediation.committee"].create(
            {
                "name": "Green Lake Mediation Committee",
                "property_id": cls.property_a.id,
                "quorum": 2,
                "member_ids": [
                    Command.create(
                        {"user_id": cls.secretary_user.id, "member_type": "staff", "role": "secretary"}
                    ),
                    Command.create({"user_id": cls.staff_user.id, "member_type": "staff", "role": "member"}),
                    Command.create(
                        {"partner_id": cls.neighbourhood.id, "member_type": "neutral", "role": "chair"}
                    ),
                    Command.create({"partner_id": cls.lawyer.id, "member_type": "neutral", "role": "member"}),
                    Command.create(
                        {"partner_id": cls.owner_rep.id, "member_type": "owner", "role": "member"}
                    ),
                ],
            }
        )
        cls.m_secretary, cls.m_staff, cls.m_neighbourhood, cls.m_lawyer, cls.m_owner_rep = (
            cls.committee.member_ids.sorted("id")
        )
        cls.occupy(cls.unit_a1, cls.owner)
        cls.occupy(cls.unit_a2, cls.tenant)
        cls.tomorrow = datetime.combine(fields.Date.today() + timedelta(days=1), datetime.min.time()).replace(
            hour=9
        )

    def dispute(self, claimant=None, respondent=None, **values):
        """A dispute of ``claimant`` (the owner of 1-1201) against ``respondent`` (the tenant of
        1-1202) about 1-1201, heard by the committee."""
        claimant = claimant or self.owner
        respondent = respondent or self.tenant
        return self.env["tenant.dispute"].create(
            {
                "name": "Water through the ceiling",
                "property_id": self.property_a.id,
                "unit_id": self.unit_a1.id,
                "committee_id": self.committee.id,
                "party_ids": [
                    Command.create({"partner_id": claimant.id, "role": "claimant"}),
                    Command.create({"partner_id": respondent.id, "role": "respondent"}),
                ],
            }
            | values
        )

    def session(self, dispute, members=None, **values):
        return self.env["tenant.mediation.session"].create(
            {
                "dispute_id": dispute.id,
                "date_start": self.tomorrow,
                "location": "Property office, room 2",
                "member_ids": [Command.set((members or self.env["tenant.mediation.committee.member"]).ids)],
            }
            | values
        )

    def attend(self, session, *partners):
        """The officer ticks these people present."""
        lines = session.attendance_ids.filtered(lambda line: line.partner_id in partners)
        lines.with_user(self.officer).write({"attended": True})
