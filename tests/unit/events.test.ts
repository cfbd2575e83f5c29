import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { groupByWeek, monthGrid, shiftMonth, weekStart } from "~/events/calendar";
import { addEvents } from "~/events/ical.server";
import { attendeesCsv } from "~/events/events.server";
import { hasRoom, pendingUntil, placesLeft, rsvpLinkState, toPromote, waitingPosition } from "~/events/rsvp";
import { eventSchema } from "~/events/schema";
import { cityCalendar } from "~/kernel/ical";
import { isolate } from "~/kernel/text";

const at = (minute: number) => new Date(Date.UTC(2027, 0, 1, 10, minute));

describe("places and the waiting list", () => {
  it("know when an event is full", () => {
    expect(hasRoom(9, 10)).toBe(true);
    expect(hasRoom(10, 10)).toBe(false);
    expect(hasRoom(500, null)).toBe(true);
    expect(placesLeft(7, 10)).toBe(3);
    expect(placesLeft(12, 10)).toBe(0);
    expect(placesLeft(3, null)).toBeNull();
  });

  it("move up the earliest on the list first, as many as there are places", () => {
    const waiting = [
      { id: "c", createdAt: at(3) },
      { id: "a", createdAt: at(1) },
      { id: "b", createdAt: at(2) },
    ];
    expect(toPromote(waiting, 2).map((entry) => entry.id)).toEqual(["a", "b"]);
    expect(toPromote(waiting, 0)).toEqual([]);
    expect(toPromote(waiting, 10).map((entry) => entry.id)).toEqual(["a", "b", "c"]);
    expect(waitingPosition(waiting, "c")).toBe(3);
    expect(waitingPosition(waiting, "zz")).toBeNull();
  });

  it("break ties in arrival time by id, so the order never changes between reads", () => {
    const waiting = [
      { id: "y", createdAt: at(1) },
      { id: "x", createdAt: at(1) },
    ];
    expect(toPromote(waiting, 1)[0]!.id).toBe("x");
  });
});

describe("a visitor's answer waiting for confirmation", () => {
  const now = new Date("2027-03-01T10:00:00Z");
  const hours = (count: number) => new Date(now.getTime() + count * 3_600_000);

  it("waits 24 hours, or until the event starts when that comes first", () => {
    expect(pendingUntil(now, hours(72))).toEqual(hours(24));
    expect(pendingUntil(now, hours(3))).toEqual(hours(3));
  });

  it("can be confirmed through its link only while pending, before its expiry and the event's start", () => {
    const pending = { status: "PENDING", pendingUntil: hours(24) };
    expect(rsvpLinkState(pending, hours(48), now)).toBe("pending");
    expect(rsvpLinkState(pending, hours(48), hours(24))).toBe("expired");
    // Staff moved the start earlier than the link's expiry.
    expect(rsvpLinkState(pending, hours(2), hours(2))).toBe("expired");
    expect(rsvpLinkState({ status: "PENDING", pendingUntil: null }, hours(48), now)).toBe("expired");
    expect(rsvpLinkState({ status: "CONFIRMED", pendingUntil: null }, hours(48), now)).toBe("confirmed");
    expect(rsvpLinkState({ status: "WAITING", pendingUntil: null }, hours(48), now)).toBe("waiting");
    expect(rsvpLinkState({ status: "CANCELLED", pendingUntil: null }, hours(48), now)).toBe("cancelled");
  });
});

describe("the calendar", () => {
  it("groups events by their week, starting on Monday", () => {
    expect(weekStart("2027-03-07")).toBe("2027-03-01"); // a Sunday belongs to the week before
    expect(weekStart("2027-03-01")).toBe("2027-03-01");
    const groups = groupByWeek(["2027-03-02", "2027-03-07", "2027-03-08"], (day) => day);
    expect(groups).toEqual([
      { weekStart: "2027-03-01", items: ["2027-03-02", "2027-03-07"] },
      { weekStart: "2027-03-08", items: ["2027-03-08"] },
    ]);
  });

  it("lays a month out in whole weeks", () => {
    const grid = monthGrid("2027-02", ["2027-02-14"], (day) => day);
    expect(grid[0]![0]!.day).toBe("2027-02-01");
    expect(grid).toHaveLength(4);
    expect(grid.flat().find((cell) => cell.day === "2027-02-14")?.items).toEqual(["2027-02-14"]);
    expect(shiftMonth("2027-01", -1)).toBe("2026-12");
    expect(shiftMonth("2027-12", 1)).toBe("2028-01");
  });
});

describe("the event form", () => {
  it("needs an end after the start, and a capacity of at least one", () => {
    const result = eventSchema.safeParse({
      intent: "save",
      neighbourhoodId: "n",
      originalLocale: "bg",
      translations: { bg: { title: "Сеитба", description: "Заедно" } },
      startsAt: "2027-03-01T14:00",
      endsAt: "2027-03-01T13:00",
      place: "Rolliersstraat",
      organiser: "Buurt",
      capacity: "0",
    });
    expect(result.success ? [] : result.error.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["capacity", "events:validation.capacity"],
    ]);
    const order = eventSchema.safeParse({
      intent: "save",
      neighbourhoodId: "n",
      originalLocale: "bg",
      translations: { bg: { title: "Сеитба", description: "Заедно" } },
      startsAt: "2027-03-01T14:00",
      endsAt: "2027-03-01T13:00",
      place: "Rolliersstraat",
      organiser: "Buurt",
    });
    expect(order.success ? [] : order.error.issues.map((issue) => issue.path.join("."))).toEqual(["endsAt"]);
  });

  it("checks a start typed before the end is, or an end before the start, without throwing (the form validates on every change)", () => {
    const event = (startsAt: string, endsAt: string) =>
      eventSchema.safeParse({
        intent: "save",
        neighbourhoodId: "n",
        originalLocale: "nl",
        translations: { nl: { title: "Zaaifeest", description: "Samen zaaien" } },
        startsAt,
        endsAt,
        place: "Rolliersstraat",
        organiser: "Buurt",
      });
    const problems = (result: ReturnType<typeof event>) => (result.success ? [] : result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(problems(event("2027-03-01T14:00", ""))).toEqual([["endsAt", "validation.required"]]);
    expect(problems(event("", "2027-03-01T13:00"))).toEqual([["startsAt", "validation.required"]]);
    expect(problems(event("2027-03-01T14:00", "2027-03-01T13:00"))).toEqual([["endsAt", "validation.dateOrder"]]);
  });
});

