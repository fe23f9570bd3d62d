// Parses an iCalendar file with ical.js (Mozilla's parser, used by Thunderbird) and prints what it understood as JSON,
// for the .NET tests: every component with every property (name, parameters, decoded values), and the occurrences of
// every event expanded with ical.js's own recurrence iterator (EXDATE and RECURRENCE-ID overrides applied), each with
// its wall-clock start in its TZID and its UTC instant computed from the file's own VTIMEZONE.
//
// usage: node ical-check.mjs [--max N] FILE...   (one FILE: one object; several: an array, in order)
// ical.js is found in LOTGENOTEN_TEST_NODE_MODULES when set, else next to this script (npm ci in tests/js).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = process.env.LOTGENOTEN_TEST_NODE_MODULES || path.join(here, 'node_modules');
const entry = path.join(modules, 'ical.js', 'dist', 'ical.js');
const ICAL = (await import(pathToFileURL(entry).href)).default;
void createRequire;

const args = process.argv.slice(2);
let max = 500;
if (args[0] === '--max') {
  max = Number(args[1]);
  args.splice(0, 2);
}
if (args.length === 0) {
  console.error('usage: node ical-check.mjs [--max N] FILE...');
  process.exit(2);
}

function valueOf(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v.toString();
}

function describe(component) {
  return {
    name: component.name.toUpperCase(),
    properties: component.getAllProperties().map(p => ({
      name: p.name.toUpperCase(),
      parameters: Object.fromEntries(Object.entries(p.toJSON()[1]).map(([k, v]) => [k.toUpperCase(), String(v)])),
      values: p.getValues().map(valueOf),
    })),
    components: component.getAllSubcomponents().map(describe),
  };
}

function isoLocal(t) {
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}

function isoUtc(t) {
  return new Date(t.toUnixTime() * 1000).toISOString().replace('.000Z', 'Z');
}

function occurrence(event, start, end, recurrenceId) {
  return {
    uid: event.uid,
    recurrenceId: recurrenceId ? isoLocal(recurrenceId) : null,
    start: isoLocal(start),
    end: isoLocal(end),
    tzid: start.zone ? start.zone.tzid : null,
    startUtc: isoUtc(start),
    endUtc: isoUtc(end),
    summary: event.summary ?? null,
    location: event.location ?? null,
    status: event.component.getFirstPropertyValue('status') ?? null,
    sequence: event.sequence === null || event.sequence === undefined ? null : String(event.sequence),
  };
}

function check(file) {
  // Strict UTF-8: a broken sequence is an error, not a U+FFFD.
  const text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  const root = new ICAL.Component(ICAL.parse(text));

  for (const vtimezone of root.getAllSubcomponents('vtimezone')) {
    const zone = new ICAL.Timezone(vtimezone);
    ICAL.TimezoneService.remove(zone.tzid);
    ICAL.TimezoneService.register(zone, zone.tzid);
  }

  const occurrences = [];
  const vevents = root.getAllSubcomponents('vevent');
  const masters = vevents.filter(e => !e.hasProperty('recurrence-id'));
  const masterUids = new Set(masters.map(e => e.getFirstPropertyValue('uid')));
  for (const component of masters) {
    const event = new ICAL.Event(component);
    if (!event.isRecurring()) {
      occurrences.push(occurrence(event, event.startDate, event.endDate, null));
      continue;
    }
    const iterator = event.iterator();
    let next;
    let count = 0;
    while ((next = iterator.next()) && count < max) {
      const details = event.getOccurrenceDetails(next);
      occurrences.push(occurrence(details.item, details.startDate, details.endDate, details.recurrenceId));
      count++;
    }
  }
  // Overrides without their master (an update or cancel of one occurrence): each stands for itself.
  for (const component of vevents.filter(e => e.hasProperty('recurrence-id') && !masterUids.has(e.getFirstPropertyValue('uid')))) {
    const event = new ICAL.Event(component);
    occurrences.push(occurrence(event, event.startDate, event.endDate, event.recurrenceId));
  }

  return { parser: `ical.js ${ICAL.version ?? ''}`.trim(), root: describe(root), occurrences };
}

const results = args.map(check);
process.stdout.write(JSON.stringify(results.length === 1 ? results[0] : results));
