# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

SENT_PARAM = "tenant_relations.kpi_report_sent_month_%s"
# A job that runs before the month's snapshots are stored waits for them, until this day of the
# month at the latest: then the report goes out with what there is.
WAIT_FOR_SNAPSHOTS_UNTIL_DAY = 3


class TenantKpiReportMail(models.AbstractModel):
    """The monthly KPI report (关键指标月报) e-mailed to the managers on the first days of a month.

    Each Tenant Relations manager and each property manager gets the previous month's report,
    built in their own environment (``with_user``: a property manager's file holds their own
    properties only, by the record rules) and language, once per company and month: the month sent
    is kept in a parameter per company, so a second run of the daily job sends nothing.
    """

    _name = "tenant.kpi.report.mail"
    _description = "Monthly KPI Report Mail"

    def _cron_send_monthly_report(self):
        """The daily job: for each company with monthly KPIs whose previous month was not sent
        yet, send it."""
        Xlsx = self.env["tenant.kpi.xlsx"]
        Param = self.env["ir.config_parameter"].sudo()  # sudo: the job keeps its own bookkeeping
        # sudo: the job reads which firms have monthly KPIs; a firm without any gets no report.
        kpis = self.env["tenant.kpi"].sudo().search([("period", "=", "month")])
        if not kpis:
            return
        companies = kpis.company_id
        if kpis.filtered(lambda kpi: not kpi.company_id):  # a KPI of every company
            companies = self.env["res.company"].search([("active", "=", True)])
        for company in companies:
            month = Xlsx._tenant_previous_month(company)
            label = month.strftime("%Y-%m")
            if Param.get_param(SENT_PARAM % company.id) == label or not self._tenant_report_ready(
                company, month
            ):
                continue
            # Written first, in the same transaction as the mails: a failure sends nothing and
            # leaves the month to the next run; a success never sends twice.
            Param.set_param(SENT_PARAM % company.id, label)
            for user, properties in self._tenant_report_recipients(company).items():
                self._tenant_send_report(user, company, month, properties)

    def _tenant_report_ready(self, company, month):
        """Whether the month's snapshots are stored (or it is too late to wait for them)."""
        stored = (
            self.env["tenant.kpi.snapshot"]
            .sudo()
            .search_count(  # sudo: a count for the job
                [("company_id", "=", company.id), ("period", "=", "month"), ("period_start", "=", month)],
                limit=1,
            )
        )
        return bool(stored) or company._tenant_today().day >= WAIT_FOR_SNAPSHOTS_UNTIL_DAY

    def _tenant_report_recipients(self, company):
        """``{user: properties}`` of who gets the report of ``company``: each Tenant Relations
        manager (every property: an empty recordset) and each manager of a property (the properties
        they manage). A hook: a firm's addon may add its head office."""
        # sudo: the job reads who is in the managers' group (group membership, nothing more).
        managers = self.env.ref("tenant_relations.group_tenant_relations_manager").sudo().users
        recipients = {
            user: self.env["tenant.property"]
            for user in managers
            if not user.share and company in user.company_ids and user.email
        }
        properties = (
            self.env["tenant.property"]
            .sudo()
            .search(  # sudo: the job reads every property
                [("company_id", "=", company.id), ("manager_id", "!=", False)]
            )
        )
        for prop in properties:
            user = prop.manager_id
            if user in recipients and not recipients[user]:
                continue  # a Tenant Relations manager gets the whole firm already
            if user.email and not user.share:
                recipients[user] = recipients.get(user, properties.browse()) | prop
        return recipients

    def _tenant_send_report(self, user, company, month, properties):
        """Build ``user``'s report as ``user`` in their language and queue it to them."""
        env = (
            self.with_user(user)
            .with_context(lang=user.lang, tz=user.tz, allowed_company_ids=[company.id])
            .env
        )
        name, data = env["tenant.kpi.xlsx"]._tenant_report("kpi", company, month, properties.with_env(env))
        template = self.env.ref("tenant_relations.mail_template_kpi_monthly_report")
        # A private message (no document): the template renders on the user, but a message on a
        # res.users record is readable by every employee who reads that user, and so would be the
        # file hanging on it (/web/content/<id>). Without a document, the message (and its file) is
        # its recipient's alone (and its author's).
        mail_id = template.with_context(tenant_month=month.strftime("%Y-%m"), lang=user.lang).send_mail(
            user.id, force_send=False, email_values={"model": False, "res_id": False}
        )
        mail = self.env["mail.mail"].sudo().browse(mail_id)  # sudo: the job's own queued mail
        # The file hangs on the mail's message: who may read the message (its recipient) may read it.
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": name,
                    "raw": data,
                    "res_model": "mail.message",
                    "res_id": mail.mail_message_id.id,
                    "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                }
            )
        )
        mail.attachment_ids = [(4, attachment.id)]
        return mail
