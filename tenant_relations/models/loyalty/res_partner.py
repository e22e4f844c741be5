# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Resident points (忠诚度计划) kept on Odoo's loyalty cards, one card per resident."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_compare, float_is_zero

PROGRAM_XMLID = "tenant_relations.loyalty_program_resident"

# Earning rules: reason -> (config parameter holding the points, default points). Other addons
# add their own through _tenant_loyalty_rule_params (tenant_relations_survey: "survey").
LOYALTY_RULE_PARAMS = {
    "renewal": ("tenant_relations.loyalty_points_renewal", 100),
    "tenure": ("tenant_relations.loyalty_points_tenure_year", 50),
    "payment": ("tenant_relations.loyalty_points_payment", 10),
    "event": ("tenant_relations.loyalty_points_event", 20),
    "referral": ("tenant_relations.loyalty_points_referral", 200),
}

# The most points one manual award may give. The largest shipped earning rule gives 200 (a
# converted referral); 10,000 points are fifty of those, or 100 of currency off a fee at the
# shipped reward (0.01 per point): more than any gesture at the desk, far less than a typo or an
# abuse (one staff member once gave 1,000,000). A bigger award is several visible ledger lines,
# or a customer's override of _tenant_max_award_points.
MAX_POINTS_PER_AWARD = 10000

# The most points one staff member may give by hand in a calendar month, all residents together:
# the per-award cap alone is no limit (three awards of 10,000 are three clicks). Twice the cap by
# default; a system setting (Settings > Tenant Relations), which only Settings administrators
# change. Awards by earning rules (crons, payments, attendance) are not counted: their amounts
# are set in the settings and each follows from a recorded fact.
STAFF_MONTHLY_LIMIT_PARAM = "tenant_relations.loyalty_points_staff_monthly_limit"
DEFAULT_STAFF_MONTHLY_LIMIT = 20000
# First key of the transaction lock that serialises one user's manual awards (any fixed number).
STAFF_LIMIT_LOCK_KEY = 74620


