# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Tenant Relations: Satisfaction Surveys",
    "summary": "Satisfaction-survey campaigns for residents on Odoo's survey app",
    "version": "18.0.1.0.0",
    "category": "Services/Tenant Relations",
    "website": "https://github.com/tenant-relations/tenant-relations",
    "author": "Tenant Relations",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["tenant_relations", "survey"],
    "data": [
        "security/ir.model.access.csv",
        "security/tenant_survey_security.xml",
        "data/tenant_survey_topic_data.xml",
        "data/survey_survey_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/tenant_survey_campaign_views.xml",
        "views/portal_templates.xml",
        "views/tenant_survey_topic_views.xml",
        "views/survey_question_views.xml",
        "views/survey_survey_views.xml",
        "views/survey_user_input_line_views.xml",
        "views/tenant_survey_campaign_score_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/tenant_survey_campaign_demo.xml",
        "demo/survey_user_input_demo.xml",
        "demo/tenant_survey_invitation_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "tenant_relations_survey/static/tests/tours/*.js",
        ],
    },
}
