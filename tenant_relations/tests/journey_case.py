# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The base of the journey tests (test_journey*.py): the demo database exactly as ``make run``
builds it, tag ``tr_journey``.

They run only there (``make test`` builds that database and runs the tag ``tr_journey``), never on
the bare test database: they set nothing up. The demo's own users sign in with their demo
passwords, never as the superuser, and everything is rolled back at the end.
"""

from odoo.tests import HttpCase, tagged

from .common import TourTicketMixin, call_kw

DEMO = "tenant_relations.%s"


@tagged("-standard", "tr_journey", "post_install", "-at_install")
class JourneyCase(TourTicketMixin, HttpCase):
    """The demo's firm, its hotline agent, its two properties and the resident who signs in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.hotline = cls.demo("user_hotline_demo")  # 陈晓丽, hotline/hotline, agent of 翠湖花园
        cls.chg = cls.demo("tenant_property_chg_demo")  # 翠湖花园
        cls.yqa = cls.demo("tenant_property_yqa_demo")  # 云栖公寓
        cls.resident = cls.demo("res_partner_wang_jianguo_demo")  # 王建国, resident/resident
        cls.ma_li = cls.demo("res_partner_ma_li_demo")  # 马丽, who lives in two units

    @classmethod
    def demo(cls, name):
        """The record of ``tenant_relations.<name>``, the demo data's external id."""
        return cls.env.ref(DEMO % name)

    def rpc(self, model, method, *args, **kwargs):
        """Call a model method over JSON-RPC as the signed-in user, as the web client does."""
        return call_kw(self, model, method, *args, **kwargs)