class ResPartner(models.Model):
    _inherit = "res.partner"

    tenant_points = fields.Float(
        string="Loyalty Points",
        compute="_compute_tenant_points",
        digits=(16, 2),
        # The balance is the resident's and their staff's business; the portal shows a resident
        # their own from the card (controllers/loyalty.py), not through this field.
        groups="tenant_relations.group_tenant_relations_user",
        help="Balance of the resident's card in the Resident Rewards programme.",
    )

    def _compute_tenant_points(self):
        # sudo: employees without sales rights cannot read loyalty cards; only the balance of
        # the partners being read (which the user may read) is exposed, nothing else of the card.
        cards = self._tenant_loyalty_cards().sudo()
        balances = {card.partner_id.id: card.points for card in cards}
        for partner in self:
            partner.tenant_points = balances.get(partner._origin.id, 0.0)

    @api.model
    def _tenant_loyalty_program(self):
        """The resident programme; a customer's addon may override this to use another one."""
        return self.env.ref(PROGRAM_XMLID).sudo()

    @api.model
    def _tenant_loyalty_rule_params(self):
        """{reason: (config parameter holding its points, default points)}: the earning rules.

        An addon that brings its own rule adds it here (and its reason to the points wizard).
        """
        return dict(LOYALTY_RULE_PARAMS)

    @api.model
    def _tenant_rule_points(self, reason):
        """Points an earning rule gives, as configured in the settings (0 for unknown reasons)."""
        rules = self._tenant_loyalty_rule_params()
        if reason not in rules:
            return 0.0
        param, default = rules[reason]
        # Whole points only (see _tenant_check_whole_points): a hand-edited "10.5" gives 10.
        return float(self.env["ir.config_parameter"]._tenant_get_int_param(param, default, minimum=0))

    def _tenant_loyalty_cards(self, create=False):
        """The resident cards of these partners, in one search; missing ones made in one create.

        Returns sudo records: callers are private methods or controllers that filter on the
        partner themselves.
        """
        partner_ids = [pid for pid in self._origin.ids if pid]
        Card = self.env["loyalty.card"].sudo()
        if not partner_ids:
            return Card
        program = self._tenant_loyalty_program()
        cards = Card.search([("program_id", "=", program.id), ("partner_id", "in", partner_ids)])
        if create:
            missing = [pid for pid in partner_ids if pid not in set(cards.partner_id.ids)]
            if missing:
                cards |= Card.with_context(loyalty_no_mail=True).create(
                    [{"program_id": program.id, "partner_id": pid, "points": 0} for pid in missing]
                )
        return cards

    @api.model
    def _tenant_award_points(self, partner_points, description):
        """Add points to residents in batch and write one ledger line per resident.

        :param dict partner_points: {partner id: points}, points > 0
        :param description: the reason shown in the history: a string, or a function of an
            environment returning it in that environment's language, so that each resident reads it
            in their own (jobs run in the language of no one in particular), or {partner id: either}
            when the reason differs per resident
        :return: the loyalty.history lines written (sudo)
        """
        partner_points = {pid: pts for pid, pts in partner_points.items() if pid and pts}
        History = self.env["loyalty.history"].sudo()
        if not partner_points:
            return History
        # Points are for residents, never for the company's own users: staff who record a payment,
        # an attendance or a lease of their own earn nothing by it (the wizard says so).
        for pid in self._tenant_internal_partner_ids(list(partner_points)):
            del partner_points[pid]
        if not partner_points:
            return History
        if any(pts < 0 for pts in partner_points.values()):
            raise UserError(self.env._("Points to award must be positive: redeem points instead."))
        self._tenant_check_whole_points(partner_points.values())
        cards = self.browse(list(partner_points))._tenant_loyalty_cards(create=True)
        for card in cards.with_context(loyalty_no_mail=True):
            card.points += partner_points[card.partner_id.id]
        describe = self._tenant_describer(description)
        manual = bool(self.env.context.get("tenant_manual_award"))
        return History.create(
            [
                {
                    "card_id": card.id,
                    "description": describe(card.partner_id),
                    "issued": partner_points[card.partner_id.id],
                    "used": 0.0,
                    "tenant_manual": manual,
                }
                for card in cards
            ]
        )

    @api.model
    def _tenant_award_manual_points(self, partner_points, description):
        """Award points a staff member chose by hand, within their monthly limit.

        Private: the points wizard checks the resident and the per-award cap first. The limit is
        counted in the ledger (lines marked manual, written by this user this month), under a
        lock per user so that two awards sent at once cannot both pass it.
        """
        self._tenant_check_whole_points(partner_points.values())
        if not self.env.su:
            self.env.cr.execute(
                SQL("SELECT pg_advisory_xact_lock(%s, %s)", STAFF_LIMIT_LOCK_KEY, self.env.uid)
            )
            limit = self._tenant_staff_monthly_limit()
            given = self._tenant_manual_points_this_month()
            asked = sum(partner_points.values())
            if given + asked > limit:
                raise UserError(
                    self.env._(
                        "You may give at most %(limit)s points by hand per month; you have given "
                        "%(given)s this month, so %(points)s more cannot be given.",
                        limit=limit,
                        given=int(given),
                        points=int(asked),
                    )
                )
        return self.with_context(tenant_manual_award=True)._tenant_award_points(partner_points, description)

    @api.model
    def _tenant_manual_points_this_month(self):
        """Points the current user has given by hand since the first of the month (UTC)."""
        month_start = fields.Datetime.now().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        # sudo: the user's own ledger lines, which staff without loyalty rights cannot read.
        [[issued]] = (
            self.env["loyalty.history"]
            .sudo()
            ._read_group(
                [
                    ("tenant_manual", "=", True),
                    ("create_uid", "=", self.env.uid),
                    ("create_date", ">=", month_start),
                ],
                aggregates=["issued:sum"],
            )
        )
        return issued or 0.0

    @api.model
    def _tenant_staff_monthly_limit(self):
        """The setting STAFF_MONTHLY_LIMIT_PARAM: a value that is no number means the default."""
        return self.env["ir.config_parameter"]._tenant_get_int_param(
            STAFF_MONTHLY_LIMIT_PARAM, DEFAULT_STAFF_MONTHLY_LIMIT, minimum=0
        )

    @api.model
    def _tenant_check_whole_points(self, values):
        """Points are whole: 0.001 points is no gesture but a way round every count."""
        fractions = [value for value in values if not float_is_zero(value - round(value), precision_digits=6)]
        if fractions:
            raise ValidationError(
                self.env._("Points are whole numbers: %(points)s is not.", points=fractions[0])
            )

    @api.model
    def _tenant_describer(self, description):
        """partner -> their ledger description, in their language, each one rendered once.

        ``description``: a string, a function of an environment, or {partner id: either of those}
        when each resident's reason differs (the months of their own fee payments).
        """
        rendered = {}

        def describe(partner):
            own = description.get(partner.id, "") if isinstance(description, dict) else description
            if not callable(own):
                return own
            key = (id(own), partner.lang or self.env.lang or "en_US")
            if key not in rendered:
                rendered[key] = own(self.with_context(lang=key[1]).env)
            return rendered[key]

        return describe

    @api.model
    def _tenant_rule_description(self, reason):
        """The name of earning rule ``reason`` as a ledger description, in each resident's language.

        A function of an environment (see _tenant_award_points): the line is written once and read
        by the resident, in the portal and in their card, so it is rendered in their language and
        not in the language of whoever, or whichever job, awards the points. The names are written
        in one place, the reasons of the points wizard.
        """

        def describe(env):
            reasons = env["tenant.points.wizard"]._fields["reason"]._description_selection(env)
            return dict(reasons)[reason]

        return describe

    @api.model
    def _tenant_award_reason(self, partner_points, reason):
        """Award these points under the name of earning rule ``reason``, whatever the rule gives.

        For points that follow from facts older than the records (years of tenancy before the
        firm used Odoo), and for the demo, which must read like real ledger lines.
        """
        return self._tenant_award_points(partner_points, self._tenant_rule_description(reason))

    @api.model
    def _tenant_award_rule(self, reason, partner_ids, description):
        """Award the points of earning rule ``reason`` once per item of ``partner_ids``.

        A partner may appear several times (two payments, two referrals): they earn each, on one
        ledger line. ``description`` as for ``_tenant_award_points``. Returns the points of one
        earning; 0 when the rule gives none (nothing done).
        """
        points = self._tenant_rule_points(reason)
        if not points or not partner_ids:
            return 0.0
        totals = defaultdict(float)
        for partner_id in partner_ids:
            totals[partner_id] += points
        self._tenant_award_points(totals, description)
        return points

    @api.model
    def _tenant_first_unrewarded(self, records, document_field):
        """The records that earn their author the points of their document, one per (document,
        partner): an attendee earns an event's points once, however many seats they booked; an
        author a survey's once, however often they answer it.

        ``records`` (registrations, answers) have a ``partner_id``, the many2one
        ``document_field`` (``event_id``, ``survey_id``) and the flag ``tenant_points_awarded``;
        the pairs already rewarded are read in one search. Returns records of ``records``' own
        environment, the first of each pair not rewarded yet.
        """
        # sudo: only the (document, partner) pairs already rewarded are read, to decide on points;
        # the user (often the author, a portal user) may not read others' records.
        rewarded = {
            (record[document_field].id, record.partner_id.id)
            for record in records.sudo().search(
                [
                    ("tenant_points_awarded", "=", True),
                    (document_field, "in", records[document_field].ids),
                    ("partner_id", "in", records.partner_id.ids),
                ]
            )
        }
        first_ids = []
        for record in records:
            key = (record[document_field].id, record.partner_id.id)
            if key not in rewarded:
                rewarded.add(key)
                first_ids.append(record.id)
        return records.browse(first_ids)

    @api.model
    def _tenant_internal_partner_ids(self, partner_ids):
        """The partners among these that are internal users (archived ones too), in one query."""
        # sudo: whether a contact is a user of the company decides eligibility only.
        users = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", partner_ids), ("share", "=", False)])
        )
        return set(users.partner_id.ids)

    @api.model
    def _tenant_max_award_points(self):
        """The most points one manual award may give (see MAX_POINTS_PER_AWARD)."""
        return MAX_POINTS_PER_AWARD

    def _tenant_redeem_points(self, points, description):
        """Take points from this resident's card; refuse to go below zero, writing nothing.

        ``description`` as for ``_tenant_award_points`` (a string or a function of an environment).
        """
        self.ensure_one()
        if float_compare(points, 0.0, precision_digits=2) <= 0:
            raise UserError(self.env._("Points to redeem must be more than zero."))
        card = self._tenant_loyalty_cards()
        balance = card.points if card else 0.0
        if float_compare(points, balance, precision_digits=2) > 0:
            raise UserError(
                self.env._(
                    "%(name)s has only %(balance)s points: %(points)s cannot be redeemed.",
                    name=self.display_name,
                    balance=balance,
                    points=points,
                )
            )
        card.with_context(loyalty_no_mail=True).points = balance - points
        return (
            self.env["loyalty.history"]
            .sudo()
            .create(
                {
                    "card_id": card.id,
                    "description": self._tenant_describer(description)(self),
                    "issued": 0.0,
                    "used": points,
                }
            )
        )

    @api.model
    def action_tenant_loyalty_cards(self):
        """The residents' cards of the resident programme (menu Tenant Relations > Points).

        Read only, as the user: the record rules on loyalty.card decide whose cards they see (their
        properties' current residents for staff, their companies' residents for managers).
        """
        action = self.env["ir.actions.act_window"]._for_xml_id("tenant_relations.loyalty_card_action_window")
        action["domain"] = [("program_id", "=", self._tenant_loyalty_program().id)]
        return action

    def action_tenant_points_wizard(self):
        """Open the award / redeem wizard for this resident."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tenant_relations.tenant_points_wizard_action")
        action["context"] = {"default_partner_id": self.id}
        return action
