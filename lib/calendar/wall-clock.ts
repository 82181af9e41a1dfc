import { fromShanghaiInput, toShanghaiInput } from "@/lib/time";

// The calendar view runs in UTC and is given Shanghai wall-clock times, so that it shows Shanghai
// hours whatever the browser's zone, without a time zone plugin: a Date it hands back has that
// wall clock in its UTC fields, and is turned back into the instant here.

/** "2026-03-02T10:00:00" for an instant: Shanghai's wall clock, for the view. */
export function wallTime(instant: Date | number | string): string {
  return `${toShanghaiInput(typeof instant === "string" ? Date.parse(instant) : instant)}:00`;
}

/** The instant a view Date stands for. */
export function instantOfWall(wall: Date): Date {
  return fromShanghaiInput(wall.toISOString().slice(0, 16))!;
}

/** The Shanghai day a view Date falls on: "2026-03-02". */
export function dayOfWall(wall: Date): string {
  return wall.toISOString().slice(0, 10);
}
