#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Write the State Council's holiday arrangements as the addon ships them, from the maintained
``chinese-calendar`` package (PyPI ``chinesecalendar``), which is read here and never at run time.

    pip install chinesecalendar
    python3 tools/china_holidays.py                      # tenant_relations/data/tenant_holiday_data.xml
    python3 tools/china_holidays.py --csv 2027 > 2027.csv  # one year, for Settings → Public Holidays → Upload

The package raises for a year it does not know yet; when the State Council publishes the next year
(late October to early December) before the package does, write its CSV by hand: one line per day,
``date,kind,festival`` with kind ``holiday`` or ``workday`` and a festival key of FESTIVALS below.
"""

import argparse
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tenant_relations" / "data" / "tenant_holiday_data.xml"
# chinese-calendar's names -> the addon's festival keys (tenant.holiday.day.festival).
FESTIVALS = {
    "New Year's Day": "new_year",
    "Spring Festival": "spring_festival",
    "Tomb-sweeping Day": "tomb_sweeping",
    "Labour Day": "labour_day",
    "Dragon Boat Festival": "dragon_boat",
    "Mid-autumn Festival": "mid_autumn",
    "National Day": "national_day",
}


def days(first, last):
    """``[(date, kind, festival), ...]`` of the years ``first`` to ``last``, in date order."""
    import chinese_calendar  # noqa: PLC0415 - a tool's dependency, not the addon's

    rows = [
        (day, "holiday", FESTIVALS.get(name, "other"))
        for day, name in chinese_calendar.holidays.items()
        if first <= day.year <= last
    ]
    rows += [
        (day, "workday", FESTIVALS.get(name, "other"))
        for day, name in chinese_calendar.workdays.items()
        if first <= day.year <= last and day.weekday() >= 5
    ]
    return sorted(rows)


def xml(rows):
    years = sorted({day.year for day, _kind, _festival in rows})
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). -->",
        "<!-- Written by tools/china_holidays.py from the chinese-calendar package: do not edit by hand.",
        "     The State Council's days off and make-up workdays (调休) of each year. noupdate: a firm's",
        "     correction of a day stays. -->",
        '<odoo noupdate="1">',
    ]
    for year in years:
        out.append(f'    <record id="holiday_year_{year}" model="tenant.holiday.year">')
        out.append(f'        <field name="year">{year}</field>')
        out.append("    </record>")
    for day, kind, festival in rows:
        out.append(f'    <record id="holiday_day_{day:%Y%m%d}" model="tenant.holiday.day">')
        out.append(f'        <field name="year_id" ref="holiday_year_{day.year}"/>')
        out.append(f'        <field name="date">{day.isoformat()}</field>')
        out.append(f'        <field name="kind">{kind}</field>')
        out.append(f'        <field name="festival">{festival}</field>')
        out.append("    </record>")
    out.append("</odoo>")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--first", type=int, default=2004)
    parser.add_argument("--last", type=int, default=2026)
    parser.add_argument("--csv", type=int, metavar="YEAR", help="one year as the upload's CSV, on stdout")
    args = parser.parse_args()
    if args.csv:
        sys.stdout.write("date,kind,festival\n")
        for day, kind, festival in days(args.csv, args.csv):
            sys.stdout.write(f"{day.isoformat()},{kind},{festival}\n")
        return
    OUT.write_text(xml(days(args.first, args.last)), encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {args.first}-{args.last}", file=sys.stderr)


if __name__ == "__main__":
    main()
