# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Tenant Relations",
    "summary": "Properties, units, tenants and owners for property-management firms",
    "version": "18.0.1.0.0",
    "category": "Services/Tenant Relations",
    "website": "https://github.com/tenant-relations/tenant-relations",
    "author": "Tenant Relations",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["mail", "portal", "resource", "base_import"],
    "external_dependencies": {"python": ["xlsxwriter", "babel"]},
    "data": [
        "security/tenant_relations_security.xml",
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "data/ir_config_parameter_data.xml",
        "views/tenant_property_views.xml",
        "views/tenant_unit_views.xml",
        "views/tenant_occupancy_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/tenant_property_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/tenant_unit_demo.xml",
        "demo/tenant_occupancy_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "tenant_relations/static/tests/tours/*.js",
        ],
    },
}
