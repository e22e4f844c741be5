# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.2.0: staff and managers no longer see confidential disputes; a committee member reads
their committee's cases only while their term runs, and creates none through it.

The rules are shipped ``noupdate``, and Odoo never updates a record of a ``noupdate`` file that
exists: the rules whose domain or rights changed are removed here, before the data files load, so
that they are created again as the file says now (rules that are new are created anyway)."""

CHANGED_RULES = ("tenant_dispute_rule_user", "tenant_dispute_rule_manager", "tenant_dispute_rule_committee")


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        DELETE FROM ir_model_data
         WHERE module = 'tenant_relations_dispute' AND model = 'ir.rule' AND name IN %s
        RETURNING res_id
        """,
        (CHANGED_RULES,),
    )
    rule_ids = tuple(row[0] for row in cr.fetchall())
    if rule_ids:
        cr.execute("DELETE FROM ir_rule WHERE id IN %s", (rule_ids,))
