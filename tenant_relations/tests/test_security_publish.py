# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 9, findings 1 and 5: what staff may publish, award and record, tried as attackers would.

Each test plays the attack as a real, non-superuser user (through the ORM with ``with_user`` or
over HTTP), sees it refused, and checks that nothing changed.
"""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import SQL, mute_logger

from ..models.loyalty.res_partner import MAX_POINTS_PER_AWARD
from .common import PortalCase, call_kw, community_event, portal_resident, property_unit, resident, staff_user
from .test_loyalty import LoyaltyCase
from .test_notice import NoticeMixin

PHOTO = b"\xff\xd8\xff\xe0 photo of unit B's leak"
PLAN = b"%PDF-1.4 maintenance plan"


@tagged("post_install", "-at_install")
class TestPublishNoticeFiles(NoticeMixin, LoyaltyCase):
    """A notice carries only files uploaded to it, that its author may read (finding 1), and
    only managers address every property (finding 5)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Attachment = cls.env["ir.attachment"]
        # Another property's record: staff of A cannot read it.
        cls.photo_b = Attachment.create(
            {"name": "leak_b.jpg", "raw": PHOTO, "res_model": "tenant.unit", "res_id": cls.unit_b1.id}
        )
        # An internal document uploaded by the manager, attached to nothing.
        cls.budget = Attachment.with_user(cls.manager).create({"name": "budget.pdf", "raw": b"%PDF internal"})
        # A file of a record staff of A may read, but not the notice's.
        cls.photo_a = Attachment.create(
            {"name": "unit_a1.jpg", "raw": PHOTO, "res_model": "tenant.unit", "res_id": cls.unit_a1.id}
        )
        cls.no_rights = new_test_user(cls.env, "tr_pub_employee", groups="base.group_user")
        cls.Notice = cls.env["tenant.notice"]

    def staff_notice(self, **vals):
        return self.notice(env=self.Notice.with_user(self.staff_a).env, **vals)

    def assertUntouched(self, attachment, res_model, res_id):
        attachment.invalidate_recordset()
        self.assertEqual((attachment.res_model, attachment.res_id), (res_model, res_id))

    def test_foreign_files_refused_on_create(self):
        self.assertFalse(self.Notice.with_user(self.staff_a).env.su)
        count = self.Notice.search_count([])
        for attachment, error in (
            (self.photo_b, AccessError),
            (self.budget, AccessError),
            (self.photo_a, ValidationError),
        ):
            for command in (Command.set(attachment.ids), Command.link(attachment.id), attachment.id):
                with self.subTest(file=attachment.name, command=command), self.assertRaises(error):
                    self.staff_notice(attachment_ids=[command])
        self.assertEqual(self.Notice.search_count([]), count, "no notice was created")
        self.assertUntouched(self.photo_b, "tenant.unit", self.unit_b1.id)
        self.assertUntouched(self.budget, False, 0)
        self.assertUntouched(self.photo_a, "tenant.unit", self.unit_a1.id)

    def test_foreign_files_refused_on_write_and_publish(self):
        notice = self.staff_notice()
        as_staff = notice.with_user(self.staff_a)
        with self.assertRaises(AccessError):
            as_staff.write({"attachment_ids": [Command.link(self.photo_b.id)]})
        with self.assertRaises(AccessError):
            as_staff.write({"attachment_ids": [Command.set((self.budget | self.photo_b).ids)]})
        with self.assertRaises(ValidationError):
            as_staff.write({"attachment_ids": [Command.link(self.photo_a.id)]})
        # Moving someone else's file onto the notice by writing the file itself: refused too.
        with self.assertRaises(AccessError):
            self.photo_b.with_user(self.staff_a).write({"res_model": "tenant.notice", "res_id": notice.id})
        as_staff.action_publish()
        self.assertFalse(notice.attachment_ids)
        self.assertUntouched(self.photo_b, "tenant.unit", self.unit_b1.id)
        self.assertUntouched(self.budget, False, 0)
        # Not even the superuser links a file of another record.
        with self.assertRaises(ValidationError):
            notice.with_env(self.env).write({"attachment_ids": [Command.link(self.photo_b.id)]})

    def test_files_uploaded_to_the_notice_are_its_own(self):
        Attachment = self.env["ir.attachment"].with_user(self.staff_a)
        # The form uploads a file before the notice exists (res_id 0), then saves the notice.
        upload = Attachment.create(
            {"name": "plan.pdf", "raw": PLAN, "res_model": "tenant.notice", "res_id": 0}
        )
        notice = self.staff_notice(attachment_ids=[Command.link(upload.id)])
        self.assertUntouched(upload, "tenant.notice", notice.id)
        self.assertEqual(notice.attachment_ids, upload)
        # Uploaded to the saved notice, or created through the field: attached to it as well.
        later = Attachment.create(
            {"name": "map.pdf", "raw": PLAN, "res_model": "tenant.notice", "res_id": notice.id}
        )
        notice.with_user(self.staff_a).write(
            {"attachment_ids": [Command.link(later.id), Command.create({"name": "rota.pdf", "raw": PLAN})]}
        )
        self.assertEqual(len(notice.attachment_ids), 3)
        self.assertEqual(set(notice.attachment_ids.mapped("res_id")), {notice.id})
        self.assertEqual(notice._get_portal_attachments(), notice.attachment_ids)
        # Someone else's upload in progress is not theirs to take.
        other = (
            self.env["ir.attachment"]
            .with_user(self.staff_b)
            .create({"name": "b.pdf", "raw": PLAN, "res_model": "tenant.notice", "res_id": 0})
        )
        with self.assertRaises(AccessError):
            notice.with_user(self.staff_a).write({"attachment_ids": [Command.link(other.id)]})
        self.assertUntouched(other, "tenant.notice", 0)
        # A copy starts without the files, which stay with their notice.
        self.assertFalse(notice.with_user(self.staff_a).copy().attachment_ids)

    def test_all_properties_is_for_managers(self):
        count = self.Notice.search_count([])
        with self.assertRaises(AccessError):
            self.staff_notice(all_properties=True)
        with self.assertRaises(AccessError):
            self.staff_notice(property_ids=[(5,)], all_properties=True)
        self.assertEqual(self.Notice.search_count([]), count)
        notice = self.staff_notice()
        with self.assertRaises(AccessError):
            notice.with_user(self.staff_a).write({"all_properties": True})
        self.assertFalse(notice.all_properties)
        # A manager's notice to everyone, which staff of A see through their property: they may
        # read it, but neither publish nor schedule it.
        everyone = self.notice(env=self.Notice.with_user(self.manager).env, all_properties=True)
        with self.assertRaises(AccessError):
            everyone.with_user(self.staff_a).action_publish()
        with self.assertRaises(AccessError):
            everyone.with_user(self.staff_a).action_schedule()
        self.assertEqual(everyone.state, "draft")
        self.assertFalse(everyone.recipient_ids)
        everyone.with_user(self.manager).action_publish()
        self.assertEqual(everyone.recipient_ids.partner_id, self.owner | self.tenant)

    def test_staff_address_only_their_properties(self):
        count = self.Notice.search_count([])
        with self.assertRaises(AccessError):
            self.staff_notice(property_ids=[Command.set((self.property_a | self.property_b).ids)])
        self.assertEqual(self.Notice.search_count([]), count)
        notice = self.staff_notice()
        with self.assertRaises(AccessError):
            notice.with_user(self.staff_a).write({"property_ids": [Command.link(self.property_b.id)]})
        self.assertEqual(notice.property_ids, self.property_a)
        # A manager's notice to A and B: staff of A edit and publish it as it is.
        both = self.notice(property_ids=[Command.set((self.property_a | self.property_b).ids)])
        both.with_user(self.staff_a).write({"name": "Lifts out of service"})
        both.with_user(self.staff_a).action_publish()
        self.assertEqual(both.recipient_ids.partner_id, self.owner | self.tenant)

    def test_staff_without_tenant_relations_rights(self):
        count = self.Notice.search_count([])
        with self.assertRaises(AccessError):
            self.notice(
                env=self.Notice.with_user(self.no_rights).env, attachment_ids=[Command.link(self.photo_b.id)]
            )
        self.assertEqual(self.Notice.search_count([]), count)


