// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The copy button of the anonymous feedback follow-up code: hidden without script, where the
// code can still be selected (it selects all at a click) and copied by hand. Plain script, served
// as a static file: the feedback pages load no /web/assets bundle (each request of such a bundle
// by a signed-in browser writes a device log). Its texts come translated from the page.
(function () {
    "use strict";
    document.querySelectorAll(".o_tenant_feedback_copy").forEach(function (button) {
        var label = button.querySelector(".o_tenant_feedback_copy_label");
        button.classList.remove("d-none");
        button.addEventListener("click", function () {
            var target = document.querySelector(button.dataset.copyTarget);
            var selectIt = function () {
                // No clipboard (an old browser, a page not served over HTTPS): select it for the user.
                window.getSelection().selectAllChildren(target);
                label.textContent = button.dataset.labelManual;
            };
            if (!navigator.clipboard) {
                selectIt();
                return;
            }
            navigator.clipboard.writeText(target.textContent.trim()).then(function () {
                label.textContent = button.dataset.labelCopied;
            }, selectIt);
        });
    });
})();
