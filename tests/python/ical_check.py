#!/usr/bin/env python3
"""Parses an iCalendar file with python3-icalendar and prints what it understood as JSON, for the .NET tests.

Every component with every property (name, parameters, decoded values), and the occurrences of every event expanded
with dateutil's rrule (EXDATE and RECURRENCE-ID overrides applied) in wall-clock time, each turned into a UTC instant
with the file's OWN VTIMEZONE (icalendar's Timezone.to_tz), not the system's zone database.

usage: python3 ical_check.py [--max N] FILE...   (one FILE: one object; several: an array, in order)
"""
import datetime
import json
import sys

import icalendar
from dateutil import rrule


def fmt(value):
    if isinstance(value, datetime.datetime):
        text = value.replace(tzinfo=None).isoformat(timespec="seconds")
        if value.tzinfo is not None and value.utcoffset() == datetime.timedelta(0) and str(value.tzinfo) in ("UTC", "Z", "UTC+00:00"):
            text += "Z"
        return text
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    return str(value)


def decode(value):
    if hasattr(value, "dts"):
        return [fmt(d.dt) for d in value.dts]
    if hasattr(value, "dt"):
        return [fmt(value.dt)]
    if isinstance(value, str):
        return [str(value)]
    if isinstance(value, int):
        return [str(value)]
    data = value.to_ical()
    return [data.decode("utf-8") if isinstance(data, bytes) else str(data)]


def describe(component):
    properties = []
    for name, value in component.items():
        for single in value if isinstance(value, list) else [value]:
            params = getattr(single, "params", {}) or {}
            properties.append({
                "name": name.upper(),
                "parameters": {k.upper(): str(v) for k, v in params.items()},
                "values": decode(single),
            })
    return {
        "name": component.name.upper(),
        "properties": properties,
        "components": [describe(c) for c in component.subcomponents],
    }


def naive(dt):
    return dt.replace(tzinfo=None) if isinstance(dt, datetime.datetime) else dt


def main():
    args = sys.argv[1:]
    maximum = 500
    if args[:1] == ["--max"]:
        maximum = int(args[1])
        args = args[2:]
    if not args:
        print("usage: python3 ical_check.py [--max N] FILE...", file=sys.stderr)
        return 2
    results = [check(path, maximum) for path in args]
    json.dump(results[0] if len(results) == 1 else results, sys.stdout, ensure_ascii=True)
    return 0


def check(path, maximum):
    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8")  # strict: a broken sequence is an error, not a U+FFFD
    calendar = icalendar.Calendar.from_ical(text)

    zones = {str(tz["TZID"]): tz.to_tz() for tz in calendar.walk("VTIMEZONE")}

    def instant(local, tzid):
        if tzid is None:
            return local
        zone = zones[tzid]  # KeyError: a TZID without its VTIMEZONE is a failure
        return zone.localize(local).astimezone(datetime.timezone.utc)

    def utc_text(dt):
        return dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if dt.tzinfo else fmt(dt)

    def occurrence(event, start_local, end_local, tzid, recurrence_id):
        start = instant(start_local, tzid)
        end = instant(end_local, tzid)
        return {
            "uid": str(event.get("UID")),
            "recurrenceId": fmt(recurrence_id) if recurrence_id is not None else None,
            "start": fmt(start_local),
            "end": fmt(end_local),
            "tzid": tzid,
            "startUtc": utc_text(start),
            "endUtc": utc_text(end),
            "summary": str(event["SUMMARY"]) if "SUMMARY" in event else None,
            "location": str(event["LOCATION"]) if "LOCATION" in event else None,
            "status": str(event["STATUS"]) if "STATUS" in event else None,
            "sequence": str(int(event["SEQUENCE"])) if "SEQUENCE" in event else None,
        }

    def times(event):
        tzid = event["DTSTART"].params.get("TZID")
        start = naive(event["DTSTART"].dt)
        end = naive(event["DTEND"].dt) if "DTEND" in event else start + event["DURATION"].dt
        return start, end, tzid

    events = calendar.walk("VEVENT")
    masters = [e for e in events if "RECURRENCE-ID" not in e]
    master_uids = {str(e["UID"]) for e in masters}
    overrides = {}
    for event in events:
        if "RECURRENCE-ID" in event:
            overrides[(str(event["UID"]), naive(event["RECURRENCE-ID"].dt))] = event

    occurrences = []
    for event in masters:
        start, end, tzid = times(event)
        if "RRULE" not in event:
            occurrences.append(occurrence(event, start, end, tzid, None))
            continue
        rule = event["RRULE"]
        rule = rule[0] if isinstance(rule, list) else rule
        parts = dict(rule)
        until = parts.pop("UNTIL", None)
        text_rule = rule.to_ical().decode()
        text_rule = ";".join(p for p in text_rule.split(";") if not p.startswith("UNTIL="))
        if until:
            value = until[0]
            if isinstance(value, datetime.datetime) and value.tzinfo is not None and tzid:
                value = zones[tzid].normalize(value.astimezone(zones[tzid])).replace(tzinfo=None)
            text_rule += ";UNTIL=" + naive(value).strftime("%Y%m%dT%H%M%S")
        expansion = rrule.rrulestr(text_rule, dtstart=start)
        excluded = set()
        exdates = event.get("EXDATE")
        for exdate in exdates if isinstance(exdates, list) else ([exdates] if exdates is not None else []):
            excluded.update(naive(d.dt) for d in exdate.dts)
        duration = end - start
        emitted = 0
        for local in expansion:
            if emitted >= maximum:
                break
            if local in excluded:
                continue
            emitted += 1
            override = overrides.get((str(event["UID"]), local))
            if override is not None:
                o_start, o_end, o_tzid = times(override)
                occurrences.append(occurrence(override, o_start, o_end, o_tzid, local))
            else:
                occurrences.append(occurrence(event, local, local + duration, tzid, local))
    for (uid, recurrence_id), event in overrides.items():
        if uid not in master_uids:
            start, end, tzid = times(event)
            occurrences.append(occurrence(event, start, end, tzid, recurrence_id))

    return {"parser": "python-icalendar " + icalendar.__version__, "root": describe(calendar), "occurrences": occurrences}


if __name__ == "__main__":
    sys.exit(main())