@tagged("post_install", "-at_install")
class TestPublishNoticePortal(NoticeMixin, PortalCase):
    """The notice page links its files to a route that checks access on each download."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.staff = staff_user(env, "tr_pub_staff", password="tr_pub_staff_pw")
        cls.unit_a = property_unit(env, "PUB-A", "P-1201", name="翠湖花园", user_ids=cls.staff.ids)
        cls.unit_b = property_unit(env, "PUB-B", "P-0801", "0801", name="云栖公寓")
        cls.property_a, cls.property_b = cls.unit_a.property_id, cls.unit_b.property_id
        cls.user_a = portal_resident(
            env, "tr_pub_res_a", cls.unit_a, "Resident A", "pub.a@example.com", password="tr_pub_res_a_pw"
        )
        cls.user_b = portal_resident(
            env, "tr_pub_res_b", cls.unit_b, "Resident B", "pub.b@example.com", password="tr_pub_res_b_pw"
        )
        cls.partner_a, cls.partner_b = cls.user_a.partner_id, cls.user_b.partner_id
        Attachment = cls.env["ir.attachment"]
        cls.photo_b = Attachment.create(
            {"name": "leak_b.jpg", "raw": PHOTO, "res_model": "tenant.unit", "res_id": cls.unit_b.id}
        )
        cls.notice_a = cls.notice(name="停水通知")
        cls.plan = Attachment.create(
            {"name": "plan.pdf", "raw": PLAN, "res_model": "tenant.notice", "res_id": cls.notice_a.id}
        )
        cls.notice_a.attachment_ids = cls.plan
        cls.notice_a.action_publish()
        # A link made before the fix (the constraint now refuses it): the portal must not serve it.
        cls.env.flush_all()
        cls.env.cr.execute(
            SQL(
                "INSERT INTO tenant_notice_ir_attachment_rel (notice_id, attachment_id) VALUES (%s, %s)",
                cls.notice_a.id,
                cls.photo_b.id,
            )
        )
        cls.notice_a.invalidate_recordset(["attachment_ids"])

    def file_url(self, attachment, notice=None):
        return f"/my/notices/{(notice or self.notice_a).id}/files/{attachment.id}"

    def test_resident_downloads_the_notice_files_only(self):
        self.authenticate(self.user_a.login, "tr_pub_res_a_pw")
        page = self.url_open(f"/my/notices/{self.notice_a.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.file_url(self.plan), page.text)
        self.assertNotIn("leak_b.jpg", page.text)
        self.assertNotIn("access_token", page.text)
        self.assertFalse(self.plan.sudo().access_token, "no long-lived token is handed out")
        self.assertFalse(self.photo_b.sudo().access_token)
        res = self.url_open(self.file_url(self.plan) + "?download=true")
        self.assertEqual(res.status_code, 200)
        self.assertEqual(res.content, PLAN)
        with mute_logger("odoo.http"):
            for url in (
                self.file_url(self.photo_b),
                f"/web/content/{self.photo_b.id}",
                f"/web/content/{self.plan.id}",
                f"/my/notices/{self.notice_a.id}/files/99999999999",
            ):
                with self.subTest(url=url):
                    res = self.url_open(url, allow_redirects=False)
                    self.assertIn(res.status_code, (403, 404))
                    self.assertNotIn(PHOTO, res.content)
                    self.assertNotIn(PLAN, res.content)

    def test_others_and_visitors_get_nothing(self):
        with mute_logger("odoo.http"):
            self.authenticate(self.user_b.login, "tr_pub_res_b_pw")
            res = self.url_open(self.file_url(self.plan), allow_redirects=False)
            self.assertEqual(res.status_code, 404, "the notice is not addressed to resident B")
            self.assertNotIn(PLAN, res.content)
            self.logout()
            res = self.url_open(self.file_url(self.plan), allow_redirects=False)
            self.assertIn(res.status_code, (303, 404))
            self.assertNotIn(PLAN, res.content)
            res = self.url_open(f"/web/content/{self.plan.id}?download=true", allow_redirects=False)
            self.assertIn(res.status_code, (403, 404))
            self.assertNotIn(PLAN, res.content)

    def test_staff_cannot_publish_foreign_files_over_rpc(self):
        self.authenticate(self.staff.login, "tr_pub_staff_pw")
        count = self.env["tenant.notice"].search_count([])
        vals = {
            "name": "Leak photos",
            "kind": "maintenance",
            "property_ids": [Command.set(self.property_a.ids)],
            "attachment_ids": [Command.set(self.photo_b.ids)],
        }
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            call_kw(self, "tenant.notice", "create", [vals])
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            call_kw(self, "tenant.notice", "create", [{**vals, "attachment_ids": [], "all_properties": True}])
        self.assertEqual(self.env["tenant.notice"].search_count([]), count)
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            call_kw(
                self,
                "tenant.notice",
                "write",
                self.notice_a.ids,
                {"attachment_ids": [Command.link(self.photo_b.id)]},
            )
        self.assertEqual(self.photo_b.res_model, "tenant.unit")


@tagged("post_install", "-at_install")
class TestPublishPoints(LoyaltyCase):
    """Staff award points to current residents of their properties only, never to themselves,
    within a maximum; only managers redeem; nobody writes the balance directly (finding 5)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.no_rights = new_test_user(cls.env, "tr_pts_employee", groups="base.group_user")
        cls.portal = new_test_user(
            cls.env, "tr_pts_portal", groups="base.group_portal", partner_id=cls.owner.id
        )
        cls.Partner = cls.env["res.partner"]
        cls.Partner._tenant_award_points({cls.owner.id: 500, cls.tenant.id: 300}, "Lease renewal")

    def wizard(self, user, partner, **vals):
        return (
            self.env["tenant.points.wizard"]
            .with_user(user)
            .create({"partner_id": partner.id, "reason": "manual", **vals})
        )

    def balances(self):
        partners = self.owner | self.tenant | self.staff_a.partner_id | self.staff_b.partner_id
        return {card.partner_id: (card.points, len(card.history_ids)) for card in self.cards(partners)}

    def test_award_only_to_residents_of_own_properties(self):
        before = self.balances()
        self.assertFalse(self.env["tenant.points.wizard"].with_user(self.staff_a).env.su)
        with self.assertRefused("not a current resident of a property you work for", AccessError):
            self.wizard(self.staff_a, self.tenant, points=100).action_confirm()
        former = self.Partner.create({"name": "Moved out"})
        self.occupy(self.unit_a2, former, move_in="2020-01-01", move_out="2021-01-01")
        with self.assertRefused("not a current resident", AccessError):
            self.wizard(self.staff_a, former, points=100).action_confirm()
        self.assertEqual(self.balances(), before)
        self.wizard(self.staff_a, self.owner, points=100).action_confirm()
        self.assertEqual(self.cards(self.owner).points, 600)

    def test_never_to_themselves_nor_any_user(self):
        # Even living in a unit of their own property, staff earn nothing.
        self.occupy(self.unit_a2, self.staff_a.partner_id)
        before = self.balances()
        for target in (self.staff_a, self.staff_b, self.manager):
            with (
                self.subTest(user=target.login),
                self.assertRefused("points are for residents only", UserError),
            ):
                self.wizard(self.staff_a, target.partner_id, points=1_000_000).action_confirm()
        with self.assertRefused("points are for residents only", UserError):
            self.wizard(self.manager, self.staff_a.partner_id, points=100).action_confirm()
        # Nor by an automatic rule: a fee payment they record for themselves.
        payment = (
            self.env["tenant.fee.payment"]
            .with_user(self.staff_a)
            .create(
                {
                    "unit_id": self.unit_a2.id,
                    "partner_id": self.staff_a.partner_id.id,
                    "period": "2026-10",
                    "due_date": "2026-10-15",
                    "paid_date": "2026-10-01",
                }
            )
        )
        self.assertFalse(payment.points_awarded)
        self.assertEqual(self.balances(), before)
        self.assertFalse(self.cards(self.staff_a.partner_id))

    def test_award_has_a_maximum(self):
        before = self.balances()
        for user in (self.staff_a, self.manager):
            with self.subTest(user=user.login), self.assertRefused("at most", UserError):
                self.wizard(user, self.owner, points=1_000_000).action_confirm()
            with self.assertRefused("at most", UserError):
                self.wizard(user, self.owner, points=MAX_POINTS_PER_AWARD + 1).action_confirm()
        self.assertEqual(self.balances(), before)
        self.wizard(self.staff_a, self.owner, points=MAX_POINTS_PER_AWARD).action_confirm()
        self.assertEqual(self.cards(self.owner).points, 500 + MAX_POINTS_PER_AWARD)

    def test_only_managers_redeem(self):
        before = self.balances()
        with self.assertRefused("Only Tenant Relations managers can redeem", AccessError):
            self.wizard(self.staff_a, self.owner, operation="redeem", points=500).action_confirm()
        self.assertEqual(self.balances(), before)
        # The private method is not reachable over RPC (leading underscore).
        self.wizard(self.manager, self.owner, operation="redeem", points=200).action_confirm()
        self.assertEqual(self.cards(self.owner).points, 300)

    def test_no_direct_write_on_cards_or_ledger(self):
        card = self.cards(self.owner)
        before = self.balances()
        for user in (self.staff_a, self.no_rights, self.portal):
            with self.subTest(user=user.login):
                self.assertFalse(self.env["loyalty.card"].with_user(user).env.su)
                with self.assertRaises(AccessError):
                    card.with_user(user).write({"points": 1_000_000})
                with self.assertRaises(AccessError):
                    self.env["loyalty.history"].with_user(user).create(
                        {"card_id": card.id, "description": "gift", "issued": 1_000_000}
                    )
                with self.assertRaises(AccessError):
                    self.env["loyalty.card"].with_user(user).create(
                        {"program_id": self.program.id, "partner_id": user.partner_id.id, "points": 1_000_000}
                    )
                if user != self.staff_a:
                    with self.assertRaises(AccessError):
                        card.with_user(user).read(["points"])
        # Staff read (only read) the cards of their properties' residents: menu Points (issue 13).
        self.assertEqual(card.with_user(self.staff_a).points, before[self.owner][0])
        # Without Tenant Relations rights, not even the wizard.
        for user in (self.no_rights, self.portal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.wizard(user, self.owner, points=10)
        self.assertEqual(self.balances(), before)

    def test_event_rewards_residents_of_its_properties_only(self):
        event = community_event(self.env, "Garden party of A", self.property_a)
        self.env["ir.config_parameter"].sudo().set_param("tenant_relations.loyalty_points_event", 20)
        before = self.balances()
        registrations = self.env["event.registration"].create(
            [
                {"event_id": event.id, "partner_id": partner.id}
                for partner in (self.tenant, self.staff_a.partner_id, self.owner)
            ]
        )
        registrations.action_set_done()
        after = self.balances()
        self.assertEqual(after[self.tenant], before[self.tenant], "a resident of B earns nothing at A")
        self.assertNotIn(self.staff_a.partner_id, after)
        self.assertEqual(after[self.owner][0], before[self.owner][0] + 20)


@tagged("post_install", "-at_install")
class TestPublishPointsRpc(PortalCase):
    """The same attacks on points, over JSON-RPC as a browser would make them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = staff_user(cls.env, "tr_rpc_staff", password="tr_rpc_staff_pw")
        cls.unit_a = property_unit(cls.env, "RPC-A", "RPC-1", "1", name="A", user_ids=cls.staff.ids)
        cls.unit_b = property_unit(cls.env, "RPC-B", "RPC-2", "2", name="B")
        cls.property_a, cls.property_b = cls.unit_a.property_id, cls.unit_b.property_id
        cls.resident_a = resident(cls.env, cls.unit_a, "Resident A")
        cls.resident_b = resident(cls.env, cls.unit_b, "Resident B")
        Partner = cls.env["res.partner"]
        Partner._tenant_award_points({cls.resident_a.id: 50, cls.resident_b.id: 50}, "Lease renewal")
        cls.card_b = Partner.browse(cls.resident_b.id)._tenant_loyalty_cards()

    def points(self):
        return {p: p.tenant_points for p in (self.resident_a | self.resident_b | self.staff.partner_id)}

    @mute_logger("odoo.http")
    def test_staff_over_rpc(self):
        self.authenticate(self.staff.login, "tr_rpc_staff_pw")
        self.env.invalidate_all()
        before = self.points()
        attacks = [
            ("loyalty.card", "write", self.card_b.ids, {"points": 1_000_000}),
            (
                "loyalty.history",
                "create",
                [{"card_id": self.card_b.id, "issued": 1_000_000, "description": "x"}],
            ),
        ]
        for target, points, operation in (
            (self.resident_b, 100, "award"),
            (self.staff.partner_id, 1_000_000, "award"),
            (self.resident_a, 1_000_000, "award"),
            (self.resident_a, 10, "redeem"),
        ):
            wizard_id = call_kw(
                self,
                "tenant.points.wizard",
                "create",
                [{"partner_id": target.id, "points": points, "operation": operation, "reason": "manual"}],
            )
            attacks.append(("tenant.points.wizard", "action_confirm", wizard_id))
        for attack in attacks:
            with self.subTest(attack=attack[:2]), self.assertRaises(JsonRpcException):
                call_kw(self, *attack)
        self.env.invalidate_all()
        self.assertEqual(self.points(), before)


@tagged("post_install", "-at_install")
class TestPublishFeePayer(LoyaltyCase):
    """The payer of a fee payment lives or lived in the unit (finding 5)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("tenant_relations.loyalty_points_payment", 10)
        cls.former = cls.env["res.partner"].create({"name": "Moved away"})
        cls.occupy(cls.unit_a1, cls.former, move_in="2020-01-01", move_out="2023-12-31")
        cls.Payment = cls.env["tenant.fee.payment"].with_user(cls.staff_a)

    def vals(self, partner, **vals):
        return {
            "unit_id": self.unit_a1.id,
            "partner_id": partner.id,
            "period": "2026-10",
            "due_date": "2026-10-15",
            "paid_date": "2026-10-01",
            **vals,
        }

    def test_payer_of_another_property_refused(self):
        self.assertFalse(self.Payment.env.su)
        outsider = self.env["res.partner"].create({"name": "Not a resident"})
        for payer in (self.tenant, outsider, self.staff_a.partner_id):
            with self.subTest(payer=payer.name), self.assertRefused("has never lived in this unit"):
                self.Payment.create(self.vals(payer))
        self.assertFalse(self.env["tenant.fee.payment"].search([("unit_id", "=", self.unit_a1.id)]))
        self.assertEqual(self.cards(self.tenant).points, 0)
        self.assertFalse(self.loyalty_history(self.tenant))
        # A current or a former occupant of the unit may pay.
        own = self.Payment.create(self.vals(self.owner))
        self.assertEqual(own.points_awarded, 10)
        late = self.Payment.create(self.vals(self.former, period="2023-11", paid_date="2026-10-20"))
        with self.assertRefused("has never lived in this unit"):
            late.write({"partner_id": self.tenant.id})
        self.assertEqual(late.partner_id, self.former)
        with self.assertRefused("has never lived in this unit"):
            late.write({"unit_id": self.unit_b1.id})
        self.assertEqual(late.unit_id, self.unit_a1)
