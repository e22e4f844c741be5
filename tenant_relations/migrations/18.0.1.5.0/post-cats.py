# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.5.0, for databases made by earlier versions, whose shipped data is ``noupdate``:

- the words callers use: the new categories (gas, access control, renovation) are created by the
  upgrade as missing records, with their translations; the keywords added to existing ones (水费 and
  电费 to fees, …) are written here, in English and in Chinese, unless the firm changed them itself;
- the closing mail tells the resident how their request was handled (the resolution note), in
  every language of its body, unless the firm's body already shows it or no longer names the
  request where the shipped one did.
"""

import json
import re

from odoo.tools import SQL

# xmlid: {lang: (shipped before, shipped now)}
KEYWORDS = {
    "tenant_ticket_category_security": {
        "en_US": ("security, guard, patrol, theft", "security, guard, patrol, theft, CCTV, stranger"),
        "zh_CN": ("安保、保安、巡逻、盗窃", "安保、保安、巡逻、盗窃、监控、陌生人、小偷"),
    },
    "tenant_ticket_category_parking": {
        "en_US": ("parking, car park, vehicle", "parking, car park, parking space, garage, vehicle"),
        "zh_CN": ("停车、车位、车辆", "停车、车位、车库、停车场、车辆、乱停车、占用车位"),
    },
    "tenant_ticket_category_noise": {
        "en_US": ("noise, neighbour dispute, disturbance", "noise, loud, neighbour dispute, disturbance"),
        "zh_CN": ("噪音、扰民、邻里纠纷", "噪音、噪声、吵闹、扰民、邻里纠纷"),
    },
    "tenant_ticket_category_pets": {
        "en_US": ("pets, dog, cat", "pets, dog, cat, barking, dog mess"),
        "zh_CN": ("宠物、狗、猫", "宠物、狗、猫、遛狗、狗叫、宠物粪便"),
    },
    "tenant_ticket_category_fees": {
        "en_US": (
            "fees, property fee, bill, payment",
            "fees, property fee, service charge, water bill, electricity bill, bill, payment",
        ),
        "zh_CN": ("物业费、缴费、账单、收费", "物业费、水费、电费、缴费、账单、收费、催费"),
    },
}

# The paragraph that says the request is closed, in the body shipped in any earlier version.
CLOSED_PARAGRAPH = re.compile(r"<strong t-out=\"object\.number or ''\">.*?</p>\n", re.DOTALL)
RESOLUTION_BLOCK = """    <div t-if="not is_html_empty(object.resolution_note)">
        <p>%(heading)s</p>
        <div t-out="object.resolution_note">%(example)s</div>
    </div>
"""
RESOLUTION_TEXTS = {
    "en_US": {"heading": "How we handled it:", "example": "The leaking pipe in the ceiling was replaced."},
    "zh_CN": {"heading": "处理结果：", "example": "已更换天花板内漏水的水管。"},
}


def _with_resolution(body, lang):
    """The closing body with the resolution after the paragraph that says the request is closed."""
    if not body or "resolution_note" in body:
        return body
    match = CLOSED_PARAGRAPH.search(body)
    if not match:
        return body  # rewritten by the firm: theirs
    block = RESOLUTION_BLOCK % RESOLUTION_TEXTS.get(lang, RESOLUTION_TEXTS["en_US"])
    return body[: match.end()] + block + body[match.end() :]


def _updated(keywords, shipped):
    """The keywords with each language still as shipped before brought to the new wording."""
    if not keywords or keywords.get("en_US") != shipped["en_US"][0]:
        return keywords  # renamed by the firm: theirs
    return {
        lang: shipped[lang][1] if lang in shipped and value == shipped[lang][0] else value
        for lang, value in keywords.items()
    }


def migrate(cr, version):
    _rewrite_shipped(cr, "tenant.ticket.category", "keywords", tuple(KEYWORDS), _new_keywords)
    _rewrite_shipped(cr, "mail.template", "body_html", ("mail_template_ticket_closed",), _new_closing_bodies)


def _new_keywords(xmlid, keywords):
    return _updated(keywords, KEYWORDS[xmlid])


def _new_closing_bodies(_xmlid, bodies):
    return {lang: _with_resolution(body, lang) for lang, body in (bodies or {}).items()}


def _rewrite_shipped(cr, model, column, names, rewrite):
    """Write ``rewrite(xmlid, value)`` into ``column`` of the records of ``model`` that
    tenant_relations ships as ``names``, where it differs from the value they hold."""
    table = SQL.identifier(model.replace(".", "_"))
    cr.execute(
        SQL(
            """
            SELECT d.name, r.id, r.%(column)s
              FROM %(table)s r
              JOIN ir_model_data d ON d.model = %(model)s AND d.res_id = r.id
             WHERE d.module = 'tenant_relations' AND d.name IN %(names)s
            """,
            column=SQL.identifier(column),
            table=table,
            model=model,
            names=names,
        )
    )
    for name, record_id, value in cr.fetchall():
        new_value = rewrite(name, value)
        if new_value != value:
            cr.execute(
                SQL(
                    "UPDATE %s SET %s = %s::jsonb WHERE id = %s",
                    table,
                    SQL.identifier(column),
                    json.dumps(new_value),
                    record_id,
                )
            )
