#!/usr/bin/env python3
"""The official working calendar (public holidays and adjusted working days, 调休) from the
maintained `chinesecalendar` package (PyPI; it follows the State Council's yearly notice,
国务院办公厅关于部分节假日安排的通知), for Renda's `/api/v1/working-calendar/{year}`.

    pip install chinesecalendar
    python3 tests/tools/working_calendar.py body 2027 > 2027.json
        # the body of PUT /api/v1/working-calendar/2027 (an administrator's token):
        # curl -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        #      --data @2027.json http://127.0.0.1:8080/api/v1/working-calendar/2027
    RENDA_TOKEN=… python3 tests/tools/working_calendar.py check http://127.0.0.1:8080 2024 2025 2026
        # compares the server's calendar of those years (read with a signed-in user's
        # access token) with the package, day by day (whether each day is worked), and
        # exits 1 on a difference

The server's seed for 2024-2026 matched chinesecalendar 1.11.0 day by day when checked.
"""
import datetime as dt
import json
import os
import sys
import urllib.request

from chinese_calendar.constants import holidays, workdays


ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
}


def year_body(year):
    """Holidays that fall on weekdays or weekends alike, and worked weekend days."""
    days = [
        {"date": d.isoformat(), "kind": "holiday", "name": ZH.get(str(holidays[d]), str(holidays[d]))}
        for d in sorted(holidays) if d.year == year
    ] + [
        {"date": d.isoformat(), "kind": "workday", "name": "调休上班"}
        for d in sorted(workdays) if d.year == year
    ]
    if not days:
        sys.exit(f"chinesecalendar has no data for {year}: upgrade it (pip install -U chinesecalendar)")
    return {"days": sorted(days, key=lambda x: x["date"])}


def worked(d, holiday_days, work_days):
    if d in work_days:
        return True
    if d in holiday_days:
        return False
    return d.weekday() < 5


def check(base, years):
    problems = 0
    for year in years:
        request = urllib.request.Request(
            f"{base}/api/v1/working-calendar/{year}",
            headers={"Authorization": f"Bearer {os.environ.get('RENDA_TOKEN', '')}"},
        )
        with urllib.request.urlopen(request) as r:
            served = json.load(r)["days"]
        s_h = {dt.date.fromisoformat(x["date"]) for x in served if x["kind"] == "holiday"}
        s_w = {dt.date.fromisoformat(x["date"]) for x in served if x["kind"] == "workday"}
        d = dt.date(year, 1, 1)
        while d.year == year:
            ours, theirs = worked(d, s_h, s_w), worked(d, holidays, workdays)
            if ours != theirs:
                problems += 1
                print(f"{d}: the server says {'worked' if ours else 'off'}, chinesecalendar {'worked' if theirs else 'off'}")
            d += dt.timedelta(days=1)
    print(f"{problems} differences in {', '.join(map(str, years))}")
    return problems == 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "body":
        json.dump(year_body(int(sys.argv[2])), sys.stdout, ensure_ascii=False, indent=1)
        print()
    elif len(sys.argv) >= 4 and sys.argv[1] == "check":
        sys.exit(0 if check(sys.argv[2].rstrip("/"), [int(y) for y in sys.argv[3:]]) else 1)
    else:
        sys.exit(__doc__)
