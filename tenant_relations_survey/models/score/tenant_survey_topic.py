# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class TenantSurveyTopic(models.Model):
    """A satisfaction topic (满意度主题): what residents are asked to judge (response speed,
    cleaning, security...). Questions and matrix rows of any survey point to one, so that answers
    to different surveys, in different campaigns, score the same topic."""

    _name = "tenant.survey.topic"
    _description = "Satisfaction Topic"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="A short technical name, stable across languages (e.g. cleaning).")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "UNIQUE (code)", "Another satisfaction topic has this code."),
    ]
