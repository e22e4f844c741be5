# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import TenantRelationsCase


@tagged("post_install", "-at_install")
class TestOccupancy(TenantRelationsCase):
    def test_roles_follow_current_occupancies(self):
        self.assertFalse(self.owner.tenant_role)
        self.occupy(self.unit_a1, self.owner)
        self.assertEqual(self.owner.tenant_role, "owner")
        self.occupy(self.unit_b1, self.owner, role="tenant", lease_start="2024-01-01", lease_end="2030-12-31")
        self.assertEqual(self.owner.tenant_role, "both")
        self.assertEqual(self.owner.tenant_unit_ids, self.unit_a1 | self.unit_b1)
        self.owner.tenant_occupancy_ids.write({"move_out_date": "2024-06-30"})
        self.assertEqual(self.owner.tenant_role, "former")
        self.assertFalse(self.owner.tenant_unit_ids)

    def test_household_member_role(self):
        self.occupy(self.unit_a1, self.tenant, role="resident")
        self.assertEqual(self.tenant.tenant_role, "resident")

    def test_unit_status(self):
        self.assertEqual(self.unit_a1.status, "vacant")
        self.occupy(self.unit_a1, self.owner)
        self.assertEqual(self.unit_a1.status, "occupied")
        self.assertEqual(self.unit_a1.occupant_ids, self.owner)
        self.unit_a1.under_renovation = True
        self.assertEqual(self.unit_a1.status, "renovation")
        self.assertEqual(self.property_a.unit_count, 2)
        self.assertEqual(self.property_a.resident_count, 1)

    def test_move_out_refreshed_by_cron(self):
        with freeze_time("2025-03-01"):
            occ = self.occupy(self.unit_a1, self.owner, move_out="2025-03-31")
            future = self.occupy(self.unit_a2, self.tenant, move_in="2025-03-15")
            self.assertTrue(occ.is_current)
            self.assertFalse(future.is_current)
        with freeze_time("2025-04-01"):
            refreshed = self.env["tenant.occupancy"]._cron_refresh_current()
        self.assertEqual(refreshed, occ | future)
        self.assertFalse(occ.is_current)
        self.assertTrue(future.is_current)
        self.assertEqual(self.unit_a1.status, "vacant")
        self.assertEqual(self.owner.tenant_role, "former")
        self.assertEqual(self.tenant.tenant_role, "owner")

    def test_refresh_cron_works_in_batches_and_reports_progress(self):
        """Three stale occupancies, two per run: the first run refreshes two and says one remains,
        the second the last one, the third finds nothing left (safe to run again)."""
        with freeze_time("2025-03-01"):
            ended = self.occupy(self.unit_a1, self.owner, move_out="2025-03-31")
            coming = self.occupy(self.unit_a2, self.tenant, move_in="2025-03-15")
            also_ended = self.occupy(self.unit_b1, self.tenant, role="resident", move_out="2025-03-20")
            self.assertEqual((ended | coming | also_ended).mapped("is_current"), [True, False, True])
        cron = self.env.ref("tenant_relations.ir_cron_refresh_current_occupancies")
        Occupancy = self.env["tenant.occupancy"]
        runs = []
        with freeze_time("2025-04-01"):
            for _run in range(3):
                progress = self.env["ir.cron.progress"].create(
                    {"cron_id": cron.id, "remaining": 0, "done": 0}
                )
                refreshed = Occupancy.with_context(ir_cron_progress_id=progress.id)._cron_refresh_current(
                    batch_size=2
                )
                runs.append((refreshed, progress.done, progress.remaining))
        self.assertEqual(runs[0], (ended | coming, 2, 1))
        self.assertEqual(runs[1], (also_ended, 1, 0))
        self.assertEqual(runs[2], (Occupancy, 0, 0))
        self.assertFalse((ended | also_ended).filtered("is_current"))
        self.assertTrue(coming.is_current)

    def test_move_out_before_move_in_refused(self):
        with self.assertRefused("before moving in"):
            self.occupy(self.unit_a1, self.owner, move_in="2024-05-01", move_out="2024-04-30")
        self.assertFalse(self.env["tenant.occupancy"].search([("unit_id", "=", self.unit_a1.id)]))

    def test_lease_end_before_start_refused(self):
        with self.assertRefused("ends before it starts"):
            self.occupy(
                self.unit_a1, self.tenant, role="tenant", lease_start="2024-05-01", lease_end="2024-01-01"
            )

    def test_overlapping_tenant_leases_refused(self):
        self.occupy(
            self.unit_b1, self.tenant, role="tenant", lease_start="2024-01-01", lease_end="2024-12-31"
        )
        with self.assertRefused("overlaps"):
            self.occupy(
                self.unit_b1, self.owner, role="tenant", move_in="2024-06-01", lease_start="2024-06-01"
            )
        # One after the other is fine, and so is a tenant on another unit.
        self.occupy(self.unit_b1, self.owner, role="tenant", move_in="2025-01-01", lease_start="2025-01-01")
        self.occupy(self.unit_a1, self.owner, role="tenant", lease_start="2024-06-01")

    def test_overlap_within_one_batch_refused(self):
        with self.assertRefused("overlaps"):
            self.env["tenant.occupancy"].create(
                [
                    {
                        "unit_id": self.unit_b1.id,
                        "partner_id": self.owner.id,
                        "role": "tenant",
                        "move_in_date": "2024-01-01",
                    },
                    {
                        "unit_id": self.unit_b1.id,
                        "partner_id": self.tenant.id,
                        "role": "tenant",
                        "move_in_date": "2024-03-01",
                    },
                ]
            )

    def test_occupancy_needs_unit_and_person(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["tenant.occupancy"].create({"partner_id": self.owner.id})

    def test_occupancy_form_requires_unit(self):
        form = Form(self.env["tenant.occupancy"])
        form.partner_id = self.owner
        with self.assertRaises(AssertionError):
            form.save()

    def test_duplicate_unit_code_refused(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["tenant.unit"].create(
                {"property_id": self.property_a.id, "number": "1201", "code": "1-1201"}
            )

    def test_same_unit_code_in_another_property(self):
        unit = self.env["tenant.unit"].create(
            {"property_id": self.property_b.id, "number": "1201", "code": "1-1201"}
        )
        self.assertEqual(unit.display_name, "Cloud Apartments 1-1201")

    def test_consent_dates_set_and_cleared(self):
        with freeze_time("2025-02-03"):
            self.owner.tenant_data_consent = True
            self.assertEqual(str(self.owner.tenant_data_consent_date), "2025-02-03")
        with freeze_time("2025-05-01"):
            self.owner.tenant_data_consent = True  # consenting again keeps the first date
            self.assertEqual(str(self.owner.tenant_data_consent_date), "2025-02-03")
        self.owner.tenant_data_consent = False
        self.assertFalse(self.owner.tenant_data_consent_date)
