// Parses every calendar of the built site with Mozilla's ical.js (the parser Thunderbird uses), for
// tests/quality/test_icaljs.py. Job (JSON file on argv): {tools, files: [path...]}. Prints
// {path: {events, error, problems}}: the VEVENT count, the exception if parsing threw, and events
// that ical.js reads without a UID, SUMMARY or DTSTAMP, or with an end not after the start.
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const job = JSON.parse(readFileSync(process.argv[2] || 0, "utf-8"));
const ICAL = (await import(pathToFileURL(path.join(job.tools, "node_modules/ical.js/dist/ical.js")).href)).default;

const out = {};
for (const file of job.files) {
  const result = { events: null, error: null, problems: [] };
  try {
    const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf-8")));
    if (calendar.name !== "vcalendar") result.problems.push(`top-level component is ${calendar.name}`);
    const vevents = calendar.getAllSubcomponents("vevent");
    result.events = vevents.length;
    for (const vevent of vevents) {
      const event = new ICAL.Event(vevent);
      const uid = event.uid;
      if (!uid) result.problems.push("an event without UID");
      if (!event.summary) result.problems.push(`${uid}: no SUMMARY`);
      if (!vevent.getFirstPropertyValue("dtstamp")) result.problems.push(`${uid}: no DTSTAMP`);
      const start = event.startDate, end = event.endDate;
      if (!start) result.problems.push(`${uid}: no DTSTART`);
      else if (end && end.compare(start) <= 0) result.problems.push(`${uid}: ends ${end}, not after its start ${start}`);
    }
  } catch (error) {
    result.error = String(error && error.stack || error);
  }
  out[file] = result;
}
process.stdout.write(JSON.stringify(out));
