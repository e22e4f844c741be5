# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import api, fields, models
from odoo.tools import SQL

ACCESS_TOKEN = re.compile(r"^[A-Za-z0-9-]{8,128}$")


class SurveyUserInput(models.Model):
    """The answers of anonymous campaigns keep their times to the day only, and tell nobody when
    they were finished (Odoo posts "a participant finished" on the survey, with the time)."""

    _inherit = "survey.user_input"

    tenant_anonymous = fields.Boolean(related="tenant_campaign_id.anonymous", string="Anonymous Answer")

    def init(self):
        """Times of anonymous answers and of their lines are cut to the day by the database itself,
        whatever writes them (the survey's pages save an answer field by field)."""
        result = super().init()
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE FUNCTION tenant_survey_anonymous_day() RETURNS trigger AS $$
                DECLARE
                    answer_id integer;
                    is_anonymous boolean;
                BEGIN
                    IF TG_TABLE_NAME = 'survey_user_input' THEN
                        SELECT campaign.anonymous INTO is_anonymous FROM tenant_survey_campaign AS campaign
                         WHERE campaign.id = NEW.tenant_campaign_id;
                    ELSE
                        SELECT campaign.anonymous INTO is_anonymous
                          FROM survey_user_input AS answer
                          JOIN tenant_survey_campaign AS campaign ON campaign.id = answer.tenant_campaign_id
                         WHERE answer.id = NEW.user_input_id;
                    END IF;
                    IF is_anonymous THEN
                        NEW.create_date := date_trunc('day', NEW.create_date);
                        NEW.write_date := date_trunc('day', NEW.write_date);
                        IF TG_TABLE_NAME = 'survey_user_input' THEN
                            NEW.start_datetime := date_trunc('day', NEW.start_datetime);
                            NEW.end_datetime := date_trunc('day', NEW.end_datetime);
                        END IF;
                    END IF;
                    RETURN NEW;
                END;
                $$ LANGUAGE plpgsql;
                DROP TRIGGER IF EXISTS tenant_survey_anonymous_day ON survey_user_input;
                CREATE TRIGGER tenant_survey_anonymous_day BEFORE INSERT OR UPDATE ON survey_user_input
                    FOR EACH ROW WHEN (NEW.tenant_campaign_id IS NOT NULL)
                    EXECUTE FUNCTION tenant_survey_anonymous_day();
                DROP TRIGGER IF EXISTS tenant_survey_anonymous_day ON survey_user_input_line;
                CREATE TRIGGER tenant_survey_anonymous_day BEFORE INSERT OR UPDATE ON survey_user_input_line
                    FOR EACH ROW EXECUTE FUNCTION tenant_survey_anonymous_day();
                """
            )
        )
        return result

    def _notify_new_participation_subscribers(self):
        return super(
            SurveyUserInput, self.filtered(lambda answer: not answer.tenant_anonymous)
        )._notify_new_participation_subscribers()

    @api.model
    def _tenant_is_anonymous_token(self, tokens):
        """Whether one of ``tokens`` (strings of a request's path or query) is the access token of
        an anonymous campaign's answer."""
        # Access tokens are UUIDs or hex digests: anything else (a NUL byte…) is not one of ours.
        tokens = [token for token in tokens if token and ACCESS_TOKEN.match(token)]
        if not tokens:
            return False
        return bool(
            self.env.execute_query(
                SQL(
                    """SELECT 1 FROM survey_user_input AS answer
                         JOIN tenant_survey_campaign AS campaign ON campaign.id = answer.tenant_campaign_id
                        WHERE answer.access_token = ANY(%s) AND campaign.anonymous LIMIT 1""",
                    tokens,
                )
            )
        )
