/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The reporter field of the ticket form. The agent finds the caller by phone, name or unit code
// (res.partner._search_display_name); when a unit code found them, that is the unit the call is
// about: a resident of several units is not asked again which one (the form asks otherwise).
import { registry } from "@web/core/registry";
import { Many2OneField, many2OneField } from "@web/views/fields/many2one/many2one_field";
import { Many2XAutocomplete } from "@web/views/fields/relational_utils";

export class CallerAutocomplete extends Many2XAutocomplete {
    static props = {
        ...Many2XAutocomplete.props,
        onSearch: { type: Function, optional: true },
    };

    search(name) {
        this.props.onSearch?.(name);
        return super.search(name);
    }
}

export class CallerMany2OneField extends Many2OneField {
    static components = { ...Many2OneField.components, Many2XAutocomplete: CallerAutocomplete };
    static props = {
        ...Many2OneField.props,
        unitField: { type: String, optional: true },
        unitsField: { type: String, optional: true },
    };

    setup() {
        super.setup();
        // Bound here, not in the getter: templates read the getter through a scope derived from
        // the component, where an arrow function's ``this`` would not be the component.
        this.onSearch = (name) => {
            this.typed = name;
        };
        const update = this.update;
        this.update = async (value, params) => {
            const typed = this.typed;
            await update(value, params);
            if (value) {
                await this.chooseTypedUnit(typed);
            }
        };
    }

    get Many2XAutocompleteProps() {
        return { ...super.Many2XAutocompleteProps, onSearch: this.onSearch };
    }

    /** The caller's unit whose code was typed, when the form left the choice to the agent. */
    async chooseTypedUnit(typed) {
        const { record, unitField, unitsField } = this.props;
        const code = (typed || "").trim();
        const units = record.data[unitsField];
        if (!code || record.data[unitField] || !units || units.currentIds.length < 2) {
            return;
        }
        // The model's ORM, not this component's: choosing the caller re-renders the form, and a
        // destroyed component's calls never return.
        const [unit] = await record.model.orm.searchRead(
            record.fields[unitField].relation,
            [
                ["id", "in", units.currentIds],
                ["code", "=ilike", code],
            ],
            ["display_name"],
            { limit: 1 }
        );
        if (unit) {
            await record.update({ [unitField]: [unit.id, unit.display_name] });
        }
    }
}

export const callerMany2OneField = {
    ...many2OneField,
    component: CallerMany2OneField,
    extractProps(fieldInfo, dynamicInfo) {
        return {
            ...many2OneField.extractProps(fieldInfo, dynamicInfo),
            unitField: fieldInfo.options.unit_field || "unit_id",
            unitsField: fieldInfo.options.units_field || "partner_unit_ids",
        };
    },
};

registry.category("fields").add("tenant_caller_many2one", callerMany2OneField);