describe("the attendee CSV", () => {
  it("quotes fields and defuses spreadsheet formulas", () => {
    const csv = attendeesCsv(
      [{ name: '=HYPERLINK("x")', email: "a@b.c", status: "CONFIRMED", createdAt: new Date("2027-01-01T10:00:00Z") }],
      ["Naam", "E-mail", "Status", "Sinds"],
    );
    expect(csv).toBe('"Naam","E-mail","Status","Sinds"\r\n"\'=HYPERLINK(""x"")","a@b.c","CONFIRMED","2027-01-01T10:00:00.000Z"\r\n');
  });
});

describe("the iCal output", () => {
  it("parses back (ical.js) with the Brussels zone, the reader's language and the cancellation", () => {
    const calendar = addEvents(
      cityCalendar("Wijkbudget · Kroonmolen"),
      [
        {
          id: "e1",
          startsAt: new Date("2027-07-03T12:00:00Z"),
          endsAt: new Date("2027-07-03T15:00:00Z"),
          place: "Samentuin, Rolliersstraat",
          latitude: 51.17,
          longitude: 4.14,
          organiser: "Kroonmolen aan Zet",
          originalLocale: "nl",
          cancelledAt: null,
          updatedAt: new Date("2027-06-01T00:00:00Z"),
          texts: [
            { locale: "nl", title: "Zaaifeest", description: "Samen zaaien" },
            { locale: "tr", title: "Ekim şenliği", description: "Birlikte ekim" },
          ],
        },
        {
          id: "e2",
          startsAt: new Date("2027-01-10T08:00:00Z"),
          endsAt: new Date("2027-01-10T10:00:00Z"),
          place: "Gelijkheidstraat",
          latitude: null,
          longitude: null,
          organiser: "Buurt",
          originalLocale: "nl",
          cancelledAt: new Date(),
          updatedAt: new Date(),
          texts: [{ locale: "nl", title: "Straatkoffie", description: "Koffie" }],
        },
      ],
      "tr",
      "https://wijkbudget.test",
    );
    const root = new ICAL.Component(ICAL.parse(calendar.toString()));
    const zone = root.getFirstSubcomponent("vtimezone");
    expect(zone?.getFirstPropertyValue("tzid")).toBe("Europe/Brussels");
    const [summer, winter] = root.getAllSubcomponents("vevent").map((component) => new ICAL.Event(component));
    // What people wrote is isolated (FSI…PDI), so a right-to-left calendar keeps its punctuation in place.
    expect(summer!.summary).toBe(isolate("Ekim şenliği"));
    expect(summer!.location).toBe(isolate("Samentuin, Rolliersstraat"));
    expect(summer!.component.getFirstProperty("dtstart")?.getParameter("tzid")).toBe("Europe/Brussels");
    expect(summer!.startDate.toString()).toBe("2027-07-03T14:00:00"); // UTC+2 in summer
    expect(summer!.component.getFirstPropertyValue("url")).toBe("https://wijkbudget.test/events/e1");
    expect(winter!.startDate.toString()).toBe("2027-01-10T09:00:00"); // UTC+1 in winter
    expect(winter!.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(winter!.summary).toBe(isolate("Straatkoffie")); // no Turkish text: the original
  });

  it("escapes what a title, place or description could use to inject calendar lines", () => {
    // Line breaks reach us as LF (the input boundary turns CRLF into LF).
    const hostile = "Feest;\nATTENDEE:mailto:evil@example.org\nEND:VEVENT, \\ ok";
    const calendar = addEvents(
      cityCalendar("Wijkbudget"),
      [
        {
          id: "e3",
          startsAt: new Date("2027-05-01T10:00:00Z"),
          endsAt: new Date("2027-05-01T12:00:00Z"),
          place: hostile,
          latitude: null,
          longitude: null,
          organiser: "Buurt",
          originalLocale: "nl",
          cancelledAt: null,
          updatedAt: new Date("2027-04-01T00:00:00Z"),
          texts: [{ locale: "nl", title: hostile, description: hostile }],
        },
      ],
      "nl",
      "https://wijkbudget.test",
    );
    const root = new ICAL.Component(ICAL.parse(calendar.toString()));
    const events = root.getAllSubcomponents("vevent");
    expect(events).toHaveLength(1);
    const event = new ICAL.Event(events[0]!);
    expect(event.summary).toBe(isolate(hostile));
    expect(event.location).toBe(isolate(hostile));
    expect(event.description.startsWith(isolate(hostile))).toBe(true); // then the organiser
    expect(events[0]!.getAllProperties("attendee")).toHaveLength(0);
  });
});
