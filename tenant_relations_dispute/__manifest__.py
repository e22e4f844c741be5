# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Tenant Relations: Disputes",
    "summary": "Disputes taken from negotiation through mediation to arbitration",
    "version": "18.0.1.2.0",
    "category": "Services/Tenant Relations",
    "website": "https://github.com/tenant-relations/tenant-relations",
    "author": "Tenant Relations",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["tenant_relations", "calendar"],
    "data": [
        "security/tenant_relations_dispute_groups.xml",
        "security/tenant_relations_dispute_security.xml",
        "security/ir.model.access.csv",
        "data/tenant_dispute_level_data.xml",
        "data/ir_cron_data.xml",
        "views/tenant_dispute_views.xml",
        "views/tenant_dispute_level_views.xml",
        "wizard/tenant_dispute_escalate_views.xml",
        "views/tenant_mediation_committee_views.xml",
        "views/tenant_mediation_session_views.xml",
        "views/menus.xml",
        "views/tenant_dispute_party_views.xml",
        "views/tenant_ticket_views.xml",
        "security/tenant_dispute_portal_rules.xml",
        "views/portal_templates.xml",
        "views/tenant_dispute_step_views.xml",
        "views/tenant_dispute_proceeding_views.xml",
    ],
    "demo": [
        "demo/tenant_dispute_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "tenant_relations_dispute/static/tests/tours/*.js",
        ],
    },
}
