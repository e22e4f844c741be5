/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// "No English left on a Chinese screen": reads the text a person sees on the current screen and
// fails the tour with every English word found there, so that a string missing from zh_CN.po,
// a record written in the wrong language or a placeholder shows up as a failing journey step.
// No import: the module only reads the DOM, so that it runs in any page the tour reaches.

// Latin words that are right on a Chinese screen. Keep it short: each entry is a decision.
const ALLOWED_WORDS = new Set([
    // The platform's name, in the footer "由 Odoo 提供支持" and the about box.
    "Odoo",
    // Words Chinese firms write as they are: service-level agreement, VIP residents, the
    // country code, file formats offered for export, the phone app (手机App), an ID (税号ID).
    "ID",
    "SLA",
    "VIP",
    "CN",
    "PDF",
    "Excel",
    "App",
    // Core demo users' names, shown as the authors of messages and in the user menu (OdooBot
    // is Odoo's own messaging bot).
    "Mitchell",
    "Admin",
    "Marc",
    "Demo",
    "OdooBot",
]);

// Not words a person reads but tokens a machine wrote: e-mail addresses, web addresses, unit
// codes and references (A-101, 1-1501, TK202612-0001), the anonymous box's follow-up codes
// (K7QX-9FMM-…) and loyalty card codes (0440-43ac-424c), time zone names (Asia/Shanghai),
// square metres and kilowatt-hours.
const NOT_WORDS = [
    /[\w.+-]+@[\w-]+(\.[\w-]+)+/g,
    /\b(https?:\/\/|www\.)\S+/gi,
    /\b(Africa|America|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)\/[A-Za-z_]+/g,
    /\b[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){2,}\b/g,
    /\b[A-Za-z]{1,3}-?\d[\w-]*/g,
    /\bm[²³]/g,
    /\bkWh\b/g,
];

const WORD = /[A-Za-z]{2,}/g;

/**
 * The text shown in ``root`` (a document or an element), with the open shadow roots inside it
 * (the portal chatter lives in one) and its same-origin frames (the feedback box, which a tour
 * opens in a frame).
 */
export function visibleText(root = document) {
    const top = root.body || root;
    const texts = [top.innerText || ""];
    for (const element of top.querySelectorAll("*")) {
        if (element.shadowRoot) {
            for (const child of element.shadowRoot.children) {
                texts.push(child.innerText || "");
            }
        }
        if (element.tagName === "IFRAME" && element.contentDocument) {
            texts.push(visibleText(element.contentDocument));
        }
    }
    return texts.join("\n");
}

/** The English words of ``text`` that are not allowed, each once, in order of appearance. */
export function englishWords(text, allowed = []) {
    const extra = new Set(allowed);
    let cleaned = text;
    for (const pattern of NOT_WORDS) {
        cleaned = cleaned.replace(pattern, " ");
    }
    const found = [];
    for (const [word] of cleaned.matchAll(WORD)) {
        if (!ALLOWED_WORDS.has(word) && !extra.has(word) && !found.includes(word)) {
            found.push(word);
        }
    }
    return found;
}

/** The lines of ``text`` that hold one of ``words``: where to look for the missing string. */
function linesWith(text, words) {
    const lines = text.split("\n").map((line) => line.trim());
    return lines.filter((line) => words.some((word) => line.includes(word))).slice(0, 30);
}

/** Company logo images in ``root`` and its frames: on the demo firm, which uploaded no logo,
 * each is Odoo's "Your logo" placeholder. */
function logoImages(root) {
    const top = root.body || root;
    const selector =
        "img[src*='/logo.png?company'], img[src*='/web/binary/company_logo'], img.o_tenant_feedback_logo";
    const images = [...top.querySelectorAll(selector)];
    for (const frame of top.querySelectorAll("iframe")) {
        if (frame.contentDocument) {
            images.push(...logoImages(frame.contentDocument));
        }
    }
    return images;
}

/**
 * Throw (which fails the tour, with the message in the test log) when the screen shows English
 * words or a "Your logo" placeholder.
 *
 * @param {string} screen what the person looks at, for the message
 * @param {Object} [options]
 * @param {string[]} [options.allowed] more words allowed on this screen only (say why there)
 * @param {string} [options.scope] a selector of the part of the page to read, or of a frame
 *     whose page is read (default: the whole page)
 */
export function assertNoEnglish(screen, { allowed = [], scope = null } = {}) {
    const element = scope ? document.querySelector(scope) : document;
    if (!element) {
        throw new Error(`"${screen}": nothing matches ${scope}`);
    }
    // A frame is read for the page it shows.
    const root = element.tagName === "IFRAME" ? element.contentDocument : element;
    const text = visibleText(root);
    const words = englishWords(text, allowed);
    const problems = [];
    if (words.length) {
        problems.push(
            `English words on the Chinese screen "${screen}": ${words.join(", ")}`,
            ...linesWith(text, words).map((line) => `    | ${line}`)
        );
    }
    const logos = logoImages(root);
    if (logos.length) {
        const sources = logos.map((img) => img.src.slice(0, 60)).join(", ");
        problems.push(`A "Your logo" placeholder on "${screen}": ${sources}`);
    }
    if (problems.length) {
        throw new Error(problems.join("\n"));
    }
}

/**
 * A tour step that waits for ``trigger`` (the screen is loaded), then checks the screen.
 *
 * @param {string} screen
 * @param {string} trigger
 * @param {Object} [options] as for assertNoEnglish
 */
export function noEnglishStep(screen, trigger, options = {}) {
    return {
        content: `no English on: ${screen}`,
        trigger,
        run() {
            assertNoEnglish(screen, options);
        },
    };
}
