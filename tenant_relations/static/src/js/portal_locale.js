/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Dates written by the portal's scripts ("5 minutes ago", the days of the conversation) in the
// page's language and time zone. The frontend session carries no user language, so Odoo's
// localization service gives luxon the browser's language: an English phone showed a Chinese
// resident's page half in English. (The texts themselves come from the frontend translations,
// see models/portal/ir_http.py.) And luxon writes in the phone's zone, while the server writes the page
// in the resident's zone, else the firm's (session.tenant_tz, see ir.http): one page gave one
// request two different days.
import { pyToJsLocale } from "@web/core/l10n/utils";
import { user } from "@web/core/user";
import { registry } from "@web/core/registry";
import { session } from "@web/session";

export const pageLocaleService = {
    dependencies: ["localization"],
    start() {
        // The language the page was rendered in (the resident's, when signed in); the <html>
        // element carries no lang attribute without the website app.
        const pageLang =
            document.documentElement.getAttribute("lang") || session.bundle_params?.lang;
        if (!user.lang && pageLang) {
            luxon.Settings.defaultLocale = pyToJsLocale(pageLang);
        }
        if (session.tenant_tz && luxon.IANAZone.isValidZone(session.tenant_tz)) {
            luxon.Settings.defaultZone = session.tenant_tz;
        }
    },
};

registry.category("services").add("tenant_relations.page_locale", pageLocaleService);
