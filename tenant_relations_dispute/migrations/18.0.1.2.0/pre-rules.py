# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.2.0: staff and managers no longer see confidential disputes.

The rules are shipped ``noupdate``: the two whose domain changed are let to update once (the data
file sets them ``noupdate`` again as it loads them)."""

CHANGED_RULES = ("tenant_dispute_rule_user", "tenant_dispute_rule_manager")


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE ir_model_data
           SET noupdate = false
         WHERE module = 'tenant_relations_dispute' AND model = 'ir.rule' AND name IN %s
        """,
        (CHANGED_RULES,),
    )
