/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The copy button of the anonymous feedback follow-up code: hidden without script, where the
// code can still be selected (it selects all at a click) and copied by hand.
import { _t } from "@web/core/l10n/translation";
import publicWidget from "@web/legacy/js/public/public_widget";

publicWidget.registry.TenantFeedbackCopy = publicWidget.Widget.extend({
    selector: ".o_tenant_feedback_copy",
    events: { click: "_onClick" },

    start() {
        this.el.classList.remove("d-none");
        return this._super(...arguments);
    },

    async _onClick() {
        const target = document.querySelector(this.el.dataset.copyTarget);
        const label = this.el.querySelector(".o_tenant_feedback_copy_label");
        try {
            await navigator.clipboard.writeText(target.textContent.trim());
            label.textContent = _t("Copied");
        } catch {
            // No clipboard (an old browser, a page not served over HTTPS): select it for the user.
            window.getSelection().selectAllChildren(target);
            label.textContent = _t("Press Ctrl+C to copy");
        }
    },
});
