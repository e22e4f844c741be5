# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .res_partner import SURVEY_POINTS_DEFAULT, SURVEY_POINTS_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    tenant_points_survey = fields.Integer(
        string="Points for Answering a Survey",
        config_parameter=SURVEY_POINTS_PARAM,
        default=SURVEY_POINTS_DEFAULT,
    )
