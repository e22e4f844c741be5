/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The steps the back-office tours share: open a menu of the app, type in a form field, pick from
// its autocomplete, read what a field shows, save the form, and find no error left on screen.
// Tours import them from "@tenant_relations/../tests/tours/tenant_relations_tour_steps".

export const FORM = ".o_form_view";

/** The element ``inside`` (an input by default) of the form's field ``name``. */
export function field(name, inside = "input") {
    return `${FORM} .o_field_widget[name='${name}'] ${inside}`;
}

/** A step; ``content`` (what it checks, when the trigger does not say) only when given. */
export function step(trigger, run, content) {
    return {
        ...(content ? { content } : {}),
        trigger,
        ...(run ? { run } : {}),
    };
}

/** Type ``text`` in the form's field ``name`` (``text`` may go on with "&& click body"). */
export function edit(name, text, content) {
    return step(field(name), `edit ${text}`, content);
}

/** The form's field ``name`` shows ``value``. */
export function shows(name, value, content) {
    return step(`${field(name)}:value(${value})`, undefined, content);
}

/** The radio button ``value`` of the form's field ``name`` is the one checked. */
export function checked(name, value, content) {
    return step(field(name, `input[data-value='${value}']:checked`), undefined, content);
}

/** Click the element ``trigger`` selects. */
export function click(trigger, content) {
    return step(trigger, "click", content);
}

/** Pick the autocomplete's entry ``label`` (a reporter, a unit, a category). */
export function pick(label) {
    return click(`.o-autocomplete--dropdown-item > a:contains('${label}')`);
}

/** Click the form's save button. */
export function clickSave(content) {
    return click(`${FORM} .o_form_button_save`, content);
}

/** The form is saved. */
export function saved() {
    return step(`${FORM} .o_form_saved`);
}

/** Save the form, and wait until it is saved. */
export function save() {
    return [clickSave(), saved()];
}

/** From the home screen, the Tenant Relations app's menu ``section``, then its entry ``entry``. */
export function openMenu(section, entry) {
    return [
        click(".o_navbar_apps_menu button"),
        click(".o_app[data-menu-xmlid='tenant_relations.tenant_relations_menu_root']"),
        click(`.o_menu_sections button:contains('${section}'), .o_menu_sections a:contains('${section}')`),
        click(`.dropdown-item:contains('${entry}')`),
    ];
}

/** No error dialog is open. */
export function noError() {
    return step("body:not(:has(.o_error_dialog))", undefined, "no error dialog");
}
