# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import escape_psql

from .tenant_ticket import URGENCIES

# How keywords are written: "漏水、渗漏" in Chinese, "leak, seepage" in English.
KEYWORD_SEPARATORS = "[,，、;；]"
# A word shorter than this (水, 电) is not looked for inside what the agent typed.
MIN_WORD_IN_TEXT_LENGTH = 2


class TenantTicketCategory(models.Model):
    """What a ticket is about (water and electricity, lift, leak…); a tree."""

    _name = "tenant.ticket.category"
    _description = "Ticket Category"
    _parent_store = True
    _order = "complete_name"
    _rec_name = "complete_name"
    # The name and keywords are searched in every language the firm has filled in, the complete
    # name in English: "漏水", "渗漏" and "leak" all find the water leak, whatever the language of the
    # agent's screen (a caller says 煤气 to an agent working in English). What the caller says may
    # also hold a category's word: "燃气味" and "卫生间天花板漏水" find gas and the leaks.
    _rec_names_search = ["complete_name", "search_terms"]

    name = fields.Char(required=True, translate=True)
    keywords = fields.Char(
        translate=True,
        help="Other words residents use for this category, comma-separated; searched with the name.",
    )
    search_terms = fields.Char(
        compute="_compute_search_terms",
        search="_search_search_terms",
        help="The name and keywords in the user's language; searched in every language.",
    )
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    parent_id = fields.Many2one("tenant.ticket.category", index=True, ondelete="cascade")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("tenant.ticket.category", "parent_id")
    default_urgency = fields.Selection(
        URGENCIES, default="normal", help="Urgency given to new tickets of this category."
    )
    active = fields.Boolean(default=True)

    @api.depends("name", "parent_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # The stored complete name is in one language (it orders the list): show the path in the
        # user's own language instead (as res.partner.category does).
        for category in self:
            names = []
            current = category
            while current:
                names.append(current.name or "")
                current = current.parent_id
            category.display_name = " / ".join(reversed(names))

    @api.depends("name", "keywords")
    @api.depends_context("lang")
    def _compute_search_terms(self):
        for category in self:
            category.search_terms = ", ".join(filter(None, (category.name, category.keywords)))

    def _search_search_terms(self, operator, value):
        """Match the name or keywords in any language (both are translated, stored per language),
        or a name or keyword found inside the text typed.

        The agent types what the caller says: "燃气味" (a gas smell) holds 燃气, "卫生间天花板漏水"
        holds 漏水. Words of one character (水, 电) are too common to place a request by.
        """
        if operator not in ("ilike", "not ilike") or not isinstance(value, str):
            return ["|", ("name", operator, value), ("keywords", operator, value)]
        self.flush_model(["name", "keywords"])  # read below in SQL
        pattern = f"%{escape_psql(value)}%"
        matching = SQL(
            """(SELECT c.id FROM tenant_ticket_category c
                WHERE EXISTS (SELECT FROM jsonb_each_text(c.name) n WHERE n.value ILIKE %(p)s)
                   OR EXISTS (SELECT FROM jsonb_each_text(c.keywords) k WHERE k.value ILIKE %(p)s)
                   OR EXISTS (
                       SELECT FROM (
                           SELECT n.value AS word FROM jsonb_each_text(c.name) n
                           UNION ALL
                           SELECT btrim(w) FROM jsonb_each_text(c.keywords) k,
                                                regexp_split_to_table(k.value, %(separators)s) w
                       ) words
                       WHERE char_length(words.word) >= %(min_length)s
                         AND strpos(lower(%(text)s), lower(words.word)) > 0))""",
            p=pattern,
            text=value,
            separators=KEYWORD_SEPARATORS,
            min_length=MIN_WORD_IN_TEXT_LENGTH,
        )
        return [("id", "in" if operator == "ilike" else "not in", matching)]

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        """The best matches first: the category named as typed, then one with that keyword, then
        those whose words hold what was typed; the categories found by one of their words inside
        it follow, urgent ones first. For "卫生间天花板漏水" the urgent water leak comes before the
        building's slow seepage: an urgent reading is corrected by a look, a missed emergency
        waits a day."""
        if not name or operator != "ilike":
            return super().name_search(name, args, operator, limit)
        found = super().name_search(name, args, operator, limit=None)
        ranks = self.browse(category_id for category_id, _name in found)._search_ranks(name)
        found.sort(key=lambda item: ranks[item[0]])
        return found[:limit] if limit else found

    def _search_ranks(self, typed):
        """``{category id: rank}`` for ``typed``, lower first (see name_search)."""
        typed = typed.strip().lower()
        ranks = {}
        for category in self:
            name = (category.name or "").strip().lower()
            keywords = [
                word.strip().lower() for word in re.split(KEYWORD_SEPARATORS, category.keywords or "")
            ]
            if typed == name:
                ranks[category.id] = (0, 0)
            elif typed in keywords:
                ranks[category.id] = (1, 0)
            elif typed in (category.search_terms or "").lower():
                ranks[category.id] = (2, 0)
            else:
                ranks[category.id] = (3, int(category.default_urgency != "urgent"))
        return ranks

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        # Always from the source (English) names, whoever renames a category in which language:
        # one stable order, and English words stay searchable in every language.
        source_names = {category.id: category.name for category in self.with_context(lang="en_US")}
        for category in self:
            name = source_names.get(category.id, category.name)
            if category.parent_id:
                category.complete_name = f"{category.parent_id.complete_name} / {name}"
            else:
                category.complete_name = name
