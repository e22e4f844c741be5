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
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
}
