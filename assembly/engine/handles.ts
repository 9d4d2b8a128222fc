// The worlds the TypeScript side holds by handle, and their event logs. Every module's builder
// functions (run.ts, lending.ts, cdp.ts, perps.ts, vaults.ts) reach a world through here.

import { Events } from "./events";
import { World } from "./world";

const worlds: Array<World | null> = [];
const logs: Array<Events> = [];

@inline export function world(h: i32): World {
  return changetype<World>(unchecked(worlds[h]));
}

@inline export function eventsOf(h: i32): Events {
  return unchecked(logs[h]);
}

/** Registers a world; returns its handle (a freed slot first). */
export function register(w: World, eventCapacity: i32): i32 {
  for (let h = 0; h < worlds.length; h++) {
    if (unchecked(worlds[h]) == null) {
      unchecked((worlds[h] = w));
      unchecked((logs[h] = new Events(eventCapacity)));
      return h;
    }
  }
  worlds.push(w);
  logs.push(new Events(eventCapacity));
  return worlds.length - 1;
}

export function unregister(h: i32): void {
  unchecked((worlds[h] = null));
  unchecked((logs[h] = new Events(0)));
}
